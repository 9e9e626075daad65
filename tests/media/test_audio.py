"""Audio extraction, conversion, splitting and joining: real durations of what was written."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.conftest import make_audio
from tests.media.conftest import Clips
from verging_desktop.core.errors import InputError, Progress
from verging_desktop.media import audio as audio_mod
from verging_desktop.media.audio import AudioResult, concat_audio, convert_audio, extract_audio, split_audio
from verging_desktop.media.probe import probe

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def samples_seconds(path: Path, work: Path) -> float:
    """The decoded length as ffmpeg sees it, measured exactly through a WAV copy."""
    wav = work / (path.stem + ".check.wav")
    run(convert_audio(path, wav))
    return probe(wav, require_video=False).duration


def test_extract_compact_mono_speech_audio_from_a_video(clips: Clips, media_dir: Path) -> None:
    seen: list[Progress] = []
    r = run(extract_audio(clips.bframes, media_dir / "speech.mp3", mono=True, sample_rate=16000, bitrate="32k",
                          progress=seen.append))
    assert isinstance(r, AudioResult)
    assert r.duration == pytest.approx(6.0, abs=0.05)
    assert (r.channels, r.sample_rate) == (1, 16000)
    assert r.codec and "mp3" in r.codec
    assert Path(r) == media_dir / "speech.mp3"  # path-like
    assert seen and seen[-1].fraction == pytest.approx(1.0)


@pytest.mark.parametrize("ext", [".m4a", ".wav", ".opus", ".flac"])
def test_convert_formats(clips: Clips, media_dir: Path, ext: str) -> None:
    r = run(convert_audio(clips.mp3, media_dir / f"tone{ext}"))
    assert r.duration == pytest.approx(2.0, abs=0.03)


def test_extract_refuses_inputs_without_audio(clips: Clips, media_dir: Path) -> None:
    with pytest.raises(InputError, match="no audio"):
        run(extract_audio(clips.noaudio, media_dir / "x.mp3"))
    with pytest.raises(InputError, match="not a media file"):
        run(extract_audio(clips.text, media_dir / "x.mp3"))
    with pytest.raises(InputError, match="audio format"):
        run(extract_audio(clips.bframes, media_dir / "x.xyz"))
    assert list(media_dir.iterdir()) == []


def test_split_into_parts_that_add_up(clips: Clips, media_dir: Path) -> None:
    parts = run(split_audio(clips.bframes, 2.5, media_dir / "parts"))
    assert [Path(p).name for p in parts] == ["bframes_part001.m4a", "bframes_part002.m4a", "bframes_part003.m4a"]
    assert [round(p.duration, 2) for p in parts] == [2.5, 2.5, 1.0]
    assert sum(p.duration for p in parts) == pytest.approx(6.0, abs=0.01)


def test_split_mp3_keeps_the_format(clips: Clips, media_dir: Path) -> None:
    parts = run(split_audio(clips.mp3, 1.0, media_dir))
    assert [p.path.suffix for p in parts] == [".mp3", ".mp3"]
    assert sum(p.duration for p in parts) == pytest.approx(2.0, abs=0.06)


def test_split_rejects_a_bad_length(clips: Clips, media_dir: Path) -> None:
    with pytest.raises(InputError, match="positive"):
        run(split_audio(clips.mp3, 0, media_dir))


@pytest.fixture
def tts_parts(ffmpeg: str, media_dir: Path) -> list[Path]:
    """Parts as a text-to-speech run might leave them, in mixed formats and rates."""
    spec = [("mp3", 1.3, []), ("wav", 0.7, []), ("m4a", 2.1, []), ("mp3", 0.5, ["-ac", "2", "-ar", "44100"])]
    return [make_audio(ffmpeg, media_dir / f"part{i}.{ext}", seconds=s, extra=extra)
            for i, (ext, s, extra) in enumerate(spec)]


@pytest.mark.parametrize("ext", [".mp3", ".m4a", ".wav"])
def test_concat_lasts_the_sum_of_the_parts(tts_parts: list[Path], media_dir: Path, tmp_path: Path,
                                           ext: str) -> None:
    joined = run(concat_audio(tts_parts, media_dir / f"joined{ext}"))
    parts_total = sum(probe(p, require_video=False).duration for p in tts_parts)
    assert parts_total == pytest.approx(4.6, abs=0.01)
    tolerance = 0.005 * len(tts_parts)
    assert joined.duration == pytest.approx(parts_total, abs=tolerance)
    decoded = sum(samples_seconds(p, tmp_path) for p in tts_parts)
    assert samples_seconds(joined.path, tmp_path) == pytest.approx(decoded, abs=tolerance)


def test_concat_many_parts_in_rounds(tts_parts: list[Path], media_dir: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audio_mod, "CONCAT_BATCH", 2)
    many = tts_parts + tts_parts[:1]
    joined = run(concat_audio(many, media_dir / "many.m4a"))
    assert joined.duration == pytest.approx(4.6 + 1.3, abs=0.005 * len(many))
    assert not [p for p in media_dir.iterdir() if p.name.startswith(".verging")]


def test_concat_refuses_nothing_and_non_audio(clips: Clips, media_dir: Path) -> None:
    with pytest.raises(InputError, match="no audio parts"):
        run(concat_audio([], media_dir / "j.mp3"))
    with pytest.raises(InputError, match="no audio"):
        run(concat_audio([clips.mp3, clips.noaudio], media_dir / "j.mp3"))
