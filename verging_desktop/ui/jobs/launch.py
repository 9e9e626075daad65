"""Opening a saved result (or its folder) with the system's app, and saying so when that fails.

``QDesktopServices.openUrl`` answers False when nothing is set up to open a file (no desktop
launcher, no app for the type, a minimal desktop): the user then gets a status-bar line with the
path and a small non-blocking box offering "Show in folder" and "Copy path", never silence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

#: opens a URL with the system's app; answers whether one was started (QDesktopServices.openUrl)
Opener = Callable[[QUrl], bool]


def open_path(path: Path, parent: QWidget, message: Callable[[str], None], *, folder: bool = False,
              opener: Opener | None = None) -> bool:
    """Open ``path`` (a file, or with ``folder`` a folder) with the system's app. When none can be
    started: a line in the status bar naming the path and a box to show it in its folder or copy it."""
    open_url = opener or QDesktopServices.openUrl
    if open_url(QUrl.fromLocalFile(str(path))):
        return True
    translate = QCoreApplication.translate
    if folder:
        text = translate("OpenPath", "No app could be started to open the folder. It is at %1").replace("%1", str(path))
    else:
        text = translate("OpenPath", "No app could be started to open %1. It is at %2").replace(
            "%1", path.name).replace("%2", str(path))
    message(text)
    box = QMessageBox(QMessageBox.Icon.Information, translate("OpenPath", "Cannot open"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("cannotOpen")
    box.setInformativeText(translate("OpenPath", "Open it from your file manager, or copy its path."))
    reveal = None
    if not folder:
        reveal = box.addButton(translate("OpenPath", "Show in folder"), QMessageBox.ButtonRole.ActionRole)
        reveal.setObjectName("revealPath")
    copy = box.addButton(translate("OpenPath", "Copy path"), QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyPath")
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is copy:
            QGuiApplication.clipboard().setText(str(path))
            message(translate("OpenPath", "Path copied: %1").replace("%1", str(path)))
        elif reveal is not None and clicked is reveal and not open_url(QUrl.fromLocalFile(str(path.parent))):
            QGuiApplication.clipboard().setText(str(path))
            message(translate("OpenPath", "No app could be started to show the folder either; the path is copied: %1"
                              ).replace("%1", str(path)))

    box.finished.connect(answered)
    box.open()  # never a blocking exec(): the queue goes on while it is shown
    return False
