"""``python -m verging_desktop.cli``."""

import sys

from . import main

sys.exit(main())
