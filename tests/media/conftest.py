"""Clips for the media tests, generated once per session with the real ffmpeg (small and short),
and helpers that look at what a cut actually contains."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import av
import pytest

from tests.conftest import make_audio, make_clip
from verging_desktop.media.thumbs import rotate_rgb

RATE = 25
FD = 1 / RATE  # one frame


@dataclass(frozen=True)
class Clips:
    """Generated inputs (320x240 unless said otherwise, 25 fps, keyframe every second)."""

    bframes: Path  # 6 s, H.264 with B-frames + AAC
    noaudio: Path  # 4 s, no audio
    rotated: Path  # 4 s, display matrix: 90 degrees
    portrait: Path  # 4 s, coded 180x320 (no rotation)
    vfr: Path  # variable frame rate
    unicode: Path  # "my clips/vidéo 東京.mp4"
    mp3: Path
    png: Path
    text: Path  # a text file named .mp4
    empty: Path
    truncated: Path  # an mp4 cut in half (index at the end: unreadable)
    truncated_faststart: Path  # an mp4 cut in half (index at the start: frames missing)
    single_frame: Path
    audio_only_mp4: Path


def _ff(ffmpeg: str, *args: str) -> None:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=120)


@pytest.fixture(scope="session")
def clips(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Clips:
    d = tmp_path_factory.mktemp("clips")
    bframes = make_clip(ffmpeg, d / "bframes.mp4", seconds=6, rate=RATE, gop=RATE, extra=["-bf", "3"])
    noaudio = make_clip(ffmpeg, d / "noaudio.mp4", seconds=4, rate=RATE, gop=RATE, audio=False)
    rotated = d / "rotated.mp4"
    base = make_clip(ffmpeg, d / "rot_base.mp4", seconds=4, rate=RATE, gop=RATE, extra=["-bf", "2"])
    _ff(ffmpeg, "-display_rotation", "90", "-i", str(base), "-c", "copy", str(rotated))
    portrait = make_clip(ffmpeg, d / "portrait.mp4", seconds=4, size="180x320", rate=RATE, gop=RATE)
    vfr = d / "vfr.mp4"
    # 30 fps for a second, then 15 fps for two, then 30 again: real variable frame rate
    _ff(ffmpeg, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=4",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=5",
        "-vf", "setpts='if(lt(N,30),N/30,if(lt(N,60),(30+(N-30)*2)/30,N/30+1))/TB'",
        "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-shortest",
        str(vfr))
    (d / "my clips").mkdir()
    unicode = make_clip(ffmpeg, d / "my clips" / "vidéo 東京.mp4", seconds=3, rate=RATE, gop=RATE, extra=["-bf", "2"])
    mp3 = make_audio(ffmpeg, d / "tone.mp3", seconds=2)
    png = d / "still.png"
    _ff(ffmpeg, "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=1:duration=1", "-frames:v", "1", str(png))
    text = d / "notes.mp4"
    text.write_text("this is not a video\n", encoding="utf-8")
    empty = d / "empty.mp4"
    empty.write_bytes(b"")
    whole = bframes.read_bytes()
    truncated = d / "truncated.mp4"
    truncated.write_bytes(whole[: len(whole) // 2])
    fs = d / "faststart.mp4"
    _ff(ffmpeg, "-i", str(bframes), "-c", "copy", "-movflags", "+faststart", str(fs))
    fs_bytes = fs.read_bytes()
    truncated_fs = d / "truncated_faststart.mp4"
    truncated_fs.write_bytes(fs_bytes[: len(fs_bytes) // 2])
    single = make_clip(ffmpeg, d / "single.mp4", seconds=1, rate=RATE, audio=False, extra=["-frames:v", "1"])
    audio_only = d / "audio_only.mp4"
    _ff(ffmpeg, "-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", str(audio_only))
    return Clips(bframes, noaudio, rotated, portrait, vfr, unicode, mp3, png, text, empty, truncated,
                 truncated_fs, single, audio_only)


# --------------------------------------------------------------------------------------------
# looking inside outputs

SMALL = (48, 36)


def _small(frame: av.VideoFrame, rotate: bool) -> bytes:
    w, h = SMALL
    rot = 0
    if rotate:
        try:
            rot = int(round(frame.rotation)) % 360
        except Exception:
            rot = 0
    cw, ch = (h, w) if rot in (90, 270) else (w, h)
    rgb = bytes(frame.reformat(width=cw, height=ch, format="rgb24").planes[0])
    line = cw * 3
    if len(rgb) != line * ch:  # strip row padding
        stride = len(rgb) // ch
        rgb = b"".join(rgb[y * stride:y * stride + line] for y in range(ch))
    out, _, _ = rotate_rgb(rgb, cw, ch, rot)
    return out


def display_frames(path: Path, *, limit: int | None = None) -> list[tuple[float, bytes]]:
    """Every frame as (time, tiny RGB picture as a person would see it, rotation applied)."""
    out: list[tuple[float, bytes]] = []
    with av.open(str(path)) as c:
        origin = (c.start_time or 0) / 1e6
        for frame in c.decode(video=0):
            out.append((float(frame.time) - origin, _small(frame, rotate=True)))
            if limit and len(out) >= limit:
                break
    return out


def sad(a: bytes, b: bytes) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def best_match(img: bytes, source: list[tuple[float, bytes]]) -> int:
    """Index of the source frame that looks most like ``img``."""
    return min(range(len(source)), key=lambda k: sad(img, source[k][1]))


def stream_durations(path: Path) -> tuple[float, float | None]:
    """(video duration, audio duration) as written in the file."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        vd = float(v.duration * v.time_base) if v.duration and v.time_base else 0.0
        ad = None
        if c.streams.audio:
            a = c.streams.audio[0]
            ad = float(a.duration * a.time_base) if a.duration and a.time_base else None
    return vd, ad
