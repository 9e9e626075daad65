"""Video Enhance with Vimmerse as its provider, end to end against the sandbox through the real app:
both providers' costs are shown side by side for the trimmed clip (each in its own credits, each
saying where it comes from), Vimmerse's mode and compression are sent as chosen, the result is
really upscaled (PyAV), the charge equals the estimate, and the compare view shows it. Verging's
path is tests/ui/test_tool_video_enhance.py, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import make_clip
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, panel_rows, queue_panel, start_app
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.media.probe import aprobe
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def wait_done(loop, ctl, ids, timeout=60):
    st = ctl.ctx.jobs.queue.store
    run(loop, until(lambda: all(st.get(i).status is LocalStatus.COMPLETED
                                and st.get(i).download_state is DownloadState.DONE for i in ids), timeout,
                    "jobs completed and downloaded"))


def test_both_costs_side_by_side_then_a_vimmerse_2x_enhance(harness, store, loop, qtbot, tmp_path, ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "night street.mp4", seconds=8, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Video Enhance")
    panel = queue_panel(loop, ctl)
    assert page.provider == "verging" and page.hd_box.isVisible() and not page.vim_options.isVisible()
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None, 15, "trimmer"))
    page.trimmer.set_selection(1.0, 7.0)  # 6 s: 6 s x 3 credits/s at Verging, two 5 s blocks at Vimmerse
    # both estimates at once, in their own credits, each saying where it comes from
    run(loop, until(lambda: page.vimmerse_cost.text().startswith("Cost: 24 Vimmerse credits"), 10, "Vimmerse's cost"))
    assert page.cost.text().startswith("Cost: 18 credits (6 s x 3 credits/s) · Balance: 1,000 credits")
    assert "(local price table, editable in Settings)" in page.vimmerse_cost.text()  # 4X&DeepClean: 12 a block
    assert page.cost.isVisible() and page.vimmerse_cost.isVisible()
    assert page.submit_button.text() == "Enhance (18 credits)"
    # choose Vimmerse (with the keyboard), then 2X at compression 0.3
    page.vimmerse_radio.setFocus()
    qtbot.keyClick(page.vimmerse_radio, Qt.Key.Key_Space)
    assert page.provider == "vimmerse" and page.vim_options.isVisible() and not page.hd_box.isVisible()
    page.set_vimmerse_mode("2X")
    page.compression.setValue(6)
    assert page.compression_label.text() == "0.3"
    run(loop, until(lambda: page.vimmerse_cost.text().startswith("Cost: 10 Vimmerse credits"), 10, "2X's cost"))
    assert page.cost.text().startswith("Cost: 18 credits")  # Verging's stays beside it
    assert page.submit_button.text() == "Enhance with Vimmerse (10 credits)"
    before_verging = sb.stats()["create_jobs"].get("video_enhance", 0)
    said: list[str] = []  # the status bar's lines from here on
    ctl.ctx.session.message.connect(said.append)
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    rec = ctl.ctx.jobs.queue.store.get(lid)
    assert rec.kind == "vimmerse-enhance" and rec.provider == "vimmerse"
    run(loop, until(lambda: any(r[0].startswith("Video Enhance") for r in panel_rows(panel)), 10, "queue row"))
    wait_done(loop, ctl, [lid])
    rec = ctl.ctx.jobs.queue.store.get(lid)
    asset = run(loop, ctl.ctx.vimmerse.asset(rec.remote_id))
    assert asset.args["enhance_mode"] == "2X" and asset.args["compression_scale"] == "0.3"
    assert rec.estimated_credits == rec.charged_credits == asset.credits == 10
    assert sb.vimmerse_stats()["created"] == {"enhance": 1}
    assert sb.stats()["create_jobs"].get("video_enhance", 0) == before_verging  # nothing went to Verging
    assert sb.credits(DEMO_KEY) == 1000
    info = run(loop, aprobe(rec.result_path))
    assert (info.display_width, info.display_height) == (320, 240)
    # the charge in Vimmerse's credits, in the result panel and the queue; the status bar tells the end
    end = "Video Enhance · Vimmerse finished: night street.mp4, saved (charged 10 Vimmerse credits)."
    run(loop, until(lambda: end in said, 10, f"the job's end in the status bar, not {said!r}"))
    assert said.index(end) > max(i for i, m in enumerate(said) if "queued" in m or "Sending" in m), said
    res = page.result
    run(loop, until(lambda: res.charge.text() == "Estimated 10 Vimmerse credits · charged 10 Vimmerse credits", 10,
                    f"the charge, not {res.charge.text()!r}"))
    row = next(r for r in panel_rows(panel) if r[0].startswith("Video Enhance"))
    assert row[3] == "10 est. / 10 charged (Vimmerse credits)", row
    c = res.compare
    run(loop, until(lambda: res.result_path is not None and c.duration() > 0, 20, "compare loaded"))
    run(loop, until(lambda: c.info.full_text() == "Original 160×120 · Result 320×240", 10, "sizes"))
    out = res.save_to(tmp_path / "enhanced.mp4")
    assert out is not None and out.is_file()
    # at 1024x700 with Vimmerse's options and both costs, nothing overlaps or is cut off
    from tests.ui.layout_check import format_problems, layout_problems

    ctl.window.resize(1024, 700)
    run(loop, until(lambda: ctl.window.width() == 1024, 5, "resized"))
    run(loop, until(lambda: not layout_problems(ctl.window, skip=[ctl.window.queue_dock]), 5,
                    format_problems(layout_problems(ctl.window, skip=[ctl.window.queue_dock]), "1024x700")))
    # back to Verging: its own options again, nothing else changed
    page.set_provider("verging")
    assert page.hd_box.isVisible() and page.submit_button.text() == "Enhance (18 credits)"


def test_vimmerse_deepclean_keeps_the_size_and_charges_its_estimate(harness, store, loop, qtbot, tmp_path,
                                                                     ffmpeg):
    video = make_clip(ffmpeg, tmp_path / "grainy.mp4", seconds=2, size="160x120", gop=25)
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Video Enhance")
    page.set_provider("vimmerse")
    page.set_vimmerse_mode("DeepClean")
    assert drop(page.video_drop, [video])
    run(loop, until(lambda: page.submit_button.isEnabled(), 20, "ready to send"))
    assert page.submit_button.text() == "Enhance with Vimmerse (4 credits)"
    page.submit_button.click()
    run(loop, until(lambda: page.rows, 30, "sent"))
    lid = next(iter(page.rows))
    wait_done(loop, ctl, [lid])
    rec = ctl.ctx.jobs.queue.store.get(lid)
    assert rec.estimated_credits == rec.charged_credits == 4
    info = run(loop, aprobe(rec.result_path))
    assert (info.display_width, info.display_height) == (160, 120)
    assert Path(rec.result_path).is_file()
