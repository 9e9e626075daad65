"""Crash resume in sandbox mode, the real app path: the app (Session, embedded sandbox, job service)
is SIGKILLed while a face swap processes; started again with the same ``--sandbox-data`` its
sandbox listens on a new port, and the job still completes and downloads (it belongs to the
sandbox instance and account, not to the old URL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import forgive_multimedia_noise, panel_rows, queue_panel
from tests.ui.conftest import until
from verging_desktop.core.settings import Settings
from verging_desktop.jobs.store import DownloadState, LocalStatus

ROOT = Path(__file__).resolve().parents[2]


def test_app_killed_mid_processing_resumes_on_a_new_sandbox_port(harness, loop, store, isolated, ffmpeg, tmp_path,
                                                                 request) -> None:
    forgive_multimedia_noise(request)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    store.save(Settings(download_dir=str(downloads), sandbox_speed=1.0, poll_interval=0.5))
    store.sync()
    sb_dir = tmp_path / "sbx"
    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2, size="160x120")
    face = make_image(ffmpeg, tmp_path / "face.png")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.crash_child", str(isolated["qsettings"] / "verging.ini"),
                              str(sb_dir), str(clip), str(face)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line.startswith("PROCESSING "), child.stderr.read() if child.stderr else line
        old_url = line.split(" ", 1)[1]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert not list(downloads.iterdir()), "the job should still have been processing"

    ctl = harness.start("--sandbox-data", str(sb_dir))
    s = ctl.session
    assert s.in_sandbox and s.sandbox_url != old_url  # the same sandbox data, a new port
    jobs = ctl.ctx.jobs
    queue = loop.run_until_complete(jobs.ready())
    recs = queue.store.list(include_hidden=True)
    assert len(recs) == 1 and recs[0].remote_id
    rec = loop.run_until_complete(until(
        lambda: (r := queue.store.get(recs[0].local_id)) is not None and r.download_state is DownloadState.DONE and r,
        40, "the job to complete and download after the restart"))
    assert rec.status is LocalStatus.COMPLETED
    result = Path(rec.result_path)
    assert result.parent == downloads and result.name == "clip_faceswap.mp4" and result.stat().st_size > 1000
    assert s.sandbox.stats()["create_jobs"]["faceswap"] == 0  # found again, never sent again
    panel = queue_panel(loop, ctl)
    rows = loop.run_until_complete(until(lambda: (r := panel_rows(panel)) and "Completed" in r[0][2] and r, 10,
                                         "the queue panel to show the job completed"))
    assert len(rows) == 1 and rows[0][:2] == ("Face Swap", "clip.mp4")
    # let the panel's thumbnail load finish before the app shuts down
    loop.run_until_complete(until(lambda: not any(t.get_name().startswith("thumb-") for t in s.tasks.tasks), 10,
                                  "the thumbnails"))


def test_app_killed_while_vimmerse_processes_resumes_on_a_new_sandbox_port(harness, loop, store, isolated, ffmpeg,
                                                                         tmp_path, request) -> None:
    """The same with a Vimmerse crop: the job belongs to the sandbox instance's Vimmerse account, so
    the app started again finds it, reads it and saves its result; the new sandbox creates nothing."""
    forgive_multimedia_noise(request)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    store.save(Settings(download_dir=str(downloads), sandbox_speed=1.0, poll_interval=0.5))
    store.sync()
    sb_dir = tmp_path / "sbx"
    clip = make_clip(ffmpeg, tmp_path / "clip.mp4", seconds=2, size="160x120")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.crash_child", str(isolated["qsettings"] / "verging.ini"),
                              str(sb_dir), str(clip), "-", "vimmerse"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line.startswith("PROCESSING "), child.stderr.read() if child.stderr else line
        old_url = line.split(" ", 1)[1]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert not list(downloads.iterdir()), "the job should still have been processing"

    ctl = harness.start("--sandbox-data", str(sb_dir))
    s = ctl.session
    assert s.in_sandbox and s.sandbox_url != old_url
    vq = loop.run_until_complete(ctl.ctx.jobs.vimmerse_ready())
    recs = vq.store.list(include_hidden=True)
    assert len(recs) == 1 and recs[0].provider == "vimmerse" and recs[0].remote_id
    assert recs[0].account == vq.account  # the same account, whatever the port
    rec = loop.run_until_complete(until(
        lambda: (r := vq.store.get(recs[0].local_id)) is not None and r.download_state is DownloadState.DONE and r,
        60, "the crop to complete and download after the restart"))
    assert rec.status is LocalStatus.COMPLETED
    result = Path(rec.result_path)
    assert result.parent == downloads and result.name == "clip_cropped.mp4" and result.stat().st_size > 1000
    assert s.sandbox.vimmerse_stats()["created"].get("crop-to-aspect-ratio", 0) == 0  # never sent again
    panel = queue_panel(loop, ctl)
    loop.run_until_complete(until(lambda: (r := panel_rows(panel)) and "Completed" in r[0][2], 10,
                                  "the queue panel to show the job completed"))
    loop.run_until_complete(until(lambda: not any(t.get_name().startswith("thumb-") for t in s.tasks.tasks), 10,
                                  "the thumbnails"))
