"""Account view: balance in credits and dollars, Buy credits, usage table paging and filter, chart."""

from __future__ import annotations

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
    assert {dlg.table.item(r, 1).text() for r in range(3)} == {"Text to speech"}
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
    assert dlg.dollars.text() == f"worth about ${s.pricing.dollars(1000):,.2f}" == "worth about $18.87"
    assert dlg.mode_note.isVisible() and "nothing is charged" in dlg.mode_note.text()
    qtbot.mouseClick(dlg.buy, Qt.MouseButton.LeftButton)
    assert opened == [QUrl(BUY_CREDITS_URL)]

    # the balance follows paid actions while the dialog is open
    loop.run_until_complete(s.client.chat([{"role": "user", "content": "hi"}]))
    loop.run_until_complete(until(lambda: dlg.balance.text() != "1,000 credits", 10))
    assert dlg.balance.text() == w.status.balance.text()
