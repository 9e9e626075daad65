"""probe(): what a file holds, and a clear InputError for everything that is not a usable video."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.media.conftest import RATE, Clips
from verging_desktop.core.errors import InputError
from verging_desktop.media.probe import MediaInfo, aprobe, probe


def test_probe_reads_a_normal_clip(clips: Clips) -> None:
    info = probe(clips.bframes)
    assert isinstance(info, MediaInfo)
    assert info.duration == pytest.approx(6.0, abs=0.05)
    assert "mp4" in info.format_name
    assert info.video_codec == "h264"
    assert (info.width, info.height) == (320, 240)
    assert (info.display_width, info.display_height) == (320, 240)
    assert info.rotation == 0
    assert info.fps == pytest.approx(RATE)
    assert not info.vfr
    assert info.pix_fmt == "yuv420p"
    assert info.has_audio and info.audio_codec == "aac"
    assert info.size_bytes == clips.bframes.stat().st_size
    assert info.bit_rate and info.bit_rate > 0
    assert info.frame_count == 6 * RATE
    # a keyframe every second, found without decoding
    assert info.keyframe_times == pytest.approx([0, 1, 2, 3, 4, 5], abs=1e-6)
    assert info.keyframe_at_or_before(2.5) == pytest.approx(2.0)
    assert info.frame_index_at(1.0) == RATE
    assert info.avcc


def test_probe_rotation_and_display_size(clips: Clips) -> None:
    info = probe(clips.rotated)
    assert info.rotation == 90
    assert (info.width, info.height) == (320, 240)
    assert (info.display_width, info.display_height) == (240, 320)
    assert info.portrait


def test_probe_portrait_without_rotation(clips: Clips) -> None:
    info = probe(clips.portrait)
    assert info.rotation == 0
    assert (info.display_width, info.display_height) == (180, 320)
    assert info.portrait


def test_probe_no_audio_and_vfr(clips: Clips) -> None:
    assert not probe(clips.noaudio).has_audio
    vfr = probe(clips.vfr)
    assert vfr.vfr
    assert not probe(clips.bframes).vfr


def test_probe_path_with_spaces_and_non_latin_characters(clips: Clips) -> None:
    assert " " in str(clips.unicode) and "東京" in str(clips.unicode)
    info = probe(clips.unicode)
    assert info.duration == pytest.approx(3.0, abs=0.05)


def test_aprobe_runs_in_a_thread(clips: Clips) -> None:
    info = asyncio.run(aprobe(clips.noaudio))
    assert info.frame_count == 4 * RATE


def test_audio_file_allowed_when_asked(clips: Clips) -> None:
    info = probe(clips.mp3, require_video=False)
    assert not info.has_video and info.has_audio
    assert info.duration == pytest.approx(2.0, abs=0.06)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("text", "not a media file"),
        ("mp3", "no video stream"),
        ("audio_only_mp4", "no video stream"),
        ("png", "image, not a video"),
        ("empty", "empty"),
        ("truncated", "truncated or corrupt"),
        ("truncated_faststart", "truncated"),
        ("single_frame", "single frame"),
    ],
)
def test_bad_inputs_are_input_errors_a_person_can_act_on(clips: Clips, name: str, words: str) -> None:
    path: Path = getattr(clips, name)
    with pytest.raises(InputError) as err:
        probe(path)
    message = str(err.value)
    assert words in message
    assert path.name in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        probe(tmp_path / "nope.mp4")
    with pytest.raises(InputError, match="folder"):
        probe(tmp_path)
