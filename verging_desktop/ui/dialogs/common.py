"""Non-blocking dialogs used across the tabs: a yes/cancel question and a Save dialog.

Never a blocking ``exec()`` inside a coroutine: each opens the dialog and calls back with the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
    """A non-blocking Save dialog; it asks before replacing an existing file."""
    d = QFileDialog(parent, title, str(suggested), name_filter)
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    d.setFileMode(QFileDialog.FileMode.AnyFile)
    d.setDefaultSuffix(suggested.suffix.lstrip("."))
    d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    d.fileSelected.connect(lambda p: on_chosen(Path(p)) if p else None)
    d.open()
    return d
