"""Which preparation gets a video job's result soonest: predicted prepare time + bytes / uplink.

For every Verging video job (face swap, enhance) the selection can go up as

``copy``
    a stream copy (only when the in point is on a keyframe, so the copy starts on time): the
    copied GOPs at the source's bit rate, almost no preparation;
``smart``
    a smart cut (``media.cut``): about the source's bit rate x the duration; only the frames up
    to the first keyframe (and a few at the end) are encoded;
``compact``
    a fast re-encode of the exact range (libx264 ``-preset veryfast -crf 20``, capped at the
    source's own bit rate, AAC 128 kb/s): fewer bytes, but every frame is encoded.

and the fastest of them is chosen. The service's documented limits (shared/specs/verging-api.md)
say only that a job takes 30 s; nothing about an output resolution, so nothing is downscaled.

Quality of ``compact`` (measured, 2 cores, 6 s 1080p25 clips made with ultrafast crf 14; SSIM
All against the source with ffmpeg's ``ssim`` filter; "official" is the official CLI's upload,
``-c:v libx264 -c:a aac``: crf 23, preset medium)::

    clip        official           veryfast crf 20    crf 21             crf 22
    testsrc2    0.99613  4.08 MB   0.99686  4.79 MB   0.99625  4.36 MB   0.99559  4.00 MB
    mandelbrot  0.99103  6.54 MB   0.99155  8.03 MB   0.99069  7.21 MB   -
    noise       see the benchmark's note (testsrc2 + temporal noise)

crf 20 is the highest crf whose SSIM is at or above the official upload's on every clip; it
encodes 2.5-3.5x faster than the official flow's preset medium.

Prepare time is predicted from conservative rates for this class of machine
(:data:`ENCODE_PIXELS_PER_S`: veryfast at 1080p, decode included), bytes from the source's video
bit rate and :data:`COMPACT_BITS_PER_PIXEL` (what crf 20 spent per pixel on the clips above).

When the uplink is unknown (no upload measured yet), :data:`DEFAULT_UPLINK` (10 Mbit/s) is
assumed and the sentence says so. A mode the user forced (the trimmer's mode, ``--cut-mode``)
always wins; the sentence says that too.
"""

from __future__ import annotations

import bisect
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.i18n import _

if TYPE_CHECKING:  # pragma: no cover (media.probe loads PyAV)
    from ..media.probe import MediaInfo

log = logging.getLogger("verging_desktop.jobs.prep_choice")

#: what is assumed when no upload was measured yet: 10 Mbit/s, in bytes/s
DEFAULT_UPLINK = 10e6 / 8
#: pixels per second libx264 veryfast encodes (with the decode) here: 1080p at 50 fps (measured
#: 60-70 fps on 2 cores with nothing else running; kept lower, others share the machine)
ENCODE_PIXELS_PER_S = 1920 * 1080 * 50.0
#: the smart cut's edge frames use crf 17 with the source's profile: a little slower than compact
SMART_EDGE_PIXELS_PER_S = ENCODE_PIXELS_PER_S * 0.9
#: the start of any cut (probe of the result, process starts, seeking)
FIXED_PREPARE_SECONDS = 0.6
#: copying packets (read + write), bytes/s
COPY_BYTES_PER_S = 150e6
#: audio encoded for a cut: seconds of audio per second of work
AUDIO_SPEED = 150.0
#: bits per pixel veryfast crf 20 spends on detailed 1080p with motion (testsrc2 0.12, mandelbrot 0.21)
COMPACT_BITS_PER_PIXEL = 0.2
#: compact's AAC bit rate
COMPACT_AUDIO_BITRATE = 128_000
#: a stream copy must win by this much to be chosen over a smart cut (it may bill a frame or two more)
COPY_MARGIN_SECONDS = 1.0
#: the modes a person may force (media.cut's modes)
FORCEABLE = ("copy", "smart", "exact", "compact")


@dataclass(frozen=True)
class CompactSample:
    """What a short trial encode with the compact settings measured on this machine and clip."""

    #: video bits per second of the trial's output
    video_bitrate: float
    #: pixels encoded per second (decode included)
    pixels_per_s: float


@dataclass(frozen=True)
class Candidate:
    """One way to prepare the selection, with its prediction."""

    mode: str
    bytes: int
    prepare_seconds: float
    upload_seconds: float
    #: seconds the upload must wait for the link anyway (a batch's earlier uploads): a
    #: preparation shorter than that costs nothing (``jobs.pipeline``)
    wait: float = 0.0

    @property
    def total_seconds(self) -> float:
        """Predicted seconds until the upload is done."""
        return max(self.prepare_seconds, self.wait) + self.upload_seconds


@dataclass(frozen=True)
class PrepChoice:
    """What :func:`choose` decided for one video job.

    ``mode`` is a ``media.cut`` mode (``copy``, ``smart``, ``exact``, ``compact``) or ``uncut``
    (the file goes up as it is). ``uplink`` is the rate the prediction used (bytes/s);
    ``uplink_known`` is False when it is :data:`DEFAULT_UPLINK`. ``alternative`` is the best
    other candidate (None when there was none). ``sentence`` is for people, translated.
    """

    mode: str
    predicted_bytes: int
    upload_seconds: float
    prepare_seconds: float
    uplink: float
    uplink_known: bool
    forced: bool
    alternative: Candidate | None
    candidates: tuple[Candidate, ...]
    sentence: str
    #: seconds the upload waits for the link after the preparation starts (see :class:`Candidate`)
    wait: float = 0.0

    @property
    def total_seconds(self) -> float:
        return max(self.prepare_seconds, self.wait) + self.upload_seconds


def _audio_bits(info: MediaInfo) -> float:
    """The source's audio bit rate (bits/s), estimated from the container's rate minus video."""
    if not info.has_audio:
        return 0.0
    if info.bit_rate and info.video_bit_rate and info.bit_rate > info.video_bit_rate:
        return float(min(info.bit_rate - info.video_bit_rate, 512_000))
    return 160_000.0


def source_video_bitrate(info: MediaInfo) -> float:
    """The source's video bit rate (bits/s): the stream's, else the file's size over its length."""
    if info.video_bit_rate:
        return float(info.video_bit_rate)
    total = info.bit_rate or (info.size_bytes * 8 / info.duration if info.duration > 0 else 0)
    return max(0.0, float(total) - _audio_bits(info))


def compact_video_bitrate(info: MediaInfo, measured: float | None = None) -> float:
    """The predicted video bit rate of ``compact`` (never above the source's: it is capped
    there): ``measured`` (from :func:`measure_compact`), else :data:`COMPACT_BITS_PER_PIXEL`."""
    pixels = max(1, info.width * info.height) * (info.fps or 25.0)
    guess = measured if measured is not None and measured > 0 else COMPACT_BITS_PER_PIXEL * pixels
    return min(source_video_bitrate(info), guess)


def compact_maxrate(info: MediaInfo) -> int | None:
    """The cap of ``compact``'s video bit rate: the source's own (None when unknown)."""
    v = source_video_bitrate(info)
    return int(v) if v > 0 else None


def _encode_seconds(info: MediaInfo, frames: float, rate: float = ENCODE_PIXELS_PER_S) -> float:
    return frames * max(1, info.width * info.height) / rate


def _frames(info: MediaInfo, seconds: float) -> float:
    return max(0.0, seconds) * (info.fps or 25.0)


def _next_key(info: MediaInfo, t: float) -> float | None:
    ks = info.keyframe_times
    i = bisect.bisect_left(ks, t - 1e-6)
    return ks[i] if i < len(ks) else None


def _on_keyframe(info: MediaInfo, t: float) -> bool:
    k = _next_key(info, t - (info.frame_duration or 0.04) / 2)
    return k is not None and abs(k - t) <= (info.frame_duration or 0.04) / 2


def _smart_possible(info: MediaInfo) -> bool:
    return info.video_codec == "h264" and not info.vfr and not info.interlaced and info.avcc


def candidates(info: MediaInfo, start: float, end: float, uplink: float, *,
               sample: CompactSample | None = None, wait: float = 0.0) -> list[Candidate]:
    """Every way to prepare ``start..end`` of ``info`` with its predicted time at ``uplink`` bytes/s
    (``sample``: what a short trial encode measured, else the constants; ``wait``: seconds the
    upload must wait for the link anyway)."""
    enc_rate = sample.pixels_per_s if sample is not None and sample.pixels_per_s > 0 else ENCODE_PIXELS_PER_S
    dur = max(0.0, end - start)
    up = max(uplink, 1.0)
    vbr = source_video_bitrate(info)
    abr = _audio_bits(info)
    out: list[Candidate] = []

    def add(mode: str, nbytes: float, prep: float) -> None:
        out.append(Candidate(mode, int(nbytes), prep, nbytes / up, max(0.0, wait)))

    src_bytes = (vbr + abr) * dur / 8
    if _on_keyframe(info, start):
        add("copy", src_bytes, FIXED_PREPARE_SECONDS / 2 + src_bytes / COPY_BYTES_PER_S)
    audio_s = dur / AUDIO_SPEED if info.has_audio else 0.0
    if _smart_possible(info):
        k = _next_key(info, start)
        if k is not None and k < end:
            head = _frames(info, k - start)
            edge = _encode_seconds(info, head + 3, SMART_EDGE_PIXELS_PER_S)
            add("smart", src_bytes, FIXED_PREPARE_SECONDS + max(edge, audio_s) + src_bytes / COPY_BYTES_PER_S)
    if not any(c.mode == "smart" for c in out):  # smart falls back to exact here: crf 17 of every frame
        exact_bytes = (min(vbr * 1.3, 2 * COMPACT_BITS_PER_PIXEL * info.width * info.height * (info.fps or 25))
                       + 192_000) * dur / 8
        add("exact", exact_bytes, FIXED_PREPARE_SECONDS + _encode_seconds(info, _frames(info, dur)))
    vc = compact_video_bitrate(info, sample.video_bitrate if sample is not None else None)
    compact_bytes = (vc + (COMPACT_AUDIO_BITRATE if info.has_audio else 0)) * dur / 8
    add("compact", compact_bytes, FIXED_PREPARE_SECONDS + _encode_seconds(info, _frames(info, dur), enc_rate))
    return out


def mb_text(n: float) -> str:
    """``19 MB``, ``8.3 MB``: a size in megabytes for people."""
    return _("{mb:.0f} MB").format(mb=n / 1e6) if n >= 10e6 else _("{mb:.1f} MB").format(mb=n / 1e6)


_mb = mb_text


def duration_text(seconds: float) -> str:
    """``40 s``, ``2 min 10 s``, ``3 min``: a predicted time for people (at least 1 s)."""
    s = max(1, round(seconds))
    if s < 90:
        return _("{s} s").format(s=s)
    if s >= 600:  # ten minutes and more: whole minutes
        return _("{m} min").format(m=round(s / 60))
    m, rest = divmod(s, 60)
    if rest == 0:
        return _("{m} min").format(m=m)
    return _("{m} min {s} s").format(m=m, s=rest)


def rate_text(bps: float) -> str:
    """``5.0 Mbit/s``, ``20 Mbit/s``: an upload rate (bytes/s) for people."""
    mbit = bps * 8 / 1e6
    return _("{mbit:.0f} Mbit/s").format(mbit=mbit) if mbit >= 10 else _("{mbit:.1f} Mbit/s").format(mbit=mbit)


_rate = rate_text


def assumed_text(uplink: float) -> str:
    """What is said when no upload was measured yet and ``uplink`` is assumed."""
    return _("(Upload speed not measured yet: {rate} assumed.)").format(rate=rate_text(uplink))


def _secs(s: float) -> str:
    return duration_text(s)


def _mode_name(mode: str) -> str:
    return {"copy": _("Stream copy"), "smart": _("Smart cut"), "exact": _("Exact re-encode"),
            "compact": _("Re-encoding"), "uncut": _("The file as it is")}.get(mode, mode)


def _sentence(best: Candidate, alt: Candidate | None, uplink: float, known: bool, forced: bool) -> str:
    size, up, rate = _mb(best.bytes), _secs(best.upload_seconds), _rate(uplink)
    if alt is not None and not forced and best.mode != "uncut" and (
            _secs(alt.upload_seconds) == up if best.mode == "compact"
            else _secs(alt.total_seconds) == _secs(best.total_seconds)):
        alt = None  # the same time once rounded: no "about 1 s instead of 1 s"
    if alt is not None and alt.mode == "compact" and best.mode != "compact" and alt.bytes > 0.9 * best.bytes:
        alt = None  # a re-encode that would not be smaller is no alternative worth naming
    if forced:
        text = _("{mode} as you chose: {size}, about {up} to upload at {rate}.").format(
            mode=_mode_name(best.mode), size=size, up=up, rate=rate)
    elif best.mode == "uncut":
        text = _("Uploading the file as it is ({size}): about {up} at {rate}.").format(size=size, up=up, rate=rate)
    elif best.mode == "compact" and alt is not None:
        text = _("Re-encoding to {size}: about {up} to upload at your {rate} instead of {alt}.").format(
            size=size, up=up, rate=rate, alt=_secs(alt.upload_seconds))
    elif alt is not None:
        text = _("{mode}, {size}: about {up} to upload at your {rate}; re-encoding to {alt_size} would take "
                 "about {alt_total} in all instead of {total}.").format(
            mode=_mode_name(best.mode), size=size, up=up, rate=rate, alt_size=_mb(alt.bytes),
            alt_total=_secs(alt.total_seconds), total=_secs(best.total_seconds))
    else:
        text = _("{mode}, {size}: about {up} to upload at your {rate}.").format(
            mode=_mode_name(best.mode), size=size, up=up, rate=rate)
    held = best.wait - best.prepare_seconds
    if held >= 1.0:
        text += " " + _("It uploads after the video before it, in about {wait}.").format(wait=_secs(best.wait))
    if not known:
        text += " " + assumed_text(uplink)
    return text


def choose(info: MediaInfo, start: float, end: float, *, uplink: float | None,
           forced: str | None = None, uncut: bool = False, sample: CompactSample | None = None,
           wait: float = 0.0) -> PrepChoice:
    """Choose how to prepare ``start..end`` of ``info`` for an upload at ``uplink`` bytes/s.

    :param uplink: the estimated upload rate (bytes/s); None: unknown, :data:`DEFAULT_UPLINK`.
    :param forced: a mode the user chose (one of :data:`FORCEABLE`): it wins, predicted all the same.
    :param uncut: the file goes up as it is (``VideoPlan.uncut``); still compared with ``compact``.
    :param sample: a trial encode's figures (:func:`measure_compact`), else the constants.
    :param wait: seconds from now until the link is free (a batch's earlier uploads, see
        ``jobs.pipeline``): a preparation that ends before then costs no time.
    """
    wait = max(0.0, wait)
    known = uplink is not None and uplink > 0
    rate = float(uplink) if known and uplink is not None else DEFAULT_UPLINK
    cands = candidates(info, start, end, rate, sample=sample, wait=wait)
    if uncut:
        cands = [c for c in cands if c.mode not in ("copy", "smart", "exact")]
        cands.insert(0, Candidate("uncut", info.size_bytes, 0.0, info.size_bytes / rate, wait))
    if forced:
        best = next((c for c in cands if c.mode == forced), None)
        if best is None:  # smart not possible here (it falls back to exact), or copy off a keyframe
            pred = candidates(info, start, end, rate, sample=sample, wait=wait)
            like = next((c for c in pred if c.mode in ("smart", "exact")), pred[0])
            best = Candidate(forced, like.bytes, like.prepare_seconds, like.upload_seconds, wait)
        others = [c for c in cands if c.mode != best.mode]
        alt = min(others, key=lambda c: c.total_seconds) if others else None
        return PrepChoice(best.mode, best.bytes, best.upload_seconds, best.prepare_seconds, rate, known, True,
                          alt, tuple(cands), _sentence(best, alt, rate, known, True), wait)
    ranked = sorted(cands, key=lambda c: c.total_seconds)
    best = ranked[0]
    if best.mode == "copy":
        smart = next((c for c in cands if c.mode == "smart"), None)
        if smart is not None and smart.total_seconds - best.total_seconds < COPY_MARGIN_SECONDS:
            best = smart
    others = [c for c in ranked if c.mode != best.mode]
    # the alternative worth naming: compact when it lost, the source-sized one when compact won
    alt = (next((c for c in others if c.mode != "copy"), None) if best.mode != "compact"
           else next((c for c in others if c.mode in ("uncut", "smart", "exact")), others[0] if others else None))
    if best.mode != "compact":
        alt = next((c for c in others if c.mode == "compact"), alt)
    return PrepChoice(best.mode, best.bytes, best.upload_seconds, best.prepare_seconds, rate, known, False,
                      alt, tuple(cands), _sentence(best, alt, rate, known, False), wait)


def settle(choice: PrepChoice, actual_bytes: int) -> PrepChoice:
    """``choice`` once its file is made: the real size replaces the predicted one (and the
    upload time and the sentence follow); nothing else changes."""
    from dataclasses import replace

    best = Candidate(choice.mode, int(actual_bytes), choice.prepare_seconds, actual_bytes / max(choice.uplink, 1.0),
                     choice.wait)
    return replace(choice, predicted_bytes=best.bytes, upload_seconds=best.upload_seconds,
                   sentence=_sentence(best, choice.alternative, choice.uplink, choice.uplink_known, choice.forced))


def worth_measuring(choice: PrepChoice) -> bool:
    """Whether a trial encode could change ``choice``: the compact file could win only when the
    source-sized upload takes longer than encoding every frame. When compact already wins with the
    conservative constants (a slow link), the trial would only confirm it: it is skipped."""
    if choice.forced or choice.mode == "compact":
        return False
    compact = next((c for c in choice.candidates if c.mode == "compact"), None)
    big = [c for c in choice.candidates if c.mode != "compact"]
    return compact is not None and bool(big) and min(c.total_seconds for c in big) > compact.prepare_seconds


#: frames of the trial encode (2 s at 25 fps)
SAMPLE_FRAMES = 50
#: process start and seeking, not counted in the trial's encode rate
SAMPLE_OVERHEAD_SECONDS = 0.15
_speed_cache: dict[tuple[int, int], float] = {}


async def measure_compact(info: MediaInfo, start: float, end: float, work_dir: str | os.PathLike[str]) -> CompactSample:
    """Encode :data:`SAMPLE_FRAMES` frames from the middle of ``start..end`` with the compact
    settings (about a second) and measure the bit rate and the encode rate. The rate is kept
    for the run per frame size (the machine does not change)."""
    from ..media.cut import _compact_args
    from ..media.ffrun import ffpath, run_ffmpeg

    fps = info.fps or 25.0
    n = max(10, min(SAMPLE_FRAMES, int((end - start) * fps)))
    at = max(start, (start + end) / 2 - n / fps / 2)
    d = Path(work_dir)
    d.mkdir(parents=True, exist_ok=True)
    out = d / f".compact-trial-{os.getpid()}-{time.monotonic_ns()}.mp4"
    args = ["-y", "-ss", f"{at:.6f}", "-i", ffpath(info.path), "-map", "0:v:0", "-an", "-sn", "-dn",
            "-frames:v", str(n), *_compact_args(info), "-pix_fmt", "yuv420p", "-f", "mp4", ffpath(out)]
    t0 = time.perf_counter()
    try:
        await run_ffmpeg(args, outputs=[out])
        elapsed = time.perf_counter() - t0
        size = out.stat().st_size
    finally:
        out.unlink(missing_ok=True)
    bitrate = size * 8 / (n / fps)
    key = (info.width, info.height)
    rate = n * max(1, info.width * info.height) / max(0.05, elapsed - SAMPLE_OVERHEAD_SECONDS)
    # the slower of this trial and the last one: a conservative figure
    rate = min(rate, _speed_cache.get(key, rate))
    _speed_cache[key] = rate
    log.info("compact trial of %s: %d frames at %.3f s, %.2f Mbit/s, %.0f fps at %dx%d", info.path.name, n, at,
             bitrate / 1e6, rate / max(1, info.width * info.height), info.width, info.height)
    return CompactSample(bitrate, rate)
