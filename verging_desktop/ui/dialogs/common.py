"""Non-blocking dialogs used across the tabs: a yes/cancel question and a Save dialog.

Never a blocking ``exec()`` inside a coroutine: each opens the dialog and calls back with the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

#: where the last Save dialog saved (the app's settings file); the next one starts there
SAVE_FOLDER_KEY = "dialogs/save_folder"


def _settings() -> QSettings:
    from ..settings_store import APPLICATION, ORGANIZATION

    return QSettings(ORGANIZATION, APPLICATION)


def last_save_folder() -> Path | None:
    """The folder the last Save dialog saved into, if it still exists."""
    v = _settings().value(SAVE_FOLDER_KEY)
    if isinstance(v, str) and v and Path(v).is_dir():
        return Path(v)
    return None


def remember_save_folder(path: Path) -> None:
    _settings().setValue(SAVE_FOLDER_KEY, str(path.parent))


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask before spending credits (Cancel is the default); ``on_yes`` runs on Yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda b: on_yes() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole else None)
    box.open()
    return box


def ask_save_path(parent: QWidget, title: str, suggested: Path, name_filter: str,
                  on_chosen: Callable[[Path], None]) -> QFileDialog:
    """A non-blocking Save dialog; it asks before replacing an existing file. It opens in the
    folder the last Save dialog saved into (the suggested name in it), as desktop apps do; else at
    ``suggested``."""
    last = last_save_folder()
    start = last / suggested.name if last is not None else suggested
    d = QFileDialog(parent, title, str(start), name_filter)
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    d.setFileMode(QFileDialog.FileMode.AnyFile)
    d.setDefaultSuffix(suggested.suffix.lstrip("."))
    d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(p: str) -> None:
        if p:
            remember_save_folder(Path(p))
            on_chosen(Path(p))

    d.fileSelected.connect(chosen)
    d.open()
    return d
