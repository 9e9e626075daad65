"""The Qt user interface. The only package (with ``app.py`` and ``screenshots.py``) that may
import PySide6 or qasync; ``tests/ui/test_layering.py`` enforces it.

Layout:
  main_window.py   the main window: tool tabs (lazy), job queue dock, status bar, menus
  session.py       the connection to Verging (client, keys, balance, sandbox mode) as a QObject
  tools/           one module per tool tab; ``tools/__init__.py`` holds the registry
  widgets/         reusable widgets (usage chart, status bar pieces, job queue panel)
  dialogs/         API keys, account and usage, settings, error dialog
"""

import sys as _sys

if _sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    # PySide6 6.12's abi3 wheels return None from every void method, and True from every
    # Signal.emit(), without taking a reference: harmless on Python 3.12+, where None, True and
    # False are immortal, but on 3.11 each call takes one reference away from them and the
    # process dies ("Fatal Python error: none_dealloc / bool_dealloc") after a few thousand
    # calls (a few minutes of video playback). Give the singletons references enough for
    # any session; they are never freed anyway.
    import ctypes as _ctypes

    for _obj in (None, True, False):
        _ctypes.c_ssize_t.from_address(id(_obj)).value += 1 << 40
    del _ctypes, _obj
del _sys
