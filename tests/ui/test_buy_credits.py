"""Buy credits: every button and link goes through one helper that always shows the address, with
a Copy button, so that a desktop where no browser opens still gets somewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.conftest import make_image
from tests.e2e.helpers import drop, open_tab, start_app
from verging_desktop.core.settings import BUY_CREDITS_URL
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.ui.dialogs.buy_credits import BuyCreditsDialog

from .conftest import run, until


def buy_windows():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, BuyCreditsDialog) and w.isVisible()]


def check_address_to_copy(qtbot, dlg, opened):
    assert dlg.isVisible()
    assert ("No web browser could be opened" in dlg.message.text()) is (not opened)
    assert dlg.address.text() == BUY_CREDITS_URL and dlg.address.isReadOnly()
    assert dlg.address.selectedText() == BUY_CREDITS_URL  # ready for Ctrl+C
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dlg.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == BUY_CREDITS_URL
    assert "Copied" in dlg.copied.text()


def test_no_browser_the_account_dialog_shows_the_address(harness, loop, qtbot):
    # the offscreen platform has no way to open a browser: the real QDesktopServices says so
    assert QDesktopServices.openUrl(QUrl(BUY_CREDITS_URL)) is False
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_account_dialog()
    qtbot.mouseClick(dlg.buy, Qt.MouseButton.LeftButton)
    wins = buy_windows()
    assert len(wins) == 1 and wins[0] is dlg.buy_window
    check_address_to_copy(qtbot, wins[0], opened=False)
    # a second click does not stack a second window
    qtbot.mouseClick(dlg.buy, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(buy_windows()) == 1)


def test_a_browser_opens_and_the_address_is_still_shown(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    opened = []
    dlg = ctl.window.open_account_dialog()
    dlg._open_url = lambda url: opened.append(url) or True
    qtbot.mouseClick(dlg.buy, Qt.MouseButton.LeftButton)
    assert opened == [QUrl(BUY_CREDITS_URL)]
    check_address_to_copy(qtbot, dlg.buy_window, opened=True)
    assert "opening in your web browser" in dlg.buy_window.message.text()


def test_the_menu_action_and_the_cost_bar_link_show_the_address(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    ctl.window.act_buy.trigger()
    wins = buy_windows()
    assert len(wins) == 1
    check_address_to_copy(qtbot, wins[0], opened=False)
    wins[0].close()
    qtbot.waitUntil(lambda: not buy_windows())

    # the cost bar's link (shown when the balance is short), clicked with the mouse
    ctl.session.sandbox.set_credits(DEMO_KEY, 0)
    run(loop, ctl.session.wait_refreshed())
    page = open_tab(loop, ctl, "Background Removal")
    assert drop(page.drop, [make_image(ffmpeg, tmp_path / "p.png")])
    run(loop, until(lambda: page.cost.buy.isVisible(), 10, "the buy link"))
    link = page.cost.buy
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=link.rect().center())
    qtbot.waitUntil(lambda: len(buy_windows()) == 1)
    check_address_to_copy(qtbot, buy_windows()[0], opened=False)
