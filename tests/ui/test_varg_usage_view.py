"""varg in the account and usage view: real varg jobs through the app's queue against the sandbox,
then varg's ``/usage`` in the table (model, capability, cents, "cache hit" at 0) and the chart in
cents, the balance in the header, and nothing added to Verging's or Vimmerse's credits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from verging_desktop.jobs.store import LocalStatus

from .conftest import run, until


def test_varg_rows_in_the_usage_view_with_a_free_cache_hit(harness, loop, qtbot):
    from verging_desktop.api.varg.models import VargRequest
    from verging_desktop.core.varg_models import find_model
    from verging_desktop.ui.dialogs.account import VARG_COLUMNS

    ctl = harness.start("--sandbox")
    w, s, ctx = ctl.window, ctl.session, ctl.ctx
    sb = s.sandbox
    assert sb is not None and ctx.varg.base_url == sb.varg_url.rstrip("/")
    sb.varg_job_seconds = 0.3
    queue = run(loop, ctx.jobs.varg_ready())
    req = VargRequest(kind="varg-image", model="flux-schnell", prompt="a lighthouse at dusk", aspect_ratio="1:1")
    before = sb.varg_balance(sb.varg_demo_key)
    done = []
    for _ in range(2):  # the second is the same request: varg's cache answers it, free
        rec = run(loop, queue.submit(req, input_name="lighthouse", estimated=3.0))
        done += run(loop, queue.wait([rec.local_id], timeout=60, download=False))
    assert [r.status for r in done] == [LocalStatus.COMPLETED] * 2, [r.error for r in done]
    assert done[1].params.get("cache") == "hit"
    charged = before - sb.varg_balance(sb.varg_demo_key)
    assert charged > 0

    # the Verging side spends too: its credits stay apart
    run(loop, s.client.chat([{"role": "user", "content": "hello"}]))

    # the status bar's varg line opens the account view on varg's charges
    loop.run_until_complete(until(lambda: w.status.provider_text("varg").startswith("varg: $"), 10, "the varg line"))
    qtbot.mouseClick(w.status.providers["varg"], Qt.MouseButton.LeftButton)
    dlg = w.account_dialog
    assert dlg is not None and dlg.isVisible() and dlg.provider == "varg"
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "varg"
                                  and len(dlg.history.entries) == 2, 15, "varg's usage"))
    assert dlg.history.jobs_from_server
    headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert headers == VARG_COLUMNS
    rows = [[dlg.table.item(r, c).text() for c in range(dlg.table.columnCount())] for r in range(dlg.table.rowCount())]
    assert len(rows) == 2
    col = {h: i for i, h in enumerate(headers)}
    hit = [r for r in rows if r[col["Cache"]] == "cache hit"]
    miss = [r for r in rows if r[col["Cache"]] == ""]
    assert len(hit) == 1 and len(miss) == 1
    assert hit[0][col["Cost"]] == "0\u00a0¢" and find_model(hit[0][col["Model"]]).id == "flux-schnell"  # fal:flux-schnell
    assert miss[0][col["Cost"]] == f"{charged:g}\u00a0¢" and miss[0][col["Capability"]] == "image"
    assert all(r[col["Tool"]] == "Image Generation" for r in rows)
    assert "lighthouse" in miss[0][col["Details"]]
    assert dlg.total_label.text().startswith(f"Total: {charged:g}\u00a0¢ (") and "1 cache hit, free" in dlg.total_label.text()

    # the chart is in cents and holds varg's charges only (not the Verging chat)
    data = dlg.chart.data
    assert data is not None and data.provider == "varg" and abs(data.grand_total - charged) < 1e-9
    assert "cents" in dlg.chart.title and "¢" in dlg.chart.tooltip_text(len(data.days) - 1)

    # the header: varg's balance in cents and dollars, and a link to varg.ai
    loop.run_until_complete(until(lambda: s.varg_balance is not None
                                  and abs(s.varg_balance.cents - sb.varg_balance(sb.varg_demo_key)) < 1e-9,
                                  10, "the varg balance"))
    dlg.show_varg_header()
    left = sb.varg_balance(sb.varg_demo_key)
    assert dlg.balance.text() == f"{left:,g}\u00a0¢" and dlg.dollars.text() == f"${left / 100:,.2f}"
    assert "varg.ai" in dlg.buy.text()

    # back to Verging: its own headers and credits, varg's cents never among them
    dlg.show_provider("verging")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "verging", 15))
    assert dlg.table.horizontalHeaderItem(2).text() == "Credits"
    assert all(e.provider == "verging" for e in dlg.history.entries)


def test_the_merged_view_in_dollars_with_a_row_per_provider(harness, loop, qtbot, tmp_path, ffmpeg):
    """Real Verging, varg and Vimmerse jobs on the sandbox: the view opens on "All providers (US
    dollars)", its chart stacks Verging's and varg's dollars with a legend per provider, Vimmerse's
    credits are listed apart with why; a cancelled varg job says cancelled, a cache hit says completed
    with "cache hit" in the Cache column only."""
    from tests.conftest import make_clip
    from verging_desktop.api.varg.models import VargRequest
    from verging_desktop.api.vimmerse import CropRequest
    from verging_desktop.sandbox import DEMO_KEY
    from verging_desktop.services.usage import PROVIDER_COLORS, money, provider_credits
    from verging_desktop.services.vimmerse_cost import estimate_request
    from verging_desktop.ui.dialogs.account import ALL_LABEL, MERGED_COLUMNS, VARG_COLUMNS

    from .conftest import vimmerse_sandbox

    ctl = harness.start("--sandbox")
    w, s, ctx = ctl.window, ctl.session, ctl.ctx
    sb = vimmerse_sandbox(ctl)
    sb.varg_job_seconds = 0.3
    credits0, cents0 = sb.credits(DEMO_KEY), sb.varg_balance(sb.varg_demo_key)
    vim0 = sb.vimmerse_credits(sb.vimmerse_demo_key)

    # Verging: an AI call
    run(loop, s.client.chat([{"role": "user", "content": "hello"}]))
    # varg: an image, the same again (varg's cache: free), a video cancelled at once
    vq = run(loop, ctx.jobs.varg_ready())
    img = VargRequest(kind="varg-image", model="flux-schnell", prompt="a red kite", aspect_ratio="1:1")
    done = []
    for _ in range(2):
        rec = run(loop, vq.submit(img, input_name="kite", estimated=3.0))
        done += run(loop, vq.wait([rec.local_id], timeout=60, download=False))
    assert [r.status for r in done] == [LocalStatus.COMPLETED] * 2 and done[1].params.get("cache") == "hit"
    sb.varg_job_seconds = 30.0
    video = run(loop, vq.submit(VargRequest(kind="varg-video", model="kling-v2.5", prompt="waves", duration=5),
                                input_name="waves", estimated=35.0))
    assert video.remote_id
    run(loop, vq.cancel(video.local_id))
    loop.run_until_complete(until(lambda: vq.store.get(video.local_id).status is LocalStatus.CANCELLED, 15,
                                  "the cancel"))
    # Vimmerse: a crop
    clip = make_clip(ffmpeg, tmp_path / "wide.mp4", seconds=2.0)
    crop = CropRequest(video_url=str(clip), aspect_ratio="9:16")
    est = run(loop, estimate_request(ctx.vimmerse, ctx.vimmerse_pricing, crop, duration=2.0))
    mq = run(loop, ctx.jobs.vimmerse_ready())
    rec = run(loop, mq.submit(crop, input_name="wide.mp4", estimated=est.total, duration=2.0))
    assert run(loop, mq.wait([rec.local_id], timeout=60))[0].status is LocalStatus.COMPLETED
    spent_credits = credits0 - sb.credits(DEMO_KEY)
    spent_cents = cents0 - sb.varg_balance(sb.varg_demo_key)
    vim_credits = vim0 - sb.vimmerse_credits(sb.vimmerse_demo_key)
    assert spent_credits > 0 and spent_cents > 0 and vim_credits > 0

    dlg = w.open_account_dialog()
    assert dlg.provider == "all" and dlg.provider_filter.currentText() == ALL_LABEL == "All providers (US dollars)"
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.merged and dlg.page_info is not None
                                  and {e.provider for e in dlg.history.entries} == {"verging", "varg", "vimmerse"}
                                  and len([e for e in dlg.history.entries if e.provider == "varg"]) == 3,
                                  20, "every provider's usage"))
    headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert headers == MERGED_COLUMNS
    col = {h: i for i, h in enumerate(headers)}
    rows = [[dlg.table.item(r, c).text() for c in range(dlg.table.columnCount())] for r in range(dlg.table.rowCount())]
    assert {r[col["Provider"]] for r in rows} == {"Verging", "varg", "Vimmerse"}
    varg_rows = [r for r in rows if r[col["Provider"]] == "varg"]
    cancelled = [r for r in varg_rows if r[col["Status"]] == "cancelled"]
    assert len(cancelled) == 1 and cancelled[0][col["Amount"]] == "0\u00a0¢"
    # the prompt first, then the model, the job's id last (a narrow column cuts the id, not the name)
    assert cancelled[0][col["Details"]].startswith("waves · fal:kling-v2.5 · job ")
    hit = [r for r in varg_rows if r[col["Cache"]] == "cache hit"]
    assert len(hit) == 1 and hit[0][col["Status"]] == "completed" and hit[0][col["Amount"]] == "0\u00a0¢"
    assert "cache hit" not in {r[col["Status"]] for r in rows}
    miss = [r for r in varg_rows if r[col["Cache"]] == "" and r[col["Status"]] == "completed"]
    assert len(miss) == 1 and miss[0][col["US dollars"]] == money(spent_cents / 100)
    (vim,) = [r for r in rows if r[col["Provider"]] == "Vimmerse"]
    assert vim[col["US dollars"]] == "—" and vim[col["Amount"]] == provider_credits("vimmerse", vim_credits)
    assert "Vimmerse credit" in vim[col["Amount"]]

    # the chart: a series per provider with a dollar price, legend labels, Vimmerse apart with why
    rate = s.pricing.usd_per_credit
    data = dlg.chart.data
    today = len(data.days) - 1
    assert data.money and data.services == ["verging", "varg"]
    assert [data.label(p) for p in data.services] == ["Verging", "varg"]
    assert abs(data.values["verging"][today] - spent_credits * rate) < 1e-9
    assert abs(data.values["varg"][today] - spent_cents / 100) < 1e-9
    assert data.apart == {"vimmerse": vim_credits} and "no dollar price" in data.note
    assert "US dollars" in dlg.chart.title
    tip = dlg.chart.tooltip_text(today)
    assert f"Verging: {money(spent_credits * rate)}" in tip and f"varg: {money(spent_cents / 100)}" in tip
    assert not dlg.chart.grab().isNull()
    assert "Vimmerse publishes no dollar price" in dlg.source_note.text()
    total = spent_credits * rate + spent_cents / 100
    assert dlg.total_label.text().startswith(f"Total: {money(total)} in {len(rows)} records (Verging ")
    assert dlg.total_label.text().endswith(f". Not in the dollar total: {provider_credits('vimmerse', vim_credits)}")
    assert "1 cache hit, free" in dlg.total_label.text()

    # what a person sees: one line per row (the details whole in the tooltip), both providers' colours
    # painted in the chart, and the dialog within the screen (its Close button on it)
    assert not dlg.table.wordWrap()
    r0 = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, col["Details"]).text())
    assert dlg.table.item(r0, col["Details"]).toolTip() == dlg.table.item(r0, col["Details"]).text()
    img = dlg.chart.grab().toImage()
    painted = {img.pixelColor(x, y).name() for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)}
    assert {PROVIDER_COLORS["verging"], PROVIDER_COLORS["varg"]} <= painted
    assert PROVIDER_COLORS["vimmerse"] not in painted
    avail = dlg.screen().availableGeometry()
    assert dlg.width() <= avail.width() and dlg.height() <= avail.height()

    # varg's own view: the same statuses (cancelled, and completed for the hit)
    dlg.show_provider("varg")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "varg"
                                  and dlg.table.rowCount() == 3, 15, "varg's view"))
    headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert headers == VARG_COLUMNS
    col = {h: i for i, h in enumerate(headers)}
    rows = [[dlg.table.item(r, c).text() for c in range(dlg.table.columnCount())] for r in range(3)]
    assert sorted((r[col["Status"]], r[col["Cache"]]) for r in rows) == [
        ("cancelled", ""), ("completed", ""), ("completed", "cache hit")]


def test_the_merged_chart_with_only_vimmerse_credits_says_what_it_leaves_out(harness, loop, qtbot, tmp_path, ffmpeg):
    """Only a Vimmerse job was charged: no bar can be drawn in dollars, and the chart's message says
    what Vimmerse charged and why it is not in dollars, wrapped (never cut), instead of a blank chart."""
    from tests.conftest import make_clip
    from verging_desktop.api.vimmerse import CropRequest
    from verging_desktop.services.usage import provider_credits
    from verging_desktop.services.vimmerse_cost import estimate_request

    from .conftest import vimmerse_sandbox

    ctl = harness.start("--sandbox")
    w, ctx = ctl.window, ctl.ctx
    sb = vimmerse_sandbox(ctl)
    vim0 = sb.vimmerse_credits(sb.vimmerse_demo_key)
    clip = make_clip(ffmpeg, tmp_path / "wide.mp4", seconds=2.0)
    crop = CropRequest(video_url=str(clip), aspect_ratio="9:16")
    est = run(loop, estimate_request(ctx.vimmerse, ctx.vimmerse_pricing, crop, duration=2.0))
    mq = run(loop, ctx.jobs.vimmerse_ready())
    rec = run(loop, mq.submit(crop, input_name="wide.mp4", estimated=est.total, duration=2.0))
    assert run(loop, mq.wait([rec.local_id], timeout=60))[0].status is LocalStatus.COMPLETED
    spent = vim0 - sb.vimmerse_credits(sb.vimmerse_demo_key)
    assert spent > 0

    dlg = w.open_account_dialog()
    assert dlg.provider == "all"
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.merged
                                  and dlg.page_info is not None and dlg.page_info.total == 1, 20, "the merged view"))
    data = dlg.chart.data
    assert data.empty and data.apart == {"vimmerse": spent}
    assert dlg.chart.message == (f"Nothing spent in US dollars in the last 14 days. Vimmerse charged "
                                 f"{provider_credits('vimmerse', spent)} (Vimmerse publishes no dollar price for its "
                                 "credits).")
    assert dlg.total_label.text() == ("Total: $0.00 in 1 record. Not in the dollar total: "
                                      f"{provider_credits('vimmerse', spent)}")
    dlg.grab().save(str(tmp_path / "empty.png"))
