"""A switch (sandbox <-> live) never mixes connections: a balance read of the earlier connection
that lands after the switch is dropped; each job queue keeps the client it was made with; and a
switch while an upload runs asks first and stops the upload before switching. Real sandboxes over
127.0.0.1, real clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab
from tests.ui.conftest import run, until
from verging_desktop.core.identity import account_identity
from verging_desktop.jobs.store import LocalStatus
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.ui.session import LIVE

ALICE = "vrg_sk_alic_test_0001"


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def _start(harness, loop, sandbox, monkeypatch):
    live = sandbox  # stands for the real Verging server: it knows Alice's key
    live.add_key(ALICE, email="alice@example.test", name="Alice", credits=500)
    monkeypatch.setenv("VERGING_BASE_URL", live.base_url)
    ctl = harness.start("--sandbox")
    s = ctl.session
    run(loop, s.add_key("alice", ALICE))  # stored for later: the sandbox stays
    assert s.in_sandbox
    return ctl, live


def test_a_late_balance_read_of_the_sandbox_is_dropped_after_leaving(harness, loop, qtbot, sandbox, monkeypatch,
                                                                     memory_keyring):
    ctl, live = _start(harness, loop, sandbox, monkeypatch)
    s, jobs = ctl.session, ctl.ctx.jobs
    sandbox_queue = run(loop, jobs.ready())
    old_client = sandbox_queue.client
    sb_url = s.sandbox_url
    s.sandbox.faults.latency_ms = 1500  # the sandbox's /auth/me answers after the switch
    s.refresh_account()
    seen = []
    s.accountChanged.connect(lambda a: seen.append(getattr(a, "email", None)))
    run(loop, s.leave_sandbox())
    run(loop, until(lambda: s.state == LIVE and s.account is not None, 10, "live with Alice's key"))
    queue = run(loop, jobs.ready())
    run(loop, until(lambda: queue.account is not None, 5, "the live queue's account"))
    run(loop, __import__("asyncio").sleep(2.0))  # the sandbox's late answer has arrived by now
    assert s.account.email == "alice@example.test"
    assert all(e in (None, "alice@example.test") for e in seen), seen
    assert queue.account == account_identity("verging", live.base_url, "alice@example.test",
                                             str(getattr(s.account, "instance", "") or ""))

    # each queue has its own client, never re-pointed: the old one still names the sandbox and its key
    assert queue.client is not s.client and queue.client is not old_client
    assert queue.client.base_url == live.base_url.rstrip("/") and queue.client.api_key == ALICE
    assert old_client.base_url == sb_url and old_client.api_key == DEMO_KEY and old_client.closed


def test_leaving_the_sandbox_during_an_upload_asks_and_stops_it_first(harness, loop, qtbot, sandbox, monkeypatch,
                                                                      memory_keyring, tmp_path, ffmpeg):
    ctl, live = _start(harness, loop, sandbox, monkeypatch)
    w, s = ctl.window, ctl.session
    sb = s.sandbox
    video = make_clip(ffmpeg, tmp_path / "holiday.mp4", seconds=3, size="160x120", gop=25)
    face = make_image(ffmpeg, tmp_path / "face.png")
    page = open_tab(loop, ctl, "Face Swap")
    assert drop(page.video_drop, [video]) and drop(page.face_drop, [face])
    run(loop, until(lambda: page.current is not None and page.ready_faces(), 15, "the inputs"))
    page.consent_box.click()
    run(loop, until(lambda: page.submit_button.isEnabled(), 5, "the submit button"))
    sb.faults.latency_ms = 3000  # the upload address is slow to come: the upload is in progress
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    jobs = ctl.ctx.jobs
    run(loop, until(lambda: jobs.store is not None
                    and jobs.store.count_by_status().get(LocalStatus.PREPARING), 15, "the upload to start"))
    store = jobs.store
    (rec,) = store.list(statuses=[LocalStatus.PREPARING])
    live.reset_stats()

    qtbot.mouseClick(w.banner.leave, Qt.MouseButton.LeftButton)
    box = w.switch_box
    assert box is not None and box.isVisible(), "leaving during an upload must ask"
    assert "1 upload or job being sent stops and is lost" in box.text()
    assert s.in_sandbox  # nothing switched yet
    qtbot.mouseClick(box.findChild(QPushButton, "keepWorking"), Qt.MouseButton.LeftButton)
    run(loop, until(lambda: w.switch_box is None, 5, "the question to close"))
    assert s.in_sandbox and store.get(rec.local_id).status is LocalStatus.PREPARING

    seen = []
    store.subscribe(lambda r: seen.append(r) if r.local_id == rec.local_id else None)
    qtbot.mouseClick(w.banner.leave, Qt.MouseButton.LeftButton)
    box = w.switch_box
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.findChild(QPushButton, "switchAnyway"), Qt.MouseButton.LeftButton)
    run(loop, until(lambda: s.state == LIVE and s.account is not None, 20, "live after the upload stopped"))
    # the upload was cancelled in the sandbox's queue before the switch: nothing was sent anywhere
    assert seen and seen[-1].status is LocalStatus.CANCELLED and not seen[-1].remote_id
    sb.faults.latency_ms = 0
    assert sb.stats()["create_jobs"]["faceswap"] == 0
    assert live.stats()["create_jobs"]["faceswap"] == 0
    assert not any("upload" in k or "storage" in k for k in live.stats()["requests"])


def test_leaving_the_sandbox_during_a_long_text_to_speech_stops_it_first(harness, loop, qtbot, sandbox, monkeypatch,
                                                                         memory_keyring):
    """A text to speech of several parts is under way in the sandbox: leaving asks, and once
    confirmed the call is stopped before the switch, so no later part goes to the live server."""
    from tests.ui.test_ai_common import ctrl_enter, type_text

    ctl, live = _start(harness, loop, sandbox, monkeypatch)
    w, s = ctl.window, ctl.session
    sb = s.sandbox
    w.tabs.setCurrentIndex([w.tabs.tabText(i) for i in range(w.tabs.count())].index("Text to Speech"))
    run(loop, until(lambda: w.pages["Text to Speech"].content is not None, 10, "the tab"))
    tab = w.pages["Text to Speech"].content
    type_text(qtbot, tab.text, ("A sentence that goes on for a while, to make a long text. " * 140)[:9_000])
    assert "3 parts" in tab.counter.text() or "2 parts" in tab.counter.text()
    sb.faults.latency_ms = 1500  # each part takes a while
    live.reset_stats()
    ctrl_enter(qtbot, tab.text)
    run(loop, until(lambda: sb.stats()["requests"].get("POST /api/v1/ai/tts", 0) >= 1, 15, "the first part sent"))

    qtbot.mouseClick(w.banner.leave, Qt.MouseButton.LeftButton)
    box = w.switch_box
    assert box is not None and box.isVisible(), "leaving during an AI call must ask"
    assert "1 AI request under way stops without a result" in box.text(), box.text()
    qtbot.mouseClick(box.findChild(QPushButton, "switchAnyway"), Qt.MouseButton.LeftButton)
    run(loop, until(lambda: s.state == LIVE and s.account is not None, 20, "live after the call stopped"))
    run(loop, __import__("asyncio").sleep(2.0))  # a part that was not stopped would have gone out by now
    assert live.stats()["requests"].get("POST /api/v1/ai/tts", 0) == 0
    assert tab.outcome is None
