"""``python -m verging_desktop``: the app, as the ``verging-desktop`` command starts it
(:func:`verging_desktop.app.main`, pyproject's gui-scripts). Nothing else is imported here, so the
first frame comes as soon as with the command."""

from __future__ import annotations

import sys

from .app import main

if __name__ == "__main__":
    sys.exit(main())
