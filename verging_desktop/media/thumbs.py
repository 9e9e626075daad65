"""Filmstrip thumbnails and an audio waveform summary, for the timeline trimmer.

Both decode with PyAV in a worker thread. :func:`thumbnails` yields each picture as soon as it
is ready (the first one in a fraction of a second even for a long 1080p file): it seeks to the
keyframe before each time and takes the first frame it decodes, so it never decodes whole GOPs
on long files, and steps forward frame by frame on short ones where keyframes are sparse.
Pictures are raw RGB (``rgb24``, rows top to bottom, no padding), already turned upright for
rotated phone videos; the UI wraps them in ``QImage`` without copying pixels around.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from ..core.errors import InputError
from ..core.i18n import _
from .ffrun import ffpath
from .probe import _fail_open, _normalise_rotation, _rotation_from_metadata

log = logging.getLogger("verging_desktop.media")

#: decode forward instead of seeking when the wanted frame is at most this many seconds ahead
FORWARD_LIMIT = 1.0
#: sample rate used for the waveform (peaks need no more)
WAVEFORM_RATE = 8000


@dataclass(frozen=True)
class Thumb:
    """One filmstrip picture."""

    index: int
    #: the time asked for (seconds from the start)
    time: float
    #: the time of the frame actually shown (the keyframe before ``time`` on long files)
    frame_time: float
    width: int
    height: int
    #: ``width * height * 3`` bytes of packed RGB
    rgb: bytes = field(repr=False)

    @property
    def stride(self) -> int:
        """Bytes per row (for ``QImage(data, w, h, stride, Format_RGB888)``)."""
        return self.width * 3


# --------------------------------------------------------------------------------------------
# pixel helpers (no numpy needed)


def _planes(rgb: bytes) -> list[bytes]:
    return [rgb[0::3], rgb[1::3], rgb[2::3]]


def _interleave(planes: list[bytes]) -> bytes:
    out = bytearray(len(planes[0]) * 3)
    out[0::3], out[1::3], out[2::3] = planes
    return bytes(out)


def _transpose(p: bytes, w: int) -> bytes:
    return b"".join(p[x::w] for x in range(w))


def _flip_rows(p: bytes, w: int, h: int) -> bytes:
    return b"".join(p[(h - 1 - y) * w:(h - y) * w] for y in range(h))


def _mirror_rows(p: bytes, w: int, h: int) -> bytes:
    return b"".join(p[y * w:(y + 1) * w][::-1] for y in range(h))


def rotate_rgb(rgb: bytes, width: int, height: int, rotation: int) -> tuple[bytes, int, int]:
    """Turn a packed RGB picture by ``rotation`` degrees counter-clockwise (0/90/180/270).

    Returns ``(rgb, width, height)`` of the turned picture.
    """
    rotation %= 360
    if rotation == 0:
        return rgb, width, height
    planes = _planes(rgb)
    if rotation == 180:
        return _interleave([p[::-1] for p in planes]), width, height
    turned = [_transpose(p, width) for p in planes]  # now height x width (w'=height)
    if rotation == 90:  # counter-clockwise: transpose, then reverse the row order
        turned = [_flip_rows(p, height, width) for p in turned]
    else:  # 270 ccw = 90 clockwise: transpose, then mirror each row
        turned = [_mirror_rows(p, height, width) for p in turned]
    return _interleave(turned), height, width


def _even(n: float) -> int:
    return max(2, int(round(n / 2.0)) * 2)


def _frame_rgb(frame: Any, width: int, height: int) -> bytes:
    """Scale a frame to ``width x height`` RGB and return tightly packed bytes."""
    small = frame.reformat(width=width, height=height, format="rgb24", interpolation="BILINEAR")
    plane = small.planes[0]
    row = width * 3
    data = bytes(plane)
    if plane.line_size == row:
        return data[: row * height]
    return b"".join(data[y * plane.line_size:y * plane.line_size + row] for y in range(height))


# --------------------------------------------------------------------------------------------
# thumbnails


def _thumb_worker(
    path: Path,
    count: int,
    height: int,
    emit: Any,
    stop: threading.Event,
) -> None:
    try:
        container = av.open(ffpath(path), metadata_errors="replace")
    except av.FFmpegError as exc:
        raise _fail_open(path, exc) from exc
    with container:
        vs = [s for s in container.streams.video if not (s.disposition & av.stream.Disposition.attached_pic)]
        if not vs:
            raise InputError(_("{name} has no video stream, so it has no filmstrip.").format(name=path.name))
        v = vs[0]
        v.thread_type = "SLICE"
        tb = v.time_base or Fraction(1, 90000)
        origin = (container.start_time or 0) / 1_000_000
        duration = container.duration / 1_000_000 if container.duration else (
            float(v.duration * tb) if v.duration else 0.0)
        if duration <= 0:
            raise InputError(_("{name} has no duration; it may be truncated.").format(name=path.name))
        rate = float(v.average_rate) if v.average_rate else 25.0
        spacing = duration / count
        # accept a keyframe this far before the target instead of decoding up to it
        slack = max(spacing * 0.25, 0.5 / rate)
        rotation: int | None = None
        dims: tuple[int, int, int, int] | None = None  # coded w,h to scale to, and final w,h
        pos = -1e9  # time of the last decoded frame
        frames_iter: Any = None
        for i in range(count):
            if stop.is_set():
                return
            target = (i + 0.5) * spacing
            # decode forward when the wanted frame is less than a second ahead, else seek
            need_seek = frames_iter is None or target < pos or (target - slack) - pos > FORWARD_LIMIT
            if need_seek:
                ts = int((target + origin) / tb) if tb else 0
                container.seek(ts, stream=v, backward=True, any_frame=False)
                frames_iter = container.decode(v)
            chosen = None
            for frame in frames_iter:
                if frame.pts is None:
                    continue
                t = float(frame.pts * tb) - origin
                pos = t
                chosen = frame
                if t >= target - slack:
                    break
                if stop.is_set():
                    return
            if chosen is None:  # ran off the end: seek to just before the end once
                container.seek(max(0, int((target + origin - 2 * spacing) / tb)), stream=v, backward=True)
                frames_iter = container.decode(v)
                for frame in frames_iter:
                    chosen = frame
                    pos = float(frame.pts * tb) - origin if frame.pts is not None else pos
                    if pos >= target - slack:
                        break
                if chosen is None:
                    raise InputError(_("{name} is truncated or corrupt: no frame near {seconds} s decodes.").format(
                        name=path.name, seconds=f"{target:.1f}"))
            if rotation is None:
                try:
                    rotation = _normalise_rotation(float(chosen.rotation))
                except Exception:
                    rotation = 0
                if rotation == 0:
                    rotation = _normalise_rotation(_rotation_from_metadata(dict(v.metadata)) or 0)
            if dims is None:
                cw, ch = chosen.width, chosen.height
                sar = v.sample_aspect_ratio
                if sar and sar.numerator > 0:
                    cw = cw * float(sar)
                dw, dh = (ch, cw) if rotation in (90, 270) else (cw, ch)
                out_h = height
                out_w = _even(height * dw / dh)
                coded = (out_h, out_w) if rotation in (90, 270) else (out_w, out_h)
                dims = (coded[0], coded[1], out_w, out_h)
            rgb = _frame_rgb(chosen, dims[0], dims[1])
            rgb, w, h = rotate_rgb(rgb, dims[0], dims[1], rotation)
            emit(Thumb(i, target, pos, w, h, rgb))


async def thumbnails(path: str | os.PathLike[str], count: int = 12, height: int = 90) -> AsyncIterator[Thumb]:
    """Yield ``count`` evenly spaced thumbnails of a video, ``height`` pixels tall, in order.

    Each :class:`Thumb` is yielded as soon as it is decoded. Closing or cancelling the iterator
    stops the worker thread.

    :raises InputError: not a video, or it cannot be decoded.
    """
    if count <= 0:
        return
    if height < 2:
        raise InputError(_("Thumbnail height must be at least 2 pixels."))
    p = Path(path)
    if not p.is_file():
        raise InputError(_("{path} does not exist or is not a file.").format(path=p))
    if p.stat().st_size == 0:
        raise InputError(_("{name} is empty (0 bytes).").format(name=p.name))
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Thumb | BaseException | None] = asyncio.Queue()
    stop = threading.Event()

    def emit(item: Thumb | BaseException | None) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, item)

    def work() -> None:
        try:
            _thumb_worker(p, count, height, emit, stop)
        except BaseException as exc:  # handed to the consumer
            emit(exc)
        finally:
            emit(None)

    worker = loop.run_in_executor(None, work)
    try:
        while True:
            item = await queue.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                if isinstance(item, av.FFmpegError):
                    raise InputError(_("{name} cannot be decoded ({reason}).").format(name=p.name, reason=item)) from item
                raise item
            yield item
    finally:
        stop.set()
        with contextlib.suppress(BaseException):
            await asyncio.shield(worker)


# --------------------------------------------------------------------------------------------
# waveform


def waveform_sync(path: str | os.PathLike[str], buckets: int = 1000,
                  stop: threading.Event | None = None) -> list[float]:
    """Peak level (0..1) of the first audio stream in ``buckets`` equal slices; ``[]`` without audio."""
    p = Path(path)
    if buckets <= 0:
        return []
    try:
        container = av.open(ffpath(p), metadata_errors="replace")
    except av.FFmpegError as exc:
        raise _fail_open(p, exc) from exc
    with container:
        if not container.streams.audio:
            return []
        a = container.streams.audio[0]
        a.codec_context.thread_type = "AUTO"
        resampler = av.AudioResampler(format="s16", layout="mono", rate=WAVEFORM_RATE)
        chunk = WAVEFORM_RATE // 100  # 10 ms
        peaks = array.array("H")
        pending = array.array("h")

        def take(frames: list[Any]) -> None:
            for f in frames:
                n = f.samples
                if not n:
                    continue
                samples = array.array("h")
                samples.frombytes(bytes(f.planes[0])[: n * 2])
                if sys.byteorder == "big":
                    samples.byteswap()
                pending.extend(samples)
            whole = len(pending) - len(pending) % chunk
            for k in range(0, whole, chunk):
                part = pending[k:k + chunk]
                peaks.append(min(32767, max(max(part), -min(part))))
            del pending[:whole]

        try:
            for frame in container.decode(a):
                take(resampler.resample(frame))
                if stop is not None and stop.is_set():
                    return []
            take(resampler.resample(None))
        except av.FFmpegError as exc:
            log.info("waveform of %s stopped early: %s", p.name, exc)
        if len(pending):
            peaks.append(min(32767, max(max(pending), -min(pending))))
    if not peaks:
        return [0.0] * buckets
    n = len(peaks)
    out: list[float] = []
    for b in range(buckets):
        lo = b * n // buckets
        hi = max(lo + 1, (b + 1) * n // buckets)
        seg = peaks[lo:min(hi, n)] if lo < n else peaks[n - 1:n]
        out.append(max(seg) / 32767.0)
    return out


async def waveform(path: str | os.PathLike[str], buckets: int = 1000) -> list[float]:
    """:func:`waveform_sync` in a worker thread; cancelling stops the decode."""
    stop = threading.Event()
    fut = asyncio.ensure_future(asyncio.to_thread(waveform_sync, path, buckets, stop))
    try:
        return await asyncio.shield(fut)
    except asyncio.CancelledError:
        stop.set()
        with contextlib.suppress(BaseException):
            await asyncio.shield(fut)
        raise
