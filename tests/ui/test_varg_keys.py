"""varg in the account parts of the app, with real widgets against a real sandbox: its key in Manage
API keys (checked with GET /me before it is saved), the user's own provider keys (masked, in their
own keyring services, on the client only, removable), the status bar's varg balance in dollars
(read at a switch and after each varg job; red on a refused key), and sandbox mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea

from verging_desktop.core.providers import VARG, byok_key

from .conftest import run, until

# made-up keys, built at run time for these tests only
GOOD = "varg_" + "ui" * 10
UNKNOWN = "varg_" + "nope" * 5
FAL = "fal-ui-" + "f" * 20
VERGING_LIKE = "vrg_sk_" + "v" * 16


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def glive(sandbox, monkeypatch):
    """The app in live mode against a local sandbox that knows one varg key."""
    sandbox.add_varg_key(GOOD, cents=1234)
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("VIMMERSE_BASE_URL", sandbox.vimmerse_url)
    monkeypatch.setenv("VARG_BASE_URL", sandbox.varg_url)
    return sandbox


def add_varg_key(qtbot, loop, page, name, key):
    page.name_edit.clear()
    qtbot.keyClicks(page.name_edit, name)
    page.key_edit.clear()
    qtbot.keyClicks(page.key_edit, key)
    click(qtbot, page.save_button)
    loop.run_until_complete(until(lambda: page.add_status.property("kind") in ("ok", "error") and page._busy == 0,
                                  15, "the varg key to be checked"))


def save_byok(qtbot, loop, page, kid, key):
    row = page.byok[kid]
    row.edit.clear()
    qtbot.keyClicks(row.edit, key)
    page.byok_status.setText("")
    page.byok_status.setProperty("kind", "")
    click(qtbot, row.save)
    loop.run_until_complete(until(lambda: page.byok_status.property("kind") in ("ok", "error") and page._busy == 0,
                                  15, "the provider key to be saved"))


def files_containing(roots, *secrets: str) -> list[Path]:
    hits = []
    for root in roots:
        for p in Path(root).rglob("*"):
            if p.is_file():
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                if any(s.encode() in data for s in secrets):
                    hits.append(p)
    return hits


def test_a_varg_key_and_a_fal_key_are_added_masked_and_removed(harness, loop, qtbot, glive, memory_keyring,
                                                               isolated):
    ctl = harness.start()
    w, s, ctx = ctl.window, ctl.session, ctl.ctx
    status = w.status
    assert status.provider_text("varg") == "varg: add a key"
    assert not ctx.has_key("varg") and ctx.varg.base_url == glive.varg_url.rstrip("/")

    # the line opens Manage API keys on its varg tab
    click(qtbot, status.providers["varg"])
    dlg = w.keys_dialog
    assert dlg is not None and dlg.isVisible() and dlg.tabs.currentWidget() is dlg.varg
    page = dlg.varg
    assert page.key_edit.echoMode() == QLineEdit.EchoMode.Password

    # a key varg refuses: checked with GET /me, not saved
    add_varg_key(qtbot, loop, page, "typo", UNKNOWN)
    assert page.add_status.property("kind") == "error"
    assert "refused" in page.add_status.text() and UNKNOWN not in page.add_status.text()
    assert glive.varg_stats()["requests"].get("GET /me", 0) >= 1
    assert not [k for k in memory_keyring.store if k[0] == VARG.keyring_service]

    # a good key: saved, in use, and the status bar shows the balance in dollars
    client = ctx.varg
    add_varg_key(qtbot, loop, page, "studio", GOOD)
    assert page.add_status.property("kind") == "ok", page.add_status.text()
    assert memory_keyring.store[(VARG.keyring_service, "studio")] == GOOD
    assert ctx.varg is client and client.api_key == GOOD and ctx.has_key("varg")
    loop.run_until_complete(until(lambda: status.provider_text("varg") == "varg: $12.34", 10, "the varg balance"))
    assert "1,234 cents" in status.providers["varg"].toolTip()
    assert s.varg_account.startswith("varg|127.0.0.1:")
    # the Verging side did not change
    assert not ctx.has_key("verging") and s.keystore.names() == []

    # a fal key: a masked field, refused when it is another provider's key
    row = page.byok["fal"]
    assert row.edit.echoMode() == QLineEdit.EchoMode.Password
    assert row.state.text() == "not set" and not row.remove.isEnabled()
    save_byok(qtbot, loop, page, "fal", VERGING_LIKE)
    assert page.byok_status.property("kind") == "error" and "Verging key" in page.byok_status.text()
    assert VERGING_LIKE not in page.byok_status.text() and ctx.byok_keys() == frozenset()
    save_byok(qtbot, loop, page, "fal", GOOD)  # the varg key pasted as fal's
    assert page.byok_status.property("kind") == "error" and "varg key" in page.byok_status.text()
    fal_service = byok_key("fal").keyring_service
    assert not [k for k in memory_keyring.store if k[0] == fal_service]

    save_byok(qtbot, loop, page, "fal", FAL)
    assert page.byok_status.property("kind") == "ok", page.byok_status.text()
    assert "checked by the provider when first used" in page.byok_status.text()
    assert row.edit.text() == ""
    assert FAL not in row.state.text() and row.state.text().startswith("…" + FAL[-4:])
    assert "OS keyring" in row.state.text() and row.remove.isEnabled()
    assert [v for (svc, _), v in memory_keyring.store.items() if svc == fal_service] == [FAL]
    assert ctx.byok_keys() == frozenset({"fal"})
    assert client.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
    assert "fal" in status.providers["varg"].toolTip()

    # never in a file under the config, data or log folders
    assert files_containing(isolated.values(), GOOD, FAL, UNKNOWN) == []

    # removed: gone from the keyring and from the client
    click(qtbot, row.remove)
    loop.run_until_complete(until(lambda: page.byok_status.property("kind") == "ok" and page._busy == 0
                                  and "Removed" in page.byok_status.text(), 10, "the fal key to go"))
    assert ctx.byok_keys() == frozenset() and client.byok_headers("kling-v2.5") == {}
    assert not [k for k in memory_keyring.store if k[0] == fal_service]
    assert row.state.text() == "not set" and not row.remove.isEnabled()


def test_a_refused_varg_key_is_a_red_status_line(harness, loop, qtbot, glive, memory_keyring, isolated):
    from verging_desktop.core.keystore import KeyStore

    # stored by an earlier run; varg does not know it (any more)
    KeyStore(isolated["config"], provider=VARG).add("old", UNKNOWN)
    ctl = harness.start()
    status = ctl.window.status
    assert not ctl.window.showing_welcome  # a varg profile is a key: no welcome page
    loop.run_until_complete(until(lambda: status.provider_text("varg") == "varg: key problem", 10,
                                  "the refused key to show"))
    assert status.providers["varg"].property("kind") == "error"
    tip = status.providers["varg"].toolTip()
    assert "'old'" in tip and "refused" in tip and UNKNOWN not in tip
    # the click opens the varg tab of the keys dialog, which says it too
    click(qtbot, status.providers["varg"])
    dlg = ctl.window.keys_dialog
    assert dlg is not None and dlg.tabs.currentWidget() is dlg.varg
    assert "refused" in dlg.varg.profile_status.text()


def test_sandbox_mode_shows_the_sandbox_balance_and_reads_it_after_a_job(harness, loop, qtbot, memory_keyring):
    ctl = harness.start("--sandbox")
    s, ctx, status = ctl.session, ctl.ctx, ctl.window.status
    loop.run_until_complete(until(lambda: status.provider_text("varg") == "varg: $50.00", 20,
                                  "the sandbox's varg balance"))
    sb = s.sandbox
    assert ctx.varg.base_url == sb.varg_url.rstrip("/") and ctx.varg.api_key == sb.varg_demo_key
    assert "Sandbox" in status.providers["varg"].toolTip()
    # a job's charge shows after the job: the balance is read again when a varg job ends
    from verging_desktop.api.varg.models import VargRequest

    reads = sb.varg_stats()["requests"].get("GET /balance", 0)

    async def job():
        queue = await ctx.jobs.varg_ready()
        rec = await queue.submit(VargRequest(kind="varg-image", model="flux-schnell", prompt="a red fox"),
                                 input_name="a red fox", estimated=None)
        await queue.wait([rec.local_id], timeout=30)
        return rec

    run(loop, job())
    after = sb.varg_balance(sb.varg_demo_key)
    assert after < 5000  # the sandbox charged the image
    loop.run_until_complete(until(lambda: status.provider_text("varg") == f"varg: ${after / 100:,.2f}", 10,
                                  "the balance read again after the job"))
    assert sb.varg_stats()["requests"].get("GET /balance", 0) > reads


def test_the_settings_dialog_sets_the_varg_server_and_plan(qtbot, store, monkeypatch):
    from verging_desktop.core.pricing import Pricing
    from verging_desktop.core.settings import Settings
    from verging_desktop.ui.dialogs.settings import SettingsDialog

    monkeypatch.delenv("VARG_BASE_URL", raising=False)
    dlg = SettingsDialog(Settings(), Pricing.default())
    qtbot.addWidget(dlg)
    assert dlg.varg_url.text() == "" and dlg.varg_plan.currentData() == "free"
    assert not dlg.varg_running.isEnabled() and dlg.varg_running.value() == 2
    dlg.varg_plan.setCurrentIndex(dlg.varg_plan.findData("pro"))
    assert dlg.varg_running.value() == 10 and not dlg.varg_running.isEnabled()
    dlg.varg_plan.setCurrentIndex(dlg.varg_plan.findData("custom"))
    assert dlg.varg_running.isEnabled()
    dlg.varg_running.setValue(6)
    qtbot.keyClicks(dlg.varg_url, "http://127.0.0.1:1/varg/v1")
    got = []
    dlg.applied.connect(got.append)
    dlg.accept()
    s = got[0]
    assert s.varg_base_url == "http://127.0.0.1:1/varg/v1" and s.varg_plan == "custom" and s.varg_max_running == 6
    store.save(s)
    back = store.load()
    assert back.varg_base_url == s.varg_base_url and back.varg_plan == "custom" and back.varg_max_running == 6
    # not a web address, or a key pasted there: refused
    dlg2 = SettingsDialog(Settings(), Pricing.default())
    qtbot.addWidget(dlg2)
    qtbot.keyClicks(dlg2.varg_url, "varg_" + "k" * 20)
    dlg2.accept()
    assert "varg server" in dlg2.error.text()


def test_without_a_keyring_a_provider_key_is_kept_for_this_session_only(harness, loop, qtbot, glive, fail_keyring,
                                                                       isolated):
    ctl = harness.start()
    dlg = ctl.window.open_keys_dialog()
    dlg.show_provider("fal")
    page = dlg.varg
    assert dlg.tabs.currentWidget() is page and dlg.keyring_banner.isVisibleTo(dlg)
    save_byok(qtbot, loop, page, "fal", FAL)
    assert page.byok_status.property("kind") == "ok", page.byok_status.text()
    assert "for this session only" in page.byok_status.text()
    assert "for this session only" in page.byok["fal"].state.text()
    assert ctl.ctx.byok_keys() == frozenset({"fal"})
    assert files_containing(isolated.values(), FAL) == []


def test_in_the_sandbox_provider_keys_are_kept_not_sent_and_the_page_says_so(harness, loop, qtbot,
                                                                               memory_keyring):
    from tests.ui.test_ai_common import type_text

    SANDBOX_BYOK = "In the sandbox your own provider keys are kept but not sent: they go to varg's servers only."
    ctl = harness.start("--sandbox")
    w, ctx = ctl.window, ctl.ctx
    dlg = w.open_keys_dialog()
    dlg.show_provider("varg")
    page = dlg.varg
    notes = [lb for lb in page.findChildren(QLabel) if lb.text() == SANDBOX_BYOK]
    assert len(notes) == 1 and notes[0].isVisible()
    # a varg key saved in the sandbox: the green line does not repeat the grey hint under it
    add_varg_key(qtbot, loop, page, "personal", GOOD)
    assert page.add_status.property("kind") == "ok"
    assert page.add_status.text() == "Saved as 'personal' in the OS keyring."
    assert "demo" in page.hint.text() and "leave the sandbox" in page.hint.text()
    # a fal key: kept in the keyring, not given to the client (not sent to the sandbox)
    save_byok(qtbot, loop, page, "fal", FAL)
    assert page.byok_status.property("kind") == "ok", page.byok_status.text()
    assert "once you leave the sandbox" in page.byok_status.text()
    assert [v for (svc, _), v in memory_keyring.store.items() if svc == byok_key("fal").keyring_service] == [FAL]
    assert ctx.byok_keys() == frozenset() and ctx.varg.byok_headers("flux-schnell") == {}
    assert page.byok["fal"].state.text().startswith("…" + FAL[-4:])
    dlg.close()
    # the tabs' cost line does not claim the user's own key: the sandbox bills the image
    w.resize(1280, 800)
    title = "Image Generation"
    w.tabs.setCurrentIndex([w.tabs.tabText(i) for i in range(w.tabs.count())].index(title))
    loop.run_until_complete(until(lambda: w.pages[title].content is not None, 10, f"{title} built"))
    tab = w.pages[title].content
    click(qtbot, tab.providers.radios["varg"])
    type_text(qtbot, tab.prompt, "a paper boat on a pond")
    cost = tab.providers.cost_text("varg")
    assert "¢" in cost and "own" not in cost.lower() and "provider" not in cost.lower(), cost


def test_the_keys_dialog_shows_the_varg_tab_down_to_replicate_without_scrolling(harness, loop, qtbot,
                                                                                 memory_keyring):
    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_keys_dialog()
    dlg.show_provider("varg")
    page = dlg.varg
    avail = dlg.screen().availableGeometry()
    assert avail.height() >= 800  # the offscreen screen (800 x 800): a 1280 x 800 desktop's height
    scroll = page.findChild(QScrollArea, "vargKeysScroll")
    loop.run_until_complete(until(lambda: scroll.viewport().height() > 0, 5, "laid out"))
    assert scroll.widget().sizeHint().height() <= scroll.viewport().height(), "the varg tab scrolls"
    bar = scroll.verticalScrollBar()
    assert bar.maximum() == 0 or not bar.isVisible()
    replicate = page.byok["replicate"].edit
    assert replicate.visibleRegion().boundingRect().height() == replicate.height()
    # never past the screen
    assert dlg.frameGeometry().top() >= avail.top() and dlg.geometry().bottom() <= avail.bottom()
    assert dlg.height() <= avail.height() - 32
    dlg.close()


def test_the_keys_dialog_fits_a_1024x700_screen(harness, loop, qtbot, memory_keyring) -> None:
    """On a 700 px screen the dialog shrinks to the free area (it opened at 760 px, its Close
    button under the screen's edge); each tab's content scrolls, the buttons stay in the dialog."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QDialogButtonBox

    ctl = harness.start("--sandbox")
    dlg = ctl.window.open_keys_dialog()
    small = QRect(0, 0, 1024, 700)
    for provider in ("verging", "vimmerse", "varg"):
        dlg.show_provider(provider)
        dlg.fit_height(small)
        loop.run_until_complete(until(lambda: dlg.height() <= 700 - 32, 5, f"{provider}: fits"))
        assert dlg.frameGeometry().top() >= 0 and dlg.frameGeometry().bottom() <= 700
    buttons = dlg.findChildren(QDialogButtonBox)
    assert buttons and all(b.geometry().bottom() <= dlg.height() for b in buttons if b.isVisible())
    # the varg tab still reaches Replicate's key: by scrolling now
    scroll = dlg.varg.findChild(QScrollArea, "vargKeysScroll")
    replicate = dlg.varg.byok["replicate"].edit
    scroll.ensureWidgetVisible(replicate)
    loop.run_until_complete(until(lambda: replicate.visibleRegion().boundingRect().height() == replicate.height(), 5,
                                  "Replicate's key in view"))
    dlg.close()
