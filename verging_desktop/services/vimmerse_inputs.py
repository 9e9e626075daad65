"""Checks of what goes to Vimmerse, before anything is uploaded or charged (no Qt: the CLI and the
tabs share them). Every failure is an :class:`~verging_desktop.core.errors.InputError` with a
sentence a person can act on.

- :func:`check_video`, :func:`check_image`, :func:`check_audio`: a local file exists, is readable,
  is what it claims to be *by content* (magic bytes for images, a PyAV probe for video and audio)
  and is within :data:`LIMITS`. An argument starting with ``http://`` or ``https://`` is a URL
  that Vimmerse fetches itself: it passes through unchanged (its host is checked, nothing else).
- :func:`check_ratio`, :func:`check_quantity`, :func:`check_duration`, :func:`check_option`: one value.
- :func:`check_request` (:func:`checked_request`: with the probes it made): the whole request (each media field by its kind and the route's rules:
  lip-sync needs audio or text, replace-background a background, reference-to-video an image...).
  It returns the request normalised (ratios and option names as Vimmerse spells them, prompts
  stripped). :func:`acheck_request` runs it in a worker thread for async callers.
- :func:`attach_result_duration`: how long add-audio's result will be, per attach mode.

The probes block (a few milliseconds to a second for a long video): call them from a worker thread
in the app (:func:`acheck_request`, or ``asyncio.to_thread``). A caller that probed a file already
(the trimmer) passes its :class:`~verging_desktop.media.probe.MediaInfo` in, so a dropped file is
probed once.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload
from urllib.parse import urlsplit

from ..api.vimmerse.models import (
    ALIGNMENTS,
    ATTACH_MODES,
    AVATAR_RATIOS,
    EFFECT_OPTIONS,
    ENHANCE_MODES,
    LIP_SYNC_OPTIONS,
    REFERENCE_OPTIONS,
    TWO_PERSON_EFFECTS,
    V2V_OPTIONS,
    VOICES,
    AddAudioRequest,
    AvatarRequest,
    CropRequest,
    EnhanceRequest,
    LipSyncRequest,
    ReferenceToVideoRequest,
    ReframeRequest,
    ReplaceBackgroundRequest,
    SoundEffectRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
    VimmerseRequest,
    parse_ratio,
)
from ..core import filetypes as ft
from ..core.errors import InputError

if TYPE_CHECKING:  # pragma: no cover - media.probe loads PyAV: imported where a file is probed
    from ..media.probe import MediaInfo

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class VimmerseLimits:
    """The limits the app applies to what it sends to Vimmerse, all in this one place.

    Vimmerse documents NO limits (neither the v2 Video reference, seeds/003, nor the legacy
    swagger names a file size, a length, a pixel size or a prompt length), so these are the app's
    own, chosen to refuse early what would take very long to upload or is most likely refused or
    billed unexpectedly, while letting every ordinary creator's clip through:

    - a video of at most 2 GB and 10 minutes (a 10-minute 1080p phone clip is about 1.2 GB;
      the per-5-second billing makes longer jobs expensive, so a longer source is trimmed first);
    - an image of at most 20 MB (a phone's JPEG is 2-12 MB; a larger PNG is downscaled first);
    - an audio file of at most 100 MB and 10 minutes (lip-sync and add-audio take a voice-over or
      a music bed, not an album);
    - at most 7 reference images for reference-to-video (the most any of its models is known to use);
    - prompts of at most 2,500 characters (the shortest cap among the models behind the routes);
    - aspect ratios no wider than 4:1 and no taller than 1:4 (32:9 is 3.6:1).
    """

    video_bytes: int = 2 * GB
    video_seconds: float = 10 * 60
    image_bytes: int = 20 * MB
    audio_bytes: int = 100 * MB
    audio_seconds: float = 10 * 60
    reference_images: int = 7
    prompt_chars: int = 2500
    max_ratio: float = 4.0


LIMITS = VimmerseLimits()

#: what each kind of file may be, by content (core.filetypes.sniff's names)
IMAGE_FORMATS = ("jpeg", "png", "webp")
AUDIO_FORMATS = ("mp3", "wav", "mp4", "ogg", "flac", "webm")  # mp4 = an m4a/AAC file; webm = audio-only WebM
#: containers Vimmerse's upload takes (MP4, MOV, AVI, WebM): PyAV's format names
VIDEO_CONTAINERS = ("mov", "mp4", "avi", "webm")

QUANTITY_RANGE = (1, 4)
DURATION_RANGE = (1, 30)   # reference-to-video, seconds

_IMAGE_KINDS = frozenset({"jpeg", "png", "webp", "gif", "bmp", "tiff", "heic"})
_AUDIO_KINDS = frozenset({"mp3", "wav", "ogg", "flac"})
_VIDEO_KINDS = frozenset({"mp4", "webm", "avi", "mpeg", "mpegts"})


# -- small helpers -------------------------------------------------------------------------------------
def is_url(value: object) -> bool:
    """True for a string that starts with ``http://`` or ``https://`` (passed on without upload)."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _check_url(url: str, what: str) -> str:
    u = url.strip()
    parts = urlsplit(u)
    if not parts.hostname or any(c.isspace() for c in u):
        raise InputError(f"'{url}' is not a usable {what} URL: write it as https://host/path, without spaces.")
    return u


def _fmt_time(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}" if m else f"{seconds:.1f} s"


def _human(n: float) -> str:
    if n >= GB:
        return f"{n / GB:.1f} GB"
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _sniff(p: Path) -> str | None:
    try:
        return ft.sniff(p)
    except OSError as e:
        raise InputError(f"{p.name} cannot be read ({e.strerror or e}).") from None


def _is_matroska_not_webm(p: Path) -> bool:
    """A Matroska file (sniffed as 'webm') whose EBML DocType is ``matroska`` (an .mkv)."""
    with open(p, "rb") as f:
        head = f.read(64)
    return b"matroska" in head and b"webm" not in head


def _probe(p: Path, *, require_video: bool, scan_packets: bool = True) -> MediaInfo:
    from ..media import probe as _probe_mod

    return _probe_mod.probe(p, require_video=require_video, scan_packets=scan_packets)


# -- one file -----------------------------------------------------------------------------------------
@overload
def check_video(path: os.PathLike[str], *, info: MediaInfo | None = ..., cut: bool = ...,
                limits: VimmerseLimits = ..., what: str = ...) -> Path: ...
@overload
def check_video(path: str, *, info: MediaInfo | None = ..., cut: bool = ...,
                limits: VimmerseLimits = ..., what: str = ...) -> Path | str: ...
def check_video(path: str | os.PathLike[str], *, info: MediaInfo | None = None, cut: bool = False,
                limits: VimmerseLimits = LIMITS, what: str = "video") -> Path | str:
    """A video file Vimmerse can take: readable, a video by content (probed: at least two frames
    decodable), in a container its upload accepts (MP4, MOV, AVI, WebM), at most
    ``limits.video_bytes`` and ``limits.video_seconds`` long. An http(s) URL passes through.

    :param info: the file's probe when the caller has one (no second probe).
    :param cut: the file will be cut to a selection (an MP4) before upload, as ``enhance -s/-e``
        and the trimmer do: any container PyAV reads is fine and the size and length limits apply
        to the selection (:func:`check_selection`), not to the source.
    """
    if isinstance(path, str) and is_url(path):
        return _check_url(path, what)
    return _checked_video(path, info=info, cut=cut, limits=limits, what=what)[0]


def _checked_video(path: str | os.PathLike[str], *, info: MediaInfo | None, cut: bool, limits: VimmerseLimits,
                   what: str) -> tuple[Path, MediaInfo]:
    """:func:`check_video` of a local file, with its probe."""
    p = ft.existing_file(path, what)
    kind = _sniff(p)
    if kind in _IMAGE_KINDS:
        raise InputError(f"{p.name} is an image, not a video. Choose a video file (MP4, MOV, AVI or WebM).")
    if kind in _AUDIO_KINDS:
        raise InputError(f"{p.name} is an audio file, not a video. Choose a video file (MP4, MOV, AVI or WebM).")
    size = p.stat().st_size
    if not cut and size > limits.video_bytes:
        raise InputError(f"{p.name} is {_human(size)}; Vimmerse jobs here take videos of at most "
                         f"{_human(limits.video_bytes)}. Trim or compress it first.")
    if info is None:
        info = _probe(p, require_video=True)
    if not info.has_video:
        raise InputError(f"{p.name} has no video stream; choose a video file.")
    if not cut:
        fmt = set((info.format_name or "").split(","))
        if not fmt & set(VIDEO_CONTAINERS) or (kind == "webm" and _is_matroska_not_webm(p)):
            raise InputError(f"{p.name} is a {(info.format_name or kind or 'video').split(',')[0].upper()} file; "
                             "Vimmerse takes MP4, MOV, AVI or WebM. Convert it to MP4 first.")
        if info.duration > limits.video_seconds + 0.05:
            raise InputError(f"{p.name} is {_fmt_time(info.duration)} long; Vimmerse jobs here take at most "
                             f"{_fmt_time(limits.video_seconds)}. Trim it first.")
    return p, info


def check_selection(info: MediaInfo, start: float | None, end: float | None, *,
                    limits: VimmerseLimits = LIMITS) -> tuple[float, float]:
    """The range ``start..end`` (None: the clip's start or end) of a probed video that will be cut:
    inside the clip, in order, and within ``limits.video_seconds``. Returns the range."""
    s = 0.0 if start is None else float(start)
    e = info.duration if end is None else float(end)
    name = Path(info.path).name
    if not (math.isfinite(s) and math.isfinite(e)):
        raise InputError("The start and end must be numbers of seconds.")
    if s < 0:
        raise InputError("The start must be 0 or more seconds.")
    if s >= info.duration:
        raise InputError(f"The start {s:g} s is past the end of {name} ({info.duration:.3f} s).")
    if e <= s:
        raise InputError(f"The end ({e:g} s) must come after the start ({s:g} s).")
    e = min(e, info.duration)
    if e - s > limits.video_seconds + 0.05:
        raise InputError(f"The range is {_fmt_time(e - s)}; Vimmerse jobs here take at most "
                         f"{_fmt_time(limits.video_seconds)}. Choose a shorter range.")
    return s, e


@overload
def check_image(path: os.PathLike[str], *, limits: VimmerseLimits = ..., what: str = ...) -> Path: ...
@overload
def check_image(path: str, *, limits: VimmerseLimits = ..., what: str = ...) -> Path | str: ...
def check_image(path: str | os.PathLike[str], *, limits: VimmerseLimits = LIMITS,
                what: str = "image") -> Path | str:
    """A JPEG, PNG or WebP picture (by its magic bytes) of at most ``limits.image_bytes``;
    an http(s) URL passes through."""
    if isinstance(path, str) and is_url(path):
        return _check_url(path, what)
    p = ft.existing_file(path, what)
    kind = _sniff(p)
    if kind not in IMAGE_FORMATS:
        if kind in _VIDEO_KINDS:
            raise InputError(f"{p.name} is a video, not an image. Choose a picture (JPEG, PNG or WebP).")
        if kind in _AUDIO_KINDS:
            raise InputError(f"{p.name} is an audio file, not an image. Choose a picture (JPEG, PNG or WebP).")
        if kind in _IMAGE_KINDS:
            raise InputError(f"{p.name} is a {kind.upper()} image; Vimmerse takes JPEG, PNG or WebP. Convert it first.")
        raise InputError(f"{p.name} is not an image (its content is not JPEG, PNG or WebP).")
    size = p.stat().st_size
    if size > limits.image_bytes:
        raise InputError(f"{p.name} is {_human(size)}; images for Vimmerse may be at most "
                         f"{_human(limits.image_bytes)}. Downscale or compress it first.")
    return p


@overload
def check_audio(path: os.PathLike[str], *, info: MediaInfo | None = ..., limits: VimmerseLimits = ...,
                what: str = ...) -> Path: ...
@overload
def check_audio(path: str, *, info: MediaInfo | None = ..., limits: VimmerseLimits = ...,
                what: str = ...) -> Path | str: ...
def check_audio(path: str | os.PathLike[str], *, info: MediaInfo | None = None, limits: VimmerseLimits = LIMITS,
                what: str = "audio file") -> Path | str:
    """An audio file (MP3, WAV, M4A/AAC, OGG, FLAC or WebM audio, by content) with a sound stream
    and no picture, at most ``limits.audio_bytes`` and ``limits.audio_seconds``; an http(s) URL
    passes through."""
    if isinstance(path, str) and is_url(path):
        return _check_url(path, what)
    return _checked_audio(path, info=info, limits=limits, what=what)[0]


def _checked_audio(path: str | os.PathLike[str], *, info: MediaInfo | None, limits: VimmerseLimits,
                   what: str) -> tuple[Path, MediaInfo]:
    """:func:`check_audio` of a local file, with its probe."""
    p = ft.existing_file(path, what)
    kind = _sniff(p)
    if kind in _IMAGE_KINDS:
        raise InputError(f"{p.name} is an image, not audio. Choose a recording (MP3, WAV, M4A, OGG or FLAC).")
    if kind not in AUDIO_FORMATS:
        found = f" (it looks like {kind.upper()})" if kind else ""
        raise InputError(f"{p.name} is not an audio file{found}. Choose a recording (MP3, WAV, M4A, OGG or FLAC).")
    size = p.stat().st_size
    if size > limits.audio_bytes:
        raise InputError(f"{p.name} is {_human(size)}; audio for Vimmerse may be at most "
                         f"{_human(limits.audio_bytes)}. Compress or shorten it first.")
    if info is None:
        try:
            info = _probe(p, require_video=False, scan_packets=False)
        except InputError:
            raise InputError(f"{p.name} is not a readable audio file (it is truncated or corrupt).") from None
    if info.has_video:
        raise InputError(f"{p.name} is a video; give an audio file (export its sound as MP3 or WAV first).")
    if not info.has_audio:
        raise InputError(f"{p.name} holds no sound.")
    length = info.audio_duration or info.duration
    if length > limits.audio_seconds + 0.05:
        raise InputError(f"{p.name} is {_fmt_time(length)} long; audio for Vimmerse may last at most "
                         f"{_fmt_time(limits.audio_seconds)}. Shorten it first.")
    return p, info


# -- one value ----------------------------------------------------------------------------------------
def check_ratio(text: str, *, limits: VimmerseLimits = LIMITS, choices: tuple[str, ...] = ()) -> str:
    """``"9:16"``: two positive whole numbers as W:H, no wider than ``limits.max_ratio``:1 nor
    taller than 1:``limits.max_ratio`` (or one of ``choices`` when given). Returns ``"W:H"``."""
    try:
        w, h = parse_ratio(text)
    except ValueError as e:
        raise InputError(str(e)) from None
    ratio = f"{w}:{h}"
    if choices and ratio not in choices:
        raise InputError(f"The aspect ratio must be one of {', '.join(choices)} (got '{text}').")
    if max(w / h, h / w) > limits.max_ratio:
        raise InputError(f"{ratio} is too extreme a frame: use a ratio between 1:{limits.max_ratio:g} and "
                         f"{limits.max_ratio:g}:1.")
    return ratio


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise InputError(f"{name} must be a whole number.")
    if isinstance(value, int):
        return value
    try:
        f = float(str(value).strip())
    except ValueError:
        raise InputError(f"{name} must be a whole number (got '{value}').") from None
    if not math.isfinite(f) or f != int(f):
        raise InputError(f"{name} must be a whole number (got '{value}').")
    return int(f)


def check_quantity(n: Any) -> int:
    """How many results (1 to 4)."""
    lo, hi = QUANTITY_RANGE
    q = _whole(n, "The number of results")
    if not lo <= q <= hi:
        raise InputError(f"The number of results must be between {lo} and {hi} (got {q}).")
    return q


def check_duration(s: Any) -> int:
    """Reference-to-video's length in whole seconds (1 to 30)."""
    lo, hi = DURATION_RANGE
    d = _whole(s, "The duration")
    if not lo <= d <= hi:
        raise InputError(f"The duration must be between {lo} and {hi} seconds (got {d}).")
    return d


def check_option(value: str, choices: Mapping[str, str] | tuple[str, ...], what: str) -> str:
    """``value`` as one of ``choices`` (case and spaces forgiven); the choice as Vimmerse spells it."""
    v = (value or "").strip()
    norm = v.lower().replace(" ", "")
    for c in choices:
        if c.lower().replace(" ", "") == norm:
            return c
    raise InputError(f"'{value}' is not a known {what}; use one of {', '.join(choices)}.")


def check_text(text: str | None, what: str, *, required: bool = True, limits: VimmerseLimits = LIMITS) -> str:
    """A prompt or a text to speak: stripped, at most ``limits.prompt_chars``; empty refused when required."""
    t = (text or "").strip()
    if required and not t:
        raise InputError(f"The {what} is empty. Write what you want.")
    if len(t) > limits.prompt_chars:
        raise InputError(f"The {what} has {len(t)} characters; Vimmerse jobs here take at most "
                         f"{limits.prompt_chars}. Shorten it.")
    return t


def _number(value: Any, what: str, lo: float, hi: float, *, lo_open: bool = False) -> float:
    try:
        f = float(str(value).strip())
    except ValueError:
        raise InputError(f"{what} must be a number between {lo:g} and {hi:g} (got '{value}').") from None
    if not math.isfinite(f) or f > hi or f < lo or (lo_open and f <= lo):
        raise InputError(f"{what} must be {'more than' if lo_open else 'between'} {lo:g} "
                         f"{'and at most' if lo_open else 'and'} {hi:g} (got '{value}').")
    return f


def _num_text(f: float) -> str:
    """A number as the string Vimmerse takes (``0.5``, ``1``)."""
    return f"{f:.4f}".rstrip("0").rstrip(".") or "0"


def check_compression(value: Any) -> str:
    """Enhance's compression scale, 0 to 1, as the string Vimmerse takes (``"0.5"``)."""
    return _num_text(_number(value, "The compression", 0.0, 1.0))


# -- the whole request ----------------------------------------------------------------------------------
def _media_check(kind: str, value: str, *, infos: dict[str, MediaInfo], limits: VimmerseLimits, what: str) -> str:
    """One media value checked by its kind; the probes of local videos and audio are kept in ``infos``."""
    if is_url(value):
        return _check_url(value, what)
    if kind == "video":
        p, info = _checked_video(value, info=infos.get(value), cut=False, limits=limits, what=what)
        infos[str(p)] = info
        return str(p)
    if kind == "image":
        return str(check_image(value, limits=limits, what=what))
    p, info = _checked_audio(value, info=infos.get(value), limits=limits, what=what)
    infos[str(p)] = info
    return str(p)


#: how a media field is named in messages
_FIELD_WORDS = {"video_url": "video", "image_url": "image", "audio_url": "audio file", "bg_image_url": "background image",
                "bg_video_url": "background video", "ref_image_url": "second reference image",
                "image_urls": "reference image"}


def _checked_media(req: VimmerseRequest, infos: dict[str, MediaInfo], limits: VimmerseLimits) -> dict[str, Any]:
    """Each media field's value checked by its kind (local files; URLs pass)."""
    changes: dict[str, Any] = {}
    for name, vals in req.media().items():
        kind = req.MEDIA[name]
        what = _FIELD_WORDS.get(name, kind)
        try:
            checked = tuple(_media_check(kind, v, infos=infos, limits=limits, what=what) for v in vals)
        except InputError as e:  # say which of the request's files it is about
            if what in str(e):
                raise
            raise InputError(f"{what[0].upper()}{what[1:]}: {e}") from None
        cur = getattr(req, name)
        changes[name] = checked if isinstance(cur, (tuple, list)) else checked[0]
    return changes


def _crop_offsets(req: CropRequest, probes: Mapping[str, MediaInfo]) -> None:
    for name in ("offset_x", "offset_y"):
        v = getattr(req, name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise InputError(f"The crop offset {name.removeprefix('offset_')} must be 0 or more pixels (got {v}).")
    info = probes.get(req.video_url)
    if info is None or not info.display_width or not info.display_height:
        return
    w, h = parse_ratio(req.aspect_ratio)
    fw, fh = info.display_width, info.display_height
    box_w, box_h = (fw, fw * h // w) if fw * h <= fh * w else (fh * w // h, fh)
    for name, v, room, axis in (("offset_x", req.offset_x, fw - box_w, "across"), ("offset_y", req.offset_y, fh - box_h,
                                                                                    "down")):
        if v is not None and v > room:
            raise InputError(f"A {req.aspect_ratio} frame of {Path(info.path).name} ({fw}x{fh}) can move at most "
                             f"{room} pixels {axis}; the {name.replace('_', ' ')} {v} is outside the picture.")


@dataclass(frozen=True)
class CheckedRequest:
    """A request that passed :func:`check_request` (normalised), with the probes of its local
    videos and audio files by path (their lengths: what a job is billed by)."""

    request: VimmerseRequest
    probes: dict[str, MediaInfo]


def check_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                  limits: VimmerseLimits = LIMITS) -> VimmerseRequest:
    """The whole request checked before anything is uploaded or charged; returns it normalised
    (:func:`checked_request` also gives the probes it made)."""
    return checked_request(req, probes=probes, limits=limits).request


def checked_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                    limits: VimmerseLimits = LIMITS) -> CheckedRequest:
    """The whole request checked before anything is uploaded or charged; returns it normalised.

    Every media field is checked by its kind (:func:`check_video` / :func:`check_image` /
    :func:`check_audio`; URLs pass through), then the route's own rules:

    - crop / reframe: a W:H ratio; crop offsets 0 or more and, for a probed local video, inside
      the picture; reframe's prompt defaults to "Make it realistic" when empty;
    - enhance: one of the five modes; a compression scale from 0 to 1 (sent as a string);
    - sound-effect: a prompt;
    - avatar: an avatar id, and a text (with a voice id) or an audio file; 1:1, 16:9 or 9:16; captions On/Off;
    - lip-sync: an image or a video (one of them), and an audio file or a text (one of them;
      a text is spoken by one of the voices); one of the options;
    - video-effects: an image; one of the options; an effect; a second image for a two-person
      effect (Hug, Kiss...); 1 to 4 results; a ratio when given;
    - replace-background: a video and one background (an image, a video or a prompt); an
      alignment; a scale above 0 and at most 1 (of the frame's height);
    - reference-to-video: 1 to ``limits.reference_images`` images and a prompt; 1 to 30 seconds;
      a ratio; one of the options; 1 to 4 results;
    - video-to-video: a video and a prompt (an image optional); one of the options;
    - add-audio: a video and an audio file; one of the five attach modes.

    :param probes: local path -> its probe, for files the caller probed already.
    """
    pr: dict[str, MediaInfo] = dict(probes or {})
    ch: dict[str, Any] = _checked_media(req, pr, limits)
    r = replace(req, **ch) if ch else req
    names = {f.name for f in fields(r)}
    upd: dict[str, Any] = {}
    if "prompt" in names:
        upd["prompt"] = check_text(getattr(r, "prompt", ""), "prompt", required=False, limits=limits)
    if isinstance(r, (CropRequest, ReframeRequest)):
        if not r.video_url:
            raise InputError("Choose the video to reframe.")
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
        if isinstance(r, CropRequest):
            _crop_offsets(replace(r, aspect_ratio=upd["aspect_ratio"]), pr)
        elif not upd["prompt"]:
            upd["prompt"] = "Make it realistic"
    elif isinstance(r, EnhanceRequest):
        _need(r.video_url, "Choose the video to enhance.")
        upd["enhance_mode"] = check_option(r.enhance_mode, ENHANCE_MODES, "enhance mode")
        upd["compression_scale"] = check_compression(r.compression_scale)
    elif isinstance(r, SoundEffectRequest):
        _need(r.video_url, "Choose the video to add sound to.")
        _need(upd["prompt"], "Describe the sound to add (the prompt is empty).")
    elif isinstance(r, AvatarRequest):
        _need(r.avatar_id.strip(), "Give the avatar's id.")
        upd["avatar_id"] = r.avatar_id.strip()
        upd["voice_id"] = r.voice_id.strip()
        if bool(upd["prompt"]) == bool(r.audio_url):
            raise InputError("A talking avatar speaks a text or an audio file: give one of them."
                             if not r.audio_url else "Give a text or an audio file for the avatar, not both.")
        if upd["prompt"]:
            _need(upd["voice_id"], "Give the voice id that speaks the avatar's text.")
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits, choices=AVATAR_RATIOS)
        upd["show_caption"] = check_option(r.show_caption, ("On", "Off"), "caption setting")
    elif isinstance(r, LipSyncRequest):
        if bool(r.image_url) == bool(r.video_url):
            raise InputError("Lip sync needs a portrait image or a video of a face: give one of them."
                             if not r.image_url else "Give a portrait image or a video for lip sync, not both.")
        if bool(r.audio_url) == bool(upd["prompt"]):
            raise InputError("Lip sync needs the speech: give an audio file or a text to speak."
                             if not r.audio_url else "Give an audio file or a text to speak, not both.")
        upd["option"] = check_option(r.option, LIP_SYNC_OPTIONS, "lip-sync option")
        upd["voice"] = check_option(r.voice, VOICES, "voice")
    elif isinstance(r, VideoEffectsRequest):
        _need(r.image_url, "Choose the image to animate.")
        upd["option"] = check_option(r.option, EFFECT_OPTIONS, "video-effects option")
        effect = " ".join((r.effect or "").split())
        _need(effect, "Choose an effect (for example BulletTime).")
        upd["effect"] = effect
        two = next((e for e in TWO_PERSON_EFFECTS if e.lower().replace(" ", "") == effect.lower().replace(" ", "")),
                   None)
        if two is not None:
            upd["effect"] = two
            _need(r.ref_image_url, f"The {two} effect takes two people: add the second person's image.")
        upd["quantity"] = check_quantity(r.quantity)
        if r.aspect_ratio:
            upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
    elif isinstance(r, ReplaceBackgroundRequest):
        _need(r.video_url, "Choose the video whose background to replace.")
        given = [w for w, v in (("a background image", r.bg_image_url), ("a background video", r.bg_video_url),
                                ("a prompt", upd["prompt"])) if v]
        if not given:
            raise InputError("Choose the new background: an image, a video, or a prompt that describes it.")
        if len(given) > 1:
            raise InputError(f"Give one background, not {' and '.join(given)}.")
        upd["alignment"] = check_option(r.alignment, ALIGNMENTS, "alignment")
        upd["overlay_scale"] = _num_text(_number(r.overlay_scale, "The scale", 0.0, 1.0, lo_open=True))
    elif isinstance(r, ReferenceToVideoRequest):
        if not r.image_urls:
            raise InputError("Reference-to-video needs at least one reference image.")
        if len(r.image_urls) > limits.reference_images:
            raise InputError(f"{len(r.image_urls)} reference images is too many: give at most "
                             f"{limits.reference_images}.")
        _need(upd["prompt"], "Describe the video to make (the prompt is empty).")
        upd["duration"] = check_duration(r.duration)
        upd["aspect_ratio"] = check_ratio(r.aspect_ratio, limits=limits)
        upd["option"] = check_option(r.option, REFERENCE_OPTIONS, "reference-to-video option")
        upd["quantity"] = check_quantity(r.quantity)
    elif isinstance(r, VideoToVideoRequest):
        _need(r.video_url, "Choose the video to restyle.")
        _need(upd["prompt"], "Describe the change to make (the prompt is empty).")
        upd["option"] = check_option(r.option, V2V_OPTIONS, "video-to-video option")
    elif isinstance(r, AddAudioRequest):
        _need(r.video_url, "Choose the video to put the audio on.")
        _need(r.audio_url, "Choose the audio file to put on the video.")
        upd["attach_mode"] = check_option(r.attach_mode, ATTACH_MODES, "attach mode")
    return CheckedRequest(replace(r, **upd) if upd else r, pr)


def _need(value: Any, message: str) -> None:
    if not value:
        raise InputError(message)


async def acheck_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                         limits: VimmerseLimits = LIMITS) -> VimmerseRequest:
    """:func:`check_request` in a worker thread (it probes local videos and audio)."""
    return await asyncio.to_thread(check_request, req, probes=probes, limits=limits)


async def achecked_request(req: VimmerseRequest, *, probes: Mapping[str, MediaInfo] | None = None,
                           limits: VimmerseLimits = LIMITS) -> CheckedRequest:
    """:func:`checked_request` in a worker thread."""
    return await asyncio.to_thread(checked_request, req, probes=probes, limits=limits)


# -- add-audio's result -----------------------------------------------------------------------------
def attach_result_duration(mode: str, video_s: float, audio_s: float) -> float:
    """How long add-audio's result lasts, in seconds, for each attach mode (the sandbox renders the
    same rules, ``sandbox/vimmerse_media.attach_seconds``):

    - ``MatchVideo``: the video's length. The audio is made to match the video: cut at the video's
      end when longer, padded with silence when shorter.
    - ``PadAudio``: the video's length. A shorter audio is padded with silence to the video's end;
      the name promises only padding, and the picture still sets the length, so a longer audio is
      cut at the video's end (never the video frozen to wait for it).
    - ``MatchAudio``: the audio's length. The video is cut at the audio's end when longer, or its
      last frame held when shorter.
    - ``SpeedAdjust``: the video's length. The audio's tempo is changed so that it spans the video.
    - ``Strict``: the shorter of the two. Neither is stretched or padded; both end where the
      first one ends.

    :raises InputError: an unknown mode, or a length that is not a positive number.
    """
    m = check_option(mode, ATTACH_MODES, "attach mode")
    for what, v in (("video", video_s), ("audio", audio_s)):
        if not math.isfinite(v) or v <= 0:
            raise InputError(f"The {what}'s length must be more than 0 seconds (got {v:g}).")
    if m in ("MatchVideo", "PadAudio", "SpeedAdjust"):
        return float(video_s)
    if m == "MatchAudio":
        return float(audio_s)
    return float(min(video_s, audio_s))
