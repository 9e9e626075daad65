"""The translation tests use the GUI tests' fixtures (isolated folders and settings, the keyring,
the qasync loop, the app harness, the Qt-warning guard)."""

from tests.ui.conftest import (  # noqa: F401  (fixtures)
    collect_garbage_on_the_gui_thread,
    harness,
    isolated,
    loop,
    memory_keyring,
    no_unexpected_qt_warnings,
    sandbox,
    store,
)
