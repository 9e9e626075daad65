"""Unexpected exceptions become a dialog with the message and a "Copy details" button.

``CrashHandler.install()`` sets ``sys.excepthook`` (exceptions in Qt slots end there) and the
asyncio loop's exception handler (qasync). Details are redacted before they are shown, copied
or logged.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.redact import redact
from .plural import plural

log = logging.getLogger("verging_desktop.ui.crash")


def format_details(exc: BaseException, context: str = "") -> str:
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    head = (f"Verging Desktop {__version__} on Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")
    parts = [head]
    if context:
        parts.append(context)
    parts.append(tb.rstrip())
    return redact("\n\n".join(parts))


class ErrorDialog(QDialog):
    """Shows an unexpected error: one readable line, the details on demand, and "Copy details"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumWidth(560)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self.tr("Verging Desktop hit an unexpected error. Your work in other tabs is not affected."))
        self.headline.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.message.font()
        f.setBold(True)
        self.message.setFont(f)
        self.details = QPlainTextEdit()
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(200)
        self.count = 0

        self.toggle = QPushButton(self.tr("Show details"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggle)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        for b in (self.toggle, self.copy_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.message)
        top.addLayout(text, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.details, 1)
        lay.addWidget(buttons)

    def _toggle(self, on: bool) -> None:
        self.details.setVisible(on)
        self.toggle.setText(self.tr("Hide details") if on else self.tr("Show details"))
        self.adjustSize()

    def add_error(self, message: str, details: str) -> None:
        self.count += 1
        if self.count == 1:
            self.message.setText(message)
            self.details.setPlainText(details)
        else:
            more = self.tr("(%n error(s) so far; all are in the details.)", "", self.count)
            self.message.setText(f"{message}\n{plural(more, self.count)}")
            self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))

    def done(self, r: int) -> None:
        self.count = 0
        self.copy_button.setText(self.tr("Copy details"))
        super().done(r)


class CrashHandler(QObject):
    """Routes unexpected exceptions to the log and an :class:`ErrorDialog`.

    Signals:
        reported(str): the one-line message of each error shown (queued to the GUI thread).
    """

    reported = Signal(str)
    _deliver = Signal(str, str)

    def __init__(self, parent_widget: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self.dialog: ErrorDialog | None = None
        self._old_hook: Any = None
        self._deliver.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if self._old_hook is None:
            self._old_hook = sys.excepthook
            sys.excepthook = self.excepthook
        if loop is not None:
            loop.set_exception_handler(self.loop_exception_handler)

    def uninstall(self) -> None:
        if self._old_hook is not None and sys.excepthook == self.excepthook:
            sys.excepthook = self._old_hook
        self._old_hook = None

    # -- entry points --------------------------------------------------------------------
    def excepthook(self, etype: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            (self._old_hook or sys.__excepthook__)(etype, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.report(exc)

    def loop_exception_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, asyncio.CancelledError):
            return
        msg = str(context.get("message") or "")
        if exc is None:
            log.warning("asyncio: %s", redact(msg))
            return
        self.report(exc, msg)

    def report(self, exc: BaseException, context: str = "") -> None:
        details = format_details(exc, context)
        message = redact(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        log.error("unexpected error: %s\n%s", message, details)
        self._deliver.emit(message, details)

    # -- GUI side -------------------------------------------------------------------------
    def _show(self, message: str, details: str) -> None:
        if self.dialog is None:
            self.dialog = ErrorDialog(self._parent_widget())
        self.dialog.add_error(message, details)
        if not self.dialog.isVisible():
            self.dialog.open()
        self.reported.emit(message)
