"""The varg gateway's models as data: which capability (route) each serves, which upstream
provider runs it (and so which BYOK key applies), what it accepts.

Sources: ``../shared/seeds/004`` (the model list and providers) and ``specs/varg-gateway.md``
(routes and fields). The gateway publishes no per-model limits in v1: the durations and image
counts below are the app's own reading of the upstream models (Kling and Wan take 5 or 10 s,
MiniMax 6 or 10 s, LTX and Seedance 5 or 10 s), chosen so a request the app sends is one the
model takes. A model may be written ``provider:model`` (``fal:kling-v2.5``): :func:`find_model`
accepts both.

Plain data, no I/O, no Qt.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .i18n import N_, _


class Capability(str, enum.Enum):
    """A varg generation route (``POST /<value>``)."""

    VIDEO = "video"
    IMAGE = "image"
    SPEECH = "speech"
    MUSIC = "music"
    TRANSCRIPTION = "transcription"

    @property
    def route(self) -> str:
        return "/" + self.value


#: the upstream providers behind varg, by id: name, and the BYOK key id (core/providers.py
#: BYOK_KEYS) that pays for it, or None (PiAPI: varg takes no key for it)
UPSTREAMS: dict[str, tuple[str, str | None]] = {
    "fal": ("fal.ai", "fal"),
    "piapi": ("PiAPI", None),
    "elevenlabs": ("ElevenLabs", "elevenlabs"),
    "higgsfield": ("Higgsfield", "higgsfield"),
    "replicate": ("Replicate", "replicate"),
}


@dataclass(frozen=True)
class VargModel:
    """One model varg serves.

    ``id``: the name sent (``kling-v2.5``). ``upstream``: a key of :data:`UPSTREAMS`. ``kind``:
    the app's job kind for it (``varg-video``...; background removal is ``varg-background-removal``
    although it is sent to ``/image``). ``durations``: the seconds a video or music model accepts
    (empty: any within ``max_duration``). ``max_images``: how many input images it takes (0: none).
    ``needs_image``: it cannot run without one (image to video only, background removal).
    ``text_to``/``image_to``: a video model that makes video from a prompt / from images.
    """

    id: str
    name: str
    capability: Capability
    upstream: str
    kind: str
    summary: str = ""
    durations: tuple[int, ...] = ()
    default_duration: int | None = None
    min_duration: float = 0.0
    max_duration: float = 0.0
    max_images: int = 0
    needs_image: bool = False
    text_to: bool = True
    image_to: bool = False
    lip_sync: bool = False

    @property
    def shown_name(self) -> str:
        """The name in the interface's language (a brand stays as it is; "Background remover" is translated)."""
        return _(self.name) if self.name else self.id

    @property
    def shown_summary(self) -> str:
        """The summary in the interface's language ("" none)."""
        return _(self.summary) if self.summary else ""

    @property
    def byok(self) -> str | None:
        """The BYOK key id that makes this model free on varg ("fal"), or None."""
        return UPSTREAMS[self.upstream][1]

    @property
    def upstream_name(self) -> str:
        return UPSTREAMS[self.upstream][0]

    @property
    def qualified(self) -> str:
        """``fal:kling-v2.5``."""
        return f"{self.upstream}:{self.id}"

    def accepts_duration(self, seconds: float) -> bool:
        if self.durations:
            return any(abs(seconds - d) < 1e-6 for d in self.durations)
        if self.max_duration:
            return self.min_duration <= seconds <= self.max_duration
        return True


V = Capability.VIDEO
_VIDEO = "varg-video"
MODELS: tuple[VargModel, ...] = (
    # video (text to video and image to video)
    VargModel("kling-v2.5", "Kling 2.5", V, "fal", _VIDEO, N_("Kling's fast, sharp motion; the default."),
              (5, 10), 5, max_images=1, image_to=True),
    VargModel("kling-v2.6", "Kling 2.6", V, "fal", _VIDEO, N_("Kling 2.6: better prompt following."),
              (5, 10), 5, max_images=1, image_to=True),
    VargModel("kling-v3", "Kling 3", V, "fal", _VIDEO, N_("Kling's newest and best; the dearest Kling."),
              (5, 10), 5, max_images=1, image_to=True),
    VargModel("seedance-2-preview", N_("Seedance 2 (preview)"), V, "piapi", _VIDEO, N_("ByteDance Seedance 2."),
              (5, 10), 5, max_images=1, image_to=True),
    VargModel("seedance-2-fast-preview", N_("Seedance 2 fast (preview)"), V, "piapi", _VIDEO,
              N_("Seedance 2, faster and cheaper."), (5, 10), 5, max_images=1, image_to=True),
    VargModel("wan-2.5", "Wan 2.5", V, "fal", _VIDEO, N_("Alibaba Wan 2.5."), (5, 10), 5, max_images=1, image_to=True),
    VargModel("minimax", "MiniMax Hailuo", V, "fal", _VIDEO, N_("MiniMax Hailuo."), (6, 10), 6, max_images=1,
              image_to=True),
    VargModel("ltx", "LTX Video", V, "fal", _VIDEO, N_("Lightricks LTX: quick drafts."), (5, 10), 5, max_images=1,
              image_to=True),
    # lip-sync models (a video or image plus audio); the app does not offer them yet
    VargModel("sync-v2", "Sync 2", V, "fal", _VIDEO, N_("Lip sync a video to audio."), max_images=1, text_to=False,
              lip_sync=True),
    VargModel("sync-v2-pro", "Sync 2 Pro", V, "fal", _VIDEO, N_("Lip sync, higher quality."), max_images=1,
              text_to=False, lip_sync=True),
    VargModel("omnihuman", "OmniHuman", V, "fal", _VIDEO, N_("A talking person from a photo and audio."),
              max_images=1, needs_image=True, text_to=False, lip_sync=True),
    # images
    VargModel("flux-schnell", "FLUX.1 schnell", Capability.IMAGE, "fal", "varg-image", N_("Fast and cheap drafts."),
              max_images=1),
    VargModel("flux-pro", "FLUX.1 pro", Capability.IMAGE, "fal", "varg-image", N_("Detailed, photographic."),
              max_images=1),
    VargModel("nano-banana-pro", "Nano Banana Pro", Capability.IMAGE, "fal", "varg-image",
              N_("Google's editing model: good with reference images and text in images."), max_images=4),
    VargModel("recraft-v3", "Recraft V3", Capability.IMAGE, "fal", "varg-image",
              N_("Design, illustration and vector-like styles."), max_images=0),
    VargModel("soul", "Higgsfield Soul", Capability.IMAGE, "higgsfield", "varg-image",
              N_("Fashion-grade portraits."), max_images=1),
    VargModel("background-remover", N_("Background remover"), Capability.IMAGE, "replicate",
              "varg-background-removal", N_("Cuts the subject out: a PNG with a transparent background."),
              max_images=1, needs_image=True, text_to=False),
    # speech and music
    VargModel("eleven_v3", "Eleven v3", Capability.SPEECH, "elevenlabs", "varg-speech",
              N_("ElevenLabs' most expressive voice model.")),
    VargModel("eleven_multilingual_v2", "Eleven Multilingual v2", Capability.SPEECH, "elevenlabs", "varg-speech",
              N_("Natural speech in 29 languages.")),
    VargModel("eleven_flash_v2_5", "Eleven Flash v2.5", Capability.SPEECH, "elevenlabs", "varg-speech",
              N_("Fastest and cheapest ElevenLabs voice.")),
    VargModel("music_v1", "Eleven Music", Capability.MUSIC, "elevenlabs", "varg-music",
              N_("Music from a description, 10 s to 5 min."), default_duration=30, min_duration=10, max_duration=300),
    # transcription
    VargModel("whisper", "Whisper", Capability.TRANSCRIPTION, "fal", "varg-transcription",
              N_("OpenAI Whisper through fal.ai.")),
)

#: the default model of each command / tab
DEFAULTS: dict[str, str] = {
    "video": "kling-v2.5",
    "image": "flux-schnell",
    "speech": "eleven_v3",
    "music": "music_v1",
    "transcription": "whisper",
    "background-removal": "background-remover",
}

#: ElevenLabs' preset voices varg names (``specs/varg-gateway.md``); any voice_id works too
PRESET_VOICES: tuple[str, ...] = ("rachel", "domi", "sarah", "antoni", "elli", "josh", "arnold", "adam", "sam")
DEFAULT_VOICE = "rachel"
#: the aspect ratios the tabs offer (any W:H is accepted by the checks)
VIDEO_ASPECTS: tuple[str, ...] = ("16:9", "9:16", "1:1")
IMAGE_ASPECTS: tuple[str, ...] = ("1:1", "16:9", "9:16", "4:3", "3:4")
#: the largest file varg's /files takes
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

#: every varg job kind, in the tool registry's order of tools
JOB_KINDS: tuple[str, ...] = ("varg-video", "varg-background-removal", "varg-image", "varg-speech",
                              "varg-transcription", "varg-music")

_ASPECT_RE = re.compile(r"^\s*(\d{1,5})\s*:\s*(\d{1,5})\s*$")


def find_model(name: str) -> VargModel | None:
    """The model called ``name`` (``kling-v2.5`` or ``fal:kling-v2.5``; case-insensitive), or None."""
    n = (name or "").strip().lower()
    if ":" in n:
        up, _, n = n.partition(":")
        m = next((m for m in MODELS if m.id == n), None)
        return m if m is not None and m.upstream == up else None
    return next((m for m in MODELS if m.id == n), None)


def models_for(capability: Capability, *, kind: str | None = None, include_lip_sync: bool = False
               ) -> tuple[VargModel, ...]:
    """The models of ``capability`` (of job ``kind`` when given), lip-sync models left out unless asked."""
    return tuple(m for m in MODELS if m.capability is capability and (kind is None or m.kind == kind)
                 and (include_lip_sync or not m.lip_sync))


def model_names(capability: Capability, *, kind: str | None = None) -> str:
    """"flux-schnell, flux-pro, ..." for messages that list the known models."""
    return ", ".join(m.id for m in models_for(capability, kind=kind))


def parse_aspect(text: str) -> tuple[int, int] | None:
    """``(16, 9)`` for "16:9"; None when ``text`` is not W:H with two positive whole numbers."""
    m = _ASPECT_RE.match(text or "")
    if not m:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    return (w, h) if w > 0 and h > 0 else None


def kind_capability(kind: str) -> Capability:
    """The route a job of ``kind`` is sent to (``varg-background-removal`` -> IMAGE)."""
    for m in MODELS:
        if m.kind == kind:
            return m.capability
    raise KeyError(kind)
