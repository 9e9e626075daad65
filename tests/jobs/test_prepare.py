"""The video use case (jobs/prepare.py) shared by the app and the CLI: one probe, the decision
to cut or to send the file as it is, the cut, and the job created through the queue."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from tests.conftest import make_clip
from verging_desktop.core.errors import InputError
from verging_desktop.jobs import prepare as vp
from verging_desktop.media import probe as media_probe


@pytest.fixture(scope="module")
def short_mp4(ffmpeg, tmp_path_factory) -> Path:
    return make_clip(ffmpeg, tmp_path_factory.mktemp("prep") / "short.mp4", seconds=3, size="160x120", gop=25)


def test_a_short_whole_h264_aac_mp4_goes_up_uncut_and_a_part_is_cut(short_mp4, tmp_path, monkeypatch) -> None:
    # counted where every probe opens its file (media.probe.open_for_probe), so a probe made by any
    # module (media.cut imports aprobe by name) or by the blocking probe() is counted too
    calls: list[Path] = []
    real = media_probe.open_for_probe

    def counting(path):
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(media_probe, "open_for_probe", counting)
    info = asyncio.run(vp.probe_video(short_mp4))
    assert calls == [short_mp4]
    grid_end = info.frame_times[-1] + info.frame_duration
    for start, end in ((None, None), (0.0, grid_end), (0.0, info.duration), (None, 3.0)):
        plan = vp.plan_video(info, start, end, max_seconds=30)
        assert plan.uncut and plan.length == info.duration, (start, end)
    prepared = asyncio.run(vp.prepare(vp.plan_video(info, 0.0, grid_end), work_dir=tmp_path / "cuts"))
    assert prepared.path == short_mp4 and prepared.cut is None and not (tmp_path / "cuts").exists()
    assert calls == [short_mp4]  # planning and passing through probe nothing

    part = vp.plan_video(info, 1.0, 2.0, max_seconds=30)
    assert not part.uncut and part.length == pytest.approx(1.0)
    cut = asyncio.run(vp.prepare(part, work_dir=tmp_path / "cuts"))
    assert cut.cut is not None and cut.path.parent == tmp_path / "cuts" and cut.path != short_mp4
    assert cut.duration == pytest.approx(1.0, abs=0.05)
    assert short_mp4 not in calls[1:]  # the cut uses the plan's probe of the source

    # a cutter made elsewhere (the app's trimmer) is used instead of cutting again
    made: list[Path] = []

    async def cutter(dst: Path):
        made.append(dst)
        return cut.cut

    again = asyncio.run(vp.prepare(part, work_dir=tmp_path / "cuts", cutter=cutter))
    assert made and made[0].name.startswith("short_1.000-2.000") and again.path == cut.path


def test_what_is_not_sent_uncut(short_mp4) -> None:
    info = media_probe.probe(short_mp4)
    assert not vp.plan_video(dataclasses.replace(info, audio_codec="mp3")).uncut
    assert not vp.plan_video(dataclasses.replace(info, vfr=True)).uncut
    assert not vp.plan_video(dataclasses.replace(info, video_codec="hevc")).uncut
    assert not vp.plan_video(dataclasses.replace(info, format_name="matroska,webm")).uncut
    assert vp.plan_video(dataclasses.replace(info, has_audio=False, audio_codec=None)).uncut
    assert not vp.plan_video(info, 0.5, None).uncut
    long = dataclasses.replace(info, duration=40.0)
    plan = vp.plan_video(long, max_seconds=30)
    assert not plan.uncut and (plan.start, plan.end) == (0.0, 30.0) and "the first 30 s are used" in plan.note
    with pytest.raises(InputError, match="at most 30 s per job"):
        vp.plan_video(long, 0.0, 31.0, max_seconds=30)


def test_create_job_goes_through_the_queue() -> None:
    seen: list[tuple] = []

    class Queue:
        async def submit_faceswap(self, video, face, **kw):
            seen.append(("faceswap", video, face, kw["duration"], kw["hd"], kw["estimated"]))
            return "rec-fs"

        async def submit_enhance(self, video, **kw):
            seen.append(("enhance", video, kw["duration"], kw["hd"], kw["input_name"]))
            return "rec-en"

    q = Queue()
    assert asyncio.run(vp.create_job(q, "face-swap", "v.mp4", face="f.png", duration=3.0, hd=True,
                                     estimated=9)) == "rec-fs"
    assert asyncio.run(vp.create_job(q, "video-enhance", "v.mp4", duration=2.0, hd=False,
                                     input_name="v.mp4")) == "rec-en"
    assert seen == [("faceswap", Path("v.mp4"), Path("f.png"), 3.0, True, 9),
                    ("enhance", Path("v.mp4"), 2.0, False, "v.mp4")]
    with pytest.raises(InputError):
        asyncio.run(vp.create_job(q, "face-swap", "v.mp4", duration=1.0, hd=False))
    with pytest.raises(InputError):
        asyncio.run(vp.create_job(q, "lip-sync", "v.mp4", duration=1.0, hd=False))


def test_importing_the_video_use_case_or_its_page_does_not_load_pyav() -> None:
    """PyAV (about 15 MB) loads when a video is probed or cut, not when the Face Swap page, built
    at start, imports the use case: the idle window stays as small as it was."""
    import os
    import subprocess
    import sys

    code = ("import sys; import verging_desktop.jobs.prepare, verging_desktop.ui.tools.video_base; "
            "print(sorted(m for m in sys.modules if m == 'av' or m.startswith('av.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_prepare_sends_fewer_bytes_on_a_slow_recorded_uplink(ffmpeg: str, tmp_path: Path) -> None:

    from verging_desktop.core.uplink import UplinkEstimator
    from verging_desktop.jobs.prepare import prepare_video

    # a detailed 720p clip at a high bit rate, like a camera's
    src = make_clip(ffmpeg, tmp_path / "in.mp4", seconds=6.0, size="1280x720", rate=25, gop=50,
                    extra=["-crf", "8"])
    est = UplinkEstimator(tmp_path / "uplink.json")
    est.record("verging", "slow.example", 4_000_000, 8.0)      # 4 Mbit/s
    est.record("verging", "fast.example", 400_000_000, 1.0)    # 3200 Mbit/s
    slow = asyncio.run(prepare_video(src, start=1.1, end=5.1, work_dir=tmp_path / "slow", kind="face-swap",
                               uplink=est.estimate("verging", "slow.example")))
    fast = asyncio.run(prepare_video(src, start=1.1, end=5.1, work_dir=tmp_path / "fast", kind="face-swap",
                               uplink=est.estimate("verging", "fast.example")))
    assert slow.choice is not None and fast.choice is not None
    assert slow.choice.mode == "compact" and fast.choice.mode == "smart"
    assert slow.cut is not None and slow.cut.mode_used == "compact"
    assert slow.path.stat().st_size < fast.path.stat().st_size * 0.7
    assert abs(slow.duration - fast.duration) < 0.05
    assert slow.sentence.startswith("Re-encoding to")
    # forced: the user's mode wins on the slow link
    forced = asyncio.run(prepare_video(src, start=1.1, end=5.1, work_dir=tmp_path / "forced", kind="face-swap",
                                 uplink=est.estimate("verging", "slow.example"), mode="smart"))
    assert forced.choice is not None and forced.choice.forced and forced.cut is not None
    assert forced.cut.mode_used == "smart"
