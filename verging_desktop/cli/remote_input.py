"""A URL wherever a command takes a file: fetched into the app's cache (``services/remote.py``),
then used exactly as the local file would be.

:func:`fetch_input` is the one step every command uses: it prints one updating progress line on
stderr (none with ``-q``), asks before a large download on a terminal (y/N; refused without a
terminal unless ``--yes``), and returns the :class:`~verging_desktop.services.remote.RemoteMedia`
(``path`` to use as the file, ``title`` for the job's input name, ``url`` for the job record,
``local_range`` for ``-s/-e``). Every refusal is remote's :class:`InputError` (exit 2, nothing
uploaded or charged); Ctrl+C stops the download and leaves nothing half-written (remote cancels
cleanly), then the command exits as any interrupted command does (130).

:func:`input_name` and :func:`source_params` say how a fetched input is filed with its job: the
title as the input's name, the original address in the job's params as ``source_url``.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ..core import filetypes as ft
from ..core.errors import InputError, Progress
from ..services import remote
from ..services.remote import RemoteMedia, Want, is_url, looks_direct
from .context import Context

__all__ = ["RemoteMedia", "checked_as", "checked_async", "fetch_input", "input_name", "is_url", "localized", "looks_direct",
           "renamed", "source_params"]

T = TypeVar("T")

#: a Progress total above this is bytes; below, the seconds of a section ffmpeg copies (remote's
#: progress says "download" for both)
_SECONDS_BELOW = 100_000.0


def cache_dir(ctx: Context) -> Path:
    """Where fetched inputs are kept: ``remote/`` in the app's data folder (the app's cache too)."""
    return ctx.dirs.data / "remote"


def _host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or "the server"
    except ValueError:
        return "the server"


def _size(n: float) -> str:
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1.0, n / 1e3):.0f} KB"


class _Line:
    """One updating progress line on stderr (``\\r``), ended with a newline when anything was shown."""

    def __init__(self, ctx: Context, label: str, *, section: bool) -> None:
        self.quiet = ctx.out.quiet
        self.label = label
        #: a section is copied by ffmpeg, whose progress is in seconds (a fallback to the whole
        #: file counts bytes: told apart by the size of the numbers)
        self.section = section
        self.shown = False
        self._last = 0.0
        self._text = ""

    def __call__(self, p: Progress) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        frac = p.fraction
        if self.shown and now - self._last < 0.25 and (frac or 0) < 1:
            return
        self._last = now
        seconds = self.section and (p.total if p.total is not None else p.done) < _SECONDS_BELOW
        if frac is not None:
            detail = f"{p.done:.1f}/{p.total or 0:.1f} s" if seconds else f"{_size(p.done)} of {_size(p.total or 0)}"
            text = f"{self.label}: {frac * 100:5.1f}% ({detail})"
        else:
            text = f"{self.label}: {p.done:.1f} s" if seconds else f"{self.label}: {_size(p.done)}"
        if text == self._text:
            return
        self._text = text
        print(f"\r{text}\x1b[K" if sys.stderr.isatty() else f"\r{text}", end="", file=sys.stderr, flush=True)
        self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)
            self.shown = False


async def _read_line() -> str:
    """A line from standard input without blocking the event loop, in a daemon thread (a Ctrl+C
    while waiting does not leave the command waiting for that thread)."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[str] = loop.create_future()

    def done(value: str | None, error: BaseException | None) -> None:
        if fut.done():
            return
        if error is not None:
            fut.set_exception(error)
        else:
            fut.set_result(value or "")

    def work() -> None:
        try:
            line = sys.stdin.readline()
        except BaseException as e:  # handed to the waiting coroutine
            loop.call_soon_threadsafe(done, None, e)
        else:
            loop.call_soon_threadsafe(done, line, None)

    threading.Thread(target=work, name="confirm-size", daemon=True).start()
    return await fut


class _Confirm:
    """remote's ``confirm_size``: ``--yes`` says yes; a terminal is asked (y/N); else no."""

    def __init__(self, ctx: Context, url: str) -> None:
        self.ctx = ctx
        self.url = url
        self.no_terminal = False

    async def __call__(self, size: int) -> bool:
        if getattr(self.ctx.args, "yes", False):
            return True
        if not (sys.stdin is not None and sys.stdin.isatty()):
            self.no_terminal = True
            return False
        print(f"\rThe download from {_host(self.url)} is {_size(size)}. Download it? [y/N] ", end="",
              file=sys.stderr, flush=True)
        answer = (await _read_line()).strip().lower()
        return answer in ("y", "yes")


async def fetch_input(ctx: Context, value: str, *, want: Want | None, start: float | None = None,
                      end: float | None = None, what: str = "") -> RemoteMedia:
    """Fetch the URL ``value`` (or take it from the cache) and return it as a local file.

    :param want: what the command takes ("video", "image", "audio", or None for any media).
    :param start, end: for a video, the section wanted (seconds in the original): only that part
        is fetched when the site allows it; map the user's times onto the file with
        ``media.local_range(start, end)``.
    :param what: names the input in the lines printed ("the face image"...).
    :raises InputError: every refusal, before anything is uploaded or charged.
    """
    host = _host(value)
    label = f"Fetching{' ' + what if what else ''}"
    section = want in (None, "video") and (start is not None or end is not None)
    line = _Line(ctx, label, section=section)
    confirm = _Confirm(ctx, value)
    part = ""
    if section:
        part = f" ({start or 0:g}-{'end' if end is None else f'{end:g}'} s)"
    ctx.out.info(f"{label} from {host}{part}...")
    try:
        media = await remote.fetch(value, cache_dir=cache_dir(ctx), want=want, start=start, end=end,
                                   progress=line, confirm_size=confirm)
    except InputError as e:
        if confirm.no_terminal:
            raise InputError(f"{e} Add --yes to allow a large download without a terminal to ask on.") from None
        raise
    finally:
        line.end()
    if media.from_cache:
        ctx.out.info(f"Using {media.title}, fetched before (no download).")
    else:
        size = media.path.stat().st_size
        ctx.out.info(f"Fetched {media.title} ({_size(size)}).")
    if media.note:
        ctx.out.info(media.note)
    return media


def input_name(media: RemoteMedia) -> str:
    """The name a fetched input is filed under: its title (the page's title, or the URL's file
    name), with the fetched file's extension when the title has none (results are named after it:
    ``<title>_faceswap.mp4``), safe as a file name."""
    title = " ".join(media.title.split()) or media.path.stem
    ext = media.path.suffix.lower()
    if Path(title).suffix.lower() not in remote.MEDIA_EXTENSIONS:
        title += ext
    return ft.safe_filename(title, default=f"download{ext}")


def source_params(*media: RemoteMedia | None) -> dict[str, Any]:
    """What a job keeps about its fetched inputs, in its params: ``source_url`` (the first fetched
    input's address, as given and never with credentials, which remote refuses) and, with several,
    ``source_urls``. Empty when nothing was fetched."""
    urls = [m.url for m in media if m is not None]
    if not urls:
        return {}
    out: dict[str, Any] = {"source_url": urls[0]}
    if len(urls) > 1:
        out["source_urls"] = urls
    return out


def renamed(text: str, *media: RemoteMedia | None) -> str:
    """``text`` naming each fetched input by its title rather than by the cache's file name
    (``media.mp4``)."""
    for m in media:
        if m is not None:
            text = text.replace(str(m.path), m.title).replace(m.path.name, m.title)
    return text


def checked_as(media: RemoteMedia | None, check: Callable[[], T]) -> T:
    """Run a local file check on a fetched input, its messages naming the title."""
    try:
        return check()
    except InputError as e:
        if media is None:
            raise
        raise InputError(renamed(str(e), media)) from None


async def checked_async(media: RemoteMedia | None, check: Awaitable[T]) -> T:
    """:func:`checked_as` for a check that is awaited."""
    try:
        return await check
    except InputError as e:
        if media is None:
            raise
        raise InputError(renamed(str(e), media)) from None


async def localized(ctx: Context, value: str | None, *, want: Want | None, pass_direct: bool,
                    start: float | None = None, end: float | None = None,
                    what: str = "") -> tuple[str | None, RemoteMedia | None]:
    """What a command sends for one media argument: a local path as it is; a URL either passed
    on (``pass_direct``: the provider takes URLs, and this one is a direct media file by its address,
    :func:`~verging_desktop.services.remote.looks_direct`, with no section asked) or fetched, its
    local file then going the local-file way. Returns (the value to use, the fetched media or None)."""
    if not value or not is_url(value):
        return value, None
    section = want in (None, "video") and (start is not None or end is not None)
    if pass_direct and not section and looks_direct(value):
        return value.strip(), None
    media = await fetch_input(ctx, value, want=want, start=start if section else None,
                              end=end if section else None, what=what)
    return str(media.path), media
