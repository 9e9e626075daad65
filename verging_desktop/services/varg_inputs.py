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
from ..core.i18n import N_, _, n_
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
    "varg-video": (N_("video"), N_("image")),
    "varg-image": (N_("image"), N_("reference image")),
    "varg-background-removal": (N_("cut-out"), N_("image")),
    "varg-speech": (N_("speech"), N_("image")),
    "varg-music": (N_("music"), N_("image")),
    "varg-transcription": (N_("transcript"), N_("image")),
}
_KIND_NAMES = {
    "varg-video": N_("video"),
    "varg-image": N_("image"),
    "varg-background-removal": N_("background-removal"),
    "varg-speech": N_("speech"),
    "varg-music": N_("music"),
    "varg-transcription": N_("transcription"),
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
    if s == m:
        return _("just over {limit}; varg takes files of at most {limit}").format(limit=m)
    return _("{size}; varg takes files of at most {limit}").format(size=s, limit=m)


def _is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def _check_url(url: str, what: str) -> None:
    u = url.strip()
    try:
        host = urlsplit(u).hostname
    except ValueError:
        host = None
    if not host or any(c.isspace() for c in u):
        raise InputError(_("'{url}' is not a usable {what} URL: write it as https://host/path, without spaces.").format(url=url, what=_(what)))


def _existing(path: str, what: str) -> Path:
    """A local file that exists, is a file, can be read and is not empty (one sentence naming it)."""
    p = Path(path).expanduser()
    try:
        if not p.exists():
            raise InputError(_("The {what} {path} does not exist: check the path.").format(what=_(what), path=path))
        if p.is_dir():
            raise InputError(_("{path} is a folder: choose the {what} file itself.").format(path=path, what=_(what)))
        size = p.stat().st_size
        with open(p, "rb") as f:
            f.read(1)
    except PermissionError:
        raise InputError(_("The {what} {path} cannot be read (permission denied): check its permissions.").format(what=_(what), path=path)) from None
    except OSError as e:
        why = (e.strerror or type(e).__name__).rstrip(".").lower()
        raise InputError(_("The {what} {path} cannot be read ({why}).").format(what=_(what), path=path, why=why)) from None
    if size == 0:
        raise InputError(_("The {what} {path} is empty (0 bytes): choose another file.").format(what=_(what), path=path))
    return p


def _sniff(p: Path, what: str) -> str | None:
    try:
        return ft.sniff(p)
    except OSError as e:
        raise InputError(_("The {what} {path} cannot be read ({why}).").format(
            what=_(what), path=p, why=(e.strerror or type(e).__name__).lower())) from None


# -- one file --------------------------------------------------------------------------------------
def check_image(path: str, *, what: str = N_("image"), max_bytes: int = MAX_UPLOAD_BYTES) -> Path | None:
    """A local PNG, JPEG, WebP or GIF (by content) of at most ``max_bytes`` (else
    :class:`ImageTooLarge`); an http(s) URL is only checked for its form (None is returned)."""
    if _is_url(path):
        _check_url(path, what)
        return None
    p = _existing(path, what)
    kind = _sniff(p, what)
    if kind not in IMAGE_FORMATS:
        if kind in _VIDEO_KINDS:
            raise InputError(_("{name} is a video, not an image: choose a picture (PNG, JPEG, WebP or GIF).").format(name=p.name))
        if kind in _AUDIO_KINDS:
            raise InputError(_("{name} is an audio file, not an image: choose a picture (PNG, JPEG, WebP or GIF).").format(name=p.name))
        if kind in _OTHER_IMAGES:
            raise InputError(_("{name} is a {format} image; varg takes PNG, JPEG, WebP or GIF: convert it first.").format(
                name=p.name, format=kind.upper()))
        raise InputError(_("{name} is not an image (its content is not PNG, JPEG, WebP or GIF): choose a picture.").format(name=p.name))
    size = p.stat().st_size
    if size > max_bytes:
        raise ImageTooLarge(_("{name} is {size}: make a smaller copy first.").format(name=p.name, size=_over(size, max_bytes)),
                            path=p, size=size, max_bytes=max_bytes)
    return p


def check_audio(path: str, *, what: str = N_("audio file"), max_bytes: int = MAX_UPLOAD_BYTES) -> Path | None:
    """A local recording with a sound stream (probed with PyAV) in a container Whisper takes, of at
    most ``max_bytes``; an http(s) URL is only checked for its form (None is returned)."""
    if _is_url(path):
        _check_url(path, what)
        return None
    p = _existing(path, what)
    kind = _sniff(p, what)
    if kind in IMAGE_FORMATS or kind in _OTHER_IMAGES:
        raise InputError(_("{name} is an image, not audio: choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).").format(name=p.name))
    if kind not in AUDIO_CONTAINERS:
        if kind:
            raise InputError(_("{name} is not an audio file (it looks like {format}): choose a recording (MP3, WAV, "
                               "M4A, OGG, FLAC or WebM).").format(name=p.name, format=kind.upper()))
        raise InputError(_("{name} is not an audio file: choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).").format(
            name=p.name))
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(_("{name} is {size}: compress it (for example to MP3) or shorten it first.").format(
            name=p.name, size=_over(size, max_bytes)))
    from ..media.probe import probe

    try:
        info = probe(p, require_video=False, scan_packets=False)
    except InputError:
        raise InputError(_("{name} is not a readable audio file (it is truncated or corrupt).").format(name=p.name)) from None
    if not info.has_audio:
        raise InputError(_("{name} holds no sound: choose a recording.").format(name=p.name))
    return p


# -- values ----------------------------------------------------------------------------------------
def _seconds_list(ds: tuple[int, ...]) -> str:
    words = [str(d) for d in ds]
    return words[0] if len(words) == 1 else _("{some} or {last}").format(some=", ".join(words[:-1]), last=words[-1])


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def duration_words(m: VargModel) -> str:
    """"5 or 10 seconds", "10 to 300 seconds", or "any length"."""
    if m.durations:
        return _("{list} seconds").format(list=_seconds_list(m.durations))
    if m.max_duration:
        return _("{low} to {high} seconds").format(low=_num(m.min_duration), high=_num(m.max_duration))
    return _("any length")


def check_duration(m: VargModel, seconds: float | None) -> None:
    """``seconds`` is one the model takes (None: the model's default)."""
    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) \
            or seconds <= 0 or not m.accepts_duration(float(seconds)):
        got = _num(float(seconds)) if isinstance(seconds, (int, float)) and math.isfinite(seconds) else str(seconds)
        if not m.durations and not m.max_duration:
            raise InputError(_("The duration must be a number of seconds above 0 (got {got}).").format(got=got))
        raise InputError(_("{model} takes {durations} (got {got}).").format(model=m.id, durations=duration_words(m), got=got))


def check_aspect(text: str) -> None:
    """An aspect ratio written W:H with two positive whole numbers ("" : the model's default)."""
    if text and parse_aspect(text) is None:
        raise InputError(_("The aspect ratio '{text}' is not W:H: write it like 16:9, 9:16 or 1:1.").format(text=text))


def check_model(req: VargRequest) -> VargModel:
    """The request's model, of the request's kind; else the known ones of that kind are listed."""
    kind = _KIND_NAMES[req.kind]
    cap = kind_capability(req.kind)
    known = model_names(cap, kind=req.kind)
    if not (req.model or "").strip():
        raise InputError(_("Choose a varg {kind} model: one of {known}.").format(kind=_(kind), known=known))
    m = find_model(req.model)
    if m is None or m.kind != req.kind:
        raise InputError(_("varg has no {kind} model called '{model}': use one of {known}.").format(
            kind=_(kind), model=req.model.strip(), known=known))
    if m.lip_sync:
        raise InputError(_("{model} is a lip-sync model, which the app does not offer yet: use one of {known}.").format(model=m.id, known=known))
    return m


# -- the whole request -----------------------------------------------------------------------------
def check_request(req: VargRequest, *, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Every check of the module's text, cheapest first; raises the first problem found.

    Blocks for a moment on a local audio file (a PyAV probe): call it from a worker thread in the
    app (:func:`acheck_request`)."""
    if req.kind not in JOB_KINDS:
        raise InputError(_("'{kind}' is not a varg job: use one of {known}.").format(kind=req.kind, known=", ".join(JOB_KINDS)))
    m = check_model(req)
    made, image_word = _WORDS[req.kind]
    # prompts and texts
    if req.kind == "varg-speech":
        if not (req.text or "").strip():
            raise InputError(_("The text to speak is empty: write what the voice should say."))
    elif req.kind in ("varg-video", "varg-image", "varg-music") and not (req.prompt or "").strip():
        raise InputError(_("The prompt is empty: describe the {made} to make.").format(made=_(made)))
    # values
    if m.capability in (Capability.VIDEO, Capability.MUSIC):
        check_duration(m, req.duration)
    if m.capability in (Capability.VIDEO, Capability.IMAGE):
        check_aspect(req.aspect_ratio)
    # how many images
    n = len(req.files)
    if n > m.max_images:
        if m.max_images == 0:
            raise InputError(_("{model} takes no input image: remove it or choose another model.").format(model=m.id)
                             if n == 1 else _("{model} takes no input image: remove them or choose another model.").format(
                                 model=m.id))
        raise InputError(n_("{model} takes at most %n input image(s) (got {got}): remove {extra}.", m.max_images).format(
            model=m.id, got=n, extra=n - m.max_images))
    if n == 0 and (m.needs_image or not m.text_to):
        if req.kind == "varg-background-removal":
            raise InputError(_("Choose the image whose background to remove."))
        raise InputError(_("{model} makes a {made} from an image: choose one.").format(model=m.id, made=_(made)))
    if req.kind == "varg-transcription" and not (req.audio or "").strip():
        raise InputError(_("Choose the audio file to transcribe."))
    # the files, by content
    if any(not (f or "").strip() for f in req.files):
        raise InputError(_("One of the reference images has no path: choose the file again.")
                         if image_word == "reference image" else _("One of the images has no path: choose the file again."))
    for f in req.files:
        check_image(f, what=image_word, max_bytes=max_bytes)
    if req.audio:
        if req.kind != "varg-transcription":
            raise InputError(_("{model} takes no audio file: remove it.").format(model=m.id))
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
        raise InputError(_("The image {path} does not exist: check the path.").format(path=src))
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
                    raise InputError(_("Making a smaller copy of {name} took over {seconds} s: resize it in an image editor.").format(
                        name=src.name, seconds=f"{timeout:g}")) from None
                if r.returncode != 0 or not part.is_file():
                    raise InputError(_("{name} cannot be read as an image, so no smaller copy could be made.").format(name=src.name))
                size = part.stat().st_size
                if size <= max_bytes:
                    os.replace(part, dst)
                    return dst
            # fewer pixels: the bytes of a JPEG go roughly with its area
            side = int(side * min(0.85, (max_bytes * 0.9 / max(size, 1)) ** 0.5))
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    raise InputError(_("No copy of {name} small enough for varg could be made: resize it in an image editor.").format(name=src.name))


async def adownscale_image(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                           max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """:func:`downscale_image` in a worker thread."""
    return await asyncio.to_thread(downscale_image, path, out_dir, max_bytes=max_bytes)
