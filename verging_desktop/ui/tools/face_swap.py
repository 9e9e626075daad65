"""The Face Swap tab: a video (or several) and a face (or several), trimmed, HD or not, with the
cost next to the balance, a consent box once per face, and the compare view of the result.

See :mod:`verging_desktop.ui.tools.video_base` for the flow shared with Video Enhance.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...core.errors import VergingError
from ...core.tools import tool
from ...jobs.store import JobRecord, LocalStatus
from ..plural import credits
from .video_base import VideoToolPage

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ..context import ToolContext


class FaceSwapPage(VideoToolPage):
    #: translated where it is shown (``self.tr(self.submit_word)``: the context is this class)
    submit_word = QT_TRANSLATE_NOOP("FaceSwapPage", "Swap face")

    def _retry_text(self, rec: JobRecord, est: float) -> str | None:
        if rec.remote_id and rec.status is LocalStatus.FAILED:
            return (self.tr("Retry the face swap of %1 on the server? It charges again: about %2.")
                    .replace("%1", rec.input_name).replace("%2", credits(est)))
        if len(rec.inputs) < 2 or not Path(rec.inputs[1]).is_file():
            self.ctx.session.message.emit(self.tr("The face image of this job is no longer on this computer."))
            return None
        return super()._retry_text(rec, est)

    async def _do_retry(self, rec: JobRecord) -> None:
        if not (rec.remote_id and rec.status is LocalStatus.FAILED):
            await super()._do_retry(rec)
            return
        queue = await self.watcher.ready()
        try:
            new = await queue.retry(rec.local_id)
        except VergingError as e:
            self.ctx.session.message.emit(self.tr("Retry of %1 failed: %2").replace("%1", rec.input_name).replace("%2", str(e)))
            return
        row = self.rows.get(rec.local_id)
        if row is not None:
            row.done = False
            row.bar.setVisible(True)
            self._render_row(new)
        self.result.show_job(rec.local_id)
        self.ctx.session.refresh_account()


def create(ctx: ToolContext) -> QWidget:
    return FaceSwapPage(ctx, tool("face-swap"))
