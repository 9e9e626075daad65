"""The frozen command line's entry point (PyInstaller runs this as ``verging``, beside the window)."""

import sys

from verging_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
