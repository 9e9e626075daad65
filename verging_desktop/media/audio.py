"""Audio jobs: extract a video's sound, convert, split into parts, join parts.

Speech to text uses :func:`extract_audio` (video -> audio, or an over-size file re-encoded to
compact mono) and :func:`split_audio`; long text to speech uses :func:`concat_audio` to join the
parts it generated into one file. Every function returns an :class:`AudioResult` whose
``duration`` is probed from the written file; results are path-like, so they can be passed
wherever a path is expected.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError, Progress
from ..core.i18n import _
from .ffrun import ProgressCallback, compile_graph, ffpath, run_ffmpeg, scaled_progress
from .probe import MediaInfo, aprobe

log = logging.getLogger("verging_desktop.media")

#: file extension -> (ffmpeg encoder, default bit rate or None for lossless/PCM)
CODECS: dict[str, tuple[str, str | None]] = {
    ".mp3": ("libmp3lame", "128k"),
    ".m4a": ("aac", "128k"),
    ".aac": ("aac", "128k"),
    ".mp4": ("aac", "128k"),
    ".wav": ("pcm_s16le", None),
    ".flac": ("flac", None),
    ".opus": ("libopus", "64k"),
    ".ogg": ("libopus", "64k"),
    ".webm": ("libopus", "64k"),
}
#: short codec names a caller may pass instead of an encoder name
CODEC_ALIASES: dict[str, str] = {
    "mp3": "libmp3lame", "aac": "aac", "opus": "libopus", "wav": "pcm_s16le", "pcm": "pcm_s16le",
    "flac": "flac",
}
#: more inputs than this are joined in rounds (keeps command lines short on Windows)
CONCAT_BATCH = 48


@dataclass(frozen=True)
class AudioResult:
    """A written audio file. Path-like: ``open(result)`` and ``Path(result)`` work."""

    path: Path
    duration: float
    size_bytes: int
    codec: str | None
    sample_rate: int | None = None
    channels: int | None = None

    def __fspath__(self) -> str:
        return str(self.path)


def _encoder_for(dst: Path, codec: str | None) -> tuple[str, str | None]:
    ext = dst.suffix.lower()
    if codec:
        enc = CODEC_ALIASES.get(codec.lower(), codec)
        default_rate = next((r for e, r in CODECS.values() if e == enc), "128k")
        return enc, default_rate
    if ext not in CODECS:
        raise InputError(_("Cannot tell which audio format to write from {name}; use one of {formats} or pass a "
                           "codec.").format(name=repr(dst.name), formats=", ".join(sorted(CODECS))))
    return CODECS[ext]


def _bitrate_arg(bitrate: int | str | None, default: str | None) -> str | None:
    if bitrate is None:
        return default
    if isinstance(bitrate, int):
        if bitrate <= 0:
            raise InputError(_("The audio bit rate must be positive."))
        return str(bitrate)
    return bitrate


def _check_dst(src: Path, dst: Path) -> None:
    with contextlib.suppress(OSError):
        if dst.exists() and dst.resolve() == src.resolve():
            raise InputError(_("The output file must not be the input file; choose another name."))
    dst.parent.mkdir(parents=True, exist_ok=True)


async def _result(path: Path) -> AudioResult:
    info = await aprobe(path, require_video=False, scan_packets=False)
    return AudioResult(path, info.duration, info.size_bytes, info.audio_codec, info.audio_sample_rate,
                       info.audio_channels)


async def _source_audio(src: Path) -> MediaInfo:
    info = await aprobe(src, require_video=False, scan_packets=False)
    if not info.has_audio:
        raise InputError(_("{name} has no audio track to use.").format(name=src.name))
    return info


def _encode_args(
    enc: str, bitrate: str | None, *, mono: bool, sample_rate: int | None
) -> list[str]:
    args = ["-c:a", enc]
    if bitrate and not enc.startswith("pcm_") and enc != "flac":
        args += ["-b:a", bitrate]
    if mono:
        args += ["-ac", "1"]
    if sample_rate:
        if sample_rate <= 0:
            raise InputError(_("The sample rate must be positive."))
        args += ["-ar", str(sample_rate)]
    elif enc == "libopus":
        args += ["-ar", "48000"]
    return args


async def extract_audio(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    codec: str | None = None,
    bitrate: int | str | None = None,
    mono: bool = False,
    sample_rate: int | None = None,
    start: float | None = None,
    duration: float | None = None,
    progress: ProgressCallback | None = None,
) -> AudioResult:
    """Write the first audio track of ``src`` (video or audio) to ``dst``, re-encoded.

    The format follows ``dst``'s extension (``.mp3``, ``.m4a``, ``.wav``, ``.opus``, ``.flac``)
    unless ``codec`` names one. ``mono`` and ``sample_rate`` make compact speech files
    (``mono=True, sample_rate=16000, bitrate="48k"`` keeps an hour under 25 MB).

    :raises InputError: no audio track, unreadable input, unknown output format.
    """
    src_p, dst_p = Path(src), Path(dst)
    info = await _source_audio(src_p)
    _check_dst(src_p, dst_p)
    enc, default_rate = _encoder_for(dst_p, codec)
    total = info.duration
    args = ["-y"]
    if start is not None:
        if start < 0 or start >= info.duration:
            raise InputError(_("The start {start} s is outside {name} (0-{duration} s).").format(
                start=f"{start:.3f}", name=src_p.name, duration=f"{info.duration:.3f}"))
        args += ["-ss", f"{start:.6f}"]
        total -= start
    args += ["-i", ffpath(src_p)]
    if duration is not None:
        if duration <= 0:
            raise InputError(_("The duration to extract must be positive."))
        args += ["-t", f"{duration:.6f}"]
        total = min(total, duration)
    args += ["-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
             *_encode_args(enc, _bitrate_arg(bitrate, default_rate), mono=mono, sample_rate=sample_rate),
             ffpath(dst_p)]
    await run_ffmpeg(args, total=total, progress=progress, stage=_("Extracting audio"), outputs=[dst_p])
    return await _result(dst_p)


async def convert_audio(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    codec: str | None = None,
    bitrate: int | str | None = None,
    mono: bool = False,
    sample_rate: int | None = None,
    progress: ProgressCallback | None = None,
) -> AudioResult:
    """Re-encode an audio file into another format (same rules as :func:`extract_audio`)."""
    return await extract_audio(src, dst, codec=codec, bitrate=bitrate, mono=mono, sample_rate=sample_rate,
                               progress=progress)


async def split_audio(
    src: str | os.PathLike[str],
    part_seconds: float,
    out_dir: str | os.PathLike[str],
    *,
    ext: str | None = None,
    codec: str | None = None,
    bitrate: int | str | None = None,
    mono: bool = False,
    sample_rate: int | None = None,
    progress: ProgressCallback | None = None,
) -> list[AudioResult]:
    """Cut ``src`` into consecutive parts of ``part_seconds`` (the last may be shorter).

    Each part is a standalone file ``<stem>_part001<ext>`` in ``out_dir`` (default extension:
    the source's if it is an audio format, else ``.m4a``), cut sample-accurately by decoding,
    so the parts' durations add up to the source's.

    :returns: the parts in order (path-like :class:`AudioResult` objects).
    """
    src_p, out = Path(src), Path(out_dir)
    if not part_seconds or part_seconds <= 0:
        raise InputError(_("The part length must be a positive number of seconds."))
    info = await _source_audio(src_p)
    suffix = (ext if ext is None or ext.startswith(".") else f".{ext}") or (
        src_p.suffix.lower() if src_p.suffix.lower() in CODECS and src_p.suffix.lower() != ".mp4" else ".m4a")
    out.mkdir(parents=True, exist_ok=True)
    total = info.duration
    n = max(1, int(-(-total // part_seconds)))
    # a sliver under 50 ms at the end joins the previous part rather than being its own file
    if n > 1 and total - (n - 1) * part_seconds < 0.05:
        n -= 1
    parts: list[AudioResult] = []
    written: list[Path] = []
    try:
        for k in range(n):
            start = k * part_seconds
            length = part_seconds if k < n - 1 else total - start
            dst = out / f"{src_p.stem}_part{k + 1:03d}{suffix}"
            cb = scaled_progress(progress, offset=start, span=length, total=total,
                                 stage=_("Splitting audio ({k}/{n})").format(k=k + 1, n=n))
            written.append(dst)
            part = await extract_audio(
                src_p, dst, codec=codec, bitrate=bitrate, mono=mono, sample_rate=sample_rate,
                start=start if k else None, duration=length if k < n - 1 else None, progress=cb,
            )
            parts.append(part)
    except BaseException:
        for p in written:
            with contextlib.suppress(OSError):
                p.unlink()
        raise
    if progress is not None:
        progress(Progress(total, total, _("Split", "the audio is cut into parts")))
    return parts


async def concat_audio(
    paths: Sequence[str | os.PathLike[str]],
    dst: str | os.PathLike[str],
    *,
    codec: str | None = None,
    bitrate: int | str | None = None,
    sample_rate: int | None = None,
    mono: bool | None = None,
    progress: ProgressCallback | None = None,
) -> AudioResult:
    """Join audio files end to end into ``dst`` (decoded and re-encoded with the concat filter).

    Parts may differ in format, sample rate and channels; they are resampled to ``sample_rate``
    and the channel layout of the first part unless given. The result lasts the sum of the parts
    (to within an audio frame per part at worst; typically a millisecond or two).
    """
    if not paths:
        raise InputError(_("There are no audio parts to join."))
    srcs = [Path(p) for p in paths]
    infos = [await _source_audio(p) for p in srcs]
    dst_p = Path(dst)
    for s in srcs:
        _check_dst(s, dst_p)
    enc, default_rate = _encoder_for(dst_p, codec)
    first = infos[0]
    rate = sample_rate or first.audio_sample_rate or 44100
    if enc == "libopus" and rate not in (8000, 12000, 16000, 24000, 48000):
        rate = 48000
    layout = "mono" if (mono if mono is not None else (first.audio_channels or 2) == 1) else "stereo"
    total = sum(i.duration for i in infos)
    if len(srcs) <= CONCAT_BATCH:
        await _concat_once(srcs, dst_p, enc, _bitrate_arg(bitrate, default_rate), rate, layout, total, progress)
        return await _result(dst_p)
    # many parts: join batches losslessly into WAV files first, then join those
    work = Path(tempfile.mkdtemp(prefix=".verging-concat-", dir=dst_p.parent))
    try:
        batches = [srcs[k:k + CONCAT_BATCH] for k in range(0, len(srcs), CONCAT_BATCH)]
        mids: list[Path] = []
        done = 0.0
        for b, batch in enumerate(batches):
            span = sum(infos[srcs.index(p)].duration for p in batch)
            mid = work / f"batch{b:03d}.wav"
            cb = scaled_progress(progress, offset=done * 0.5, span=span * 0.5, total=total, stage=_("Joining audio"))
            await _concat_once(batch, mid, "pcm_s16le", None, rate, layout, span, cb)
            mids.append(mid)
            done += span
        cb = scaled_progress(progress, offset=total * 0.5, span=total * 0.5, total=total, stage=_("Joining audio"))
        await _concat_once(mids, dst_p, enc, _bitrate_arg(bitrate, default_rate), rate, layout, total, cb)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return await _result(dst_p)


async def _concat_once(srcs: Sequence[Path], dst: Path, enc: str, bitrate: str | None, rate: int, layout: str,
                       total: float, progress: ProgressCallback | None) -> None:
    import ffmpeg as ffmpeg_python  # type: ignore[import-untyped]  # ffmpeg-python builds the graph

    streams = [
        ffmpeg_python.input(ffpath(p)).audio
        .filter("aresample", rate)
        .filter("aformat", sample_fmts="fltp", channel_layouts=layout)
        for p in srcs
    ]
    joined = ffmpeg_python.concat(*streams, v=0, a=1) if len(streams) > 1 else streams[0]
    out_kwargs: dict[str, str | int] = {"acodec": enc, "ar": rate}
    if bitrate and not enc.startswith("pcm_") and enc != "flac":
        out_kwargs["audio_bitrate"] = bitrate
    graph = joined.output(ffpath(dst), **out_kwargs)
    args = compile_graph(graph)
    await run_ffmpeg(args, total=total, progress=progress, stage=_("Joining audio"), outputs=[dst])
