"""Typed data of the Vimmerse v2 video API (``../shared/specs/vimmerse-v2.md``).

Every answer is an *asset*: v2 routes answer it bare, legacy routes wrap it as ``{"data": {...}}``.
Parsing is tolerant: unknown fields are ignored, ``credits`` may be a number or a string, both
timestamp forms are read (``2025-05-06T16:35:59.840508+00:00`` and the legacy space form), and any
status word that is not success/fail/cancel means "still working".

The request types (:class:`CropRequest` and the rest) hold what the user chose with *local paths or
URLs* in their media fields; :meth:`VimmerseRequest.body` turns them into the route's JSON once the
queue has replaced every local path by its hosted URL (:meth:`VimmerseRequest.media` lists them).
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, ClassVar

from ...core.i18n import N_, _

# -- parsing helpers ----------------------------------------------------------------------------


def _num(v: Any) -> float | None:
    """A finite number from a number or a numeric string; None for anything else (never raises:
    these fields are informational, an odd one is ignored)."""
    if v is None or isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError, OverflowError):
        return None
    return f if math.isfinite(f) else None


def _text(v: Any) -> str:
    """A string field as text ("" for None, a list or an object: not a value to show)."""
    if v is None or isinstance(v, (dict, list, tuple)):
        return ""
    return str(v)


def _texts(v: Any) -> tuple[str, ...]:
    """A list of strings (one string alone is a list of one); anything else is ignored."""
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, (list, tuple)):
        return ()
    return tuple(x for x in v if isinstance(x, str) and x)


def parse_time(v: Any) -> datetime | None:
    """Both of Vimmerse's forms (``T`` or a space between date and time), a ``Z``, or epoch seconds
    (milliseconds past 1e12). None for anything it cannot read, never an exception."""
    if v is None or v == "" or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        t = _num(v)
        if t is None:
            return None
        try:
            return datetime.fromtimestamp(t / 1000.0 if t > 1e12 else t, tz=UTC)
        except (OverflowError, OSError, ValueError):  # past year 9999, or before what the platform knows
            return None
    if not isinstance(v, str):
        return None
    s = v.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        d = datetime.fromisoformat(s.replace(" ", "T", 1))
    except ValueError:
        return None
    return d if d.tzinfo is not None else d.replace(tzinfo=UTC)


def unwrap(d: Any) -> dict[str, Any]:
    """The asset object of an answer, bare or ``data``-wrapped (anything else: an empty dict)."""
    if isinstance(d, dict) and isinstance(d.get("data"), dict) and "id" not in d:
        return dict(d["data"])
    return dict(d) if isinstance(d, dict) else {}


# -- the asset ------------------------------------------------------------------------------------


class AssetState(str, enum.Enum):
    """What an asset's ``status`` word means to the app."""

    WORKING = "working"    # processing, queue_bullet, processing_bullet, or any other word
    SUCCESS = "success"
    FAILED = "fail"
    CANCELLED = "cancel"

    @classmethod
    def of(cls, word: Any) -> AssetState:
        w = str(word or "").strip().lower()
        if w in ("success", "succeeded", "completed", "done"):
            return cls.SUCCESS
        if w in ("fail", "failed", "failure", "error"):
            return cls.FAILED
        if w in ("cancel", "cancelled", "canceled"):
            return cls.CANCELLED
        return cls.WORKING

    @property
    def final(self) -> bool:
        return self is not AssetState.WORKING


@dataclass(frozen=True)
class Asset:
    """One Vimmerse asset (an upload or a job)."""

    id: str
    app_name: str = ""
    status: str = ""           # the word as the server sent it
    results: tuple[str, ...] = ()
    thumbnails: tuple[str, ...] = ()
    credits: float | None = None
    quantity: int | None = None
    mime_type: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: a failure's reason when the server gives one (``message``, ``error`` or ``failure_reason``)
    error: str | None = None
    #: a progress percentage when the server gives one (0-100)
    progress: float | None = None

    @property
    def state(self) -> AssetState:
        return AssetState.of(self.status)

    @property
    def url(self) -> str | None:
        """The first result (for an upload: the hosted URL of the file)."""
        return self.results[0] if self.results else None

    @classmethod
    def from_json(cls, d: Any) -> Asset:
        """Any JSON value as an asset: odd or missing fields are left empty, never raised on."""
        a = unwrap(d)
        status = _text(a.get("status"))
        q = _num(a.get("quantity"))
        err = _text(a.get("failure_reason")) or _text(a.get("error")) or _text(a.get("error_message"))
        if not err and AssetState.of(status) is AssetState.FAILED:
            err = _text(a.get("message"))
        return cls(
            id=_text(a.get("id")) or _text(a.get("asset_id")),
            app_name=_text(a.get("app_name")),
            status=status,
            results=_texts(a.get("results")),
            thumbnails=_texts(a.get("thumbnails")),
            credits=_num(a.get("credits")),
            quantity=int(q) if q is not None and abs(q) < 1e9 else None,
            mime_type=_text(a.get("mime_type")) or None,
            args=dict(a["args"]) if isinstance(a.get("args"), dict) else {},
            created_at=parse_time(a.get("created_at")),
            updated_at=parse_time(a.get("updated_at")),
            error=err or None,
            progress=_num(a.get("progress")),
        )


@dataclass(frozen=True)
class CreditEstimate:
    """An answer of ``/v2/video/estimate-credits`` (or of the local table: ``source``)."""

    total: float
    breakdown: dict[str, Any] = field(default_factory=dict)
    #: "estimate-credits" (asked the service) or "table" (the local, editable pricing table)
    source: str = "estimate-credits"

    @classmethod
    def from_json(cls, d: Any) -> CreditEstimate:
        a = unwrap(d) if not isinstance(d, dict) or "total_credits" not in d else dict(d)
        total = _num(a.get("total_credits"))
        if total is None:
            total = _num(a.get("credits")) or 0.0
        bd = a.get("breakdown")
        return cls(total=total, breakdown=dict(bd) if isinstance(bd, dict) else {})


# -- apps, options, choices -------------------------------------------------------------------------


class App(str, enum.Enum):
    """The v2 video routes that make an asset; the value is the job kind in the queue.

    ``route`` is the POST path; ``estimate_name`` the ``app_name`` that ``/v2/video/estimate-credits``
    knows for it (None: priced from the local table).
    """

    CROP = "vimmerse-crop"
    REFRAME = "vimmerse-reframe"
    ENHANCE = "vimmerse-enhance"
    SOUND_EFFECT = "vimmerse-sound-effect"
    AVATAR = "vimmerse-avatar"
    LIP_SYNC = "vimmerse-lip-sync"
    VIDEO_EFFECTS = "vimmerse-video-effects"
    REPLACE_BACKGROUND = "vimmerse-replace-background"
    REFERENCE_TO_VIDEO = "vimmerse-reference-to-video"
    VIDEO_TO_VIDEO = "vimmerse-video-to-video"
    ADD_AUDIO = "vimmerse-add-audio"

    @property
    def route(self) -> str:
        return _ROUTES[self][0]

    @property
    def app_name(self) -> str:
        """The ``app_name`` the asset records carry (the route's last part)."""
        return _ROUTES[self][1]

    @property
    def estimate_name(self) -> str | None:
        return _ROUTES[self][2]

    @classmethod
    def parse(cls, v: Any) -> App | None:
        s = str(v or "").strip().lower()
        for a in cls:
            if s in (a.value, a.app_name, a.value.removeprefix("vimmerse-")):
                return a
        return None


_ROUTES: dict[App, tuple[str, str, str | None]] = {
    App.CROP: ("/v2/video/crop-to-aspect-ratio", "crop-to-aspect-ratio", None),
    App.REFRAME: ("/v2/video/reframe", "reframe", None),
    App.ENHANCE: ("/v2/video/enhance", "enhance", None),
    App.SOUND_EFFECT: ("/v2/video/sound-effect", "sound-effect", None),
    App.AVATAR: ("/v2/video/avatars/lip-sync", "avatar-lip-sync", "lip-sync"),
    App.LIP_SYNC: ("/v2/video/lip-sync", "lip-sync", "lip-sync"),
    App.VIDEO_EFFECTS: ("/v2/video/video-effects", "video-effects", "video-effects"),
    App.REPLACE_BACKGROUND: ("/v2/video/replace-background", "replace-background", "replace-background-video"),
    App.REFERENCE_TO_VIDEO: ("/v2/video/reference-to-video", "reference-to-video", "reference-to-video"),
    App.VIDEO_TO_VIDEO: ("/v2/video/video-to-video", "video-to-video", "video-to-video"),
    App.ADD_AUDIO: ("/v2/video/audio", "audio", None),
}

#: every ``app_name`` that ``/v2/video/estimate-credits`` accepts (the spec's list)
ESTIMATE_APP_NAMES = ("reference-to-video", "video-effects", "edit-video", "lip-sync", "replace-background-video",
                      "video-to-video", "text-image-to-video", "try-on", "upload-video")

ENHANCE_MODES = ("4X&DeepClean", "4X", "2X", "2X&DeepClean", "DeepClean")
DEFAULT_ENHANCE_MODE = "4X&DeepClean"
ATTACH_MODES = ("MatchVideo", "PadAudio", "MatchAudio", "SpeedAdjust", "Strict")
ALIGNMENTS = ("center", "left", "right")
AVATAR_RATIOS = ("1:1", "16:9", "9:16")

#: option (model) -> a one-line description a person can choose by. The descriptions are the
#: app's own summaries of what each model is known for; the service publishes no catalogue.
#: They are marked for translation (``N_``) and shown through ``_()``
#: (:func:`verging_desktop.services.vimmerse_forms.option_help`).
LIP_SYNC_OPTIONS: dict[str, str] = {
    "AutoLipSync": N_("Picks a model for you from the inputs (the default)."),
    "SyncLipSync": N_("Sync Labs: re-times the mouth of an existing video to new speech."),
    "HummingBird": N_("Tavus Hummingbird: fast lip-sync of a talking-head video."),
    "NewportLipSync": N_("Newport: lip-sync for a still portrait, head stays steady."),
    "KlingAvatar": N_("Kling Avatar: animates a portrait photo into a speaking person."),
    "PVideo": N_("Pruna P-Video: a portrait animated with expressive motion."),
    "NewportDreamAvatar": N_("Newport Dream Avatar: a full talking avatar from one photo."),
}
VOICES = ("AutoV", "Rachel", "Aria", "Roger", "Sarah", "Laura", "Charlie", "George", "Callum", "River", "Liam",
          "Charlotte", "Alice", "Matilda", "Will", "Jessica", "Eric", "Chris", "Brian", "Daniel", "Lily", "Bill")
EFFECT_OPTIONS: dict[str, str] = {
    "HiggsfieldEffects": N_("Higgsfield: cinematic camera moves and effects (the default)."),
    "PikaEffects": N_("Pika: playful transformations (squish, melt, inflate)."),
    "KlingEffects": N_("Kling: two-person effects such as hug and kiss."),
    "WanEffects": N_("Wan: stylised motion effects."),
    "ViduEffects": N_("Vidu: character effects and transitions."),
    "PixverseEffects": N_("PixVerse: trending social effects."),
}
#: effects known to take a second person's image (``ref_image_url``)
TWO_PERSON_EFFECTS = ("Hug", "Kiss", "HoldHands", "Dance Together")
EFFECTS = ("BulletTime", "Dolly Zoom", "Crash Zoom", "360 Orbit", "Explosion", "Melt", "Squish", "Inflate",
           *TWO_PERSON_EFFECTS)
REFERENCE_OPTIONS: dict[str, str] = {
    "KlingO": N_("Kling: strong motion and faces from your references (the default)."),
    "AutoR": N_("Picks a model for you from the references and prompt."),
    "HappyHorse": N_("HappyHorse: stylised, animated looks."),
    "Grok": N_("Grok Imagine: quick drafts from a prompt and images."),
    "SeedanceFast": N_("Seedance Fast: quick, cheaper clips."),
    "VeoReference": N_("Google Veo with reference images: realistic, with sound."),
    "ViduReference": N_("Vidu: keeps characters consistent across references."),
    "HeygenAgent": N_("HeyGen agent: presenter-style clips."),
    "PikaScenes": N_("Pika Scenes: puts your references into one scene."),
    "MinimaxReference": N_("MiniMax Hailuo: subject reference, smooth motion."),
}
V2V_OPTIONS: dict[str, str] = {
    "KlingO": N_("Kling: restyle or edit the video from a prompt (the default)."),
    "HappyHorse": N_("HappyHorse: stylised, animated looks."),
    "Grok": N_("Grok Imagine: quick edits from a prompt."),
    "SeedanceFast": N_("Seedance Fast: quick, cheaper edits."),
    "LumaModify": N_("Luma Modify: keeps the motion, changes the look."),
}

_RATIO_RE = re.compile(r"^(\d+):(\d+)$")


def parse_ratio(text: str) -> tuple[int, int]:
    """``"9:16"`` -> ``(9, 16)``; ValueError with a sentence a person understands otherwise."""
    m = _RATIO_RE.match(str(text).strip())
    if not m or int(m.group(1)) <= 0 or int(m.group(2)) <= 0:
        raise ValueError(_("'{text}' is not an aspect ratio: write it as W:H with two positive whole numbers, "
                           "for example 9:16.").format(text=text))
    return int(m.group(1)), int(m.group(2))


# -- requests --------------------------------------------------------------------------------------

#: media field -> what kind of file goes there (the queue uploads a local path of that kind)
MediaKind = str  # "video" | "image" | "audio"


@dataclass(frozen=True)
class VimmerseRequest:
    """Base of the route requests. Fields named in ``MEDIA`` hold a local path or an http(s) URL
    (``image_urls`` a tuple of them); the queue hosts local ones first (:meth:`with_urls`)."""

    APP: ClassVar[App]
    MEDIA: ClassVar[dict[str, MediaKind]] = {}

    def media(self) -> dict[str, tuple[str, ...]]:
        """Media field -> the paths or URLs in it (empty fields left out)."""
        out: dict[str, tuple[str, ...]] = {}
        for name in self.MEDIA:
            v = getattr(self, name)
            vals = tuple(v) if isinstance(v, (tuple, list)) else ((v,) if v else ())
            if vals:
                out[name] = tuple(str(x) for x in vals)
        return out

    def with_urls(self, urls: dict[str, tuple[str, ...]]) -> VimmerseRequest:
        """A copy with the media fields replaced (``urls`` as :meth:`media` returns them)."""
        changes: dict[str, Any] = {}
        for name, vals in urls.items():
            cur = getattr(self, name)
            changes[name] = tuple(vals) if isinstance(cur, (tuple, list)) else (vals[0] if vals else "")
        return replace(self, **changes)

    def body(self) -> dict[str, Any]:
        """The route's JSON body (``async_mode`` true; None values left out, and so are optional
        media fields left empty: a lip-sync from an image sends no ``"video_url": ""``). A
        required media field is sent even empty (the input checks refuse that before sending)."""
        out: dict[str, Any] = {"async_mode": True}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None:
                continue
            if f.name in self.MEDIA and not v and (f.default is not MISSING or f.default_factory is not MISSING):
                continue
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out

    @property
    def app(self) -> App:
        return self.APP


@dataclass(frozen=True)
class CropRequest(VimmerseRequest):
    APP: ClassVar[App] = App.CROP
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video"}
    video_url: str
    aspect_ratio: str = "16:9"
    offset_x: int | None = None
    offset_y: int | None = None


@dataclass(frozen=True)
class ReframeRequest(VimmerseRequest):
    APP: ClassVar[App] = App.REFRAME
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video"}
    video_url: str
    aspect_ratio: str = "16:9"
    prompt: str = "Make it realistic"
    grid_position_x: int | None = None
    grid_position_y: int | None = None
    x_start: int | None = None
    x_end: int | None = None
    y_start: int | None = None
    y_end: int | None = None


@dataclass(frozen=True)
class EnhanceRequest(VimmerseRequest):
    APP: ClassVar[App] = App.ENHANCE
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video"}
    video_url: str
    enhance_mode: str = DEFAULT_ENHANCE_MODE
    compression_scale: str = "0.5"   # travels as a string


@dataclass(frozen=True)
class SoundEffectRequest(VimmerseRequest):
    APP: ClassVar[App] = App.SOUND_EFFECT
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video"}
    video_url: str
    prompt: str = ""


@dataclass(frozen=True)
class AvatarRequest(VimmerseRequest):
    APP: ClassVar[App] = App.AVATAR
    MEDIA: ClassVar[dict[str, MediaKind]] = {"bg_image_url": "image", "audio_url": "audio"}
    avatar_id: str = ""
    voice_id: str = ""
    prompt: str = ""
    bg_image_url: str = ""
    audio_url: str = ""
    aspect_ratio: str = "16:9"
    show_caption: str = "On"        # On / Off


@dataclass(frozen=True)
class LipSyncRequest(VimmerseRequest):
    APP: ClassVar[App] = App.LIP_SYNC
    MEDIA: ClassVar[dict[str, MediaKind]] = {"image_url": "image", "video_url": "video", "audio_url": "audio"}
    image_url: str = ""
    video_url: str = ""
    audio_url: str = ""
    prompt: str = ""
    option: str = "AutoLipSync"
    voice: str = "AutoV"
    video_duration: float | None = None
    audio_duration: float | None = None


@dataclass(frozen=True)
class VideoEffectsRequest(VimmerseRequest):
    APP: ClassVar[App] = App.VIDEO_EFFECTS
    MEDIA: ClassVar[dict[str, MediaKind]] = {"image_url": "image", "ref_image_url": "image"}
    image_url: str
    ref_image_url: str = ""
    option: str = "HiggsfieldEffects"
    effect: str = "BulletTime"
    prompt: str = ""
    aspect_ratio: str | None = None
    quantity: int = 1


@dataclass(frozen=True)
class ReplaceBackgroundRequest(VimmerseRequest):
    APP: ClassVar[App] = App.REPLACE_BACKGROUND
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video", "bg_image_url": "image", "bg_video_url": "video"}
    video_url: str
    bg_image_url: str = ""
    bg_video_url: str = ""
    prompt: str = ""
    chroma_key_color: str = "origin"
    chroma_tolerance: str = "0.1"
    overlay_scale: str = "0.6666"
    alignment: str = "center"
    start_time: str = "0"
    crop_to_content: bool = True
    x_offset: int = 0
    y_offset: int = 0
    use_rembg_lib: bool = False


@dataclass(frozen=True)
class ReferenceToVideoRequest(VimmerseRequest):
    APP: ClassVar[App] = App.REFERENCE_TO_VIDEO
    MEDIA: ClassVar[dict[str, MediaKind]] = {"image_urls": "image"}
    image_urls: tuple[str, ...]
    prompt: str = ""
    aspect_ratio: str = "16:9"
    option: str = "KlingO"
    quantity: int = 1
    duration: int = 5
    elements: tuple[str, ...] | None = None


@dataclass(frozen=True)
class VideoToVideoRequest(VimmerseRequest):
    APP: ClassVar[App] = App.VIDEO_TO_VIDEO
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video", "image_url": "image"}
    video_url: str
    image_url: str = ""
    prompt: str = ""
    option: str = "KlingO"


@dataclass(frozen=True)
class AddAudioRequest(VimmerseRequest):
    APP: ClassVar[App] = App.ADD_AUDIO
    MEDIA: ClassVar[dict[str, MediaKind]] = {"video_url": "video", "audio_url": "audio"}
    video_url: str
    audio_url: str
    attach_mode: str = "MatchVideo"
    video_duration: float | None = None
    audio_duration: float | None = None


REQUEST_TYPES: dict[App, type[VimmerseRequest]] = {
    t.APP: t for t in (CropRequest, ReframeRequest, EnhanceRequest, SoundEffectRequest, AvatarRequest,
                       LipSyncRequest, VideoEffectsRequest, ReplaceBackgroundRequest, ReferenceToVideoRequest,
                       VideoToVideoRequest, AddAudioRequest)
}


def request_from_params(app: App, params: dict[str, Any]) -> VimmerseRequest:
    """Rebuild a request from the JSON the queue stored (unknown keys ignored)."""
    cls = REQUEST_TYPES[app]
    names = {f.name for f in fields(cls)}
    kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in params.items() if k in names}
    return cls(**kw)


def request_params(req: VimmerseRequest) -> dict[str, Any]:
    """The request as JSON-able data, for the queue's store (inverse of :func:`request_from_params`)."""
    body = req.body()
    body.pop("async_mode", None)
    return body
