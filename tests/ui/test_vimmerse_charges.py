"""A real Vimmerse job through the app's queue against the sandbox: the credits its asset reported
reach the status bar's Vimmerse line and the Vimmerse usage chart (no balance is ever invented)."""

from __future__ import annotations

from verging_desktop.jobs.store import LocalStatus

from .conftest import run, until, vimmerse_sandbox


def test_a_real_vimmerse_job_s_charge_reaches_the_status_line_and_the_chart(harness, loop, qtbot, tmp_path, ffmpeg):
    from tests.conftest import make_clip
    from verging_desktop.api.vimmerse import CropRequest
    from verging_desktop.core import plural
    from verging_desktop.services.vimmerse_cost import estimate_request

    ctl = harness.start("--sandbox")
    w, ctx = ctl.window, ctl.ctx
    sb = vimmerse_sandbox(ctl)
    before = sb.vimmerse_credits(sb.vimmerse_demo_key)
    clip = make_clip(ffmpeg, tmp_path / "wide.mp4", seconds=2.0)
    req = CropRequest(video_url=str(clip), aspect_ratio="9:16")
    est = run(loop, estimate_request(ctx.vimmerse, ctx.vimmerse_pricing, req, duration=2.0))
    # the account view shows Vimmerse's charges while the job runs: nothing yet
    dlg = w.open_account_dialog()
    dlg.show_provider("vimmerse")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "vimmerse", 10))
    assert dlg.history.entries == [] and dlg.chart.data is not None and dlg.chart.data.empty
    queue = run(loop, ctx.jobs.vimmerse_ready())
    rec = run(loop, queue.submit(req, input_name="wide.mp4", estimated=est.total, duration=2.0))
    done = run(loop, queue.wait([rec.local_id], timeout=60))
    assert done[0].status is LocalStatus.COMPLETED, done[0].error
    charged = before - sb.vimmerse_credits(sb.vimmerse_demo_key)
    assert charged > 0 and done[0].charged_credits == charged
    want = f"Vimmerse: {plural.credits(charged)} charged this month"
    loop.run_until_complete(until(lambda: w.status.provider_text("vimmerse") == want, 10, "the charge in the line"))
    # the view read the charge when it arrived
    loop.run_until_complete(until(lambda: dlg.chart.data is not None and dlg.chart.data.grand_total == charged, 10,
                                  "the charge in the chart"))
    entry = dlg.history.entries[0]
    assert entry.counted_by_server and entry.credits_consumed == charged and "wide.mp4" in entry.detail
