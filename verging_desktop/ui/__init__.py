"""The Qt user interface. The only package (with ``app.py`` and ``screenshots.py``) that may
import PySide6 or qasync; ``tests/ui/test_layering.py`` enforces it.

Layout:
  main_window.py   the main window: tool tabs (lazy), job queue dock, status bar, menus
  session.py       the connection to Verging (client, keys, balance, sandbox mode) as a QObject
  tools/           one module per tool tab; ``tools/__init__.py`` holds the registry
  widgets/         reusable widgets (usage chart, status bar pieces, job queue panel)
  dialogs/         API keys, account and usage, settings, error dialog
"""
