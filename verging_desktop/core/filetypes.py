"""Recognise files by their content (magic bytes), not their names, and validate inputs
before anything is uploaded or charged. Every failure is an :class:`InputError` a person can act on."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .i18n import N_, _

MB = 1024 * 1024
IMAGE_MAX_BYTES = 10 * MB
AUDIO_MAX_BYTES = 25 * MB
TTS_MAX_CHARS = 4096

BG_REMOVAL_FORMATS = ("jpeg", "png", "webp")
VISION_FORMATS = ("png", "jpeg", "gif", "webp")
STT_FORMATS = ("mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm")
STT_EXTENSIONS = (".mp3", ".mp4", ".mpeg", ".mpga", ".m4a", ".wav", ".webm")
TTS_VOICES = ("alloy", "echo", "fable", "onyx", "nova", "shimmer")
TTS_FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")
IMAGE_QUALITIES = ("auto", "standard", "hd")


def sniff(path: str | os.PathLike[str]) -> str | None:
    """The format of a file from its first bytes: 'jpeg', 'png', 'webp', 'gif', 'bmp', 'tiff', 'heic',
    'mp4' (ISO media incl. m4a/mov), 'webm' (Matroska), 'wav', 'mp3', 'ogg', 'flac', 'mpeg', 'mpegts',
    'avi', or None."""
    with open(path, "rb") as f:
        head = f.read(64)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
            return "heic"
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06) != 0):
        return "mp3"
    if head[:4] in (b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"):
        return "mpeg"
    if head[:1] == b"\x47" and len(head) >= 1:
        # MPEG-TS: sync byte every 188 bytes
        with open(path, "rb") as f:
            data = f.read(188 * 3 + 1)
        if len(data) > 376 and data[188] == 0x47 and data[376] == 0x47:
            return "mpegts"
    return None


#: the words callers name a file or a text by in the messages below (``what``): marked here so that
#: ``_(what)`` shows them in the interface's language; a word passed in already translated stays as it is
WHAT_WORDS = (N_("file"), N_("image"), N_("video"), N_("audio file"), N_("audio or video file"),
              N_("face image"), N_("prompt"), N_("text"), N_("message"))


def _items(words: Iterable[str]) -> str:
    """``jpeg, png, webp`` (``jpeg、png、webp`` in Chinese)."""
    return _(", ", "between the items of a list").join(words)


def _human(n: float) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def existing_file(path: str | os.PathLike[str], what: str = N_("file")) -> Path:
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(_("The {what} {path} does not exist. Check the path.").format(what=_(what), path=p))
    if p.is_dir():
        raise InputError(_("{path} is a folder; give a {what}, not a folder.").format(path=p, what=_(what)))
    if not os.access(p, os.R_OK):
        raise InputError(_("The {what} {path} cannot be read (permission denied).").format(what=_(what), path=p))
    if p.stat().st_size == 0:
        raise InputError(_("The {what} {path} is empty (0 bytes).").format(what=_(what), path=p))
    return p


def check_image(path: str | os.PathLike[str], *, formats: tuple[str, ...] = BG_REMOVAL_FORMATS,
                max_bytes: int | None = IMAGE_MAX_BYTES, what: str = N_("image")) -> tuple[Path, str]:
    """An image file of one of ``formats`` (by content) and at most ``max_bytes``."""
    p = existing_file(path, what)
    kind = sniff(p)
    if kind is None:
        raise InputError(_("{name} is not a readable image (its content is not JPEG, PNG, WebP or GIF).").format(
            name=p.name))
    if kind not in formats:
        if kind in ("mp4", "webm", "avi", "mpeg", "mpegts"):
            raise InputError(_("{name} is a video, not an image. Choose a picture ({formats}).").format(
                name=p.name, formats=_items(formats)))
        if kind in ("mp3", "wav", "ogg", "flac"):
            raise InputError(_("{name} is an audio file, not an image.").format(name=p.name))
        raise InputError(_("{name} is a {kind} image; this tool takes {formats}. Convert it first.").format(
            name=p.name, kind=kind.upper(), formats=_items(f.upper() for f in formats)))
    size = p.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(_("{name} is {size}; the limit is {limit}. Downscale or compress it first.").format(
            name=p.name, size=_human(size), limit=_human(max_bytes)))
    return p, kind


def check_audio_for_stt(path: str | os.PathLike[str], *, max_bytes: int | None = AUDIO_MAX_BYTES) -> tuple[Path, str]:
    p = existing_file(path, N_("audio file"))
    kind = sniff(p)
    ext = p.suffix.lower()
    ok_by_content = kind in ("mp3", "mp4", "wav", "webm", "mpeg")
    if not ok_by_content:
        if kind in ("jpeg", "png", "webp", "gif", "bmp", "tiff", "heic"):
            raise InputError(_("{name} is an image, not audio. Choose a recording ({formats}).").format(
                name=p.name, formats=_items(STT_FORMATS)))
        if kind:
            raise InputError(_("{name} is not in a format speech to text takes (it looks like {kind}): "
                               "use {formats}.").format(name=p.name, kind=kind.upper(), formats=_items(STT_FORMATS)))
        raise InputError(_("{name} is not in a format speech to text takes: use {formats}.").format(
            name=p.name, formats=_items(STT_FORMATS)))
    if ext not in STT_EXTENSIONS:
        raise InputError(_("{name}: the server recognises files by their extension; rename it to end in "
                           "one of {extensions}.").format(name=p.name, extensions=_items(STT_EXTENSIONS)))
    size = p.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(_("{name} is {size}; speech to text takes at most {limit}. "
                           "Compress it to mono audio first.").format(name=p.name, size=_human(size),
                                                                      limit=_human(max_bytes)))
    return p, kind or ""


def check_prompt(text: str | None, what: str = N_("prompt")) -> str:
    t = (text or "").strip()
    if not t:
        raise InputError(_("The {what} is empty. Write what you want.").format(what=_(what)))
    return t


def check_tts_text(text: str | None, max_chars: int | None = TTS_MAX_CHARS) -> str:
    t = check_prompt(text, N_("text"))
    if max_chars is not None and len(t) > max_chars:
        raise InputError(_("The text has {count} characters; one request takes at most {limit}. Shorten it or "
                           "split it.").format(count=len(t), limit=max_chars))
    return t


def check_range(value: float | int | None, lo: float, hi: float, name: str) -> None:
    if value is None:
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(_("{name} must be a number between {lo:g} and {hi:g}.").format(name=_(name), lo=lo, hi=hi))
    if not lo <= value <= hi:
        raise InputError(_("{name} must be between {lo:g} and {hi:g} (got {value:g}).").format(
            name=_(name), lo=lo, hi=hi, value=value))


def check_choice(value: str | None, choices: tuple[str, ...], name: str) -> str | None:
    if value is None:
        return None
    v = value.strip().lower()
    if v not in choices:
        raise InputError(_("{name} must be one of {choices} (got '{value}').").format(
            name=_(name), choices=_items(choices), value=value))
    return v


def check_size(size: str | None) -> str | None:
    if size is None:
        return None
    s = size.strip().lower()
    if s == "auto":
        return s
    try:
        w, h = (int(x) for x in s.split("x"))
    except ValueError:
        raise InputError(_("Size must look like 1024x1024 (got '{size}').").format(size=size)) from None
    if not (64 <= w <= 4096 and 64 <= h <= 4096):
        raise InputError(_("Size {size} is out of range; use widths and heights between 64 and 4096.").format(
            size=size))
    return f"{w}x{h}"


def check_output_path(out: str | os.PathLike[str]) -> Path:
    """An output path whose folder exists (or can be made) and that is not an existing folder."""
    p = Path(out).expanduser()
    if p.is_dir():
        raise InputError(_("{path} is a folder; give a file name for the output.").format(path=p))
    return p


def unique_path(path: str | os.PathLike[str]) -> Path:
    """``path`` if free, else ``name (2).ext``, ``name (3).ext``...: nothing is silently overwritten."""
    p = Path(path)
    if not p.exists() and not p.with_name(p.name + ".part").exists():
        return p
    stem, suffix = p.stem, p.suffix
    for i in range(2, 10000):
        q = p.with_name(f"{stem} ({i}){suffix}")
        if not q.exists() and not q.with_name(q.name + ".part").exists():
            return q
    raise InputError(_("Too many files named like {name} in {folder}.").format(name=p.name, folder=p.parent))


def reserve_path(path: str | os.PathLike[str]) -> Path:
    """Pick a free name like :func:`unique_path` and claim it at once by creating its ``.part``
    file exclusively, so two downloads running together never pick the same name."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    for _attempt in range(10000):
        q = unique_path(p)
        try:
            fd = os.open(q.with_name(q.name + ".part"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        return q
    raise InputError(_("Could not find a free name for {name} in {folder}.").format(name=p.name, folder=p.parent))


def filename_from_url(url: str, default: str = "result") -> str:
    """The sanitized last path segment of a URL (query and fragment dropped)."""
    from urllib.parse import unquote, urlsplit

    return safe_filename(unquote(urlsplit(url).path.rsplit("/", 1)[-1]), default)


def safe_filename(name: str, default: str = "result") -> str:
    """A file name from server-supplied text: no folders, no control or reserved characters."""
    base = name.replace("\\", "/").split("/")[-1]
    out = "".join(c if (c.isalnum() or c in " ._-()[]") else "_" for c in base).strip(" .")
    if out.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                     *(f"LPT{i}" for i in range(1, 10))}:
        out = "_" + out
    return out[:180] or default


@dataclass(frozen=True)
class ImageCheck:
    """An image file that was checked: its format (by content), size on disk and pixel size."""

    path: Path
    kind: str
    size_bytes: int
    width: int
    height: int

    @property
    def too_big(self) -> bool:
        return self.size_bytes > IMAGE_MAX_BYTES
