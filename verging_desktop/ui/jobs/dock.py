"""The Job Queue dock's content: the :class:`QueuePanel` of the current queue.

When the app switches between live and sandbox, the queue is replaced and the panel with it; the
Vimmerse queue (same store) is given to the panel and replaced in it when the Vimmerse connection
changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .queue_panel import QueuePanel

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext


class JobQueueDock(QWidget):
    def __init__(self, ctx: ToolContext) -> None:
        super().__init__()
        self.setObjectName("jobQueueDock")
        self.ctx = ctx
        self.panel: QueuePanel | None = None
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._waiting = QLabel(self.tr("Loading the job queue…"))
        self._waiting.setEnabled(False)
        self._lay.addWidget(self._waiting)
        self.service: Any = ctx.jobs
        if self.service is not None:
            self.service.queueChanged.connect(self.bind)
            self.service.vimmerseQueueChanged.connect(self.bind_vimmerse)
            varg_changed = getattr(self.service, "vargQueueChanged", None)
            if varg_changed is not None:
                varg_changed.connect(self.bind_varg)
            if self.service.queue is not None:
                self.bind(self.service.queue)

    def bind_vimmerse(self, queue: Any) -> None:
        if self.panel is not None:
            self.panel.bind_vimmerse(queue)

    def bind_varg(self, queue: Any) -> None:
        if self.panel is not None:
            self.panel.bind_varg(queue)

    def bind(self, queue: Any) -> None:
        if self.panel is not None:
            self.panel.detach()
            self.panel.setParent(None)
            self.panel.deleteLater()
            self.panel = None
        self._waiting.setVisible(queue is None)
        if queue is None:
            return
        self.panel = QueuePanel(queue, spawn=self.ctx.spawn, vimmerse=getattr(self.service, "vimmerse_queue", None),
                                varg=getattr(self.service, "varg_queue", None))
        self.panel.message.connect(lambda text: self.ctx.session.message.emit(text))
        opener = self.ctx.open_job
        if opener is not None:
            self.panel.open_in_tool.connect(opener)
        self._lay.addWidget(self.panel)


def create(ctx: ToolContext) -> QWidget:
    return JobQueueDock(ctx)
