"""The frozen window's entry point (PyInstaller runs this as ``verging-desktop``)."""

import sys

from verging_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
