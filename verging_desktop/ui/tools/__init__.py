"""The tool tabs, in the order the main window shows them, and how each one is built.

A tab is built the first time it is shown, by a factory ``factory(ctx) -> QWidget`` where
``ctx`` is the :class:`~verging_desktop.ui.context.ToolContext`. ``default_factories()``
returns ``{tab title: factory}``; each factory imports ``verging_desktop.ui.tools.<module>``
and calls its ``create(ctx)``. Until a later issue adds that module, the tab shows a
:class:`~verging_desktop.ui.tools.coming_soon.ComingSoonPage` describing the tool and its price.

To add a tool: write ``ui/tools/<module>.py`` with ``def create(ctx: ToolContext) -> QWidget``.
Nothing else needs to change.
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
    features: tuple[str, ...]
    shortcut: str = ""


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("Face Swap", "face_swap", "faceswap",
             "Put a face from a photo onto every frame of a video clip.",
             ("Drop a video and a face image; trim the clip to 30 seconds with a filmstrip trimmer",
              "See the cost before you submit, recomputed as you move the in and out points",
              "Normal or HD processing; the result is downloaded next to your files",
              "Play the original and the result side by side, in sync")),
    ToolSpec("Video Enhance", "video_enhance", "video_enhance",
             "Upscale and clean up a video clip, up to 4K.",
             ("Trim the part you want (30 seconds per job)",
              "Normal or HD enhancement with a live cost estimate",
              "Compare the original and the enhanced clip with a split view")),
    ToolSpec("Background Removal", "background_removal", "background_removal",
             "Cut the subject out of a photo and get a transparent PNG.",
             ("Drop one image or a whole folder (JPG, PNG, WebP up to 10 MB)",
              "Results appear on a checkerboard so you can see the transparency",
              "Batch jobs run in the job queue while you keep working")),
    ToolSpec("Image Generation", "image_generation", "imagegen",
             "Describe an image and get up to four variations.",
             ("Standard or HD quality, several sizes",
              "Prompts that break the content policy are refused before anything is charged",
              "Save, copy or reuse any result as a face or background")),
    ToolSpec("Chat", "chat", "chat",
             "Talk to GPT-4o with replies that stream in as they are written.",
             ("Conversations with a system prompt, temperature and length limit",
              "The cost of each reply, from the tokens it used",
              "Stop a reply at any time; what arrived is kept")),
    ToolSpec("Text to Speech", "text_to_speech", "tts",
             "Turn up to 4,096 characters of text into spoken audio.",
             ("Six voices and adjustable speed",
              "Play the result in the app and save it as MP3",
              "The price updates as you type")),
    ToolSpec("Speech to Text", "speech_to_text", "stt",
             "Transcribe audio or the sound track of a video.",
             ("Drop an audio or video file; the audio is extracted for you",
              "Timed segments you can copy or save as subtitles",
              "Language detection or a language you choose")),
    ToolSpec("Vision", "vision", "vision",
             "Ask questions about an image.",
             ("Drop an image or paste a URL, then ask anything about it",
              "Answers with the tokens used and what they cost",
              "Follow-up questions on the same image")),
)


def tool_by_title(title: str) -> ToolSpec:
    for t in TOOLS:
        if t.title == title:
            return t
    raise KeyError(title)


def build_tool(spec: ToolSpec, ctx: ToolContext) -> QWidget:
    """Build the tab of ``spec``: its module's ``create(ctx)``, or the coming-soon page."""
    modname = f"{__name__}.{spec.module}"
    try:
        mod: Any = importlib.import_module(modname)
    except ModuleNotFoundError as e:
        if e.name != modname:
            raise
        from .coming_soon import ComingSoonPage

        return ComingSoonPage(spec, ctx)
    return mod.create(ctx)  # type: ignore[no-any-return]


def default_factories() -> dict[str, Factory]:
    """``{tab title: factory}`` in display order (dicts keep insertion order)."""
    return {spec.title: _factory(spec) for spec in TOOLS}


def _factory(spec: ToolSpec) -> Factory:
    def factory(ctx: ToolContext) -> QWidget:
        return build_tool(spec, ctx)

    return factory
