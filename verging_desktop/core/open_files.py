"""Files opened with the app (a file manager's "Open with", the desktop entry's ``%F``, a second
launch's arguments): what each one is and which tool takes it. No Qt.

A file is told by its content (:func:`verging_desktop.core.filetypes.sniff`); an ISO media or
Matroska file is a video unless its extension says audio (``.m4a``, ``.mka``...). The tool:

* a video goes to the video tool used last (Face Swap, Video Enhance or Reframe & Crop: the
  registry's ``video_job`` tools), Face Swap when none was;
* an image goes to Background Removal;
* audio goes to Speech to Text.

Anything else (a folder, a missing file, a PDF) is refused with a sentence saying why.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import filetypes as ft
from .i18n import _
from .tools import TOOLS

VIDEO, IMAGE, AUDIO = "video", "image", "audio"

_IMAGE_KINDS = frozenset({"jpeg", "png", "webp", "gif", "bmp", "tiff", "heic"})
_VIDEO_KINDS = frozenset({"mp4", "webm", "avi", "mpeg", "mpegts"})
_AUDIO_KINDS = frozenset({"mp3", "wav", "ogg", "flac"})
#: extensions that make an ISO media / Matroska / MPEG file audio rather than video
_AUDIO_EXTENSIONS = frozenset({".m4a", ".m4b", ".aac", ".mka", ".weba", ".mp2", ".mpga", ".opus", ".oga"})

DEFAULT_VIDEO_TOOL = "face-swap"
IMAGE_TOOL = "background-removal"
AUDIO_TOOL = "speech-to-text"
#: the tools a video may go to: the registry's video jobs (their main input is one video)
VIDEO_TOOLS = tuple(t.id for t in TOOLS if t.video_job)


def local_path(arg: str) -> str:
    """A command-line argument as a local path: ``file://`` URLs (a launcher's ``%U``) are
    turned into paths; anything else is taken as a path, relative to the working folder."""
    if arg.startswith("file://"):
        return unquote(urlparse(arg).path)
    return os.path.abspath(os.path.expanduser(arg))


def media_kind(path: str | os.PathLike[str]) -> str | None:
    """"video", "image", "audio", or None for a file the app does not open."""
    try:
        kind = ft.sniff(path)
    except OSError:
        return None
    if kind in _IMAGE_KINDS:
        return IMAGE
    if kind in _AUDIO_KINDS:
        return AUDIO
    if kind in _VIDEO_KINDS:
        return AUDIO if Path(path).suffix.lower() in _AUDIO_EXTENSIONS else VIDEO
    return None


@dataclass
class Routing:
    """Where opened files go: ``{tool id: [paths]}`` in the order given, and the refused ones
    with the sentence that says why."""

    tools: dict[str, list[str]] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)


def video_tool(last_video_tool: str | None) -> str:
    """The tool a video goes to: the video tool used last, else Face Swap."""
    return last_video_tool if last_video_tool in VIDEO_TOOLS else DEFAULT_VIDEO_TOOL


def route(paths: Iterable[str], last_video_tool: str | None = None) -> Routing:
    """Sort ``paths`` (local paths) into the tools that take them."""
    out = Routing()
    seen: set[str] = set()
    for p in paths:
        if p in seen:
            continue
        seen.add(p)
        name = Path(p).name or p
        if not os.path.exists(p):
            out.refused.append((p, _("{name} was not opened: there is no such file.").format(name=name)))
            continue
        if os.path.isdir(p):
            out.refused.append((p, _("{name} was not opened: it is a folder (drop the files in it on a tool).").format(
                name=name)))
            continue
        kind = media_kind(p)
        if kind == VIDEO:
            target = video_tool(last_video_tool)
        elif kind == IMAGE:
            target = IMAGE_TOOL
        elif kind == AUDIO:
            target = AUDIO_TOOL
        else:
            out.refused.append((p, _("{name} was not opened: it is not a video, image or audio file.").format(
                name=name)))
            continue
        out.tools.setdefault(target, []).append(p)
    return out
