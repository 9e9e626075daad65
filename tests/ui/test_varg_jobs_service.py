"""The app's varg queue (JobsService/JobsCore): on the same store as the Verging queue, for the
session's varg connection with a client of its own, its running limit from the settings' plan;
its jobs in the Job Queue panel, whose Cancel on varg sends DELETE /jobs/{id}."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.helpers import panel_rows, queue_panel
from tests.ui.conftest import run, until
from verging_desktop.api.varg.models import VargRequest
from verging_desktop.core.settings import Settings
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.jobs.words import tool_text


def test_the_varg_queue_follows_the_session_and_the_panel_cancels_on_varg(harness, loop, store, tmp_path) -> None:
    downloads = tmp_path / "varg downloads"
    downloads.mkdir(exist_ok=True)
    store.save(Settings(download_dir=str(downloads), varg_plan="free"))
    ctl = harness.start("--sandbox-data", str(tmp_path / "sbx"))
    jobs = ctl.ctx.jobs
    sb = ctl.session.sandbox
    assert sb is not None
    sb.varg_job_seconds = 0.5
    gq = run(loop, jobs.varg_ready())
    assert jobs.varg_queue is gq and jobs.queue_of("varg") is gq and gq.store is jobs.store  # one history
    assert gq.account and gq.account.startswith("varg|") and gq.max_running == 2
    assert gq.client is not ctl.session.core.varg  # its own client, for this connection

    rec = run(loop, gq.submit(VargRequest(kind="varg-image", model="flux-schnell", prompt="a fox in the app"),
                              input_name="fox.png", estimated=0.3))
    done = run(loop, until(lambda: (r := gq.store.get(rec.local_id)) is not None
                           and r.download_state is DownloadState.DONE and r, 60, "the image to be saved"))
    assert Path(done.result_path) == downloads / "fox_image.png"
    panel = queue_panel(loop, ctl)
    assert panel.varg is gq
    rows = run(loop, until(lambda: (r := panel_rows(panel)) and "Completed" in r[0][2] and r, 10, "the row"))
    assert rows[0][:2] == (tool_text("varg-image"), "fox.png")

    # the plan in the settings is the queue's limit
    ctl.session.apply_settings(Settings(download_dir=str(downloads), varg_plan="pro"))
    assert gq.max_running == 10

    # Cancel on varg in the panel: DELETE /jobs/{id}
    sb.varg_job_seconds = 3600
    slow = run(loop, gq.submit(VargRequest(kind="varg-image", model="flux-schnell", prompt="a slow fox"),
                               input_name="slow.png", estimated=0.3))
    run(loop, until(lambda: len(panel_rows(panel)) == 2, 10, "the second row"))
    panel.view.selectRow(0)  # newest first
    assert panel.selected()[0].local_id == slow.local_id
    assert panel.actions["cancel"].isEnabled() and not panel.actions["stop"].isEnabled()
    panel.actions["cancel"].trigger()
    run(loop, until(lambda: gq.store.get(slow.local_id).status is LocalStatus.CANCELLED, 20, "the cancel"))
    assert sb.varg_stats()["requests"]["DELETE /jobs/{id}"] == 1
    assert gq.store.get(slow.local_id).error == "Cancelled on varg."

    # Retry sends the cancelled job again as a new job (asked first), once
    asked: list[str] = []
    panel.confirm = lambda text, yes: (asked.append(text), yes())
    sb.varg_job_seconds = 0.5
    run(loop, until(lambda: panel.selected() and panel.selected()[0].status is LocalStatus.CANCELLED, 10, "the row"))
    run(loop, until(lambda: panel.actions["retry"].isEnabled(), 10, "Retry for the cancelled job"))
    panel.actions["retry"].trigger()
    run(loop, until(lambda: gq.store.get(slow.local_id).params.get("resent_as"), 20, "the job sent again"))
    assert "varg charges again" in asked[0]
    again = gq.store.get(gq.store.get(slow.local_id).params["resent_as"])
    assert again.remote_id and sb.varg_stats()["requests"]["POST /image"] == 3
    client = gq.client
    run(loop, jobs.stop())
    assert jobs.varg_queue is None and not gq._running and client.closed
