"""Where the application's data files are: pricing tables, icons, translations, the desktop entry.

They live in the project's top-level ``resources/`` folder, which is shipped as the package
``verging_desktop.resources`` (a setuptools ``package_dir`` mapping in ``setup.py``), so one name
finds them however the app was installed:

- a source checkout run with ``PYTHONPATH`` (the tests, ``python -m verging_desktop`` from the
  repository): ``<checkout>/resources``, found next to the package folder;
- a wheel (or ``pip install .``): ``site-packages/verging_desktop/resources``;
- an editable install (``pip install -e .``): setuptools' import finder maps the package to the
  checkout's ``resources/``;
- a PyInstaller bundle: ``sys._MEIPASS/verging_desktop/resources`` (the spec puts them there).

:func:`resource_path` returns a real file system path (Qt, ffmpeg and the desktop-entry installer
need one, not a Traversable), :func:`resource_text` the text of one file. No Qt here.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

PACKAGE = "verging_desktop.resources"


def _frozen_root() -> Path | None:
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        root = Path(meipass) / "verging_desktop" / "resources"
        if root.is_dir():
            return root
    return None


def _checkout_root() -> Path | None:
    """``<checkout>/resources`` when this package is imported from a source checkout.

    It is looked for before the import system because a checkout run with ``PYTHONPATH`` may sit
    beside an editable install of *another* checkout, whose finder would answer for the package.
    """
    package_dir = Path(__file__).resolve().parent.parent      # .../verging_desktop
    checkout = package_dir.parent
    root = checkout / "resources"
    if (checkout / "pyproject.toml").is_file() and (root / "__init__.py").is_file():
        return root
    return None


def _package_root() -> Path | None:
    import importlib.resources  # here: it costs milliseconds at start-up, and a checkout never needs it

    try:
        files = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        return None
    # a wheel is installed unzipped and an editable finder maps to a folder: a real directory
    root = Path(str(files))
    return root if root.is_dir() else None


@functools.cache
def resources_root() -> Path:
    """The folder that holds every resource; FileNotFoundError when the installation has none."""
    for find in (_frozen_root, _checkout_root, _package_root):
        root = find()
        if root is not None:
            return root
    raise FileNotFoundError("The application's resources folder is missing from this installation.")


def resource_path(*parts: str) -> Path:
    """The real path of ``resources/<parts...>`` (it may not exist: check before reading)."""
    return resources_root().joinpath(*parts)


def resource_text(*parts: str, encoding: str = "utf-8") -> str:
    """The text of ``resources/<parts...>``; FileNotFoundError when the file is missing."""
    return resource_path(*parts).read_text(encoding)
