"""Remote inputs: fetch a video, image or audio URL into the app's cache, then use it as a dropped file.

Two calls make the whole API:

* :func:`is_url` -- whether what a person typed, pasted or dropped is an http(s) address;
* :func:`fetch` -- download it into ``cache_dir`` and return a :class:`RemoteMedia`, whose
  ``path`` then goes through exactly what a dropped file goes through (content checks,
  ``jobs.prepare.probe_video`` / ``plan_video`` / ``prepare``, upload).

(And :func:`looks_direct`, for a caller whose API can read a URL itself: whether ``fetch`` would
take this address as a direct media file by its name alone, with no network.)

How an address is fetched:

* **Direct media** (the path ends in a media extension, or the server says ``video/*``, ``image/*``,
  ``audio/*``): a HEAD (or a one-byte range GET) tells the size first; more than ``max_bytes`` is
  refused, more than :data:`LARGE_BYTES` asks ``confirm_size``; then ``api.base.download_file``
  (``.part``, Range resume, atomic rename) writes it, and its content is checked
  (``core.filetypes.sniff``: a web page where a video was expected is refused).
* **A section of a video** (``start`` and/or ``end``): ffmpeg reads the URL over HTTP (it seeks
  with Range requests) and stream-copies only ``start..end``, starting at the keyframe at or
  before ``start`` (found first with PyAV on the URL). A server that cannot seek (no Range) gets
  the whole file instead, said in :attr:`RemoteMedia.note`.
* **Anything else is a page**, read by yt-dlp as a library (YouTube, Bilibili, a page with a
  ``<video src>``...): at most 1080p, MP4 when offered, merged by the project's ffmpeg. With a
  section, the chosen format's own URL(s) go through the same ffmpeg section path.

Offsets: ``RemoteMedia.offset`` is where the fetched file's time 0 is in the original, in
seconds. A whole file has offset 0.0. A section file begins at (or a few milliseconds before) the
keyframe at or before ``start``, so ``offset <= start`` and the user's ``start..end`` (times in
the original) is ``start - offset .. end - offset`` in the fetched file:
:meth:`RemoteMedia.local_range` does that mapping, and its result goes to ``plan_video`` (and
the trimmer) as for a dropped file.

Cache: one folder per (URL, section) under ``cache_dir``, named by a hash of the URL (never the
URL itself); beside the file, ``entry.json`` holds the title, section, offset, size and URL.
The same URL again, with the same or a covered section (a whole file covers every section),
returns the cached file with no network request at all. A download is written in a temporary
folder and moved into place when complete: a failure or a cancel leaves nothing behind.

Refused, each with one :class:`InputError` before anything is uploaded: not http(s), a user name
or password in the URL (never repeated, logged or stored), no answer, an HTTP error, not media,
more than ``max_bytes``, a large download declined, a page with no video, a private or removed
video, a site yt-dlp cannot read.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import httpx

from ..core import filetypes as ft
from ..core.errors import ApiError, InputError, NotFound, Progress, ServerError, TransportError
from ..core.i18n import _
from ..core.redact import redact

log = logging.getLogger("verging_desktop.services.remote")

Want = Literal["video", "image", "audio"]
ProgressCallback = Callable[[Progress], None]
ConfirmSize = Callable[[int], Awaitable[bool]]

MB = 1024 * 1024
#: the default most a fetch may download
DEFAULT_MAX_BYTES = 4 * 1024 * MB
#: above this, ``confirm_size`` is asked before downloading
LARGE_BYTES = 500 * MB

VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mpg", ".mpeg", ".ts", ".3gp"})
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".avif"})
AUDIO_EXTENSIONS = frozenset({".mp3", ".wav", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac", ".mpga"})
MEDIA_EXTENSIONS = VIDEO_EXTENSIONS | IMAGE_EXTENSIONS | AUDIO_EXTENSIONS

#: what :func:`core.filetypes.sniff` may say for each wanted kind
_KINDS: dict[str, frozenset[str]] = {
    "video": frozenset({"mp4", "webm", "avi", "mpeg", "mpegts", "ogg"}),
    "image": frozenset({"jpeg", "png", "webp", "gif", "bmp", "tiff", "heic"}),
    "audio": frozenset({"mp3", "wav", "ogg", "flac", "mp4", "webm", "mpeg"}),
}

#: yt-dlp's format choice: small (<= 1080p), MP4 when offered
VIDEO_FORMAT = ("bv*[height<=1080][ext=mp4]+ba[ext=m4a]/b[height<=1080][ext=mp4]/"
                "bv*[height<=1080]+ba/b[height<=1080]/b")
AUDIO_FORMAT = "ba[ext=m4a]/ba/b"

#: the only protocols ffmpeg and PyAV may open for a remote section (no file:, no other schemes)
_PROTOCOLS = "http,https,tcp,tls,crypto,hls"
#: how much of a remote stream ffmpeg reads to learn its streams (microseconds): little, since
#: for a playlist every second read at the start is a second of segments fetched for nothing
_ANALYZE_US = "1000000"
#: how long to wait for a server's first answer
_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
#: how long a worker thread (yt-dlp) may take to notice a cancel
_THREAD_STOP_WAIT = 30.0
_ENTRY = "entry.json"
#: a temporary fetch folder this old belongs to a process that is gone
_STALE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class RemoteMedia:
    """A fetched URL, in the cache: use ``path`` as a dropped file."""

    #: the local file (in the cache; do not move or delete it)
    path: Path
    #: a name for the input: the page's title (yt-dlp), else the URL's file name
    title: str
    #: the URL as given (stripped), for the job record; never with credentials (those are refused)
    url: str
    #: seconds: where ``path``'s time 0 is in the original (0.0 for a whole file)
    offset: float = 0.0
    #: the (start, end) asked for and fetched (end None: to the end), or None for the whole file
    section: tuple[float, float | None] | None = None
    #: bytes read from the network by this call (0 on a cache hit). For a section copied by
    #: ffmpeg it is the size of the file written: what ffmpeg and PyAV really read is not counted
    #: and is more (the index, and what a server sends before a seek closes the connection)
    fetched_bytes: int = 0
    from_cache: bool = False
    #: said to the user (the whole file was fetched because the site cannot seek, ...)
    note: str = ""
    #: what the content is, by its bytes (``core.filetypes.sniff``): "mp4", "jpeg", ...
    kind: str = ""

    def local_range(self, start: float | None, end: float | None) -> tuple[float | None, float | None]:
        """The user's ``start..end`` (times in the original) as times in :attr:`path`.

        ``None`` stays ``None`` (from the beginning / to the end of the file); a start before
        the file's beginning becomes 0.0.
        """
        s = None if start is None else max(0.0, start - self.offset)
        e = None if end is None else max(0.0, end - self.offset)
        return s, e


# -- addresses ----------------------------------------------------------------------------------
def is_url(text: str | os.PathLike[str] | None) -> bool:
    """Whether ``text`` (stripped) is an http or https address; a local path never is."""
    if text is None or isinstance(text, os.PathLike):
        return False
    t = text.strip()
    try:
        parts = urlsplit(t)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and " " not in t


def looks_direct(url: str) -> bool:
    """Whether :func:`fetch` would take ``url`` as a direct media file by its address alone: an
    http(s) address whose path ends in a media extension (``.mp4``, ``.jpg``, ``.mp3``...). No
    network. False for a page (YouTube, Bilibili, an HTML page, an HLS playlist) and for an address
    without an extension, which only the server's answer can classify: a caller that can pass a
    media URL on to an API as it is (Vimmerse, varg) does so only when this is True, and fetches
    the rest."""
    return is_url(url) and _ext_of(url.strip()) in MEDIA_EXTENSIONS


def _check_url(url: str) -> str:
    """The stripped URL, or an :class:`InputError` (not http(s), credentials in it)."""
    t = (url or "").strip()
    try:
        parts = urlsplit(t)
        has_credentials = parts.username is not None or parts.password is not None or "@" in parts.netloc
        host = parts.hostname
    except ValueError:
        raise InputError(_("This is not a web address that can be fetched. Give an http or https address.")) from None
    if has_credentials:
        # the address itself is never repeated: it holds a password
        raise InputError(_("This address has a user name or password in it; for your safety it is not used. "
                           "Download the file yourself and drop it in, or give an address without credentials."))
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme or len(scheme) == 1:  # a local path (C:\...) or plain text
            raise InputError(_("{text} is not a web address; give an http or https address, or choose a file.")
                             .format(text=t[:200]))
        raise InputError(_("Only http and https addresses can be fetched; this one starts with {scheme}:.")
                         .format(scheme=scheme))
    if not host:
        raise InputError(_("{text} is not a complete web address (no host name).").format(text=t[:200]))
    return t


def _name_from_url(url: str) -> str:
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    return ft.safe_filename(name, default=urlsplit(url).hostname or "download")


def _ext_of(url: str) -> str:
    return Path(unquote(urlsplit(url).path)).suffix.lower()


# -- the cache ----------------------------------------------------------------------------------
def _url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def _section_key(section: tuple[float, float | None] | None) -> str:
    if section is None:
        return "whole"
    s, e = section
    return f"s{s:.3f}-{'end' if e is None else f'{e:.3f}'}"


@dataclass(frozen=True)
class _Entry:
    folder: Path
    file: Path
    title: str
    url: str
    offset: float
    section: tuple[float, float | None] | None
    size: int
    kind: str
    note: str


def _read_entry(folder: Path) -> _Entry | None:
    try:
        data = json.loads((folder / _ENTRY).read_text("utf-8"))
        sec = data.get("section")
        section = None if sec is None else (float(sec[0]), None if sec[1] is None else float(sec[1]))
        file = folder / str(data["file"])
        entry = _Entry(folder, file, str(data.get("title") or ""), str(data.get("url") or ""),
                       float(data.get("offset") or 0.0), section, int(data["size"]), str(data.get("kind") or ""),
                       str(data.get("note") or ""))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    if Path(entry.file.name).name != entry.file.name or not entry.file.is_file():
        return None
    if entry.file.stat().st_size != entry.size:
        return None
    return entry


def _covers(entry: _Entry, section: tuple[float, float | None] | None) -> bool:
    if entry.section is None:
        return True
    if section is None:
        return False
    s, e = section
    _es, ee = entry.section
    if entry.offset > s + 1e-6:
        return False
    if ee is None:
        return True
    return e is not None and e <= ee + 1e-6


def _lookup(cache_dir: Path, url: str, section: tuple[float, float | None] | None) -> _Entry | None:
    base = cache_dir / _url_key(url)
    if not base.is_dir():
        return None
    found: list[_Entry] = []
    for folder in sorted(base.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        entry = _read_entry(folder)
        if entry is None:
            if (folder / _ENTRY).exists():  # gone or changed: fetched again
                shutil.rmtree(folder, ignore_errors=True)
            continue
        if entry.url == url and _covers(entry, section):
            found.append(entry)
    # the smallest covering file (a section before the whole file)
    return min(found, key=lambda en: en.size) if found else None


def _store(work: Path, final: Path, file: Path, *, title: str, url: str, offset: float,
           section: tuple[float, float | None] | None, kind: str, note: str) -> _Entry:
    """Write ``entry.json`` in ``work`` and move ``work`` to ``final`` (atomic on one file system)."""
    size = file.stat().st_size
    data = {"file": file.name, "title": title, "url": url, "offset": offset,
            "section": None if section is None else [section[0], section[1]], "size": size, "kind": kind,
            "note": note}
    (work / _ENTRY).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    if final.exists():
        done = _read_entry(final)
        if done is not None:  # another fetch of the same address finished first: keep its file
            _cleanup(work)
            return done
        shutil.rmtree(final, ignore_errors=True)
    os.replace(work, final)
    return _Entry(final, final / file.name, title, url, offset, section, size, kind, note)


def _remove_stale(base: Path) -> None:
    """Remove the temporary folders of fetches that ended with the process (older than a day)."""
    import time

    now = time.time()
    for folder in base.glob(".fetch-*"):
        with contextlib.suppress(OSError):
            if now - folder.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)


def default_cache_dir() -> Path:
    """Where the app keeps fetched inputs: ``remote/`` in the app's data folder
    (``VERGING_DATA_DIR`` when set)."""
    from ..core.settings import app_dirs

    return app_dirs().data / "remote"


def _cleanup(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    with contextlib.suppress(OSError):
        work.parent.rmdir()  # the URL's folder, when nothing else is in it


# -- content checks -----------------------------------------------------------------------------
def _looks_like_html(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(512).lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in head


def _check_content(path: Path, want: str | None) -> str:
    """The sniffed kind of ``path``, or an :class:`InputError` when it is not what was wanted."""
    if path.stat().st_size == 0:
        raise InputError(_("This address gave an empty file (0 bytes)."))
    kind = ft.sniff(path)
    if kind is None and _looks_like_html(path):
        if want == "image":
            raise InputError(_("This address gave a web page, not an image. Open it in a browser, save the "
                               "image and drop the file in, or give the image's own address."))
        if want == "audio":
            raise InputError(_("This address gave a web page, not an audio file. Give the file's own address, "
                               "or download it yourself and drop the file in."))
        raise InputError(_("This address gave a web page, not a video. Give the video's own address or the "
                           "page's address, or download the video yourself and drop the file in."))
    allowed = _KINDS.get(want or "")
    if kind is None:
        raise InputError({
            "video": _("This address did not give a video: its content is not a format this app reads."),
            "image": _("This address did not give an image: its content is not a format this app reads."),
            "audio": _("This address did not give an audio file: its content is not a format this app reads."),
        }.get(want or "", _("This address did not give media: its content is not a format this app reads.")))
    if allowed is not None and kind not in allowed:
        raise InputError({
            "video": _("This address gave a {kind} file, not a video."),
            "image": _("This address gave a {kind} file, not an image."),
            "audio": _("This address gave a {kind} file, not an audio file."),
        }[want or ""].format(kind=kind.upper()))
    return kind


# -- HTTP ---------------------------------------------------------------------------------------
def _host_of(url: str) -> str:
    return urlsplit(url).hostname or "the server"


def _http_error(status: int, url: str) -> InputError:
    host = _host_of(url)
    if status in (404, 410):
        return InputError(_("Nothing was found at this address ({host} answered {status}). Check the address.")
                          .format(host=host, status=status))
    if status in (401, 403):
        return InputError(_("{host} refused to give this file ({status}): it may be private or need a login. "
                            "Download it yourself and drop the file in.").format(host=host, status=status))
    if status >= 500:
        return InputError(_("{host} had a problem ({status}). Try again later, or download the file yourself "
                            "and drop it in.").format(host=host, status=status))
    return InputError(_("{host} answered an error ({status}) for this address.").format(host=host, status=status))


def _no_answer(url: str, exc: BaseException) -> InputError:
    host = _host_of(url)
    if isinstance(exc, httpx.TimeoutException):
        return InputError(_("{host} did not answer in time. Check the address and your connection, "
                            "then try again.").format(host=host))
    return InputError(_("{host} could not be reached. Check the address and your connection, then try again.")
                      .format(host=host))


def _as_input_error(url: str, exc: ApiError) -> InputError:
    if exc.status is not None:
        return _http_error(exc.status, url)
    if isinstance(exc, TransportError):
        return InputError(_("The download from {host} failed: {error}").format(host=_host_of(url),
                                                                               error=redact(str(exc))))
    return InputError(redact(str(exc)))


@dataclass(frozen=True)
class _Head:
    final_url: str
    content_type: str
    size: int | None
    ranges: bool


async def _head(http: httpx.AsyncClient, url: str) -> _Head:
    """What the server says about ``url`` before any body: a HEAD, or a one-byte range GET when
    HEAD is not answered (405, 403 on some storage services)."""
    try:
        resp = await http.head(url, timeout=_TIMEOUT, follow_redirects=True)
        if resp.status_code < 400:
            size_hdr = resp.headers.get("content-length")
            return _Head(str(resp.url), resp.headers.get("content-type", "").lower(),
                         int(size_hdr) if size_hdr and size_hdr.isdigit() else None,
                         resp.headers.get("accept-ranges", "").lower() == "bytes")
        if resp.status_code in (404, 410):
            raise _http_error(resp.status_code, url)
        async with http.stream("GET", url, headers={"Range": "bytes=0-0"}, timeout=_TIMEOUT,
                               follow_redirects=True) as r:
            if r.status_code >= 400:
                raise _http_error(r.status_code, url)
            ctype = r.headers.get("content-type", "").lower()
            if r.status_code == 206:
                m = re.search(r"/(\d+)\s*$", r.headers.get("content-range", ""))
                return _Head(str(r.url), ctype, int(m.group(1)) if m else None, True)
            size_hdr = r.headers.get("content-length")
            return _Head(str(r.url), ctype, int(size_hdr) if size_hdr and size_hdr.isdigit() else None, False)
    except httpx.HTTPError as e:
        raise _no_answer(url, e) from None


def _media_type(ctype: str) -> str | None:
    major = ctype.split(";", 1)[0].strip().split("/", 1)[0]
    return major if major in ("video", "image", "audio") else None


def _too_large(size: int, max_bytes: int) -> InputError:
    return InputError(_("This file is {size}; the limit is {limit}. Download a shorter or smaller version "
                        "yourself and drop it in.").format(size=_human(size), limit=_human(max_bytes)))


async def _check_size(size: int | None, *, max_bytes: int, confirm_size: ConfirmSize | None) -> None:
    if size is None:
        return
    if size > max_bytes:
        raise _too_large(size, max_bytes)
    if size > LARGE_BYTES:
        ok = confirm_size is not None and await confirm_size(size)
        if not ok:
            raise InputError(_("The download of {size} was not started (not confirmed).").format(size=_human(size)))


def _human(n: float) -> str:
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f} GB"
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


class _TooBig(Exception):
    def __init__(self, total: int | None, done: int) -> None:
        super().__init__("too big")
        self.total = total
        self.done = done


async def _download_direct(http: httpx.AsyncClient, url: str, dest: Path, *, size: int | None, max_bytes: int,
                           confirm_size: ConfirmSize | None, progress: ProgressCallback | None) -> int:
    """Download ``url`` to ``dest`` with ``api.base.download_file``; the bytes read."""
    from ..api.base import download_file
    from ..api.retry import RetryPolicy

    read = 0
    confirmed = size is not None  # a size known before was checked already
    limit_checked = size is not None

    def mapper(resp: httpx.Response) -> ApiError:
        cls = NotFound if resp.status_code in (404, 410) else ServerError
        return cls(f"HTTP {resp.status_code}", status=resp.status_code)

    def on_progress(p: Progress) -> None:
        nonlocal read
        read = int(p.done)
        total = None if p.total is None else int(p.total)
        if total is not None and not limit_checked and (total > max_bytes or (total > LARGE_BYTES and not confirmed)):
            raise _TooBig(total, read)
        if p.done > max_bytes or (p.done > LARGE_BYTES and not confirmed):
            raise _TooBig(total, read)
        if progress is not None:
            progress(Progress(p.done, p.total, "download"))

    retry = RetryPolicy(attempts=3, base_delay=0.5, max_delay=2.0)
    while True:
        try:
            await download_file(http, url, dest, errors=mapper, retry=retry, progress=on_progress,
                                overwrite=True, what=_host_of(url))
            return read
        except _TooBig as big:
            # the size the server said, or (it said none) the bytes read so far
            n = big.total if big.total is not None else big.done
            await _check_size(n, max_bytes=max_bytes, confirm_size=confirm_size)  # raises when refused
            confirmed = limit_checked = True  # resumed from the .part by the next call
        except ApiError as e:
            raise _as_input_error(url, e) from None


# -- sections with ffmpeg -------------------------------------------------------------------------
def _header_lines(headers: Mapping[str, str] | None) -> str:
    if not headers:
        return ""
    return "".join(f"{k}: {v}\r\n" for k, v in headers.items() if "\n" not in k + v and "\r" not in k + v)


@dataclass(frozen=True)
class _Layout:
    """What PyAV learnt of a remote video before a section is copied from it."""

    #: the keyframe at or before the section's start (seconds from the stream's start)
    key: float
    #: the stream's duration (None when it does not say)
    duration: float | None
    video_codec: str
    audio_codec: str | None


def _layout(url: str, start: float, headers: Mapping[str, str] | None) -> _Layout:
    """Open ``url`` with PyAV and find the keyframe at or before ``start`` (blocking: a worker thread)."""
    import av

    options = {"protocol_whitelist": _PROTOCOLS, "rw_timeout": "30000000", "analyzeduration": _ANALYZE_US}
    if headers:
        options["headers"] = _header_lines(headers)
    with av.open(url, mode="r", options=options, timeout=30.0) as c:
        v = c.streams.video[0]
        audio = c.streams.audio[0].codec_context.name if c.streams.audio else None
        duration = c.duration / 1_000_000 if c.duration else None
        origin = (c.start_time or 0) / 1_000_000
        tb = v.time_base
        key = 0.0
        if tb is not None and start > 0:
            c.seek(int((start + origin) / tb), stream=v, backward=True, any_frame=False)
            for pkt in c.demux(v):
                if pkt.pts is None or pkt.size == 0:
                    continue
                t = float(pkt.pts * tb) - origin
                key = 0.0 if t > start + 1e-3 else max(0.0, t)  # a seek past start: from the beginning
                break
        return _Layout(key, duration, v.codec_context.name, audio)


#: codecs the MP4 muxer takes as they are; anything else is copied into Matroska
_MP4_VIDEO = frozenset({"h264", "hevc", "av1", "vp9", "mpeg4"})
_MP4_AUDIO = frozenset({"aac", "mp3", "opus", "alac", "flac", "ac3", "eac3"})
#: a section that would be more than this share of the file: the whole file is fetched instead
#: (fewer requests, resumable, and a whole entry in the cache covers every section)
_SECTION_WORTH = 0.7


async def _ffmpeg_section(inputs: Sequence[tuple[str, Mapping[str, str] | None]], work: Path, start: float,
                          end: float | None, *, progress: ProgressCallback | None,
                          audio_codec: str | None = None) -> tuple[Path, float] | None:
    """Stream-copy ``start..end`` of the remote input(s) (a video, and maybe a separate audio) into
    ``work``; the file and its offset, or None when the section is most of the file (fetch it whole).

    The copy starts at the keyframe at or before ``start``, found first with PyAV; the offset is
    measured on what was written (``-avoid_negative_ts`` may put an earlier audio frame at 0,
    moving that keyframe a few milliseconds later in the file).
    """
    from ..media.ffrun import ffpath, run_ffmpeg, seconds_arg
    from ..media.probe import aprobe

    first_url, first_headers = inputs[0]
    lay = await asyncio.to_thread(_layout, first_url, start, first_headers)
    if lay.duration:
        share = ((end if end is not None else lay.duration) - lay.key) / lay.duration
        if share > _SECTION_WORTH:
            return None
    acodec = audio_codec if len(inputs) > 1 else lay.audio_codec
    mp4 = lay.video_codec in _MP4_VIDEO and (acodec is None or acodec in _MP4_AUDIO)
    dest = work / ("media.mp4" if mp4 else "media.mkv")
    args: list[str] = ["-protocol_whitelist", _PROTOCOLS]
    for u, h in inputs:
        if h:
            args += ["-headers", _header_lines(h)]
        args += ["-rw_timeout", "30000000", "-analyzeduration", _ANALYZE_US]
        if lay.key > 0:
            args += ["-ss", seconds_arg(lay.key)]
        args += ["-i", u]
    if end is not None:
        args += ["-t", seconds_arg(max(0.001, end - lay.key))]
    args += ["-map", "0:v:0", "-map", "0:a:0?" if len(inputs) == 1 else "1:a:0?", "-c", "copy",
             "-avoid_negative_ts", "make_zero"]
    args += ["-movflags", "+faststart", "-f", "mp4"] if mp4 else ["-f", "matroska"]
    args += ["-y", ffpath(dest)]
    total = None if end is None else max(0.001, end - lay.key)
    await run_ffmpeg(args, total=total, progress=progress, stage="download", outputs=[dest])
    info = await aprobe(dest)
    first = info.frame_times[0] if info.frame_times else 0.0
    return dest, max(0.0, lay.key - first)


# -- yt-dlp ---------------------------------------------------------------------------------------
class _Cancelled(Exception):
    """Raised in yt-dlp's progress hook when the fetch was cancelled."""


class _YdlLog:
    """yt-dlp's logger: into ours (redacted), keeping the last error."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        #: the size yt-dlp refused as over ``max_filesize`` (it says so and writes nothing)
        self.too_big: int | None = None

    def debug(self, msg: str) -> None:
        m = re.search(r"larger than max-filesize \((\d+) bytes", msg)
        if m:
            self.too_big = int(m.group(1))
        log.debug("yt-dlp: %s", redact(msg))

    def info(self, msg: str) -> None:
        self.debug(msg)

    def warning(self, msg: str) -> None:
        log.info("yt-dlp: %s", redact(msg))

    def error(self, msg: str) -> None:
        self.errors.append(redact(msg))
        log.info("yt-dlp: %s", redact(msg))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _ydl_reason(exc: BaseException) -> tuple[str, str]:
    """(extractor name, the reason in yt-dlp's words, without its prefixes)."""
    inner: BaseException = exc
    exc_info = getattr(exc, "exc_info", None)
    if isinstance(exc_info, tuple) and len(exc_info) > 1 and isinstance(exc_info[1], BaseException):
        inner = exc_info[1]
    ie = str(getattr(inner, "ie", "") or "")
    msg = str(getattr(inner, "orig_msg", "") or inner or exc)
    msg = _ANSI.sub("", msg)
    msg = re.sub(r"^(ERROR:\s*)?(\[[^\]]+\]\s*)?", "", msg.strip())
    msg = msg.split("; please report this issue", 1)[0].strip().rstrip(";")
    return ie.lower(), redact(msg)[:300]


def _ydl_error(exc: BaseException, url: str) -> InputError:
    ie, reason = _ydl_reason(exc)
    low = reason.lower()
    m = re.search(r"http error (\d{3})", low)
    if m:
        return _http_error(int(m.group(1)), url)
    if "private" in low:
        return InputError(_("This video is private: only its owner can watch it. Ask for the file, or download "
                            "it yourself if you may and drop the file in."))
    if any(w in low for w in ("removed", "deleted", "no longer available", "terminated", "video unavailable",
                              "has been blocked", "not available")):
        return InputError(_("This video was removed or is not available."))
    if "unsupported url" in low or ("no video" in low and ie in ("", "generic")):
        return InputError(_("No video was found at this address: the page has none that can be read. Give the "
                            "video's own address, or download it yourself and drop the file in."))
    if any(w in low for w in ("timed out", "connection refused", "name or service", "unreachable",
                              "failed to resolve", "errno")):
        return InputError(_("{host} could not be reached. Check the address and your connection, then try "
                            "again.").format(host=_host_of(url)))
    return InputError(_("This site could not be read: {reason}. Download the video yourself and drop the file "
                        "in.").format(reason=reason.rstrip(".") or _("no reason given")))


def _ydl_options(work: Path, want: str | None, logger: _YdlLog, hook: Callable[[dict[str, Any]], None],
                 max_bytes: int) -> dict[str, Any]:
    from ..media.binaries import ffmpeg_exe

    return {
        "format": AUDIO_FORMAT if want == "audio" else VIDEO_FORMAT,
        "merge_output_format": "mp4",
        "outtmpl": {"default": "media.%(ext)s"},
        "paths": {"home": str(work), "temp": str(work)},
        "ffmpeg_location": ffmpeg_exe(),
        "noplaylist": True,
        "playlist_items": "1",
        "quiet": True,
        "no_warnings": True,
        "noprogress": True,
        "no_color": True,
        "logger": logger,
        "progress_hooks": [hook],
        "cachedir": False,
        "remote_components": [],
        "js_runtimes": js_runtimes(),
        "warn_when_outdated": False,
        "socket_timeout": 30,
        "retries": 3,
        "fragment_retries": 3,
        "extractor_retries": 1,
        "max_filesize": max_bytes,
        "overwrites": True,
        "writethumbnail": False,
        "writesubtitles": False,
        "writeinfojson": False,
        "updatetime": False,
        "windowsfilenames": True,
        "restrictfilenames": True,
    }


def js_runtimes() -> dict[str, dict[str, str]]:
    """The JavaScript runtime yt-dlp solves YouTube's challenges with (YouTube gives no usable
    format without one): the ``deno`` the project declares (the ``deno`` wheel's binary, or the
    one frozen beside the app in ``deno/``), else a ``deno`` on PATH (yt-dlp's own default). The
    challenge scripts themselves come from the declared ``yt-dlp-ejs`` package, never from the
    network (``remote_components`` stays empty)."""
    import shutil
    import sys

    frozen = getattr(sys, "_MEIPASS", None)
    candidates: list[str] = []
    if frozen:
        candidates.append(os.path.join(frozen, "deno", "deno.exe" if os.name == "nt" else "deno"))
    try:
        import deno  # type: ignore[import-untyped,unused-ignore]

        candidates.append(str(deno.find_deno_bin()))
    except Exception:  # not installed, or no binary for this platform
        pass
    found = shutil.which("deno")
    if found:
        candidates.append(found)
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return {"deno": {"path": path}}
    return {"deno": {}}


def _formats_of(info: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    req = info.get("requested_formats")
    if isinstance(req, list) and req:
        return [f for f in req if isinstance(f, Mapping)]
    return [info]


def _estimated_size(info: Mapping[str, Any]) -> int | None:
    total = 0
    for f in _formats_of(info):
        n = f.get("filesize") or f.get("filesize_approx")
        if not isinstance(n, int | float):
            return None
        total += int(n)
    return total or None


def _first_entry(info: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    while info is not None and (info.get("_type") == "playlist" or "entries" in info):
        entries = [e for e in (info.get("entries") or []) if isinstance(e, Mapping)]
        info = entries[0] if entries else None
    return info


async def _in_thread(fn: Callable[[], Any], stop: threading.Event, *, writes: bool) -> Any:
    """Run ``fn`` in a worker thread; on cancel set ``stop`` and, when ``fn`` ``writes`` files,
    wait (bounded) for it to end, so that nothing is written after the files are removed.

    A thread that only reads (yt-dlp's extraction) is left to end on its own: closing the
    ``YoutubeDL`` (the caller's ``finally``) closes its connections."""
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, fn)
    try:
        return await asyncio.shield(fut)
    except asyncio.CancelledError:
        stop.set()
        if writes:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(asyncio.shield(fut), _THREAD_STOP_WAIT)
        raise


# -- fetch ----------------------------------------------------------------------------------------
async def fetch(url: str, *, cache_dir: str | os.PathLike[str], want: Want | None = "video",
                start: float | None = None, end: float | None = None, progress: ProgressCallback | None = None,
                confirm_size: ConfirmSize | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                http: httpx.AsyncClient | None = None) -> RemoteMedia:
    """Fetch ``url`` into ``cache_dir`` (or find it there) and return it as a local file.

    :param want: what the caller takes ("video", "image", "audio", or None for any media): the
        content is checked against it, and a page is read by yt-dlp for video and audio only.
    :param start, end: for a video, the section wanted (seconds in the original; either may be
        None). Only that section is fetched when the site allows it; see
        :meth:`RemoteMedia.local_range` for the times to cut at afterwards. Ignored for images and audio.
    :param progress: called on the event loop with :class:`Progress` snapshots (bytes, or seconds
        of a section), stage "download".
    :param confirm_size: asked (awaited) before a download over :data:`LARGE_BYTES`; without it,
        such a download is refused.
    :param max_bytes: the most that may be downloaded.
    :param http: an httpx client to use (one is opened and closed for the call otherwise).
    :raises InputError: every refusal (see the module's docstring), with nothing left behind.
    :raises asyncio.CancelledError: after the download stopped and its files were removed.
    """
    url = _check_url(url)
    if start is not None and end is not None and end <= start:
        raise InputError(_("The end ({end} s) must come after the start ({start} s).").format(
            end=f"{end:g}", start=f"{start:g}"))
    for v in (start, end):
        if v is not None and (v != v or v < 0):
            raise InputError(_("Start and end must be times of 0 s or more."))
    section: tuple[float, float | None] | None = None
    if want in (None, "video") and (start is not None or end is not None):
        s = float(start or 0.0)
        section = None if s <= 0 and end is None else (s, None if end is None else float(end))
    cache = Path(cache_dir)
    hit = _lookup(cache, url, section)
    if hit is not None:
        log.info("remote input from the cache: %s", hit.folder.name)
        return RemoteMedia(hit.file, hit.title, url, hit.offset, hit.section, 0, True, hit.note, hit.kind)

    base = cache / _url_key(url)
    base.mkdir(parents=True, exist_ok=True)
    _remove_stale(base)
    work = Path(tempfile.mkdtemp(prefix=".fetch-", dir=base))
    own_http = http is None
    client = http or httpx.AsyncClient(follow_redirects=True, timeout=_TIMEOUT,
                                       headers={"User-Agent": _user_agent()})
    try:
        result = await _fetch_into(client, url, work, want=want, section=section, progress=progress,
                                   confirm_size=confirm_size, max_bytes=max_bytes)
        file, title, offset, got_section, fetched, kind, note = result
        entry = _store(work, base / _section_key(got_section), file, title=title, url=url, offset=offset,
                       section=got_section, kind=kind, note=note)
    except BaseException:
        _cleanup(work)
        raise
    finally:
        if own_http:
            await client.aclose()
    log.info("fetched a remote input (%d bytes read) into %s", fetched, entry.folder.name)
    return RemoteMedia(entry.file, title, url, offset, got_section, fetched, False, note, kind)


def _user_agent() -> str:
    from .. import __version__

    return f"verging-desktop/{__version__}"


_Result = tuple[Path, str, float, "tuple[float, float | None] | None", int, str, str]


async def _fetch_into(http: httpx.AsyncClient, url: str, work: Path, *, want: str | None,
                      section: tuple[float, float | None] | None, progress: ProgressCallback | None,
                      confirm_size: ConfirmSize | None, max_bytes: int) -> _Result:
    ext = _ext_of(url)
    site = None if ext in MEDIA_EXTENSIONS else await asyncio.to_thread(_site_extractor, url)
    if site is not None:  # YouTube, Bilibili...: their extractor knows how to ask them
        if want == "image":
            raise InputError(_("This address is a web page, not an image. Open it in a browser, save the image "
                               "and drop the file in, or give the image's own address."))
        log.info("remote input through yt-dlp's %s extractor", site)
        return await _fetch_page(url, work, want=want, section=section, progress=progress,
                                 confirm_size=confirm_size, max_bytes=max_bytes)
    head = await _head(http, url)
    direct = ext in MEDIA_EXTENSIONS or _media_type(head.content_type) is not None
    if not direct:
        if want == "image":
            raise InputError(_("This address is a web page, not an image. Open it in a browser, save the image "
                               "and drop the file in, or give the image's own address."))
        return await _fetch_page(url, work, want=want, section=section, progress=progress,
                                 confirm_size=confirm_size, max_bytes=max_bytes)
    title = _name_from_url(head.final_url)
    note = ""
    if section is not None:
        if head.size is not None and head.size > max_bytes:
            await _check_size(head.size, max_bytes=max_bytes, confirm_size=None)
        if head.ranges and _media_type(head.content_type) in (None, "video"):
            try:
                got = await _ffmpeg_section([(head.final_url, None)], work, section[0], section[1],
                                            progress=progress)
            except InputError:
                raise
            except Exception as e:  # ffmpeg could not read or seek it: the whole file instead
                log.info("section fetch failed (%s); fetching the whole file", redact(str(e))[:300])
                _empty(work)
                note = _("This site does not allow fetching only a part; the whole file was downloaded.")
            else:
                if got is not None:
                    out, offset = got
                    kind = _check_content(out, want)
                    return out, title, offset, section, out.stat().st_size, kind, ""
                log.info("the section is most of the file: fetching it whole")
        else:
            note = _("This site does not allow fetching only a part; the whole file was downloaded.")
    await _check_size(head.size, max_bytes=max_bytes, confirm_size=confirm_size)
    name = "media" + (ext if ext in MEDIA_EXTENSIONS else _ext_for_type(head.content_type))
    dest = work / name
    read = await _download_direct(http, head.final_url, dest, size=head.size, max_bytes=max_bytes,
                                  confirm_size=confirm_size, progress=progress)
    kind = _check_content(dest, want)
    return dest, title, 0.0, None, read, kind, note


def _site_extractor(url: str) -> str | None:
    """The name of the yt-dlp extractor made for ``url``'s site (not the generic one), or None."""
    try:
        from yt_dlp.extractor import gen_extractor_classes  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    for ie in gen_extractor_classes():
        key = str(ie.ie_key())
        if key in ("Generic", "HTML5MediaEmbed"):
            continue
        with contextlib.suppress(Exception):
            if ie.suitable(url):
                return key
    return None


def _ext_for_type(ctype: str) -> str:
    import mimetypes

    base = ctype.split(";", 1)[0].strip()
    guessed = {"video/mp4": ".mp4", "image/jpeg": ".jpg", "audio/mpeg": ".mp3", "video/quicktime": ".mov",
               "audio/mp4": ".m4a"}.get(base) or mimetypes.guess_extension(base) or ""
    return guessed if guessed in MEDIA_EXTENSIONS else ".bin"


async def _fetch_page(url: str, work: Path, *, want: str | None, section: tuple[float, float | None] | None,
                      progress: ProgressCallback | None, confirm_size: ConfirmSize | None,
                      max_bytes: int) -> _Result:
    try:
        import yt_dlp  # type: ignore[import-untyped]  # yt-dlp ships no type information
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(_("This site could not be read: yt-dlp is not installed. Download the video yourself "
                           "and drop the file in.")) from None
    loop = asyncio.get_running_loop()
    stop = threading.Event()
    logger = _YdlLog()
    downloaded: dict[str, int] = {}

    over: list[int] = []  # the bytes read when the download passed max_bytes

    def hook(d: dict[str, Any]) -> None:
        if stop.is_set():
            raise _Cancelled()
        name = str(d.get("filename") or "")
        done = d.get("downloaded_bytes")
        if isinstance(done, int):
            downloaded[name] = done
        if sum(downloaded.values()) > max_bytes:  # a size the site did not say in advance
            over.append(sum(downloaded.values()))
            stop.set()
            raise _Cancelled()
        total = d.get("total_bytes") or d.get("total_bytes_estimate")
        if progress is not None:
            snap = Progress(float(sum(downloaded.values())), float(total) if total else None, "download")
            loop.call_soon_threadsafe(progress, snap)

    opts = _ydl_options(work, want, logger, hook, max_bytes)
    ydl = yt_dlp.YoutubeDL(opts)

    def extract() -> Any:
        return ydl.extract_info(url, download=False)

    try:
        try:
            raw = await _in_thread(extract, stop, writes=False)
        except yt_dlp.utils.YoutubeDLError as e:
            raise _ydl_error(e, url) from None
        info = _first_entry(raw if isinstance(raw, Mapping) else None)
        if info is None:
            raise InputError(_("No video was found at this address: the page has none that can be read. Give "
                               "the video's own address, or download it yourself and drop the file in."))
        title = str(info.get("title") or info.get("id") or _name_from_url(url))
        if str(info.get("extractor_key") or "") in ("Generic", "HTML5MediaEmbed") and title.endswith(" (1)"):
            title = title[:-4]  # the generic extractor numbers the videos of a page
        if info.get("is_live") or info.get("live_status") in ("is_live", "is_upcoming"):
            raise InputError(_("This is a live stream; only recorded videos can be fetched."))
        section_skipped = False  # the section was most of the video: fetched whole, on purpose
        formats = _formats_of(info)
        direct = all(str(f.get("protocol") or "") in ("http", "https", "m3u8", "m3u8_native") and f.get("url")
                     for f in formats) and len(formats) <= 2
        size = _estimated_size(info)
        if section is not None and direct and want != "audio":
            if size is not None and size > max_bytes:
                await _check_size(size, max_bytes=max_bytes, confirm_size=None)
            inputs = [(str(f["url"]), _str_map(f.get("http_headers"))) for f in formats]
            acodec = _audio_codec_name(formats[-1].get("acodec")) if len(formats) > 1 else None
            try:
                got = await _ffmpeg_section(inputs, work, section[0], section[1], progress=progress,
                                            audio_codec=acodec)
            except InputError:
                raise
            except Exception as e:
                log.info("section fetch failed (%s); fetching the whole video", redact(str(e))[:300])
                _empty(work)
            else:
                if got is not None:
                    out, offset = got
                    kind = _check_content(out, want)
                    return out, title, offset, section, out.stat().st_size, kind, ""
                section_skipped = True
        await _check_size(size, max_bytes=max_bytes, confirm_size=confirm_size)

        def download() -> Any:
            return ydl.process_ie_result(dict(info), download=True)

        try:
            done_info = await _in_thread(download, stop, writes=True)
        except (_Cancelled, yt_dlp.utils.YoutubeDLError) as e:
            if over:
                raise _too_large(over[0], max_bytes) from None
            if stop.is_set() or isinstance(e, _Cancelled):
                raise asyncio.CancelledError() from None
            raise _ydl_error(e, url) from None
        if over:
            raise _too_large(over[0], max_bytes)
        file = _downloaded_file(done_info, work)
        if file is None and logger.too_big is not None:
            raise _too_large(logger.too_big, max_bytes)
        if file is None:
            reason = logger.errors[-1] if logger.errors else _("no file was written")
            raise _ydl_error(RuntimeError(reason), url)
        kind = _check_content(file, want)
        note = ""
        if section is not None and not section_skipped:
            note = _("This site does not allow fetching only a part; the whole video was downloaded.")
        return file, title, 0.0, None, sum(downloaded.values()) or file.stat().st_size, kind, note
    finally:
        with contextlib.suppress(Exception):
            ydl.close()


def _audio_codec_name(acodec: Any) -> str | None:
    """FFmpeg's name for a yt-dlp ``acodec`` ("mp4a.40.2" -> "aac"; "none" or unknown -> None)."""
    a = str(acodec or "").lower()
    if not a or a == "none":
        return None
    if a.startswith("mp4a"):
        return "aac"
    return a.split(".", 1)[0]


def _empty(work: Path) -> None:
    """Remove what a failed attempt left in the temporary folder ``work``."""
    for p in work.iterdir():
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def _str_map(value: Any) -> dict[str, str] | None:
    if not isinstance(value, Mapping):
        return None
    return {str(k): str(v) for k, v in value.items()}


def _downloaded_file(info: Any, work: Path) -> Path | None:
    if isinstance(info, Mapping):
        for d in info.get("requested_downloads") or []:
            p = d.get("filepath") if isinstance(d, Mapping) else None
            if p and Path(p).is_file():
                return Path(p)
    files = [p for p in work.glob("media.*") if p.is_file() and not p.name.endswith((".part", ".ytdl"))
             and ".f" not in p.suffixes[0:1] and p.name != _ENTRY]
    return max(files, key=lambda p: p.stat().st_size) if files else None
