"""The file checks of :mod:`verging_desktop.services.vimmerse_inputs` (re-exported there; use them
from there): a local file exists, is readable, is what it claims to be by content (magic bytes for
images, a PyAV probe for video and audio) and is within :data:`LIMITS`, the app's own limits in
one place (Vimmerse documents none). An http(s) URL passes through. No Qt.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload
from urllib.parse import urlsplit

from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.i18n import N_, _

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
        raise InputError(_("'{url}' is not a usable {what} URL: write it as https://host/path, without spaces.").format(
            url=url, what=_(what)))
    return u


def _fmt_time(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}" if m else _("{seconds} s", "seconds").format(seconds=f"{seconds:.1f}")


def _human(n: float) -> str:
    if n >= GB:
        return f"{n / GB:.1f} GB"
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _sniff(p: Path) -> str | None:
    try:
        return ft.sniff(p)
    except OSError as e:
        raise InputError(_("{name} cannot be read ({reason}).").format(name=p.name, reason=e.strerror or e)) from None


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
                limits: VimmerseLimits = LIMITS, what: str = N_("video")) -> Path | str:
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
        raise InputError(_("{name} is an image, not a video. Choose a video file (MP4, MOV, AVI or WebM).").format(
            name=p.name))
    if kind in _AUDIO_KINDS:
        raise InputError(_("{name} is an audio file, not a video. Choose a video file (MP4, MOV, AVI or WebM).").format(
            name=p.name))
    size = p.stat().st_size
    if not cut and size > limits.video_bytes:
        raise InputError(_("{name} is {size}; Vimmerse jobs here take videos of at most {video_bytes}. Trim or "
                           "compress it first.").format(
            name=p.name, size=_human(size), video_bytes=_human(limits.video_bytes)))
    if info is None:
        info = _probe(p, require_video=True)
    if not info.has_video:
        raise InputError(_('{name} has no video stream; choose a video file.').format(name=p.name))
    if not cut:
        fmt = set((info.format_name or "").split(","))
        if not fmt & set(VIDEO_CONTAINERS) or (kind == "webm" and _is_matroska_not_webm(p)):
            raise InputError(_("{name} is a {format} file; Vimmerse takes MP4, MOV, AVI or WebM. Convert it to MP4 "
                               "first.").format(
                name=p.name, format=(info.format_name or kind or 'video').split(',')[0].upper()))
        if info.duration > limits.video_seconds + 0.05:
            raise InputError(_("{name} is {duration} long; Vimmerse jobs here take at most {video_seconds}. Trim it "
                               "first.").format(
                name=p.name, duration=_fmt_time(info.duration), video_seconds=_fmt_time(limits.video_seconds)))
    return p, info


def check_selection(info: MediaInfo, start: float | None, end: float | None, *,
                    limits: VimmerseLimits = LIMITS) -> tuple[float, float]:
    """The range ``start..end`` (None: the clip's start or end) of a probed video that will be cut:
    inside the clip, in order, and within ``limits.video_seconds``. Returns the range."""
    s = 0.0 if start is None else float(start)
    e = info.duration if end is None else float(end)
    name = Path(info.path).name
    if not (math.isfinite(s) and math.isfinite(e)):
        raise InputError(_("The start and end must be numbers of seconds."))
    if s < 0:
        raise InputError(_("The start must be 0 or more seconds."))
    if s >= info.duration:
        raise InputError(_("The start {start} s is past the end of {name} ({duration} s).").format(
            start=f"{s:g}", name=name, duration=f"{info.duration:.3f}"))
    if e <= s:
        raise InputError(_("The end ({end} s) must come after the start ({start} s).").format(
            end=f"{e:g}", start=f"{s:g}"))
    e = min(e, info.duration)
    if e - s > limits.video_seconds + 0.05:
        raise InputError(_("The range is {length}; Vimmerse jobs here take at most {video_seconds}. Choose a shorter "
                           "range.").format(
            length=_fmt_time(e - s), video_seconds=_fmt_time(limits.video_seconds)))
    return s, e


@overload
def check_image(path: os.PathLike[str], *, limits: VimmerseLimits = ..., what: str = ...) -> Path: ...
@overload
def check_image(path: str, *, limits: VimmerseLimits = ..., what: str = ...) -> Path | str: ...
def check_image(path: str | os.PathLike[str], *, limits: VimmerseLimits = LIMITS,
                what: str = N_("image")) -> Path | str:
    """A JPEG, PNG or WebP picture (by its magic bytes) of at most ``limits.image_bytes``;
    an http(s) URL passes through."""
    if isinstance(path, str) and is_url(path):
        return _check_url(path, what)
    p = ft.existing_file(path, what)
    kind = _sniff(p)
    if kind not in IMAGE_FORMATS:
        if kind in _VIDEO_KINDS:
            raise InputError(_("{name} is a video, not an image. Choose a picture (JPEG, PNG or WebP).").format(
                name=p.name))
        if kind in _AUDIO_KINDS:
            raise InputError(_("{name} is an audio file, not an image. Choose a picture (JPEG, PNG or WebP).").format(
                name=p.name))
        if kind in _IMAGE_KINDS:
            raise InputError(_("{name} is a {kind} image; Vimmerse takes JPEG, PNG or WebP. Convert it first.").format(
                name=p.name, kind=kind.upper()))
        raise InputError(_('{name} is not an image (its content is not JPEG, PNG or WebP).').format(name=p.name))
    size = p.stat().st_size
    if size > limits.image_bytes:
        raise InputError(_("{name} is {size}; images for Vimmerse may be at most {image_bytes}. Downscale or compress "
                           "it first.").format(
            name=p.name, size=_human(size), image_bytes=_human(limits.image_bytes)))
    return p


@overload
def check_audio(path: os.PathLike[str], *, info: MediaInfo | None = ..., limits: VimmerseLimits = ...,
                what: str = ...) -> Path: ...
@overload
def check_audio(path: str, *, info: MediaInfo | None = ..., limits: VimmerseLimits = ...,
                what: str = ...) -> Path | str: ...
def check_audio(path: str | os.PathLike[str], *, info: MediaInfo | None = None, limits: VimmerseLimits = LIMITS,
                what: str = N_("audio file")) -> Path | str:
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
        raise InputError(_("{name} is an image, not audio. Choose a recording (MP3, WAV, M4A, OGG or FLAC).").format(
            name=p.name))
    if kind not in AUDIO_FORMATS:
        if kind:
            raise InputError(_("{name} is not an audio file (it looks like {kind}). Choose a recording (MP3, WAV, M4A, "
                               "OGG or FLAC).").format(name=p.name, kind=kind.upper()))
        raise InputError(_("{name} is not an audio file. Choose a recording (MP3, WAV, M4A, OGG or FLAC).").format(
            name=p.name))
    size = p.stat().st_size
    if size > limits.audio_bytes:
        raise InputError(_("{name} is {size}; audio for Vimmerse may be at most {audio_bytes}. Compress or shorten it "
                           "first.").format(
            name=p.name, size=_human(size), audio_bytes=_human(limits.audio_bytes)))
    if info is None:
        try:
            info = _probe(p, require_video=False, scan_packets=False)
        except InputError:
            raise InputError(_("{name} is not a readable audio file (it is truncated or corrupt).").format(
                name=p.name)) from None
    if info.has_video:
        raise InputError(_("{name} is a video; give an audio file (export its sound as MP3 or WAV first).").format(
            name=p.name))
    if not info.has_audio:
        raise InputError(_('{name} holds no sound.').format(name=p.name))
    length = info.audio_duration or info.duration
    if length > limits.audio_seconds + 0.05:
        raise InputError(_("{name} is {length} long; audio for Vimmerse may last at most {audio_seconds}. Shorten it "
                           "first.").format(
            name=p.name, length=_fmt_time(length), audio_seconds=_fmt_time(limits.audio_seconds)))
    return p, info
