"""The app's Vimmerse queue (JobsService/JobsCore): on the same store as the Verging queue, for the
session's Vimmerse connection with a client of its own, replaced when the mode or the Vimmerse
key changes, stopped before the HTTP clients close; its jobs in the Job Queue panel."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_clip
from tests.e2e.helpers import panel_rows, queue_panel
from tests.ui.conftest import run, until, vimmerse_sandbox
from verging_desktop.api.vimmerse import CropRequest
from verging_desktop.core.errors import InputError
from verging_desktop.core.settings import Settings
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.jobs.words import tool_text


def test_the_vimmerse_queue_follows_the_session(harness, loop, store, ffmpeg, tmp_path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    store.save(Settings(download_dir=str(downloads), sandbox_speed=20.0, poll_interval=0.5))
    ctl = harness.start("--sandbox-data", str(tmp_path / "sbx"))  # the same sandbox data when entered again
    jobs = ctl.ctx.jobs
    sb = vimmerse_sandbox(ctl)
    vq = run(loop, jobs.vimmerse_ready())
    assert jobs.vimmerse_queue is vq and vq.store is jobs.store  # one history
    assert vq.account == ctl.session.core.vimmerse_account and vq.account.startswith("vimmerse|")
    assert vq.client is not ctl.ctx.vimmerse and vq.client.base_url == ctl.ctx.vimmerse.base_url  # its own client
    clip = make_clip(ffmpeg, tmp_path / "street.mp4", seconds=1, size="320x180")

    rec = run(loop, vq.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                              estimated=3, duration=1.0))
    done = run(loop, until(lambda: (r := vq.store.get(rec.local_id)) is not None
                           and r.download_state is DownloadState.DONE and r, 60, "the crop to be saved"))
    assert Path(done.result_path) == downloads / "street_cropped.mp4"  # where the app saves results
    assert sb.vimmerse_stats()["created"].get("crop-to-aspect-ratio") == 1
    panel = queue_panel(loop, ctl)
    assert panel.vimmerse is vq
    rows = run(loop, until(lambda: (r := panel_rows(panel)) and "Completed" in r[0][2] and r, 10, "the row"))
    assert rows[0][:2] == (tool_text("vimmerse-crop"), "street.mp4")

    # leaving the sandbox: another store, a Vimmerse queue without a key, the old one stopped first
    old_client = vq.client
    run(loop, ctl.session.leave_sandbox())
    live = run(loop, jobs.vimmerse_ready())
    assert live is not vq and live.store is jobs.store and live.store is not vq.store
    assert old_client.closed and not vq._running
    assert live.account is None
    with pytest.raises(InputError, match="Vimmerse API key"):
        run(loop, live.submit(CropRequest(video_url=str(clip)), input_name=clip.name, estimated=3))
    assert live.store.list() == []  # nothing recorded, nothing sent
    dock = ctl.window.queue_page.content
    run(loop, until(lambda: dock.panel is not None and dock.panel is not panel and panel_rows(dock.panel) == [], 10,
                    "the live queue's empty panel"))

    # and back (a new port, the same data): the sandbox's store again, its Vimmerse job where it was
    run(loop, ctl.session.start_sandbox())
    again = run(loop, jobs.vimmerse_ready())
    assert again.account == vq.account and again.store.get(rec.local_id).status is LocalStatus.COMPLETED
    run(loop, until(lambda: dock.panel is not None and dock.panel.vimmerse is again
                    and len(panel_rows(dock.panel)) == 1, 10, "the sandbox's panel"))
    client = again.client
    run(loop, jobs.stop())
    assert jobs.vimmerse_queue is None and not again._running and client.closed
