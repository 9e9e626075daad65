"""Run ffmpeg as a cancellable asyncio subprocess with machine-readable progress.

Every command is an argument list (never a shell string), so paths with spaces, quotes or
non-Latin characters need no escaping. ffmpeg is started with ``-progress pipe:1 -nostats``;
its ``out_time_us`` / ``progress=end`` lines become :class:`~verging_desktop.core.errors.Progress`
snapshots. On cancellation the process is asked to quit (``q`` on stdin), then terminated, then
killed, always awaited, and any partial output files are deleted before ``CancelledError``
propagates.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import Progress, VergingError
from ..core.i18n import _
from .binaries import ffmpeg_exe

log = logging.getLogger("verging_desktop.media")

#: A progress callback: receives plain snapshots, must not block.
ProgressCallback = Callable[[Progress], None]

#: seconds to wait after ``q`` and again after SIGTERM before escalating
QUIT_GRACE = 1.5
TERM_GRACE = 2.0


#: pids of the ffmpeg processes this module is running right now
_ACTIVE: set[int] = set()


def active_pids() -> frozenset[int]:
    """Process ids of ffmpeg runs still under way (for shutdown checks and tests)."""
    return frozenset(_ACTIVE)


class FfmpegFailed(VergingError):
    """ffmpeg exited with an error. ``stderr_tail`` holds its last lines."""

    exit_code = 5

    def __init__(self, message: str, *, returncode: int | None = None, stderr_tail: str = "") -> None:
        super().__init__(message)
        self.returncode = returncode
        self.stderr_tail = stderr_tail


@dataclass(frozen=True)
class FfmpegRun:
    """What a finished ffmpeg run reported."""

    args: tuple[str, ...]
    returncode: int
    elapsed: float
    stderr_tail: str


def ffpath(path: str | os.PathLike[str]) -> str:
    """A file path as an ffmpeg argument that can never be mistaken for an option or a protocol.

    ``file:`` plus the absolute path: a name starting with ``-`` or containing ``:`` (``a:b.mp4``)
    is still just a file. Spaces and non-Latin characters need nothing special in an argument list.
    """
    return "file:" + str(Path(path).absolute())


def seconds_arg(value: float) -> str:
    """A time in seconds formatted for ffmpeg's command line (microsecond precision)."""
    return f"{value:.6f}"


def scaled_progress(
    progress: ProgressCallback | None, *, offset: float, span: float, total: float, stage: str
) -> ProgressCallback | None:
    """Map a step's own progress (0..its total) onto ``offset .. offset+span`` of an overall total.

    Used when one operation runs several ffmpeg steps but the UI should see one bar.
    """
    if progress is None:
        return None

    def cb(p: Progress) -> None:
        frac = p.fraction if p.fraction is not None else 0.0
        progress(Progress(min(total, offset + span * frac), total, stage or p.stage))

    return cb


def compile_graph(stream: Any) -> list[str]:
    """Arguments (without the executable) for an ``ffmpeg-python`` graph, overwriting outputs."""
    import ffmpeg as ffmpeg_python  # type: ignore[import-untyped]  # ffmpeg-python, untyped

    args: list[str] = ffmpeg_python.compile(stream, cmd="ffmpeg", overwrite_output=True)
    return args[1:]


def _tail_text(lines: Iterable[str]) -> str:
    return "\n".join(line.rstrip() for line in lines if line.strip())


def _remove(paths: Iterable[str | os.PathLike[str]]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            Path(p).unlink()


async def _stop(proc: asyncio.subprocess.Process) -> None:
    """Ask ffmpeg to quit, then terminate, then kill; always reap the process."""
    if proc.returncode is not None:
        return
    try:
        if proc.stdin is not None and not proc.stdin.is_closing():
            proc.stdin.write(b"q")
            with contextlib.suppress(Exception):
                await asyncio.wait_for(proc.stdin.drain(), 0.2)
    except (OSError, RuntimeError):
        pass
    try:
        await asyncio.wait_for(proc.wait(), QUIT_GRACE)
        return
    except TimeoutError:
        pass
    with contextlib.suppress(ProcessLookupError):
        proc.terminate()
    try:
        await asyncio.wait_for(proc.wait(), TERM_GRACE)
        return
    except TimeoutError:
        pass
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    await proc.wait()


async def run_ffmpeg(
    args: Sequence[str | os.PathLike[str]],
    *,
    total: float | None = None,
    progress: ProgressCallback | None = None,
    stage: str = "",
    outputs: Sequence[str | os.PathLike[str]] = (),
    on_start: Callable[[int], None] | None = None,
) -> FfmpegRun:
    """Run ``ffmpeg <args>`` and wait for it.

    :param args: arguments after the executable; the runner adds ``-hide_banner -nostats
        -loglevel error -progress pipe:1`` in front.
    :param total: the duration (seconds) the output will have, for progress fractions.
    :param progress: called with :class:`Progress` snapshots (``done`` seconds of output written).
    :param stage: a label copied into every snapshot ("Cutting", "Encoding audio", ...).
    :param outputs: files this command writes; deleted if it fails or is cancelled.
    :param on_start: called with the process id once ffmpeg runs (tests use it).
    :raises FfmpegFailed: non-zero exit, with the tail of stderr in the message.
    :raises asyncio.CancelledError: after the process is stopped and partial outputs removed.
    """
    exe = ffmpeg_exe()
    argv = [exe, "-hide_banner", "-nostats", "-loglevel", "error", "-progress", "pipe:1", *map(str, args)]
    log.debug("ffmpeg %s", " ".join(argv[1:]))
    started = time.monotonic()
    kwargs: dict[str, Any] = {}
    if os.name == "nt":  # no console window flashing up from a GUI app
        import subprocess

        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            **kwargs,
        )
    except OSError as exc:
        raise FfmpegFailed(_("Could not start ffmpeg ({path}): {reason}").format(path=exe, reason=exc)) from exc
    _ACTIVE.add(proc.pid)
    if on_start is not None:
        on_start(proc.pid)
    tail: collections.deque[str] = collections.deque(maxlen=40)

    async def read_progress() -> None:
        assert proc.stdout is not None
        while True:
            raw = await proc.stdout.readline()
            if not raw:
                return
            key, _sep, value = raw.decode("utf-8", "replace").strip().partition("=")
            if progress is None:
                continue
            if key == "out_time_us" and value.lstrip("-").isdigit():
                done = max(0.0, int(value) / 1_000_000)
                if total:
                    done = min(done, total)
                progress(Progress(done, total, stage))
            elif key == "progress" and value == "end":
                progress(Progress(total if total else 0.0, total, stage))

    async def read_stderr() -> None:
        assert proc.stderr is not None
        while True:
            raw = await proc.stderr.readline()
            if not raw:
                return
            tail.append(raw.decode("utf-8", "replace"))

    readers = asyncio.gather(read_progress(), read_stderr())
    try:
        await proc.wait()
        await readers
        _ACTIVE.discard(proc.pid)
    except BaseException:
        # shielded: a second cancel must not leave the process running or the output behind;
        # the readers keep draining the pipes until ffmpeg is gone
        stopper = asyncio.ensure_future(_stop(proc))

        def stopped(_t: object) -> None:
            _ACTIVE.discard(proc.pid)
            readers.cancel()
            _remove(outputs)

        stopper.add_done_callback(stopped)
        try:
            await asyncio.shield(stopper)
        finally:
            log.info("ffmpeg stopped early (pid %s)", proc.pid)
        with contextlib.suppress(BaseException):
            await readers
        raise
    elapsed = time.monotonic() - started
    tail_text = _tail_text(tail)
    rc = proc.returncode if proc.returncode is not None else -1
    if rc != 0:
        _remove(outputs)
        last = tail_text.splitlines()[-3:] if tail_text else []
        detail = " / ".join(last) or _("exit code {code}").format(code=rc)
        raise FfmpegFailed(_("ffmpeg failed: {detail}").format(detail=detail), returncode=rc, stderr_tail=tail_text)
    log.debug("ffmpeg done in %.2fs", elapsed)
    return FfmpegRun(tuple(argv), rc, elapsed, tail_text)
