"""A tab page that builds its real content the first time it is shown."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

log = logging.getLogger("verging_desktop.ui.lazy")


class LazyPage(QWidget):
    """Holds a factory ``factory(ctx) -> QWidget``; builds once, when shown and a context exists.

    Until then the page is blank (it is built a frame after the window first appears).

    Signals:
        built(QWidget): the content was built.
    """

    built = Signal(QWidget)

    def __init__(self, title: str, factory: Callable[[Any], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.factory = factory
        self.content: QWidget | None = None
        self._ctx: Any = None
        self._wanted = False
        self._scheduled = False
        self.setObjectName(f"lazy_{title.replace(' ', '')}")
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)

    def set_context(self, ctx: Any) -> None:
        self._ctx = ctx
        if self._wanted:
            self._schedule()

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if self.content is None:
            self._wanted = True
            if self._ctx is not None:
                self._schedule()

    def _schedule(self) -> None:
        if not self._scheduled and self.content is None:
            self._scheduled = True
            QTimer.singleShot(0, self.build)

    def build(self) -> QWidget | None:
        """Build the content now (idempotent)."""
        if self.content is not None:
            return self.content
        if self._ctx is None:
            return None
        try:
            w = self.factory(self._ctx)
        except Exception as e:
            log.exception("building the %s tab failed", self.title)
            w = _failed_label(self.title, e)
        self._lay.addWidget(w)
        self.content = w
        self.built.emit(w)
        return w


def _failed_label(title: str, err: Exception) -> QWidget:
    """What a page shows when building it failed (the error redacted)."""
    # imported here, not at the top: QLabel's and Qt's enum types cost ~10 ms to set up, and the
    # first paint (which imports this module) does not need them
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QLabel

    from ...core.i18n import _
    from ...core.redact import redact

    label = QLabel(QCoreApplication.translate("LazyPage", "The %1 tab could not be loaded: %2")
                   .replace("%1", _(title)).replace("%2", redact(str(err))))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
