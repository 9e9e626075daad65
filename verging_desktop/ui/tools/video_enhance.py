"""The Video Enhance tab: trim a clip (or send several), normal or HD enhancement with the cost
next to the balance, and the compare view (wipe, side by side, toggle; zoom 100 % / 200 %) as
the main attraction once the upscaled result is back.

See :mod:`verging_desktop.ui.tools.video_base` for the flow shared with Face Swap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.tools import tool
from .video_base import VideoToolPage

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ..context import ToolContext


class VideoEnhancePage(VideoToolPage):
    submit_word = "Enhance"


def create(ctx: ToolContext) -> QWidget:
    return VideoEnhancePage(ctx, tool("video-enhance"))
