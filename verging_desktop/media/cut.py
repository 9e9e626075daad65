"""Cut a segment out of a video: stream copy, exact re-encode, or smart cut.

Verging bills per second of video, so the segment a person marks is exactly the segment that is
uploaded: smart and exact cuts start on the frame at the in point and last the requested time
to within one frame.

``copy``
    Stream copy from the keyframe at or before the in point, nothing re-encoded: fastest and
    lossless, but it may start early (the note says by how much) and end a few frames late.
``exact``
    Full re-encode (libx264 + AAC, ``+faststart``), frame-accurate; rotated phone videos are
    turned upright so every player shows them the same way.
``smart`` (default)
    Frame-accurate at near stream-copy speed: only the frames from the in point to the next
    keyframe (and, with B-frames, the last few frames before the out point) are re-encoded with
    the source's H.264 profile, level, pixel format, size and time base; everything in between
    is copied untouched. The parts are joined into one standard ``avc1`` track whose sample
    description carries both encoders' parameter sets (see :mod:`.h264`), with timestamps
    rebuilt from the source's own, and audio re-encoded for exactly the same range so it stays
    in sync. Where that is not possible (not H.264, variable frame rate, no keyframe inside the
    range, unusual timestamps) it falls back to ``exact`` and says why in ``note``.
``compact``
    Like ``exact`` (frame-accurate, upright), but encoded to upload fewer bytes: libx264
    ``-preset veryfast -crf 20`` (:data:`COMPACT_CRF`), the video capped at the source's own bit
    rate, AAC at 128 kb/s. Its SSIM against the source is at or above the official CLI's upload
    (crf 23, preset medium); the figures are in :mod:`verging_desktop.jobs.prep_choice`, which
    chooses it when the uplink is slow enough for the smaller file to win.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import heapq
import logging
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import av

from ..core.errors import InputError, Progress
from ..core.i18n import _, n_
from . import h264
from .ffrun import FfmpegFailed, ProgressCallback, ffpath, run_ffmpeg
from .probe import MediaInfo, aprobe

log = logging.getLogger("verging_desktop.media")

CutMode = Literal["copy", "exact", "smart", "compact"]
MODES: tuple[str, ...] = ("copy", "exact", "smart", "compact")

#: x264 settings for re-encoded frames: visually transparent, quick
X264_PRESET = "veryfast"
X264_CRF = 17
#: AAC bit rate when the source's is unknown
AUDIO_BITRATE = 192_000
#: the compact mode: the highest crf whose SSIM is at or above the official upload's (measured)
COMPACT_PRESET = "veryfast"
COMPACT_CRF = 20
COMPACT_AUDIO_BITRATE = 128_000
#: audio codecs an MP4 can carry as they are (copy mode)
MP4_AUDIO = frozenset({"aac", "mp3", "ac3", "eac3", "alac", "opus", "flac"})
#: containers a cut can be written to
OUTPUT_SUFFIXES: tuple[str, ...] = (".mp4", ".mov", ".m4v", ".mkv")
#: how many packets after a keyframe are checked for leading pictures (open GOP)
LEADING_CHECK = 48


@dataclass(frozen=True)
class CutResult:
    """What a cut produced. ``duration`` is probed from the written file, never assumed."""

    path: Path
    duration: float
    start_actual: float
    end_actual: float
    mode_used: str
    requested_start: float
    requested_end: float
    frames: int = 0
    note: str = ""
    elapsed: float = 0.0
    info: MediaInfo | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class _Range:
    """A validated range, snapped to frames: frames ``i0 .. i1-1`` of the source."""

    i0: int
    i1: int
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def frames(self) -> int:
        return self.i1 - self.i0


class _Fallback(Exception):
    """Smart cut is not possible here; the message says why (goes into ``note``)."""


class _Stopped(Exception):
    """A worker thread noticed the cancel flag."""


# --------------------------------------------------------------------------------------------
# validation


def _fmt(t: float) -> str:
    return _("{seconds:.3f} s").format(seconds=t)


def _copy_note(early: float, late: float, at: str) -> str:
    """What a stream copy did at its ends, as one whole clause (``early``/``late`` in seconds)."""
    ends_late = late > 1e-6
    if early > 1e-6:
        text = (_("stream copy starts {early:.3f} s early at the keyframe at {at} and ends {late:.3f} s late, "
                  "after the last frame that needs later frames to decode") if ends_late
                else _("stream copy starts {early:.3f} s early at the keyframe at {at}"))
    elif early < -1e-6:
        text = (_("stream copy starts {early:.3f} s late at the first keyframe, {at}, and ends {late:.3f} s late, "
                  "after the last frame that needs later frames to decode") if ends_late
                else _("stream copy starts {early:.3f} s late at the first keyframe, {at}"))
        early = -early
    elif ends_late:
        text = _("stream copy ends {late:.3f} s late, after the last frame that needs later frames to decode")
    else:
        text = _("stream copy starts and ends exactly")
    return text.format(early=early, late=late, at=at)


def validate_range(info: MediaInfo, start: float, end: float) -> _Range:
    """Check a requested range against the clip and snap it to frame boundaries.

    :raises InputError: not numbers, in after out, zero length, outside the clip, or shorter
        than one frame.
    """
    try:
        start = float(start)
        end = float(end)
    except (TypeError, ValueError) as exc:
        raise InputError(_("The in and out points must be numbers of seconds.")) from exc
    if not (math.isfinite(start) and math.isfinite(end)):
        raise InputError(_("The in and out points must be finite numbers of seconds."))
    fd = info.frame_duration or 1 / 30
    times = info.frame_times
    if not times:
        raise InputError(_("{name} has no video frames to cut.").format(name=info.path.name))
    clip_end = max(info.duration, times[-1] + fd)
    if start > end:
        raise InputError(_("The in point ({start}) is after the out point ({end}); swap them.").format(
            start=_fmt(start), end=_fmt(end)))
    if start == end:
        raise InputError(_("The range is empty: in and out are both at {start}.").format(start=_fmt(start)))
    if start < -fd / 2 or start >= clip_end - fd / 2:
        raise InputError(
            _("The in point {start} is outside the clip, which runs from 0 to {end}.").format(
                start=_fmt(start), end=_fmt(clip_end))
        )
    if end > clip_end + fd / 2:
        raise InputError(
            _("The out point {end} is past the end of the clip ({clip_end}); "
              "the longest cut from {start} is {longest}.").format(
                end=_fmt(end), clip_end=_fmt(clip_end), start=_fmt(start), longest=_fmt(clip_end - start))
        )
    if end - start < fd * 0.999:
        raise InputError(
            _("The range ({ms:.0f} ms) is shorter than one frame "
              "({frame_ms:.0f} ms at {fps:.3g} fps); make it longer.").format(
                ms=(end - start) * 1000, frame_ms=fd * 1000, fps=info.fps)
        )
    # start on the frame nearest the in point; end so the result is never longer than asked
    # (Verging bills per second and caps a job's length), and at most one frame shorter
    i0 = info.frame_index_at(max(0.0, start))
    bounds = list(times) + [times[-1] + fd]
    limit = bounds[i0] + (end - start) + 1e-6
    i1 = min(len(times), max(i0 + 1, bisect.bisect_right(bounds, limit) - 1))
    if i1 <= i0:
        raise InputError(_("The range {start}-{end} holds no whole frame; make it longer.").format(
            start=_fmt(start), end=_fmt(end)))
    s = times[i0]
    e = times[i1] if i1 < len(times) else times[-1] + fd
    return _Range(i0, i1, s, e)


# --------------------------------------------------------------------------------------------
# helpers


def _floor_us(t: float) -> str:
    """Seconds for ``-ss``, rounded down to the microsecond so the frame at ``t`` is kept."""
    us = math.floor(t * 1_000_000 + 1e-3)
    return f"{max(0, us) / 1_000_000:.6f}"


class _Aggregate:
    """Weighted progress over several steps that may run at the same time."""

    def __init__(self, progress: ProgressCallback | None, total: float, weights: dict[str, float]) -> None:
        self.progress = progress
        self.total = total
        s = sum(weights.values()) or 1.0
        self.weights = {k: v / s for k, v in weights.items()}
        self.done: dict[str, float] = {k: 0.0 for k in weights}
        self.stage = ""

    def step(self, name: str, stage: str) -> ProgressCallback:
        def cb(p: Progress) -> None:
            frac = p.fraction if p.fraction is not None else 0.0
            self.update(name, frac, stage)

        return cb

    def update(self, name: str, fraction: float, stage: str) -> None:
        self.done[name] = max(self.done.get(name, 0.0), min(1.0, fraction))
        if self.progress is None:
            return
        overall = sum(self.weights.get(k, 0.0) * v for k, v in self.done.items())
        self.progress(Progress(min(self.total, overall * self.total), self.total, stage))


async def _in_thread(fn: Callable[..., Any], *args: Any, stop: threading.Event) -> Any:
    """Run blocking work in a thread; on cancellation set ``stop`` and wait for it to notice."""
    fut = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    try:
        return await asyncio.shield(fut)
    except asyncio.CancelledError:
        stop.set()
        with contextlib.suppress(BaseException):
            await asyncio.shield(fut)
        raise


def _thread_progress(loop: asyncio.AbstractEventLoop, cb: Callable[[float], None]) -> Callable[[float], None]:
    def report(fraction: float) -> None:
        loop.call_soon_threadsafe(cb, fraction)

    return report


# --------------------------------------------------------------------------------------------
# planning (which packets are copied, which frames re-encoded)


@dataclass
class _Plan:
    """How a smart or copy cut is built."""

    rng: _Range
    #: frame indices re-encoded before the copied part
    head: tuple[int, int] | None
    #: decode-order packet indices copied from the source
    mid: tuple[int, int]
    #: frame indices re-encoded after the copied part
    tail: tuple[int, int] | None
    #: frames covered: i_first .. i_last (exclusive)
    i_first: int
    i_last: int


def _frame_ticks(info: MediaInfo) -> list[int]:
    return sorted(info.decode_pts)


def _clean_points(info: MediaInfo, ticks: list[int], j_start: int, i_start: int) -> Iterator[tuple[int, int]]:
    """Decode positions after ``j_start`` where the copied prefix is exactly frames ``i_start .. i``.

    Yields ``(j_end, i_next)``: copying packets ``j_start .. j_end-1`` gives frames
    ``i_start .. i_next-1``, all decodable, none missing.
    """
    index = {t: i for i, t in enumerate(ticks)}
    top = -1
    dp = info.decode_pts
    for count, j in enumerate(range(j_start, len(dp)), start=1):
        i = index[dp[j]]
        if i < i_start:
            return  # a leading picture: not a clean start after all
        top = max(top, i)
        if top - i_start + 1 == count:
            yield j + 1, top + 1


def _read_packet(path: Path, pts: int) -> bytes:
    """The bytes of the video packet whose pts is ``pts``."""
    with av.open(ffpath(path)) as c:
        v = c.streams.video[0]
        c.seek(pts, stream=v, backward=True, any_frame=False)
        for n, pkt in enumerate(c.demux(v)):
            if pkt.pts == pts:
                return bytes(pkt)
            if n > 4000:
                break
    raise _Fallback(_("the keyframe could not be read back"))


def _check_smart(info: MediaInfo) -> None:
    if info.video_codec != "h264":
        raise _Fallback(_("smart cut needs H.264 video, this is {codec}").format(codec=info.video_codec))
    if info.vfr:
        raise _Fallback(_("the video has a variable frame rate"))
    if info.interlaced:
        raise _Fallback(_("the video is interlaced"))
    if not info.avcc:
        raise _Fallback(_("the H.264 stream has no MP4-style decoder configuration"))
    if not info.decode_pts:
        raise _Fallback(_("the video's packets were not scanned"))
    if len(set(info.decode_pts)) != len(info.decode_pts):
        raise _Fallback(_("the video has repeated timestamps"))
    if info.profile is None or info.profile.lower() not in h264.X264_PROFILES:
        raise _Fallback(_("the H.264 profile ({profile}) cannot be matched by the encoder").format(profile=info.profile))
    if info.pix_fmt not in h264.X264_PIX_FMTS:
        raise _Fallback(_("the pixel format ({pix_fmt}) cannot be matched by the encoder").format(pix_fmt=info.pix_fmt))


def _clean_start(info: MediaInfo, j: int) -> bool:
    """No packet in the next few after keyframe ``j`` shows before it (no open-GOP leading pictures)."""
    dp = info.decode_pts
    return all(dp[k] > dp[j] for k in range(j + 1, min(len(dp), j + 1 + LEADING_CHECK)))


def _plan_smart(info: MediaInfo, rng: _Range, length_size: int) -> _Plan:
    ticks = _frame_ticks(info)
    index = {t: i for i, t in enumerate(ticks)}
    keys = sorted(
        (index[info.decode_pts[j]], j) for j, k in enumerate(info.decode_key) if k
    )
    for i_k, j_k in keys:
        if i_k < rng.i0 or i_k >= rng.i1:
            continue
        if not _clean_start(info, j_k):
            continue
        if not h264.is_idr(_read_packet(info.path, info.decode_pts[j_k]), length_size):
            continue
        best: tuple[int, int] | None = None
        for j_end, i_next in _clean_points(info, ticks, j_k, i_k):
            if i_next > rng.i1:
                break
            best = (j_end, i_next)
            if i_next == rng.i1:
                break
        if best is None:
            continue
        j_end, i_next = best
        head = (rng.i0, i_k) if i_k > rng.i0 else None
        tail = (i_next, rng.i1) if i_next < rng.i1 else None
        return _Plan(rng, head, (j_k, j_end), tail, rng.i0, rng.i1)
    raise _Fallback(_("there is no keyframe inside the range to copy from"))


def _plan_copy(info: MediaInfo, rng: _Range) -> _Plan:
    """Copy from the last keyframe at or before the in point that decodes on its own, to the
    first point at or after the out point where every frame shown so far can be decoded."""
    ticks = _frame_ticks(info)
    index = {t: i for i, t in enumerate(ticks)}
    keys = sorted((index[info.decode_pts[j]], j) for j, k in enumerate(info.decode_key) if k)
    if not keys:
        raise InputError(_("{name} has no keyframes to copy from; use the exact mode.").format(name=info.path.name))
    before = [kj for kj in keys if kj[0] <= rng.i0]
    # skip open-GOP keyframes whose leading pictures need the GOP before (the first never does)
    i_k, j_k = next((kj for kj in reversed(before) if kj[0] == 0 or _clean_start(info, kj[1])), keys[0])
    for j_end, i_next in _clean_points(info, ticks, j_k, i_k):
        if i_next >= rng.i1:
            return _Plan(rng, None, (j_k, j_end), None, i_k, i_next)
    # no clean point after the out point: copy to the end of the stream
    return _Plan(rng, None, (j_k, len(info.decode_pts)), None, i_k, len(ticks))


# --------------------------------------------------------------------------------------------
# the assembler: writes the joined video (+ audio) with PyAV


@dataclass
class _AudioSource:
    path: Path
    #: seconds window in that file's own timeline to copy (None: everything)
    start: float | None = None
    end: float | None = None


def _encoded_packets(path: Path, n_frames: int) -> tuple[list[Any], bytes]:
    """All video packets of a re-encoded part (small) in decode order, and its extradata."""
    with av.open(ffpath(path)) as c:
        v = c.streams.video[0]
        extradata = bytes(v.codec_context.extradata or b"")
        pkts = [p for p in c.demux(v) if p.size]
    if len(pkts) != n_frames:
        raise _Fallback(_("the encoder wrote {written} frames instead of {wanted}").format(written=len(pkts), wanted=n_frames))
    if not pkts[0].is_keyframe:
        raise _Fallback(_("the re-encoded part does not start with a keyframe"))
    return pkts, extradata


def _assemble(
    dst: Path,
    info: MediaInfo,
    plan: _Plan,
    encoded: dict[str, Path],
    audio: _AudioSource | None,
    stop: threading.Event,
    report: Callable[[float], None],
) -> None:
    """Write ``dst``: head (re-encoded) + copied packets + tail (re-encoded), then the audio.

    Timestamps are rebuilt from the source's frame times: frame ``i`` is shown at
    ``ticks[i] - ticks[i_first]``; decode times are the sorted presentation times shifted by
    the largest reorder delay, so they rise strictly and never pass a presentation time.
    """
    ticks = _frame_ticks(info)
    tb = info.time_base
    assert tb is not None
    base = ticks[plan.i_first]

    configs: list[h264.AvcConfig] = []
    src_ctx = av.open(ffpath(info.path))
    try:
        src_v = src_ctx.streams.video[0]
        src_cfg = h264.AvcConfig.parse(bytes(src_v.codec_context.extradata or b"")) if encoded else None
        enc_packets: dict[str, list[Any]] = {}
        for name in ("head", "tail"):
            span = getattr(plan, name)
            if span is None:
                continue
            pkts, extra = _encoded_packets(encoded[name], span[1] - span[0])
            cfg = h264.AvcConfig.parse(extra)
            configs.append(cfg)
            ranked = sorted(range(len(pkts)), key=lambda k: (pkts[k].pts, k))
            frame_of = {k: span[0] + r for r, k in enumerate(ranked)}
            enc_packets[name] = [(ticks[frame_of[k]] - base, pkts[k]) for k in range(len(pkts))]
        head = enc_packets.get("head", [])
        tail = enc_packets.get("tail", [])
        ja, jb = plan.mid
        mid_pts = [p - base for p in info.decode_pts[ja:jb]]
        order = [p for p, _k in head] + mid_pts + [p for p, _k in tail]  # output pts, decode order
        sorted_pts = sorted(order)
        expected = [t - base for t in ticks[plan.i_first:plan.i_last]]
        if sorted_pts != expected:
            raise _Fallback(_("the joined parts do not cover every frame exactly once"))
        shift = max(0, max(s - o for s, o in zip(sorted_pts, order, strict=True)))
        dts_list = [s - shift for s in sorted_pts]
        fdur = (ticks[-1] - ticks[0]) // max(1, len(ticks) - 1) if len(ticks) > 1 else 1
        end_tick = ticks[plan.i_last] - base if plan.i_last < len(ticks) else sorted_pts[-1] + fdur
        durations = {p: (sorted_pts[k + 1] if k + 1 < len(sorted_pts) else end_tick) - p
                     for k, p in enumerate(sorted_pts)}

        fmt_opts: dict[str, str] = {}
        if dst.suffix.lower() in (".mp4", ".mov", ".m4v"):
            fmt_opts["movflags"] = "+faststart"
        out = av.open(ffpath(dst), mode="w", options=fmt_opts)
        try:
            ov = out.add_stream_from_template(src_v)
            ov.time_base = tb
            if src_cfg is not None:
                ov.codec_context.extradata = h264.merge_configs(src_cfg, *configs).serialise()
            actx = None
            a_in = None
            oa = None
            if audio is not None:
                actx = av.open(ffpath(audio.path))
                if actx.streams.audio:
                    a_in = actx.streams.audio[0]
                    oa = out.add_stream_from_template(a_in)
            total = len(order)

            def video_packets() -> Iterator[tuple[float, int, Any]]:
                n = 0

                def emit(pts: int, pkt: Any) -> tuple[float, int, Any]:
                    nonlocal n
                    pkt.stream = ov
                    pkt.time_base = tb
                    pkt.pts = pts
                    pkt.dts = dts_list[n]
                    pkt.duration = durations[pts]
                    n += 1
                    if n % 50 == 0:
                        report(0.9 * n / total)
                        if stop.is_set():
                            raise _Stopped()
                    return float(dts_list[n - 1] * tb), 0, pkt

                for pts, pkt in head:
                    yield emit(pts, pkt)
                if jb > ja:
                    src_ctx.seek(info.decode_pts[ja], stream=src_v, backward=True, any_frame=False)
                    j = ja
                    started = False
                    for pkt in src_ctx.demux(src_v):
                        if not pkt.size or pkt.is_discard:
                            continue
                        if not started:
                            if pkt.pts != info.decode_pts[ja]:
                                continue
                            started = True
                        if pkt.pts != info.decode_pts[j]:
                            raise _Fallback(_("the source's packets changed while copying"))
                        yield emit(pkt.pts - base, pkt)
                        j += 1
                        if j >= jb:
                            break
                    if j < jb:
                        raise _Fallback(_("the source ended early while copying"))
                for pts, pkt in tail:
                    yield emit(pts, pkt)

            def audio_packets() -> Iterator[tuple[float, int, Any]]:
                if actx is None or a_in is None or oa is None or audio is None:
                    return
                atb: Fraction = a_in.time_base or Fraction(1, 1000)
                origin = (actx.start_time or 0) / 1_000_000
                if audio.start is not None:
                    actx.seek(int(max(0.0, audio.start + origin - 1.0) * 1_000_000), backward=True, any_frame=False)
                    offset = round((audio.start + origin) / atb)
                else:
                    offset = 0
                for pkt in actx.demux(a_in):
                    if not pkt.size or pkt.pts is None:
                        continue
                    t = float(pkt.pts * atb) - origin
                    dur = float((pkt.duration or 0) * atb)
                    if audio.start is not None and t + dur <= audio.start + 1e-6:
                        continue
                    if audio.end is not None and t >= audio.end - 1e-6:
                        break
                    pkt.stream = oa
                    pkt.time_base = atb
                    pkt.pts -= offset
                    if pkt.dts is not None:
                        pkt.dts -= offset
                    yield float(pkt.dts * atb) if pkt.dts is not None else t, 1, pkt

            for _t, _k, pkt in heapq.merge(video_packets(), audio_packets(), key=lambda x: (x[0], x[1])):
                out.mux(pkt)
        finally:
            try:
                out.close()
            finally:
                if actx is not None:
                    actx.close()
        report(1.0)
    finally:
        src_ctx.close()


# --------------------------------------------------------------------------------------------
# the ffmpeg steps


def _x264_args(info: MediaInfo, *, sps_id: int | None, matched: bool) -> list[str]:
    args = ["-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(X264_CRF)]
    if matched:
        assert info.profile is not None
        args += ["-profile:v", h264.X264_PROFILES[info.profile.lower()]]
        if info.level:
            args += ["-level:v", str(info.level)]
        if info.pix_fmt:
            args += ["-pix_fmt", info.pix_fmt]
        params = [f"sps-id={sps_id}"] if sps_id is not None else []
        args += ["-x264-params", ":".join(params)] if params else []
    return args


async def _encode_part(info: MediaInfo, ticks_times: tuple[float, ...], span: tuple[int, int], dst: Path,
                       sps_id: int, progress: ProgressCallback | None) -> None:
    i_a, i_b = span
    n = i_b - i_a
    args = [
        "-y", "-ss", _floor_us(ticks_times[i_a]), "-noautorotate", "-i", ffpath(info.path),
        "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", str(n), "-fps_mode", "passthrough",
        *_x264_args(info, sps_id=sps_id, matched=True),
        "-g", str(max(n + 1, 250)), "-f", "mp4", ffpath(dst),
    ]
    total = n / info.fps if info.fps else None
    await run_ffmpeg(args, total=total, progress=progress, stage=_("Re-encoding the edge frames"), outputs=[dst])


async def _encode_audio(info: MediaInfo, rng: _Range, dst: Path, progress: ProgressCallback | None) -> None:
    args = [
        "-y", "-ss", _floor_us(rng.start), "-i", ffpath(info.path), "-t", f"{rng.duration:.6f}",
        "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "aac", "-b:a", str(AUDIO_BITRATE),
        "-f", "mp4", ffpath(dst),
    ]
    await run_ffmpeg(args, total=rng.duration, progress=progress, stage=_("Encoding audio"), outputs=[dst])


def _compact_args(info: MediaInfo) -> list[str]:
    args = ["-c:v", "libx264", "-preset", COMPACT_PRESET, "-crf", str(COMPACT_CRF)]
    cap = info.video_bit_rate or (
        int(info.size_bytes * 8 / info.duration) if info.duration > 0 and info.size_bytes else 0)
    if cap > 0:
        args += ["-maxrate", str(cap), "-bufsize", str(2 * cap)]
    return args


async def _cut_exact(info: MediaInfo, rng: _Range, dst: Path, progress: ProgressCallback | None, *,
                     compact: bool = False) -> None:
    pix = info.pix_fmt if info.pix_fmt in ("yuv420p", "yuvj420p") else "yuv420p"
    # with B-frames ffmpeg's MP4 muxer ends a variable-frame-rate track one frame short
    vfr_args = ["-bf", "0"] if info.vfr else []
    video = _compact_args(info) if compact else _x264_args(info, sps_id=None, matched=False)
    abr = COMPACT_AUDIO_BITRATE if compact else AUDIO_BITRATE
    args = [
        "-y", "-ss", _floor_us(rng.start), "-i", ffpath(info.path),
        "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn", "-map_chapters", "-1", "-map_metadata", "0",
        "-frames:v", str(rng.frames), "-t", f"{rng.duration:.6f}", "-fps_mode", "passthrough",
        *video, *vfr_args, "-pix_fmt", pix,
        "-c:a", "aac", "-b:a", str(abr),
    ]
    if dst.suffix.lower() in (".mp4", ".mov", ".m4v"):
        args += ["-movflags", "+faststart"]
    args.append(ffpath(dst))
    await run_ffmpeg(args, total=rng.duration, progress=progress, stage=_("Re-encoding"), outputs=[dst])


async def _cut_smart(info: MediaInfo, rng: _Range, dst: Path, work: Path, progress: ProgressCallback | None) -> str:
    """Build a smart cut into ``dst``; returns a note. Raises :class:`_Fallback` when it cannot."""
    _check_smart(info)
    src_cfg = h264.AvcConfig.parse(await asyncio.to_thread(_extradata, info.path))
    ids = h264.free_ids(src_cfg, 2)
    plan = await asyncio.to_thread(_plan_smart, info, rng, src_cfg.length_size)
    head_n = plan.head[1] - plan.head[0] if plan.head else 0
    tail_n = plan.tail[1] - plan.tail[0] if plan.tail else 0
    mid_n = rng.frames - head_n - tail_n
    agg = _Aggregate(progress, rng.duration, {
        "head": head_n, "tail": tail_n, "audio": 0.05 * rng.frames if info.has_audio else 0.0,
        "copy": 0.02 * rng.frames + 1,
    })
    encoded: dict[str, Path] = {}
    audio_path = work / "audio.m4a"
    try:
        async with asyncio.TaskGroup() as tg:
            if plan.head:
                encoded["head"] = work / "head.mp4"
                tg.create_task(_encode_part(info, info.frame_times, plan.head, encoded["head"], ids[0],
                                            agg.step("head", _("Re-encoding the first frames"))))
            if plan.tail:
                encoded["tail"] = work / "tail.mp4"
                tg.create_task(_encode_part(info, info.frame_times, plan.tail, encoded["tail"], ids[1],
                                            agg.step("tail", _("Re-encoding the last frames"))))
            if info.has_audio:
                tg.create_task(_encode_audio(info, rng, audio_path, agg.step("audio", _("Encoding audio"))))
    except BaseExceptionGroup as group:
        raise _first_error(group) from None
    stop = threading.Event()
    loop = asyncio.get_running_loop()
    report = _thread_progress(loop, lambda f: agg.update("copy", f, _("Copying")))
    audio = _AudioSource(audio_path) if info.has_audio else None
    await _in_thread(_assemble, dst, info, plan, encoded, audio, stop, report, stop=stop)
    fd = info.frame_duration
    bits: list[str] = []
    if head_n:
        k_time = info.frame_times[plan.head[1]] if plan.head else rng.start
        bits.append(n_("re-encoded the first %n frame(s) ({seconds:.2f} s, up to the keyframe at {keyframe})",
                       head_n).format(seconds=head_n * fd, keyframe=_fmt(k_time)))
    else:
        bits.append(_("the in point is on a keyframe"))
    bits.append(n_("copied %n frame(s) untouched", mid_n))
    if tail_n:
        bits.append(n_("re-encoded the last %n frame(s) (they depend on frames after the out point)", tail_n))
    if info.has_audio:
        bits.append(_("audio re-encoded for the exact range"))
    return _("; ", "joins the clauses of a cut note").join(bits)


def _first_error(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The most telling error of a task group (a real failure before a cancellation)."""
    flat: list[BaseException] = []

    def walk(g: BaseException) -> None:
        if isinstance(g, BaseExceptionGroup):
            for e in g.exceptions:
                walk(e)
        else:
            flat.append(g)

    walk(group)
    for e in flat:
        if not isinstance(e, asyncio.CancelledError):
            return e
    return flat[0] if flat else asyncio.CancelledError()


def _extradata(path: Path) -> bytes:
    with av.open(ffpath(path)) as c:
        return bytes(c.streams.video[0].codec_context.extradata or b"")


async def _cut_copy(info: MediaInfo, rng: _Range, dst: Path, work: Path, progress: ProgressCallback | None) -> _Plan:
    plan = await asyncio.to_thread(_plan_copy, info, rng)
    times = info.frame_times
    fd = info.frame_duration
    k_start = times[plan.i_first]
    k_end = times[plan.i_last] if plan.i_last < len(times) else times[-1] + fd
    agg = _Aggregate(progress, k_end - k_start, {"audio": 0.2 if info.has_audio else 0.0, "copy": 1.0})
    audio: _AudioSource | None = None
    if info.has_audio:
        if info.audio_codec in MP4_AUDIO or dst.suffix.lower() not in (".mp4", ".mov", ".m4v"):
            audio = _AudioSource(info.path, k_start, k_end)
        else:
            wrapped = _Range(plan.i_first, plan.i_last, k_start, k_end)
            await _encode_audio(info, wrapped, work / "audio.m4a", agg.step("audio", _("Encoding audio")))
            audio = _AudioSource(work / "audio.m4a")
    stop = threading.Event()
    loop = asyncio.get_running_loop()
    report = _thread_progress(loop, lambda f: agg.update("copy", f, _("Copying")))
    await _in_thread(_assemble, dst, info, plan, {}, audio, stop, report, stop=stop)
    return plan


# --------------------------------------------------------------------------------------------
# the public entry point


async def cut(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    start: float,
    end: float,
    mode: CutMode | str = "smart",
    *,
    progress: ProgressCallback | None = None,
    info: MediaInfo | None = None,
) -> CutResult:
    """Cut ``start .. end`` (seconds) of ``src`` into ``dst``.

    :param mode: ``"smart"`` (default), ``"exact"``, ``"copy"`` or ``"compact"``; see the module docstring.
    :param progress: receives :class:`Progress` snapshots (seconds of output done / total).
    :param info: a :class:`MediaInfo` of ``src`` probed earlier (saves probing again).
    :returns: a :class:`CutResult` whose ``duration`` is probed from the written file.
    :raises InputError: bad input (not a video, corrupt, bad range, same file for in and out).
    :raises FfmpegFailed: ffmpeg could not do it (the message has ffmpeg's own words).
    :raises asyncio.CancelledError: cancelled; no partial output is left behind.
    """
    started = time.monotonic()
    if mode not in MODES:
        raise InputError(_("Unknown cut mode {mode!r}; use one of {modes}.").format(mode=mode, modes=", ".join(MODES)))
    src_p = Path(src)
    dst_p = Path(dst)
    if info is None or not info.decode_pts:
        info = await aprobe(src_p)
    with contextlib.suppress(OSError):
        if dst_p.exists() and dst_p.resolve() == src_p.resolve():
            raise InputError(_("The output file must not be the input file; choose another name."))
    rng = validate_range(info, start, end)
    if dst_p.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError(
            _("The output name {name!r} needs one of the extensions {suffixes}.").format(
                name=dst_p.name, suffixes=", ".join(OUTPUT_SUFFIXES))
        )
    dst_p.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".verging-cut-", dir=dst_p.parent))
    tmp_out = work / f"out{dst_p.suffix.lower()}"
    note = ""
    mode_used = str(mode)
    start_actual = rng.start
    end_actual = rng.end
    try:
        if mode == "smart":
            try:
                note = await _cut_smart(info, rng, tmp_out, work, progress)
            except (_Fallback, h264.H264Error, FfmpegFailed, av.FFmpegError) as exc:
                reason = str(exc)
                log.info("smart cut of %s falls back to exact: %s", src_p.name, reason)
                for leftover in work.iterdir():
                    with contextlib.suppress(OSError):
                        leftover.unlink()
                mode_used = "exact"
                note = _("smart cut not possible ({reason}); re-encoded the whole range instead").format(reason=reason)
                await _cut_exact(info, rng, tmp_out, progress)
        elif mode == "exact":
            await _cut_exact(info, rng, tmp_out, progress)
            note = _("re-encoded the whole range")
        elif mode == "compact":
            await _cut_exact(info, rng, tmp_out, progress, compact=True)
            note = _("re-encoded the whole range to a smaller file (crf {crf}, preset {preset})").format(
                crf=COMPACT_CRF, preset=COMPACT_PRESET)
        else:
            plan = await _cut_copy(info, rng, tmp_out, work, progress)
            times = info.frame_times
            start_actual = times[plan.i_first]
            end_actual = times[plan.i_last] if plan.i_last < len(times) else times[-1] + info.frame_duration
            early = rng.start - start_actual
            late = end_actual - rng.end
            note = _copy_note(early, late, _fmt(start_actual))
        out_info = await aprobe(tmp_out)
        os.replace(tmp_out, dst_p)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out_info = _moved(out_info, dst_p)
    result = CutResult(
        path=dst_p,
        duration=out_info.duration,
        start_actual=start_actual,
        end_actual=end_actual,
        mode_used=mode_used,
        requested_start=float(start),
        requested_end=float(end),
        frames=out_info.frame_count,
        note=note,
        elapsed=time.monotonic() - started,
        info=out_info,
    )
    log.info("cut %s [%.3f-%.3f] %s -> %s: %.3f s in %.2f s (%s)", src_p.name, start, end, mode,
             mode_used, result.duration, result.elapsed, note)
    if progress is not None:
        progress(Progress(rng.duration, rng.duration, "Done"))
    return result


def _moved(info: MediaInfo, path: Path) -> MediaInfo:
    from dataclasses import replace

    return replace(info, path=path)
