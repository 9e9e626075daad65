"""The Video Enhance tab: trim a clip (or send several), normal or HD enhancement with the cost
next to the balance, and the compare view (wipe, side by side, toggle; zoom 100 % / 200 %) as
the main attraction once the upscaled result is back.

See :mod:`verging_desktop.ui.widgets.video_tool` for the flow shared with Face Swap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import Progress
from ...jobs.store import JobRecord
from ..widgets.video_tool import PlannedJob, VideoToolPage

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ...jobs.queue import JobQueue
    from ..context import ToolContext


class VideoEnhancePage(VideoToolPage):
    service = "video_enhance"
    kind = "video-enhance"
    title_text = "Video Enhance"
    summary_text = "Upscale and sharpen a clip, then compare it with the original."
    needs_face = False
    submit_word = "Enhance"

    async def _send(self, queue: JobQueue, path: Path, job: PlannedJob, name: str, duration: float, hd: bool,
                    est: int, progress: Callable[[Progress], None]) -> JobRecord:
        return await queue.submit_enhance(path, duration=duration, hd=hd, input_name=name, estimated=est,
                                          progress=progress)


def create(ctx: ToolContext) -> QWidget:
    return VideoEnhancePage(ctx)
