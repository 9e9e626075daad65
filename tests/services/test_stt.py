"""Speech to text planning (send as is, extract, convert, compact, split) and runs against the sandbox."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import VergingClient
from verging_desktop.core.errors import InputError
from verging_desktop.core.pricing import Pricing
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.services import stt
from verging_desktop.services.stt import SttPartFailed, SttRun, plan_stt

P = Pricing.default()


def plan(path, **kw):
    return asyncio.run(plan_stt(path, P, **kw))


def test_plans(ffmpeg, tmp_path) -> None:
    wav = make_audio(ffmpeg, tmp_path / "talk.wav", seconds=3)
    p = plan(wav)
    assert p.action == stt.AS_IS and p.parts == 1 and p.send_bytes == wav.stat().st_size
    assert p.estimate == 1 and "sent as it is" in p.describe()

    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2)
    p = plan(clip)
    assert p.action == stt.EXTRACT and p.bitrate == 48_000 and "is a video" in p.describe()

    ogg = make_audio(ffmpeg, tmp_path / "voice.ogg", seconds=2, extra=["-c:a", "libopus"])
    p = plan(ogg)
    assert p.action == stt.CONVERT and "not accepted" in p.describe()

    renamed = tmp_path / "talk.audio"
    renamed.write_bytes(wav.read_bytes())
    assert plan(renamed).action == stt.CONVERT

    # over the limit: compact, or split when even compact audio is too big
    p = plan(wav, max_bytes=100_000)
    assert p.action == stt.COMPACT and p.send_bytes < 100_000 and "over the" in p.describe()
    long = make_audio(ffmpeg, tmp_path / "long.wav", seconds=60)
    p = plan(long, max_bytes=100_000)
    assert p.action == stt.SPLIT and p.parts == 3 and p.part_seconds == pytest.approx(20, abs=0.01)
    assert p.estimates == [1, 1, 1] and p.estimate == 3 and "split into 3 parts" in p.describe()


def test_plan_for_a_real_25mb_limit_picks_the_bitrate() -> None:
    # 2 h of audio: 48 kbps would be ~43 MB, 32 kbps ~29 MB: split; 1 h: 48 kbps ~21.8 MB fits
    limit = 25 * 1024 * 1024
    assert stt.compact_size(3600, 48_000) < limit * stt.MARGIN
    assert stt.compact_size(7200, 32_000) > limit * stt.MARGIN
    seconds, parts = stt._split_plan(7200, limit)
    assert parts == 2 and seconds == 3600


def test_unusable_files_are_refused_before_sending(ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "x.png")
    with pytest.raises(InputError, match="image, not audio"):
        plan(img)
    silent = make_clip(ffmpeg, tmp_path / "silent.mp4", seconds=1, audio=False)
    with pytest.raises(InputError, match="no sound track"):
        plan(silent)
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all" * 100)
    with pytest.raises(InputError, match="cannot be read"):
        plan(junk)
    with pytest.raises(InputError, match="does not exist"):
        plan(tmp_path / "missing.wav")


@pytest.fixture
def client(sandbox):
    return VergingClient(DEMO_KEY, sandbox.base_url, retry=RetryPolicy(attempts=1))


def _run(client, run):
    async def go():
        try:
            return await run.run()
        finally:
            await client.aclose()
    return asyncio.run(go())


def test_split_run_offsets_segments(sandbox, client, ffmpeg, tmp_path) -> None:
    long = make_audio(ffmpeg, tmp_path / "long.wav", seconds=60)
    p = plan(long, max_bytes=100_000)
    before = sandbox.credits(DEMO_KEY)
    seen = []
    t = _run(client, SttRun(client, p, P, language="en", progress=seen.append, work_dir=tmp_path / "work"))
    assert t.parts == 3 and t.timed
    assert t.duration == pytest.approx(60, abs=0.2)
    starts = [s.start for s in t.segments]
    assert starts == sorted(starts) and t.segments[-1].end == pytest.approx(60, abs=0.3)
    # the 4th segment is the first of part 2: it starts where part 1 ended
    assert any(abs(s.start - 20) < 0.2 for s in t.segments)
    assert t.charged == 3 == before - sandbox.credits(DEMO_KEY)
    srt, vtt = t.to_srt(), t.to_vtt()
    assert srt.startswith("1\n00:00:00,000 --> 00:00:05,000\n") and "00:00:20,0" in srt
    assert vtt.startswith("WEBVTT\n") and "00:00:55.000 --> 00:01:00.0" in vtt
    assert t.text.count("sandbox transcript") == 3
    assert any(x.stage.startswith("Splitting") for x in seen) and any("part 3 of 3" in x.stage for x in seen)
    assert list((tmp_path / "work").iterdir()) == []


def test_video_is_extracted_then_sent(sandbox, client, ffmpeg, tmp_path) -> None:
    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2)
    p = plan(clip)
    sandbox.reset_stats()
    t = _run(client, SttRun(client, p, P))
    assert t.duration == pytest.approx(2, abs=0.1) and t.charged == 1 and t.segments


def test_failed_part_reports_what_was_charged(sandbox, client, ffmpeg, tmp_path) -> None:
    long = make_audio(ffmpeg, tmp_path / "long.wav", seconds=60)
    p = plan(long, max_bytes=100_000)
    sandbox.set_credits(DEMO_KEY, 1)
    with pytest.raises(SttPartFailed) as ei:
        _run(client, SttRun(client, p, P))
    assert ei.value.charged_parts == 1 and ei.value.exit_code == 3
    assert "Part 2 of 3 failed" in str(ei.value)


def test_a_file_ffmpeg_cannot_convert_is_an_input_error(ffmpeg, tmp_path, monkeypatch) -> None:
    from verging_desktop.media import audio
    from verging_desktop.media.ffrun import FfmpegFailed

    ogg = make_audio(ffmpeg, tmp_path / "voice.ogg", seconds=1, extra=["-c:a", "libopus"])
    p = plan(ogg)

    async def broken(*a, **k):
        raise FfmpegFailed("ffmpeg failed", returncode=1, stderr_tail="Invalid data found when processing input")

    monkeypatch.setattr(audio, "extract_audio", broken)
    with pytest.raises(InputError, match="could not be converted .*Invalid data found"):
        asyncio.run(SttRun(None, p, P).run())
