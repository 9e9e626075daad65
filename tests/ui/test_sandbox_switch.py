"""Keys in sandbox mode, one true sentence about where a key goes, and a clean screen after
leaving or entering the sandbox.

* The keys dialog says what really happens to a key: the OS keyring, or memory for this session
  (no keyring, or "this session only" ticked); never both.
* In sandbox mode a key typed into the keys dialog used to be validated against the real server
  (a 10 s wait, then "Could not connect"). Now the dialog says the sandbox needs no key; the key
  is stored at once without asking any server, and checked when the sandbox is left.
* Leaving and entering the sandbox used to leave the other connection's results and tab badges
  on screen: every tab's results, the gallery, the chat, the badges and the queue panel reset.
"""

from __future__ import annotations

import time

from tests.conftest import make_image
from tests.e2e.helpers import (
    drop,
    forgive_multimedia_noise,
    open_tab,
    queue_panel,
    start_app,
)
from tests.ui.conftest import run, until
from tests.ui.test_keys_dialog import add_key, click
from verging_desktop.core.settings import KEYRING_SERVICE
from verging_desktop.jobs.store import DownloadState
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.ui.session import LIVE, NO_KEY, SANDBOX

ALICE = "vrg_sk_alic_test_0001"
VALIDATE = "POST /api/v1/api-keys/validate"
ME = "GET /api/v1/auth/me"



def test_the_footnote_says_where_the_key_really_goes(harness, qtbot, memory_keyring):
    ctl = harness.start()
    dlg = ctl.window.open_keys_dialog()
    assert not dlg.keyring_banner.isVisible() and not dlg.sandbox_note.isVisible()
    assert "stored in your system's keyring" in dlg.hint.text()
    assert dlg.save_button.text() == "Validate and save"
    click(qtbot, dlg.session_only)
    assert dlg.session_only.isChecked()
    assert "keyring" not in dlg.hint.text() and "for this session only" in dlg.hint.text()
    assert dlg.save_button.text() == "Validate and use for this session"
    click(qtbot, dlg.session_only)
    assert "stored in your system's keyring" in dlg.hint.text()


def test_without_a_keyring_banner_and_footnote_agree(harness, fail_keyring):
    ctl = harness.start()
    dlg = ctl.window.open_keys_dialog()
    assert dlg.keyring_banner.isVisible() and "this session only" in dlg.keyring_banner.text()
    # the footnote no longer promises the keyring the banner says is missing
    assert "keyring" not in dlg.hint.text()
    assert "for this session only" in dlg.hint.text() and "never" in dlg.hint.text()


def test_in_the_sandbox_a_key_needs_no_server_and_is_checked_on_leaving(harness, loop, qtbot, sandbox,
                                                                        monkeypatch, memory_keyring):
    live = sandbox  # stands for the real Verging server: it knows Alice's key
    live.add_key(ALICE, email="alice@example.test", name="Alice", credits=500)
    monkeypatch.setenv("VERGING_BASE_URL", live.base_url)
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    assert s.in_sandbox and s.state == SANDBOX
    live.reset_stats()
    dlg = w.open_keys_dialog()
    # the dialog says so, plainly
    assert dlg.sandbox_note.isVisible() and "Sandbox mode needs no key" in dlg.sandbox_note.text()
    assert "checked with the Verging server when you leave the sandbox" in dlg.hint.text()
    assert dlg.save_button.text() == "Save for later"
    # a malformed key is refused at once, before anything is stored
    add_key(qtbot, loop, dlg, "junk", "hello world")
    assert dlg.add_status.property("kind") == "error" and memory_keyring.store == {}

    t0 = time.monotonic()
    add_key(qtbot, loop, dlg, "alice", ALICE)
    assert time.monotonic() - t0 < 3  # no 10 s wait for a server
    assert dlg.add_status.property("kind") == "ok", dlg.add_status.text()
    assert "needs no key" in dlg.add_status.text() and "when you leave the sandbox" in dlg.add_status.text()
    assert ALICE not in dlg.add_status.text()
    assert memory_keyring.store[(KEYRING_SERVICE, "alice")] == ALICE
    assert s.keystore.active == "alice"
    # still in the sandbox, with the sandbox's own key; the live server was not asked
    assert s.in_sandbox and s.state == SANDBOX and s.client.api_key == DEMO_KEY
    assert live.stats()["requests"].get(VALIDATE, 0) == 0 and live.stats()["requests"].get(ME, 0) == 0
    assert dlg.use_button.text() == "Leave the sandbox and use this key"

    # leaving the sandbox uses the key, which the live server checks now
    click(qtbot, w.banner.leave)
    run(loop, until(lambda: s.state == LIVE and s.account is not None, 10, "live with Alice's key"))
    assert s.account.email == "alice@example.test" and s.client.api_key == ALICE
    assert live.stats()["requests"].get(ME, 0) >= 1
    assert not dlg.sandbox_note.isVisible() and dlg.save_button.text() == "Validate and save"


def test_leaving_and_entering_the_sandbox_resets_what_is_shown(harness, store, loop, qtbot, tmp_path, ffmpeg,
                                                               request):
    request.addfinalizer(lambda: forgive_multimedia_noise(request))
    ctl = start_app(harness, store, tmp_path / "downloads")
    w, s = ctl.window, ctl.session
    # a background removal job, done, its result shown
    bg = open_tab(loop, ctl, "Background Removal")
    assert drop(bg.drop, [make_image(ffmpeg, tmp_path / "portrait.png")])
    run(loop, until(lambda: bg.items and bg.items[0].state == "ready", 10, "the image checked"))
    bg.submit_button.click()
    run(loop, until(lambda: bg.items[0].local_id is not None, 15, "the job sent"))
    jobs = ctl.ctx.jobs.queue.store
    lid = bg.items[0].local_id
    run(loop, until(lambda: jobs.get(lid).download_state is DownloadState.DONE and bg.result.result_path, 30,
                    "the result"))
    panel = queue_panel(loop, ctl)
    assert panel.proxy.rowCount() == 1
    # an image in the gallery, a chat with a reply, an answer in Vision
    gen = open_tab(loop, ctl, "Image Generation")
    qtbot.keyClicks(gen.prompt, "a red lighthouse")
    click(qtbot, gen.generate_btn)
    run(loop, until(lambda: gen.gallery.count() == 1, 20, "an image"))
    chat = open_tab(loop, ctl, "Chat")
    qtbot.keyClicks(chat.input, "Hello sandbox")
    click(qtbot, chat.send_btn)
    run(loop, until(lambda: not chat.runner.is_running and len(chat.current.messages) == 2, 20, "a reply"))
    assert chat.list.count() == 1
    w.set_badges({"face-swap": 2, "background-removal": 1})
    assert w.tabs.tabText(0) == "Face Swap (2)"

    # leave: nothing of the sandbox stays on screen
    click(qtbot, w.banner.leave)
    run(loop, until(lambda: not s.in_sandbox and s.state == NO_KEY, 10, "live mode"))
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == list(w.pages)  # no badges
    assert bg.result.local_id is None and bg.result.result_path is None and bg.result.title.text() == "Result"
    assert bg.items == []  # the sent image went with its job
    assert gen.gallery.count() == 0 and gen.empty.isVisibleTo(gen)
    assert chat.current.messages == [] and chat.list.count() == 0 and "Hello sandbox" not in chat.view.toPlainText()
    # the queue panel follows the live queue (none of the sandbox's jobs)
    dock = w.queue_page.content
    run(loop, until(lambda: dock.panel is not None and dock.panel is not panel, 10, "a new queue panel"))
    assert dock.panel.proxy.rowCount() == 0

    # enter again: a fresh sandbox; its own conversations come back, the other results do not
    w.start_sandbox()
    run(loop, until(lambda: s.in_sandbox and s.state == SANDBOX, 20, "the sandbox again"))
    assert gen.gallery.count() == 0 and bg.result.local_id is None
    assert chat.list.count() == 1 and chat.current.messages == []
    assert w.tabs.tabText(0) == "Face Swap"
