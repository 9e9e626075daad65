"""Checks of a varg request before anything is uploaded or charged (no Qt: the tabs and the CLI
share them). Every failure is an :class:`~verging_desktop.core.errors.InputError` with one
sentence a person can act on.

:func:`check_request` refuses: an unknown model (the sentence lists the known ones of that kind),
an empty prompt or text (background removal and transcription take none), a duration the model
does not take ("kling-v2.5 takes 5 or 10 seconds"), an aspect ratio that is not W:H, more input
images than the model takes or none where one is needed, a missing or unreadable file (named),
a file whose *content* is not what the route takes (an image must be PNG, JPEG, WebP or GIF by
its magic bytes; the audio to transcribe must probe as audio with PyAV), and a file over 50 MB
(varg's ``/files`` limit; the size is said in MB). An image over the limit raises
:class:`ImageTooLarge`: :func:`downscale_image` makes a smaller JPEG copy with ffmpeg.

An input given as an http(s) URL is fetched by varg itself: only its form is checked.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from ..api.varg.models import VargRequest
from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.varg_models import (
    JOB_KINDS,
    MAX_UPLOAD_BYTES,
    Capability,
    VargModel,
    find_model,
    kind_capability,
    model_names,
    parse_aspect,
)

MB = 1024 * 1024
#: what an input image may be, by content (core.filetypes.sniff's names)
IMAGE_FORMATS = ("png", "jpeg", "webp", "gif")
#: containers the audio to transcribe may come in, by content (Whisper's formats, plus OGG and FLAC)
AUDIO_CONTAINERS = ("mp3", "wav", "mp4", "webm", "ogg", "flac", "mpeg")
_VIDEO_KINDS = frozenset({"mp4", "webm", "avi", "mpeg", "mpegts"})
_AUDIO_KINDS = frozenset({"mp3", "wav", "ogg", "flac"})
_OTHER_IMAGES = frozenset({"bmp", "tiff", "heic"})

#: the kind's words in messages: (what the job makes, the input image's name)
_WORDS = {
    "varg-video": ("video", "image"),
    "varg-image": ("image", "reference image"),
    "varg-background-removal": ("cut-out", "image"),
    "varg-speech": ("speech", "image"),
    "varg-music": ("music", "image"),
    "varg-transcription": ("transcript", "image"),
}
_KIND_NAMES = {
    "varg-video": "video",
    "varg-image": "image",
    "varg-background-removal": "background-removal",
    "varg-speech": "speech",
    "varg-music": "music",
    "varg-transcription": "transcription",
}


class ImageTooLarge(InputError):
    """An input image over varg's upload limit; :func:`downscale_image` makes a copy that fits."""

    def __init__(self, message: str, *, path: Path, size: int, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
        super().__init__(message)
        self.path = path
        self.size = size
        self.max_bytes = max_bytes


def _mb(n: float) -> str:
    """``61.2 MB``, ``50 MB``; ``12 KB`` under a tenth of a MB."""
    if n < MB / 10:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / MB:.1f}".removesuffix(".0") + " MB"


def _over(size: int, limit: int) -> str:
    """"``61.2 MB; varg takes files of at most 50 MB``" (a size that rounds to the limit is "just over")."""
    s, m = _mb(size), _mb(limit)
    return f"{'just over ' + m if s == m else s}; varg takes files of at most {m}"


def _is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _check_url(url: str, what: str) -> None:
    u = url.strip()
    try:
        host = urlsplit(u).hostname
    except ValueError:
        host = None
    if not host or any(c.isspace() for c in u):
        raise InputError(f"'{url}' is not a usable {what} URL: write it as https://host/path, without spaces.")


def _existing(path: str, what: str) -> Path:
    """A local file that exists, is a file, can be read and is not empty (one sentence naming it)."""
    p = Path(path).expanduser()
    try:
        if not p.exists():
            raise InputError(f"The {what} {path} does not exist: check the path.")
        if p.is_dir():
            raise InputError(f"{path} is a folder: choose the {what} file itself.")
        size = p.stat().st_size
        with open(p, "rb") as f:
            f.read(1)
    except PermissionError:
        raise InputError(f"The {what} {path} cannot be read (permission denied): check its permissions.") from None
    except OSError as e:
        why = (e.strerror or type(e).__name__).rstrip(".").lower()
        raise InputError(f"The {what} {path} cannot be read ({why}).") from None
    if size == 0:
        raise InputError(f"The {what} {path} is empty (0 bytes): choose another file.")
    return p


def _sniff(p: Path, what: str) -> str | None:
    try:
        return ft.sniff(p)
    except OSError as e:
        raise InputError(f"The {what} {p} cannot be read ({(e.strerror or type(e).__name__).lower()}).") from None


# -- one file --------------------------------------------------------------------------------------
def check_image(path: str, *, what: str = "image", max_bytes: int = MAX_UPLOAD_BYTES) -> Path | None:
    """A local PNG, JPEG, WebP or GIF (by content) of at most ``max_bytes`` (else
    :class:`ImageTooLarge`); an http(s) URL is only checked for its form (None is returned)."""
    if _is_url(path):
        _check_url(path, what)
        return None
    p = _existing(path, what)
    kind = _sniff(p, what)
    if kind not in IMAGE_FORMATS:
        if kind in _VIDEO_KINDS:
            raise InputError(f"{p.name} is a video, not an image: choose a picture (PNG, JPEG, WebP or GIF).")
        if kind in _AUDIO_KINDS:
            raise InputError(f"{p.name} is an audio file, not an image: choose a picture (PNG, JPEG, WebP or GIF).")
        if kind in _OTHER_IMAGES:
            raise InputError(f"{p.name} is a {kind.upper()} image; varg takes PNG, JPEG, WebP or GIF: convert it "
                             "first.")
        raise InputError(f"{p.name} is not an image (its content is not PNG, JPEG, WebP or GIF): choose a picture.")
    size = p.stat().st_size
    if size > max_bytes:
        raise ImageTooLarge(f"{p.name} is {_over(size, max_bytes)}: "
                            "make a smaller copy first.", path=p, size=size, max_bytes=max_bytes)
    return p


def check_audio(path: str, *, what: str = "audio file", max_bytes: int = MAX_UPLOAD_BYTES) -> Path | None:
    """A local recording with a sound stream (probed with PyAV) in a container Whisper takes, of at
    most ``max_bytes``; an http(s) URL is only checked for its form (None is returned)."""
    if _is_url(path):
        _check_url(path, what)
        return None
    p = _existing(path, what)
    kind = _sniff(p, what)
    if kind in IMAGE_FORMATS or kind in _OTHER_IMAGES:
        raise InputError(f"{p.name} is an image, not audio: choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).")
    if kind not in AUDIO_CONTAINERS:
        found = f" (it looks like {kind.upper()})" if kind else ""
        raise InputError(f"{p.name} is not an audio file{found}: choose a recording (MP3, WAV, M4A, OGG, FLAC "
                         "or WebM).")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(f"{p.name} is {_over(size, max_bytes)}: compress it "
                         "(for example to MP3) or shorten it first.")
    from ..media.probe import probe

    try:
        info = probe(p, require_video=False, scan_packets=False)
    except InputError:
        raise InputError(f"{p.name} is not a readable audio file (it is truncated or corrupt).") from None
    if not info.has_audio:
        raise InputError(f"{p.name} holds no sound: choose a recording.")
    return p


# -- values ----------------------------------------------------------------------------------------
def _seconds_list(ds: tuple[int, ...]) -> str:
    words = [str(d) for d in ds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def duration_words(m: VargModel) -> str:
    """"5 or 10 seconds", "10 to 300 seconds", or "any length"."""
    if m.durations:
        return f"{_seconds_list(m.durations)} seconds"
    if m.max_duration:
        return f"{_num(m.min_duration)} to {_num(m.max_duration)} seconds"
    return "any length"


def check_duration(m: VargModel, seconds: float | None) -> None:
    """``seconds`` is one the model takes (None: the model's default)."""
    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) \
            or seconds <= 0 or not m.accepts_duration(float(seconds)):
        got = _num(float(seconds)) if isinstance(seconds, (int, float)) and math.isfinite(seconds) else str(seconds)
        if not m.durations and not m.max_duration:
            raise InputError(f"The duration must be a number of seconds above 0 (got {got}).")
        raise InputError(f"{m.id} takes {duration_words(m)} (got {got}).")


def check_aspect(text: str) -> None:
    """An aspect ratio written W:H with two positive whole numbers ("" : the model's default)."""
    if text and parse_aspect(text) is None:
        raise InputError(f"The aspect ratio '{text}' is not W:H: write it like 16:9, 9:16 or 1:1.")


def check_model(req: VargRequest) -> VargModel:
    """The request's model, of the request's kind; else the known ones of that kind are listed."""
    kind = _KIND_NAMES[req.kind]
    cap = kind_capability(req.kind)
    known = model_names(cap, kind=req.kind)
    if not (req.model or "").strip():
        raise InputError(f"Choose a varg {kind} model: one of {known}.")
    m = find_model(req.model)
    if m is None or m.kind != req.kind:
        raise InputError(f"varg has no {kind} model called '{req.model.strip()}': use one of {known}.")
    if m.lip_sync:
        raise InputError(f"{m.id} is a lip-sync model, which the app does not offer yet: use one of {known}.")
    return m


# -- the whole request -----------------------------------------------------------------------------
def check_request(req: VargRequest, *, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Every check of the module's text, cheapest first; raises the first problem found.

    Blocks for a moment on a local audio file (a PyAV probe): call it from a worker thread in the
    app (:func:`acheck_request`)."""
    if req.kind not in JOB_KINDS:
        raise InputError(f"'{req.kind}' is not a varg job: use one of {', '.join(JOB_KINDS)}.")
    m = check_model(req)
    made, image_word = _WORDS[req.kind]
    # prompts and texts
    if req.kind == "varg-speech":
        if not (req.text or "").strip():
            raise InputError("The text to speak is empty: write what the voice should say.")
    elif req.kind in ("varg-video", "varg-image", "varg-music") and not (req.prompt or "").strip():
        raise InputError(f"The prompt is empty: describe the {made} to make.")
    # values
    if m.capability in (Capability.VIDEO, Capability.MUSIC):
        check_duration(m, req.duration)
    if m.capability in (Capability.VIDEO, Capability.IMAGE):
        check_aspect(req.aspect_ratio)
    # how many images
    n = len(req.files)
    if n > m.max_images:
        if m.max_images == 0:
            raise InputError(f"{m.id} takes no input image: remove {'it' if n == 1 else 'them'} or choose "
                             "another model.")
        raise InputError(f"{m.id} takes at most {m.max_images} input image{'s' if m.max_images > 1 else ''} "
                         f"(got {n}): remove {n - m.max_images}.")
    if n == 0 and (m.needs_image or not m.text_to):
        if req.kind == "varg-background-removal":
            raise InputError("Choose the image whose background to remove.")
        raise InputError(f"{m.id} makes a {made} from an image: choose one.")
    if req.kind == "varg-transcription" and not (req.audio or "").strip():
        raise InputError("Choose the audio file to transcribe.")
    # the files, by content
    if any(not (f or "").strip() for f in req.files):
        raise InputError(f"One of the {image_word}s has no path: choose the file again.")
    for f in req.files:
        check_image(f, what=image_word, max_bytes=max_bytes)
    if req.audio:
        if req.kind != "varg-transcription":
            raise InputError(f"{m.id} takes no audio file: remove it.")
        check_audio(req.audio, max_bytes=max_bytes)


async def acheck_request(req: VargRequest, *, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """:func:`check_request` in a worker thread (it may probe an audio file)."""
    await asyncio.to_thread(check_request, req, max_bytes=max_bytes)


# -- a smaller copy of a large image -----------------------------------------------------------------
#: the longest side a copy starts from, the smallest it may get, the JPEG qualities tried at each
#: size (ffmpeg's -q:v: 2 best .. 31 worst) and the most encodes one copy may take
_MAX_SIDE = 8192
_MIN_SIDE = 64
_QUALITIES = (3, 6)
_MAX_TRIES = 16


def _image_size(p: Path) -> tuple[int, int]:
    from ..media.probe import open_for_probe

    try:
        with open_for_probe(p) as c:
            s = c.streams.video[0]
            return int(s.codec_context.width or 0), int(s.codec_context.height or 0)
    except Exception:  # a picture PyAV cannot read: ffmpeg says so below
        return 0, 0


def _graph(w: int, h: int, side: int) -> list[str]:
    """ffmpeg's filter arguments: the picture fitted in ``side`` pixels (even sizes) and, when its
    size is known, laid on white (a transparent background becomes white, not black)."""
    if not w or not h:
        scale = f"scale='if(gt(iw,ih),min(iw,{side}),-2)':'if(gt(iw,ih),-2,min(ih,{side}))'"
        return ["-vf", f"{scale},format=yuvj420p"]
    f = min(1.0, side / max(w, h))
    ow, oh = max(2, int(w * f) // 2 * 2), max(2, int(h * f) // 2 * 2)
    return ["-filter_complex", f"color=c=white:s={ow}x{oh}:d=1[bg];[0:v]scale={ow}:{oh},format=rgba[fg];"
                               "[bg][fg]overlay=shortest=1:format=auto,format=yuvj420p"]


def downscale_image(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                    max_bytes: int = MAX_UPLOAD_BYTES, timeout: float = 120.0) -> Path:
    """A JPEG copy of the image ``path`` small enough for varg (under ``max_bytes``), written in
    ``out_dir`` as ``<name>_downscaled.jpg`` (a free name: nothing is overwritten, the original
    least of all). Made with the bundled ffmpeg; each try lowers the quality or the pixels
    until it fits. A transparent background becomes white (JPEG has no alpha).

    :raises InputError: the image cannot be read, or no copy fits.
    """
    from ..media.binaries import ffmpeg_exe
    from ..media.ffrun import ffpath

    src = Path(path)
    if not src.is_file():
        raise InputError(f"The image {src} does not exist: check the path.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dst = ft.unique_path(out / f"{src.stem}_downscaled.jpg")
    part = dst.with_name(dst.name + ".part")
    w, h = _image_size(src)
    side = min(max(w, h) or _MAX_SIDE, _MAX_SIDE)
    exe = ffmpeg_exe()
    tries = 0
    try:
        while side >= _MIN_SIDE and tries < _MAX_TRIES:
            size = 0
            for q in _QUALITIES:
                tries += 1
                cmd = [exe, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", ffpath(src),
                       *_graph(w, h, side), "-frames:v", "1", "-q:v", str(q),
                       "-f", "image2", "-c:v", "mjpeg", ffpath(part)]
                try:
                    r = subprocess.run(cmd, capture_output=True, timeout=timeout)
                except subprocess.TimeoutExpired:
                    raise InputError(f"Making a smaller copy of {src.name} took over {timeout:g} s: "
                                     "resize it in an image editor.") from None
                if r.returncode != 0 or not part.is_file():
                    raise InputError(f"{src.name} cannot be read as an image, so no smaller copy could be made.")
                size = part.stat().st_size
                if size <= max_bytes:
                    os.replace(part, dst)
                    return dst
            # fewer pixels: the bytes of a JPEG go roughly with its area
            side = int(side * min(0.85, (max_bytes * 0.9 / max(size, 1)) ** 0.5))
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    raise InputError(f"No copy of {src.name} small enough for varg could be made: resize it in an image editor.")


async def adownscale_image(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                           max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """:func:`downscale_image` in a worker thread."""
    return await asyncio.to_thread(downscale_image, path, out_dir, max_bytes=max_bytes)
