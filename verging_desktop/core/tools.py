"""The one registry of tools: which tool does what, for which provider, with which job kinds.

Everything that lists tools is derived from :data:`TOOLS`: the main window's navigation (groups,
order, icons, Ctrl+1..9), the Job Queue's tool filter and names, notifications, the tab badges,
the spend history's labels and the CLI's job kinds. Adding a tool is one :class:`ToolSpec` here
plus its page module (``ui/tools/<module>.py`` with ``create(ctx)``) and its service.

Plain data, no Qt: ``icon`` names a standard icon the UI knows how to draw (``ui/`` maps it).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ToolGroup(str, enum.Enum):
    """The navigation's groups, in display order."""

    VIDEO = "Video"
    IMAGE = "Image"
    AUDIO = "Audio"
    TEXT = "Text"


@dataclass(frozen=True)
class ToolSpec:
    """One tool (one page in the window).

    ``id``: stable identifier (settings, the CLI, screenshots). ``title``: the page's name.
    ``module``: ``ui/tools/<module>.py``. ``service``: the pricing service
    (:data:`verging_desktop.core.pricing.SERVICES`) and spend-history type. ``job_kinds``: the
    queue's job kinds this tool creates (empty for a direct AI call). ``noun``: how a job of this
    tool is named in a sentence ("Face swap"). ``icon``: a name from ``ui``'s icon set.
    ``shortcut``: an extra key sequence of its own (Ctrl+1..9 come from the navigation order).

    Capabilities of its jobs: ``video_job``: a video job whose clip is probed and cut by
    ``jobs.prepare`` (and, for Verging's kinds, uploaded and created by it too; another provider's
    kinds go through that provider's queue). ``needs_face``: the job takes a face image as its second input.
    ``retry_on_server``: a failed job can be retried on the server with the same inputs
    ("verging jobs retry", the queue's Retry).
    """

    id: str
    title: str
    group: ToolGroup
    module: str
    service: str
    summary: str
    providers: tuple[str, ...] = ("verging",)
    job_kinds: tuple[str, ...] = ()
    noun: str = ""
    icon: str = ""
    shortcut: str = ""
    video_job: bool = False
    needs_face: bool = False
    retry_on_server: bool = False

    @property
    def sentence_name(self) -> str:
        return self.noun or self.title.capitalize()


#: every tool, in the order the window's row of tabs shows them (and the spend history's order);
#: :func:`navigation_order` is the grouped order
TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("face-swap", "Face Swap", ToolGroup.VIDEO, "face_swap", "faceswap",
             "Put the face from a photo onto the person in a video.",
             job_kinds=("face-swap",), noun="Face swap", icon="face",
             video_job=True, needs_face=True, retry_on_server=True),
    ToolSpec("video-enhance", "Video Enhance", ToolGroup.VIDEO, "video_enhance", "video_enhance",
             "Upscale and sharpen a clip, then compare it with the original.",
             providers=("verging", "vimmerse"), job_kinds=("video-enhance", "vimmerse-enhance"),
             noun="Video enhance", icon="enhance", video_job=True),
    ToolSpec("background-removal", "Background Removal", ToolGroup.IMAGE, "background_removal",
             "background_removal", "Cut the subject out of a photo and get a transparent PNG.",
             providers=("verging", "varg"), job_kinds=("background-removal", "varg-background-removal"),
             noun="Background removal", icon="cutout"),
    ToolSpec("image-generation", "Image Generation", ToolGroup.IMAGE, "image_generation", "imagegen",
             "Describe an image and get up to four variations.", providers=("verging", "varg"),
             job_kinds=("varg-image",), noun="Image generation", icon="image"),
    ToolSpec("chat", "Chat", ToolGroup.TEXT, "chat", "chat",
             "Talk with an AI model; your conversations stay on this computer.", noun="Chat", icon="chat"),
    ToolSpec("text-to-speech", "Text to Speech", ToolGroup.AUDIO, "text_to_speech", "tts",
             "Turn text into spoken audio; long text is split at sentence ends and joined into one file.",
             providers=("verging", "varg"), job_kinds=("varg-speech",), noun="Speech", icon="speaker"),
    ToolSpec("speech-to-text", "Speech to Text", ToolGroup.AUDIO, "speech_to_text", "stt",
             "Transcribe audio or the sound track of a video; large files are compressed or split for you.",
             providers=("verging", "varg"), job_kinds=("varg-transcription",), noun="Transcription",
             icon="microphone"),
    ToolSpec("vision", "Vision", ToolGroup.TEXT, "vision", "vision",
             "Ask questions about an image.", noun="Vision", icon="eye"),
    ToolSpec("reframe", "Reframe & Crop", ToolGroup.VIDEO, "reframe", "vimmerse_reframe",
             "Turn a clip into 9:16, 1:1, 4:5 or 16:9: crop the part to keep, or let AI fill the new frame.",
             providers=("vimmerse",), job_kinds=("vimmerse-crop", "vimmerse-reframe"), noun="Reframe",
             icon="reframe", video_job=True),
    ToolSpec("sound", "Sound", ToolGroup.AUDIO, "sound", "vimmerse_sound",
             "Add AI sound effects to a video, put an audio file onto it, or make music from a description.",
             providers=("vimmerse", "varg"), job_kinds=("vimmerse-sound-effect", "vimmerse-add-audio", "varg-music"),
             noun="Sound", icon="soundwave"),
    ToolSpec("generate-video", "Generate Video", ToolGroup.VIDEO, "generate_video", "vimmerse_video",
             "Make clips from a prompt or images (Kling, Seedance, Wan...), an image and an effect, or restyle a video.",
             providers=("vimmerse", "varg"),
             job_kinds=("vimmerse-reference-to-video", "vimmerse-video-effects", "vimmerse-video-to-video",
                        "varg-video"),
             noun="Video generation", icon="clapper"),
    ToolSpec("lip-sync", "Lip Sync", ToolGroup.VIDEO, "lip_sync", "vimmerse_lip_sync",
             "Make a portrait or a video speak an audio file or a text; or a talking avatar says a script.",
             providers=("vimmerse",), job_kinds=("vimmerse-lip-sync", "vimmerse-avatar"), noun="Lip sync",
             icon="lips"),
    ToolSpec("replace-background", "Replace Background", ToolGroup.VIDEO, "replace_background",
             "vimmerse_background", "Put the person in a video over a new background: an image, a video or a prompt.",
             providers=("vimmerse",), job_kinds=("vimmerse-replace-background",), noun="Background replacement",
             icon="backdrop"),
)


def tool(tool_id: str) -> ToolSpec:
    for t in TOOLS:
        if t.id == tool_id:
            return t
    raise KeyError(tool_id)


def tool_by_title(title: str) -> ToolSpec:
    for t in TOOLS:
        if t.title == title:
            return t
    raise KeyError(title)


def tool_for_kind(kind: str) -> ToolSpec | None:
    """The tool that creates jobs of ``kind`` ("face-swap"), or None."""
    for t in TOOLS:
        if kind in t.job_kinds:
            return t
    return None


def job_kinds() -> tuple[str, ...]:
    """Every queue job kind (of every provider), in tool order."""
    return tuple(k for t in TOOLS for k in t.job_kinds)


def kind_provider(kind: str) -> str:
    """The provider that runs jobs of ``kind``: a kind of a provider other than Verging starts
    with that provider's id and a dash (``vimmerse-crop``); every other kind is Verging's."""
    head = kind.split("-", 1)[0]
    return head if head in _OTHER_PROVIDERS and "-" in kind else "verging"


def kind_title(kind: str) -> str:
    """The page title of the tool that makes ``kind`` ("Face Swap"), or the kind itself."""
    t = tool_for_kind(kind)
    return t.title if t else kind


def kind_noun(kind: str) -> str:
    """The sentence name of ``kind`` ("Face swap"), or the kind itself."""
    t = tool_for_kind(kind)
    return t.sentence_name if t else kind


def video_kinds(provider: str = "verging") -> tuple[str, ...]:
    """``provider``'s job kinds of the per-second video tools (``jobs.prepare``), in tool order."""
    return tuple(k for t in TOOLS if t.video_job for k in t.job_kinds if kind_provider(k) == provider)


def kind_needs_face(kind: str) -> bool:
    """True when a job of ``kind`` takes a face image as its second input."""
    t = tool_for_kind(kind)
    return bool(t and t.needs_face)


def kind_retries(kind: str) -> bool:
    """True when a failed job of ``kind`` can be retried on the server."""
    t = tool_for_kind(kind)
    return bool(t and t.retry_on_server)


def kind_aliases() -> dict[str, str]:
    """Each job kind and its snake-case spelling -> its pricing service ("face-swap" and
    "face_swap" -> "faceswap"), for names typed on the command line."""
    out: dict[str, str] = {}
    for t in TOOLS:
        for k in t.job_kinds:
            out[k] = out[k.replace("-", "_")] = t.service
    return out


def grouped() -> list[tuple[ToolGroup, list[ToolSpec]]]:
    """The tools by group, groups in :class:`ToolGroup` order, tools in :data:`TOOLS` order."""
    return [(g, [t for t in TOOLS if t.group is g]) for g in ToolGroup if any(t.group is g for t in TOOLS)]


def navigation_order() -> tuple[ToolSpec, ...]:
    """The tools in the order the navigation shows them (Ctrl+1 is the first)."""
    return tuple(t for _, ts in grouped() for t in ts)


def services() -> tuple[str, ...]:
    """Every tool's pricing service, in :data:`TOOLS` order (the spend history's order)."""
    return tuple(t.service for t in TOOLS)


def job_services(provider: str = "verging") -> tuple[str, ...]:
    """The pricing services of ``provider``'s queue jobs ("faceswap", ...), in :data:`TOOLS` order."""
    return tuple(t.service for t in TOOLS if any(kind_provider(k) == provider for k in t.job_kinds))


def call_services(provider: str = "verging") -> tuple[str, ...]:
    """The pricing services of ``provider``'s direct AI calls (a tool it offers with no job kind of
    its own: Verging's image generation is a direct call, varg's a queue job), in :data:`TOOLS` order."""
    return tuple(t.service for t in TOOLS if provider in t.providers
                 and not any(kind_provider(k) == provider for k in t.job_kinds))


def kind_service(kind: str) -> str | None:
    """The pricing service of the job kind ``kind`` ("face-swap" -> "faceswap"), or None."""
    t = tool_for_kind(kind)
    return t.service if t else None


def provider_tools(provider: str) -> tuple[ToolSpec, ...]:
    """The tools ``provider`` ("verging") offers, in :data:`TOOLS` order."""
    return tuple(t for t in TOOLS if provider in t.providers)


def provider_job_kinds(provider: str) -> tuple[str, ...]:
    """The queue job kinds ``provider`` creates, in :data:`TOOLS` order (its job queue plug-in's kinds)."""
    return tuple(k for t in provider_tools(provider) for k in t.job_kinds if kind_provider(k) == provider)


#: the providers whose job kinds carry their id as a prefix (core/providers.py's ids but Verging's)
_OTHER_PROVIDERS = ("vimmerse", "varg")
