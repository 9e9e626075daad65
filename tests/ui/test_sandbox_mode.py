"""``verging-desktop --sandbox``: banner, status bar, balance, refresh after a paid call, tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from verging_desktop.core.tools import navigation_order
from verging_desktop.sandbox import DEMO_KEY

from .conftest import until

#: the registry's navigation order: grouped by kind (Video, Image, Audio, Text)
TAB_ORDER = ["Face Swap", "Video Enhance", "Reframe & Crop", "Generate Video", "Lip Sync", "Replace Background",
             "Background Removal", "Image Generation", "Text to Speech", "Speech to Text", "Sound", "Chat", "Vision"]


def test_sandbox_mode_banner_status_and_balance(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w = ctl.window
    s = ctl.session
    assert s.in_sandbox and s.sandbox is not None and s.sandbox.running
    assert w.banner.isVisible()
    assert "nothing is charged" in w.banner.label.text()
    assert "simulated" in w.banner.label.text()
    assert w.status.state_text == "Sandbox"
    assert w.status.balance.text() == "1,000 credits"
    assert w.status.account.text() == "demo@sandbox.verging.local"
    assert not w.showing_welcome
    assert "Sandbox" in w.windowTitle()
    # the client talks to the embedded server on loopback with the demo key
    assert s.client.base_url.startswith("http://127.0.0.1:")
    assert s.client.api_key == DEMO_KEY


def test_balance_drops_after_a_paid_call(harness, loop):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    assert w.status.balance.text() == "1,000 credits"

    async def scenario():
        res = await s.client.chat([{"role": "user", "content": "Say hello in five words."}])
        assert res.credits_consumed and res.credits_consumed >= 1
        expected = 1000 - res.credits_consumed
        await until(lambda: s.account is not None and abs(s.account.credits - expected) < 1e-9,
                    what="the balance to be re-read after the charge")
        return expected

    expected = loop.run_until_complete(scenario())
    assert w.status.balance.text() == f"{int(expected):,} credits"
    assert s.sandbox.credits(DEMO_KEY) == expected


def test_tabs_in_order_built_lazily(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w = ctl.window
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == TAB_ORDER == [t.title for t in navigation_order()]

    async def built(title):
        await until(lambda: w.pages[title].content is not None, 5, f"{title} to be built")

    loop.run_until_complete(built("Face Swap"))
    # tabs never shown are not built
    assert all(w.pages[t].content is None for t in TAB_ORDER[1:])
    face = w.pages["Face Swap"].content
    text = face.price_label.text()
    assert "1 credit per second" in text and "HD: 3 credits per second" in text

    w.tabs.setCurrentIndex(TAB_ORDER.index("Chat"))
    loop.run_until_complete(built("Chat"))
    assert "10,000 input tokens" in w.pages["Chat"].content.price_label.text()
    assert w.pages["Vision"].content is None
    # keyboard shortcut Ctrl+9 shows Vision (the last tool)
    qtbot.keyClick(w, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == TAB_ORDER.index("Vision")
    # the job queue dock shows the sandbox's own (empty) queue
    loop.run_until_complete(until(lambda: w.queue_page.content is not None, 5))
    q = w.queue_page.content
    loop.run_until_complete(until(lambda: q.panel is not None, 5, "queue panel bound"))
    assert q.panel.proxy.rowCount() == 0 and q.panel.spent.text() == "Spent on jobs today: 0 credits"
    assert str(q.panel.queue.store.path).startswith(str(ctl.session.sandbox.data_dir))
    assert w.queue_dock.isVisible()


def test_leave_sandbox_without_keys_shows_welcome_and_stops_server(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w, s = ctl.window, ctl.session
    sb = s.sandbox
    qtbot.mouseClick(w.banner.leave, Qt.MouseButton.LeftButton)

    loop.run_until_complete(until(lambda: w.showing_welcome and not sb.running, 10, "welcome and sandbox stopped"))
    assert not w.banner.isVisible()
    assert w.status.state_text == "No API key"
    assert s.sandbox is None


def test_persistent_sandbox_data_survives_a_restart(harness, loop, tmp_path):
    data = tmp_path / "my-sandbox"
    ctl = harness.start("--sandbox-data", str(data))
    s = ctl.session
    assert s.in_sandbox
    res = loop.run_until_complete(s.client.chat([{"role": "user", "content": "remember me"}]))
    left = 1000 - res.credits_consumed
    loop.run_until_complete(ctl.close())
    assert (data / "sandbox.db").exists()

    ctl2 = harness.start("--sandbox-data", str(data))
    assert ctl2.session.account.credits == left
    assert ctl2.window.status.balance.text() == f"{int(left):,} credits"


def test_leaving_and_trying_the_sandbox_again_keeps_its_data_folder(harness, loop, qtbot, tmp_path, ffmpeg):
    """``--sandbox-data DIR``, then "Leave sandbox" and "Try the sandbox": the same sandbox comes back
    (same folder, balance and jobs), never a fresh one with 1,000 credits and an empty queue."""
    from tests.conftest import make_image

    data = tmp_path / "my-sandbox"
    ctl = harness.start("--sandbox-data", str(data))
    w, s = ctl.window, ctl.session
    res = loop.run_until_complete(s.client.chat([{"role": "user", "content": "remember me"}]))
    queue = loop.run_until_complete(ctl.ctx.jobs.ready())
    rec = loop.run_until_complete(queue.submit_background_removal(make_image(ffmpeg, tmp_path / "one.png")))
    loop.run_until_complete(until(lambda: s.account is not None and s.account.credits < 1000 - res.credits_consumed,
                                  10, "the job charged"))
    left = s.account.credits
    sb = s.sandbox

    qtbot.mouseClick(w.banner.leave, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: w.showing_welcome and not sb.running, 10, "welcome and sandbox stopped"))
    qtbot.mouseClick(w._welcome.sandbox, Qt.MouseButton.LeftButton)
    loop.run_until_complete(until(lambda: s.in_sandbox and s.account is not None, 20, "the sandbox again"))
    assert s.sandbox is not sb and s.sandbox.running
    assert str(s.sandbox.data_dir) == str(data)
    assert s.account.credits == left and w.status.balance.text() == f"{int(left):,} credits"
    jobs = ctl.ctx.jobs
    loop.run_until_complete(until(lambda: jobs.queue is not None and jobs.queue is not queue, 10, "the queue again"))
    assert str(jobs.queue.store.path).startswith(str(data))
    assert [r.local_id for r in jobs.queue.store.list()] == [rec.local_id]


def test_offline_state_with_a_readable_message(loop, qapp, tmp_path):
    import socket

    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.verging.client import VergingClient
    from verging_desktop.core.keystore import KeyStore
    from verging_desktop.core.pricing import Pricing
    from verging_desktop.core.settings import Settings
    from verging_desktop.ui.session import Session

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v1"
    client = VergingClient("vrg_sk_offl_test_0001", url, retry=RetryPolicy(attempts=1))
    s = Session(client, KeyStore(tmp_path), Pricing.default(), Settings(base_url=url))
    messages = []
    s.message.connect(messages.append)
    try:
        assert loop.run_until_complete(s.wait_refreshed()) is None
        assert s.state == "offline"
        assert messages and "Could not connect" in messages[0] and "vrg_sk_offl" not in messages[0]
    finally:
        loop.run_until_complete(s.cancel_tasks())
        loop.run_until_complete(s.aclose())
