"""The Job Queue dock's content until the job queue issue lands: an honest, empty list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext


class JobQueuePlaceholder(QWidget):
    def __init__(self, ctx: ToolContext | None = None) -> None:
        super().__init__()
        self.setObjectName("jobQueuePlaceholder")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        self.note = QLabel("The job queue arrives with the job queue update. Face swaps, video enhancements "
                           "and background removals you submit will be listed here with their progress, "
                           "the estimated and the charged credits, and their results.")
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("jobList")
        self.empty = QLabel("No jobs yet.")
        self.empty.setEnabled(False)
        lay.addWidget(self.note)
        lay.addWidget(self.empty)
        lay.addWidget(self.list, 1)


def create(ctx: ToolContext | None = None) -> QWidget:
    return JobQueuePlaceholder(ctx)
