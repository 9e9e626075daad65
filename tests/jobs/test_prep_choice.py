"""The choice of a video job's preparation by predicted time to upload (jobs.prep_choice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verging_desktop.jobs import prep_choice as pc
from verging_desktop.media.probe import MediaInfo

MBIT = 1e6 / 8


def info(*, vbr: float = 14e6, seconds: float = 600.0, fps: float = 25.0, gop: float = 3.0,
         w: int = 1920, h: int = 1080) -> MediaInfo:
    """A probed 1080p H.264 + AAC file at ``vbr`` bits/s with a keyframe every ``gop`` s."""
    n = int(seconds * fps)
    return MediaInfo(
        path=Path("/videos/in.mp4"), size_bytes=int((vbr + 128_000) * seconds / 8), format_name="mov,mp4,m4a",
        duration=seconds, start_time=0.0, bit_rate=int(vbr + 128_000), has_video=True, video_codec="h264",
        width=w, height=h, display_width=w, display_height=h, fps=fps, pix_fmt="yuv420p", profile="High",
        level=40, video_bit_rate=int(vbr), frame_count=n, frame_times=tuple(i / fps for i in range(n)),
        keyframe_times=tuple(i * gop for i in range(int(seconds / gop))), avcc=True, has_audio=True,
        audio_codec="aac")


def test_slow_link_picks_the_re_encode() -> None:
    c = pc.choose(info(), 286.0, 316.0, uplink=5 * MBIT)
    assert c.mode == "compact"
    assert not c.forced and c.uplink_known
    assert c.alternative is not None and c.alternative.mode in ("smart", "copy")
    assert c.predicted_bytes < c.alternative.bytes
    assert c.total_seconds < c.alternative.total_seconds
    assert "Re-encoding to" in c.sentence and "5.0 Mbit/s" in c.sentence and "instead of" in c.sentence


def test_fast_link_picks_the_smart_cut() -> None:
    c = pc.choose(info(), 286.0, 316.0, uplink=500 * MBIT)
    assert c.mode == "smart"
    assert c.predicted_bytes == pytest.approx(30 * (14e6 + 128_000) / 8, rel=0.01)
    assert c.prepare_seconds < 5
    assert c.alternative is not None and c.alternative.mode == "compact"


def test_copy_is_a_candidate_only_on_a_keyframe() -> None:
    # the in point on a keyframe (285 = 95 x 3 s): copy is a candidate; smart encodes almost nothing
    c = pc.choose(info(), 285.0, 315.0, uplink=500 * MBIT)
    modes = {x.mode for x in c.candidates}
    assert {"copy", "smart", "compact"} <= modes
    assert c.mode in ("copy", "smart")
    # off a keyframe, no copy (it would start early and bill more)
    assert "copy" not in {x.mode for x in pc.choose(info(), 286.0, 316.0, uplink=500 * MBIT).candidates}
    # copy is predicted a little faster, but not by COPY_MARGIN_SECONDS: the exact smart cut is kept
    by_mode = {x.mode: x for x in c.candidates}
    assert by_mode["copy"].total_seconds < by_mode["smart"].total_seconds
    assert c.mode == "smart"


def test_a_low_bitrate_source_is_not_re_encoded() -> None:
    # the compact file cannot be smaller than the source (it is capped there): smart wins on any link
    c = pc.choose(info(vbr=2e6), 286.0, 316.0, uplink=1 * MBIT)
    assert c.mode == "smart"


def test_a_forced_mode_wins_and_the_sentence_says_so() -> None:
    c = pc.choose(info(), 286.0, 316.0, uplink=1 * MBIT, forced="smart")
    assert c.mode == "smart" and c.forced
    assert "as you chose" in c.sentence
    c = pc.choose(info(), 286.0, 316.0, uplink=1000 * MBIT, forced="compact")
    assert c.mode == "compact" and c.forced


def test_unknown_uplink_assumes_the_default_and_says_so() -> None:
    c = pc.choose(info(), 286.0, 316.0, uplink=None)
    assert not c.uplink_known
    assert c.uplink == pc.DEFAULT_UPLINK == 10e6 / 8
    assert "not measured yet" in c.sentence and "10 Mbit/s" in c.sentence


def test_a_trial_sample_changes_the_prediction() -> None:
    i = info()
    # the sample says the compact file is tiny and the machine fast: compact wins even at 20 Mbit/s
    fast = pc.CompactSample(video_bitrate=2e6, pixels_per_s=1920 * 1080 * 400)
    assert pc.choose(i, 286.0, 316.0, uplink=20 * MBIT, sample=fast).mode == "compact"
    # a slow machine: the smart cut wins at the same rate
    slow = pc.CompactSample(video_bitrate=8e6, pixels_per_s=1920 * 1080 * 10)
    assert pc.choose(i, 286.0, 316.0, uplink=20 * MBIT, sample=slow).mode == "smart"
    # on loopback a trial is not worth it
    assert not pc.worth_measuring(pc.choose(i, 286.0, 316.0, uplink=1000 * MBIT))
    assert pc.worth_measuring(pc.choose(i, 286.0, 316.0, uplink=20 * MBIT))
    # on a slow link compact wins with the conservative constants already: no trial either
    assert not pc.worth_measuring(pc.choose(i, 286.0, 316.0, uplink=5 * MBIT))


def test_an_uncut_file_goes_up_as_it_is_unless_compact_wins() -> None:
    short = info(seconds=20.0)
    assert pc.choose(short, 0.0, 20.0, uplink=500 * MBIT, uncut=True).mode == "uncut"
    assert pc.choose(short, 0.0, 20.0, uplink=2 * MBIT, uncut=True).mode == "compact"


def test_settle_puts_the_real_size_in_the_sentence() -> None:
    c = pc.choose(info(), 286.0, 316.0, uplink=5 * MBIT)
    done = pc.settle(c, 23_500_000)
    assert done.mode == c.mode and done.predicted_bytes == 23_500_000
    assert done.upload_seconds == 23_500_000 / (5 * MBIT)
    assert "Re-encoding to 24 MB: about 38 s" in done.sentence


def test_no_comparison_when_both_round_to_the_same_time() -> None:
    """On a fast link both ways take "about 1 s": the sentence does not say "1 s instead of 1 s"."""
    from verging_desktop.jobs.prep_choice import Candidate, _sentence

    best = Candidate("smart", 1_200_000, 0.4, 0.2)
    alt = Candidate("compact", 800_000, 0.6, 0.1)
    text = _sentence(best, alt, 60e6, True, False)
    assert "instead of" not in text and text.startswith("Smart cut, 1.2 MB")
    slower = Candidate("compact", 800_000, 9.0, 0.1)
    assert "instead of" in _sentence(best, slower, 60e6, True, False)


def test_a_re_encode_that_would_not_be_smaller_is_not_named() -> None:
    """A low bit rate source (1.5 Mbit/s 1080p): compact is capped at the source's rate, so it
    would be no smaller; the sentence does not offer "re-encoding to 5.3 MB" beside a 5.2 MB cut."""
    c = pc.choose(info(vbr=1.5e6), 286.0, 316.0, uplink=5 * MBIT)
    assert c.mode in ("smart", "copy")
    assert "re-encoding" not in c.sentence.lower(), c.sentence
    big = pc.choose(info(), 286.0, 316.0, uplink=500 * MBIT)  # a rich source: the re-encode is named
    assert "re-encoding to" in big.sentence
