"""Transcripts as plain text, SubRip (.srt) and WebVTT (.vtt)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Timed(Protocol):
    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...

    @property
    def text(self) -> str: ...


def timestamp(seconds: float, *, vtt: bool = False) -> str:
    """``HH:MM:SS,mmm`` (SRT) or ``HH:MM:SS.mmm`` (VTT)."""
    ms = max(0, round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{'.' if vtt else ','}{ms:03d}"


def _cues(segments: Sequence[Timed]) -> list[tuple[float, float, str]]:
    out = []
    for seg in segments:
        text = " ".join(str(seg.text).split())
        if not text:
            continue
        start = max(0.0, float(seg.start))
        end = max(start + 0.001, float(seg.end))
        out.append((start, end, text))
    return out


def to_srt(segments: Sequence[Timed]) -> str:
    blocks = []
    for i, (a, b, text) in enumerate(_cues(segments), 1):
        blocks.append(f"{i}\n{timestamp(a)} --> {timestamp(b)}\n{text}\n")
    return "\n".join(blocks)


def to_vtt(segments: Sequence[Timed]) -> str:
    blocks = ["WEBVTT\n"]
    for a, b, text in _cues(segments):
        blocks.append(f"{timestamp(a, vtt=True)} --> {timestamp(b, vtt=True)}\n{text}\n")
    return "\n".join(blocks)


def to_txt(text: str) -> str:
    t = text.strip()
    return t + "\n" if t else ""
