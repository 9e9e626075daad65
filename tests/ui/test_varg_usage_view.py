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
