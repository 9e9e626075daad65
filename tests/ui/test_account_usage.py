"""Account view: balance in credits and dollars, Buy credits, usage table paging and filter, chart."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, QUrl

from verging_desktop.core.settings import BUY_CREDITS_URL
from verging_desktop.sandbox import DEMO_KEY

from .conftest import until


def make_usage(loop, client, chats=23, tts=3):
    async def go():
        for i in range(chats):
            await client.chat([{"role": "user", "content": f"question {i}"}])
        for i in range(tts):
            await client.tts(f"line number {i}")

    loop.run_until_complete(go())


def test_usage_table_paging_and_filter(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    make_usage(loop, s.client)

    dlg = w.open_account_dialog()
    assert dlg.isVisible()
    # the sandbox has a Verging and a varg key: the view opens on every provider in dollars;
    # Verging's own view is one choice away
    assert dlg.provider == "all"
    dlg.show_provider("verging")

    def loaded(total):
        return lambda: dlg.page_info is not None and dlg.page_info.total == total and dlg.status.text() != "Loading…"

    loop.run_until_complete(until(loaded(26), 10, "page 1"))
    assert dlg.table.rowCount() == 20
    assert dlg.page_label.text() == "Page 1 of 2 · 26 records"
    assert not dlg.prev_button.isEnabled() and dlg.next_button.isEnabled()

    qtbot.mouseClick(dlg.next_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: dlg.page_info.page == 2 and dlg.table.rowCount() == 6, 10, "page 2"))
    assert dlg.page_label.text() == "Page 2 of 2 · 26 records"
    assert dlg.prev_button.isEnabled() and not dlg.next_button.isEnabled()

    # filter: text to speech only
    dlg.service_filter.setCurrentIndex(dlg.service_filter.findData("tts"))
    loop.run_until_complete(until(loaded(3), 10, "the tts filter"))
    assert dlg.table.rowCount() == 3 and dlg.page_info.page == 1
    assert {dlg.table.item(r, 1).text() for r in range(3)} == {"Text to Speech"}
    assert dlg.page_label.text() == "Page 1 of 1 · 3 records"

    # a filter with nothing says so
    dlg.service_filter.setCurrentIndex(dlg.service_filter.findData("vision"))
    loop.run_until_complete(until(loaded(0), 10, "the vision filter"))
    assert dlg.table.rowCount() == 0 and "No usage recorded for Vision" in dlg.status.text()

    # page size
    dlg.service_filter.setCurrentIndex(0)
    dlg.page_size.setCurrentIndex(dlg.page_size.findData(10))
    loop.run_until_complete(until(lambda: dlg.page_info is not None and dlg.page_info.page_size == 10
                                  and dlg.page_info.total == 26, 10))
    assert dlg.page_label.text() == "Page 1 of 3 · 26 records"

    # the chart: credits per day per service, today's bar has both services
    loop.run_until_complete(until(lambda: dlg.chart.data is not None and not dlg.chart.data.empty, 10, "the chart"))
    data = dlg.chart.data
    assert set(data.services) == {"chat", "tts"}
    spent = 1000 - s.sandbox.credits(DEMO_KEY)
    assert abs(data.total(len(data.days) - 1) - spent) < 1e-6
    assert "Chat" in dlg.chart.tooltip_text(len(data.days) - 1)
    img = dlg.chart.grab()
    assert not img.isNull() and img.width() > 300


def test_account_balance_in_credits_and_dollars_and_buy_credits(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    opened = []
    dlg = w.open_account_dialog()
    dlg._open_url = lambda url: opened.append(url)
    loop.run_until_complete(until(lambda: dlg.balance.text() == "1,000 credits", 10))
    assert dlg.email.text() == "demo@sandbox.verging.local"
    assert dlg.name.text() == "Sandbox Demo"
    # every provider's view (the sandbox has a varg key too): varg's balance in dollars under Verging's
    assert dlg.provider == "all"
    cents = s.sandbox.varg_balance(s.sandbox.varg_demo_key)
    loop.run_until_complete(until(lambda: "\n" in dlg.dollars.text(), 10, "varg's balance"))
    assert dlg.dollars.text() == f"worth about $18.87\nvarg balance: ${cents / 100:,.2f}"
    assert dlg.balance.text() == "1,000 credits"
    dlg.show_provider("verging")  # Verging's own view: its balance alone
    assert dlg.dollars.text() == f"worth about ${s.pricing.dollars(1000):,.2f}" == "worth about $18.87"
    assert dlg.mode_note.isVisible() and "nothing is charged" in dlg.mode_note.text()
    qtbot.mouseClick(dlg.buy, Qt.MouseButton.LeftButton)
    assert opened == [QUrl(BUY_CREDITS_URL)]

    # the balance follows paid actions while the dialog is open
    loop.run_until_complete(s.client.chat([{"role": "user", "content": "hi"}]))
    loop.run_until_complete(until(lambda: dlg.balance.text() != "1,000 credits", 10))
    assert dlg.balance.text() == w.status.balance.text()


def test_history_merges_ai_calls_and_job_charges_and_totals_the_balance_change(harness, store, loop, qtbot,
                                                                                 tmp_path, ffmpeg):
    """AI calls and jobs (one failing, refunded) in one run: the usage view's total is what the
    balance lost, the chart and the filter cover the job tools, each labelled by tool."""
    from tests.conftest import make_clip, make_image
    from tests.e2e.helpers import start_app
    from verging_desktop.jobs.store import LocalStatus

    ctl = start_app(harness, store, tmp_path / "downloads", speed=40.0)
    w, s = ctl.window, ctl.session
    before = s.sandbox.credits(DEMO_KEY)
    clip = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=3)
    face = make_image(ffmpeg, tmp_path / "face.png")
    still = make_image(ffmpeg, tmp_path / "still.png")
    make_usage(loop, s.client, chats=2, tts=1)

    queue = loop.run_until_complete(ctl.ctx.jobs.ready())

    async def jobs():
        a = await queue.submit_faceswap(clip, face, duration=3.0, hd=True)
        b = await queue.submit_enhance(clip, duration=3.0)
        c = await queue.submit_background_removal(still)
        d = await queue.submit_background_removal(still, input_name="still-sandbox-fail.png")
        return [a.local_id, b.local_id, c.local_id, d.local_id]

    ids = loop.run_until_complete(jobs())
    done = loop.run_until_complete(queue.wait(ids, timeout=60, download=False))
    assert [r.status for r in done] == [LocalStatus.COMPLETED] * 3 + [LocalStatus.FAILED]
    # the face swap (HD), the enhance and one background removal; the failed one is refunded
    assert sum(r.charged_credits or 0 for r in done[:3]) == 9 + 9 + 1
    after = s.sandbox.credits(DEMO_KEY)
    spent = before - after
    assert spent > 19

    dlg = w.open_account_dialog()
    dlg.show_provider("verging")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.balance.text() == f"{after:,.0f} credits"
                                  and dlg.page_info is not None, 10, "the history"))
    hist = dlg.history
    assert hist.jobs_from_server
    assert abs(hist.total() - spent) < 1e-6
    assert dlg.total_label.text().startswith(f"Total: {spent:,.0f} credits in 7 records")
    assert "19 credits on jobs" in dlg.total_label.text()
    assert dlg.page_info.total == 7 and dlg.table.rowCount() == 7
    tools = {dlg.table.item(r, 1).text() for r in range(7)}
    assert {"Face Swap", "Video Enhance", "Background Removal", "Chat", "Text to Speech"} == tools
    failed = [r for r in range(7) if dlg.table.item(r, 6).text() == "failed, refunded"]
    assert len(failed) == 1 and dlg.table.item(failed[0], 2).text() == "0 (1 refunded)"
    assert "still-sandbox-fail.png" in dlg.table.item(failed[0], 7).text()

    # the chart: the job tools stacked with the AI calls, today's bar is the whole balance change
    data = dlg.chart.data
    assert {"faceswap", "video_enhance", "background_removal", "chat", "tts"} == set(data.services)
    assert abs(data.total(len(data.days) - 1) - spent) < 1e-6
    assert data.service_total("faceswap") == 9 and data.service_total("background_removal") == 1
    tip = dlg.chart.tooltip_text(len(data.days) - 1)
    assert "Face Swap: 9" in tip and "Video Enhance: 9" in tip and f"{spent:,.0f} credits" in tip

    # the tool filter covers the jobs
    dlg.service_filter.setCurrentIndex(dlg.service_filter.findData("background_removal"))
    loop.run_until_complete(until(lambda: dlg.page_info.total == 2, 5, "the background removal filter"))
    assert {dlg.table.item(r, 1).text() for r in range(2)} == {"Background Removal"}
    assert dlg.total_label.text() == "Total: 1 credit in 2 records"
    dlg.service_filter.setCurrentIndex(dlg.service_filter.findData("faceswap"))
    loop.run_until_complete(until(lambda: dlg.page_info.total == 1, 5, "the face swap filter"))
    assert dlg.total_label.text() == "Total: 9 credits in 1 record"
    assert "holiday.mp4" in dlg.table.item(0, 7).text()

    # more spending while the dialog is open: the total follows the balance
    dlg.service_filter.setCurrentIndex(0)
    loop.run_until_complete(s.client.tts("one more line"))
    s.refresh_account()
    after2 = s.sandbox.credits(DEMO_KEY)
    loop.run_until_complete(until(lambda: abs(dlg.history.total() - (before - after2)) < 1e-6
                                  and dlg.page_info.total == 8, 10, "the reloaded history"))


def test_usage_counts_only_this_accounts_jobs_and_reloads_are_throttled(harness, loop, qtbot, tmp_path, ffmpeg):
    """The job list cannot be read: the total is this account's own job charges, never another
    profile's jobs in the same local store. A burst of balance changes reads the history once more,
    never two reads at a time."""
    from tests.conftest import make_image
    from verging_desktop.jobs.store import LocalStatus

    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    queue = loop.run_until_complete(ctl.ctx.jobs.ready())
    mine = loop.run_until_complete(queue.submit_background_removal(make_image(ffmpeg, tmp_path / "still.png")))
    (done,) = loop.run_until_complete(queue.wait([mine.local_id], timeout=60, download=False))
    assert done.status is LocalStatus.COMPLETED and done.charged_credits == 1
    assert queue.current_account
    # another profile's job, with a server id and a big charge, in the same local store
    other = queue.store.add(provider="verging", kind="background-removal", params={}, inputs=[], input_name="x.png",
                            base_url=queue.base_url, estimated_credits=50, account="verging:someone-else")
    queue.store.update(other.local_id, remote_id="elsewhere-1", status=LocalStatus.COMPLETED, charged_credits=50)
    s.sandbox.faults.error_rate = 1.0
    s.sandbox.faults.error_paths = ("/jobs/list-jobs",)
    # the job list is retried (a GET) and then given up: short waits between the tries
    from verging_desktop.api.retry import RetryPolicy
    s.client.retry = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.1)

    dlg = w.open_account_dialog()
    dlg.show_provider("verging")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.page_info is not None, 10, "the history"))
    assert not dlg.history.jobs_from_server
    assert dlg.history.total() == 1 and dlg.page_info.total == 1
    assert dlg.total_label.text() == "Total: 1 credit in 1 record"

    # a burst of balance changes: one more read, and never two in flight
    in_flight = []
    first = dlg.loads
    orig_spawn = s.spawn

    def spawn(coro, *, name=""):
        t = orig_spawn(coro, name=name)
        if name == "usage-history":
            in_flight.append(t)
            assert sum(not x.done() for x in in_flight) == 1, "two history reads at a time"
        return t

    s.spawn = spawn
    try:
        for _ in range(10):
            s.accountChanged.emit(s.account)
            loop.run_until_complete(asyncio.sleep(0.05))
        loop.run_until_complete(asyncio.sleep(1.5))
        loop.run_until_complete(until(lambda: all(t.done() for t in in_flight), 10, "the reload"))
    finally:
        s.spawn = orig_spawn
    assert dlg.loads - first == 1, dlg.loads - first


def test_with_only_a_verging_key_the_view_opens_on_verging_credits(harness, loop, qtbot, sandbox, monkeypatch):
    """Live mode with a Verging key and no other provider's key or job: the view opens on Verging's
    credits (the merged dollars add nothing then); choosing "All providers" shows the same spend in
    dollars at the price list's rate, and says which providers are not included."""
    key = "vrg_sk_" + "only" + "_test_0009"
    sandbox.add_key(key, email="solo@example.test", name="Solo", credits=300)
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("VERGING_API_KEY", key)
    ctl = harness.start()
    w, s = ctl.window, ctl.session
    make_usage(loop, s.client, chats=2, tts=1)
    spent = 300 - sandbox.credits(key)
    assert spent > 0

    dlg = w.open_account_dialog()
    assert dlg.provider == "verging"
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.page_info is not None
                                  and dlg.page_info.total == 3, 10, "Verging's history"))
    assert dlg.total_label.text() == f"Total: {spent:g} credits in 3 records"

    dlg.show_provider("all")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.merged
                                  and dlg.page_info is not None and dlg.page_info.total == 3, 10, "the merged view"))
    rate = s.pricing.usd_per_credit
    data = dlg.chart.data
    assert data.money and data.services == ["verging"]
    assert abs(data.values["verging"][-1] - spent * rate) < 1e-9 and sum(data.values["verging"][:-1]) == 0
    assert {dlg.table.item(r, 1).text() for r in range(3)} == {"Verging"}
    assert "Not included (no key): varg, Vimmerse." in dlg.source_note.text()
    assert data.note == "" and "Not in the dollar total" not in dlg.total_label.text()


def test_a_reload_due_as_the_app_quits_is_dropped(harness, loop, qtbot):
    """A charge lands just before quitting: the reload it scheduled fires after the session
    stopped taking tasks. It reads nothing, and nothing is raised in the Qt loop (seen on a slow
    CI machine as a teardown error)."""
    from verging_desktop.ui.dialogs.account import RELOAD_DELAY_MS

    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    dlg = w.open_account_dialog()
    dlg.show_provider("verging")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.page_info is not None, 10, "the history"))
    loads = dlg.loads
    with qtbot.captureExceptions() as raised:
        s.accountChanged.emit(s.account)  # the balance changed: a reload is due soon
        assert dlg._reload.isActive()
        loop.run_until_complete(s.core.cancel_tasks())  # the app quits before it fires
        loop.run_until_complete(asyncio.sleep(RELOAD_DELAY_MS / 1000 + 0.3))
        s.accountChanged.emit(s.account)  # and a change after that schedules nothing
        assert not dlg._reload.isActive()
    assert [str(e[1]) for e in raised] == []
    assert dlg.loads == loads
