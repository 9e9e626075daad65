"""Read what a media file holds, with PyAV (no ffprobe needed).

:func:`probe` demuxes the video packets once without decoding them (fast even for long files)
to learn every frame's timestamp, which frames are keyframes and whether the frame rate is
constant, and decodes only the first frame to prove the file is playable and to read its display
rotation. Every problem a person can fix is an :class:`~verging_desktop.core.errors.InputError`.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import logging
import os
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from ..core.errors import InputError
from ..core.filetypes import sniff
from ..core.i18n import _
from .ffrun import ffpath

log = logging.getLogger("verging_desktop.media")
#: what was found in every probed file (FFmpeg's "Input #0 ... Stream #0:0" lines, in one line), at
#: debug level: the log file keeps it (app_core/logsetup.py), the terminal shows it only with --verbose
streams_log = logging.getLogger("verging_desktop.media.streams")

#: frame durations may jitter by this fraction (or 1 tick) and still count as constant frame rate
VFR_TOLERANCE = 0.05

_CONTAINER_KINDS = frozenset({"mp4", "webm", "avi", "mpeg", "mpegts", "ogg"})
_IMAGE_CODECS = frozenset({"png", "mjpeg", "webp", "bmp", "tiff", "gif", "jpeg2000", "jpegls"})


@dataclass(frozen=True)
class MediaInfo:
    """A probed media file. Times are seconds from the file's start (what ffmpeg ``-ss`` uses).

    Video fields are ``None``/empty for audio-only files (probed with ``require_video=False``).
    """

    path: Path
    size_bytes: int
    format_name: str
    duration: float
    start_time: float
    bit_rate: int | None
    # video
    has_video: bool
    video_codec: str | None = None
    width: int = 0
    height: int = 0
    rotation: int = 0
    display_width: int = 0
    display_height: int = 0
    fps: float = 0.0
    vfr: bool = False
    pix_fmt: str | None = None
    profile: str | None = None
    level: int | None = None
    video_bit_rate: int | None = None
    sample_aspect_ratio: Fraction | None = None
    time_base: Fraction | None = None
    frame_count: int = 0
    #: presentation time of every video frame, sorted
    frame_times: tuple[float, ...] = field(default=(), repr=False)
    #: presentation time of every keyframe, sorted
    keyframe_times: tuple[float, ...] = field(default=(), repr=False)
    #: raw pts (stream time base) of the video packets in decode order
    decode_pts: tuple[int, ...] = field(default=(), repr=False)
    #: keyframe flag of the video packets in decode order
    decode_key: tuple[bool, ...] = field(default=(), repr=False)
    #: True when the codec's extradata is in MP4 ``avcC`` form (needed for smart cut)
    avcc: bool = False
    #: True when the first frame is interlaced (smart cut re-encodes instead)
    interlaced: bool = False
    # audio
    has_audio: bool = False
    audio_codec: str | None = None
    audio_sample_rate: int | None = None
    audio_channels: int | None = None
    audio_duration: float | None = None

    @property
    def frame_duration(self) -> float:
        """The nominal duration of one frame in seconds (0 when there is no video)."""
        if self.fps > 0:
            return 1.0 / self.fps
        return 0.0

    @property
    def portrait(self) -> bool:
        """True when the picture is shown taller than wide (after rotation)."""
        return self.display_height > self.display_width

    def frame_index_at(self, t: float) -> int:
        """Index of the frame nearest to time ``t`` (a frame starting within half a frame)."""
        times = self.frame_times
        if not times:
            raise ValueError("no video frames")
        i = bisect.bisect_left(times, t)
        if i <= 0:
            return 0
        if i >= len(times):
            return len(times) - 1
        return i if times[i] - t <= t - times[i - 1] else i - 1

    def keyframe_at_or_before(self, t: float) -> float:
        """The time of the last keyframe at or before ``t`` (the first keyframe if none)."""
        ks = self.keyframe_times
        if not ks:
            return 0.0
        i = bisect.bisect_right(ks, t + 1e-6)
        return ks[max(0, i - 1)]


def _fail_open(path: Path, exc: Exception) -> InputError:
    reason = (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).strip()
    try:
        kind = sniff(path)
    except OSError:
        kind = None
    if kind in _CONTAINER_KINDS:
        return InputError(
            _("{name} looks like {kind} media but is truncated or corrupt ({reason}); "
              "it may still be downloading or copying.").format(name=path.name, kind=kind.upper(), reason=reason)
        )
    if kind is not None:
        return InputError(_("{name} is a {kind} file, not a video this app can read ({reason}).").format(
            name=path.name, kind=kind.upper(), reason=reason))
    return InputError(_("{name} is not a media file ({reason}); choose a video file.").format(name=path.name, reason=reason))


def _rotation_from_metadata(metadata: dict[str, str]) -> int | None:
    value = metadata.get("rotate")
    if value is None:
        return None
    try:
        # the legacy 'rotate' tag is clockwise; display matrices (and PyAV) count counter-clockwise
        return (-int(float(value))) % 360
    except ValueError:
        return None


def _normalise_rotation(deg: float) -> int:
    r = int(round(deg)) % 360
    # snap to the nearest quarter turn; other angles are not used by cameras
    return (int(round(r / 90.0)) * 90) % 360


def _is_avcc(extradata: bytes | None) -> bool:
    return bool(extradata) and extradata is not None and len(extradata) > 6 and extradata[0] == 1


def _first_frame(container: Any, stream: Any, path: Path) -> tuple[int, bool]:
    """Decode the first video frame (proves the file is playable): its display rotation and
    whether it is interlaced."""
    with contextlib.suppress(av.FFmpegError):
        container.seek(0)
    try:
        for frame in container.decode(stream):
            interlaced = bool(getattr(frame, "interlaced_frame", False))
            try:
                return _normalise_rotation(float(frame.rotation)), interlaced
            except Exception:  # no display matrix support: fall back to metadata
                return 0, interlaced
    except av.FFmpegError as exc:
        raise InputError(_("{name} is corrupt: its video cannot be decoded ({reason}).").format(name=path.name, reason=exc)) from exc
    raise InputError(_("{name} is truncated or corrupt: no video frame in it can be decoded.").format(name=path.name))


def open_for_probe(path: Path) -> Any:
    """Open ``path`` with PyAV for reading: every probe (:func:`probe`, :func:`aprobe`, from any
    module that imported them by name) opens its file here and nowhere else, so this is the one
    place where probes can be counted (the tests that check a file is probed once patch it)."""
    return av.open(ffpath(path), mode="r", metadata_errors="replace")


def probe(path: str | os.PathLike[str], *, require_video: bool = True, scan_packets: bool = True) -> MediaInfo:
    """Probe a media file (blocking; use :func:`aprobe` from async code).

    :param require_video: raise :class:`InputError` when the file has no video stream.
    :param scan_packets: demux every video packet for frame/keyframe times and VFR detection.
    :raises InputError: missing, empty, not media, no video, truncated/corrupt, or too short.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(_("{path} does not exist.").format(path=p))
    if p.is_dir():
        raise InputError(_("{path} is a folder, not a media file.").format(path=p))
    size = p.stat().st_size
    if size == 0:
        raise InputError(_("{name} is empty (0 bytes); it may still be downloading or copying.").format(name=p.name))
    try:
        container = open_for_probe(p)
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise _fail_open(p, exc) from exc
    except OSError as exc:
        raise InputError(_("{name} cannot be read: {reason}").format(name=p.name, reason=exc.strerror or exc)) from exc
    with container:
        info = _probe_open(container, p, size, require_video=require_video, scan_packets=scan_packets)
    if streams_log.isEnabledFor(logging.DEBUG):
        streams_log.debug("%s", describe(info))
    return info


def describe(info: MediaInfo) -> str:
    """One line about a probed file, like FFmpeg's own ``Input #0`` / ``Stream #0:n`` lines."""
    parts = [f"Input {info.path.name}: {info.format_name}, Duration: {info.duration:.3f} s"]
    if info.bit_rate:
        parts.append(f"bitrate: {info.bit_rate // 1000} kb/s")
    if info.has_video:
        parts.append(f"Stream video: {info.video_codec} {info.width}x{info.height} {info.fps:.3g} fps"
                     + (f" rotated {info.rotation}" if info.rotation else "") + (" VFR" if info.vfr else ""))
    if info.has_audio:
        parts.append(f"Stream audio: {info.audio_codec} {info.audio_sample_rate or '?'} Hz")
    return " · ".join(parts)


def _probe_open(container: Any, p: Path, size: int, *, require_video: bool, scan_packets: bool) -> MediaInfo:
    fmt = container.format.name if container.format is not None else ""
    vstreams = [s for s in container.streams.video if not (s.disposition & av.stream.Disposition.attached_pic)]
    astreams = list(container.streams.audio)
    start = (container.start_time or 0) / 1_000_000
    c_duration = container.duration / 1_000_000 if container.duration else None
    bit_rate = container.bit_rate or None

    has_audio = bool(astreams)
    audio_kwargs: dict[str, Any] = {}
    if has_audio:
        a = astreams[0]
        a_dur = float(a.duration * a.time_base) if a.duration and a.time_base else None
        audio_kwargs = dict(
            has_audio=True,
            audio_codec=a.codec_context.name,
            audio_sample_rate=a.codec_context.sample_rate or None,
            audio_channels=a.codec_context.channels or None,
            audio_duration=a_dur,
        )

    if not vstreams:
        if require_video:
            if has_audio:
                raise InputError(_("{name} has no video stream (an audio file); choose a video file.").format(
                    name=p.name))
            raise InputError(_("{name} has no video stream (not a video); choose a video file.").format(name=p.name))
        if not has_audio:
            raise InputError(_("{name} has no audio or video stream.").format(name=p.name))
        duration = c_duration if c_duration is not None else (audio_kwargs.get("audio_duration") or 0.0)
        if duration <= 0:
            raise InputError(_("{name} is empty: its duration is zero.").format(name=p.name))
        return MediaInfo(p, size, fmt, duration, start, bit_rate, False, **audio_kwargs)

    v = vstreams[0]
    cc = v.codec_context
    codec = cc.name
    tb: Fraction = v.time_base
    image_like = fmt.endswith("_pipe") or fmt in ("image2", "gif") or codec in _IMAGE_CODECS
    if image_like and (v.frames or 0) <= 1 and (c_duration is None or c_duration <= 0.1):
        raise InputError(_("{name} is an image, not a video; choose a video file.").format(name=p.name))

    rotation_meta = _rotation_from_metadata(dict(v.metadata))

    decode_pts: list[int] = []
    decode_key: list[bool] = []
    if scan_packets:
        try:
            for pkt in container.demux(v):
                if pkt.size == 0 or pkt.is_discard:  # EOF flush; frames an edit list hides
                    continue
                pts = pkt.pts if pkt.pts is not None else pkt.dts
                if pts is None:
                    continue
                decode_pts.append(int(pts))
                decode_key.append(bool(pkt.is_keyframe))
        except av.FFmpegError as exc:
            raise InputError(_("{name} is truncated or corrupt ({reason}).").format(name=p.name, reason=exc)) from exc
        if not decode_pts:
            raise InputError(_("{name} is truncated or corrupt: it holds no video frames.").format(name=p.name))
        expected = v.frames or 0
        if expected and len(decode_pts) < expected * 0.98 - 1:
            have = len(decode_pts)
            raise InputError(
                _("{name} is truncated: only {have} of its {expected} video frames are present "
                  "(the download or copy may not have finished).").format(name=p.name, have=have, expected=expected)
            )

    rotation, interlaced = _first_frame(container, v, p)
    if rotation == 0 and rotation_meta:
        rotation = _normalise_rotation(rotation_meta)

    origin = start
    sorted_pts = sorted(decode_pts)
    frame_times = tuple(float(x * tb) - origin for x in sorted_pts)
    keyframe_times = tuple(sorted(float(x * tb) - origin for x, k in zip(decode_pts, decode_key, strict=True) if k))

    # frame rate: the stream's average, else the median frame duration; VFR when durations vary
    vfr = False
    fps = float(v.average_rate) if v.average_rate else 0.0
    if len(sorted_pts) >= 2:
        deltas = [b - a for a, b in itertools.pairwise(sorted_pts)]
        median = sorted(deltas)[len(deltas) // 2]
        if median > 0 and not fps:
            fps = 1.0 / float(median * tb)
        tol = max(1.0, median * VFR_TOLERANCE)
        # the last duration is often rounded by muxers: judge the others
        inner = deltas[:-1] or deltas
        vfr = median <= 0 or any(abs(d - median) > tol for d in inner)
        base = float(v.base_rate) if v.base_rate else 0.0
        if base and fps and abs(base - fps) / fps > 0.02:
            vfr = True
    if not fps:
        guessed = v.guessed_rate
        fps = float(guessed) if guessed else 0.0

    width, height = cc.width, cc.height
    if rotation in (90, 270):
        dw, dh = height, width
    else:
        dw, dh = width, height
    sar = v.sample_aspect_ratio
    if sar and sar != 1 and sar.numerator > 0:
        dw = int(round(dw * float(sar))) if rotation not in (90, 270) else dw
        dh = dh if rotation not in (90, 270) else int(round(dh * float(sar)))

    frame_dur = 1.0 / fps if fps else 0.0
    if frame_times:
        v_duration = frame_times[-1] - frame_times[0] + frame_dur
    else:
        v_duration = float(v.duration * tb) if v.duration else 0.0
    duration = c_duration if c_duration else v_duration
    if scan_packets and len(frame_times) < 2:
        raise InputError(
            _("{name} is a single frame, too short to be used as a video (it lasts {seconds:.3f} s).").format(
                name=p.name, seconds=duration)
        )
    if duration <= 0:
        raise InputError(_("{name} is empty: its duration is zero.").format(name=p.name))
    if frame_dur and duration < frame_dur * 0.999:
        raise InputError(_("{name} is shorter than one frame ({ms:.0f} ms).").format(name=p.name, ms=duration * 1000))

    profile = v.profile if isinstance(v.profile, str) else None
    level = getattr(cc, "level", None)
    vbr = getattr(v, "bit_rate", None) or cc.bit_rate or None
    return MediaInfo(
        path=p,
        size_bytes=size,
        format_name=fmt,
        duration=duration,
        start_time=start,
        bit_rate=bit_rate,
        has_video=True,
        video_codec=codec,
        width=width,
        height=height,
        rotation=rotation,
        display_width=dw,
        display_height=dh,
        fps=fps,
        vfr=vfr,
        pix_fmt=cc.pix_fmt,
        profile=profile,
        level=level if isinstance(level, int) and level > 0 else None,
        video_bit_rate=vbr,
        sample_aspect_ratio=sar if sar else None,
        time_base=tb,
        frame_count=len(frame_times) or (v.frames or 0),
        frame_times=frame_times,
        keyframe_times=keyframe_times,
        decode_pts=tuple(decode_pts),
        decode_key=tuple(decode_key),
        avcc=_is_avcc(cc.extradata),
        interlaced=interlaced,
        **audio_kwargs,
    )


async def aprobe(path: str | os.PathLike[str], *, require_video: bool = True, scan_packets: bool = True) -> MediaInfo:
    """:func:`probe` in a worker thread, for async callers."""
    return await asyncio.to_thread(probe, path, require_video=require_video, scan_packets=scan_packets)
