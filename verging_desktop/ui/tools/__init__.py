"""The tool tabs, in the order the main window shows them, and how each one is built.

A tab is built the first time it is shown, by a factory ``factory(ctx) -> QWidget`` where
``ctx`` is the :class:`~verging_desktop.ui.context.ToolContext`. ``default_factories()``
returns ``{tab title: factory}``; each factory imports ``verging_desktop.ui.tools.<module>``
and calls its ``create(ctx)``.

To add a tool: write ``ui/tools/<module>.py`` with ``def create(ctx: ToolContext) -> QWidget``
and add its :class:`ToolSpec` here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ..context import ToolContext

Factory = Callable[["ToolContext"], "QWidget"]


@dataclass(frozen=True)
class ToolSpec:
    title: str
    module: str
    service: str  # the pricing service (core.pricing.SERVICES)
    summary: str
    shortcut: str = ""


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("Face Swap", "face_swap", "faceswap",
             "Put a face from a photo onto every frame of a video clip."),
    ToolSpec("Video Enhance", "video_enhance", "video_enhance",
             "Upscale and clean up a video clip, up to 4K."),
    ToolSpec("Background Removal", "background_removal", "background_removal",
             "Cut the subject out of a photo and get a transparent PNG."),
    ToolSpec("Image Generation", "image_generation", "imagegen",
             "Describe an image and get up to four variations."),
    ToolSpec("Chat", "chat", "chat",
             "Talk to GPT-4o with replies that stream in as they are written."),
    ToolSpec("Text to Speech", "text_to_speech", "tts",
             "Turn text of any length into spoken audio."),
    ToolSpec("Speech to Text", "speech_to_text", "stt",
             "Transcribe audio or the sound track of a video."),
    ToolSpec("Vision", "vision", "vision",
             "Ask questions about an image."),
)


def tool_by_title(title: str) -> ToolSpec:
    for t in TOOLS:
        if t.title == title:
            return t
    raise KeyError(title)


def build_tool(spec: ToolSpec, ctx: ToolContext) -> QWidget:
    """Build the tab of ``spec``: its module's ``create(ctx)``."""
    mod: Any = importlib.import_module(f"{__name__}.{spec.module}")
    return mod.create(ctx)  # type: ignore[no-any-return]


def default_factories() -> dict[str, Factory]:
    """``{tab title: factory}`` in display order (dicts keep insertion order)."""
    return {spec.title: _factory(spec) for spec in TOOLS}


def _factory(spec: ToolSpec) -> Factory:
    def factory(ctx: ToolContext) -> QWidget:
        return build_tool(spec, ctx)

    return factory
