"""What a submit that went wrong counts as, with real clicks against the sandbox over 127.0.0.1.

* A create-job (or an AI call) whose request reached the server but whose answer never came
  back *may* have charged: it is never shown as "Not sent", its key is recorded, and sending the
  same work again asks first. The connection is really dropped: a TCP proxy in front of the
  sandbox passes the request through (the server creates and charges) and closes the connection
  instead of passing the answer back.
* A failure where nothing was charged (a refusal such as 429) is retried without a question, but
  through the guard: the button is disabled while the retry runs and its key is recorded.
* Each submit has its own ticket: the late end of an old submit never frees a new one.
* Vision keeps Ask disabled while the image is read (its content hash is the request's key).
* A sandbox send is not a repeat of a live one.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from tests.ui.test_ai_common import drop_file, type_text
from tests.ui.test_ai_common import open_tab as open_ai_tab
from tests.ui.test_double_submit import answer, created, questions, requests, settle

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


class DropAnswerProxy:
    """A TCP proxy on 127.0.0.1 in front of the sandbox. Every byte passes through, except that for
    the next ``times`` requests whose request line contains ``marker`` the server's answer is not
    passed back: the connection is closed as soon as the answer starts (the server has done the
    work and charged; the client sees the connection drop)."""

    def __init__(self, target: str, marker: str, times: int = 1) -> None:
        u = urlsplit(target)
        self.host, self.port, self.path = u.hostname or "127.0.0.1", u.port or 80, u.path
        self.line = re.compile(rb"(?:GET|POST|PUT|DELETE) [^ ]*" + re.escape(marker.encode()))
        self.times = times
        self.dropped = 0
        self.server: asyncio.AbstractServer | None = None
        self.url = ""

    async def start(self) -> DropAnswerProxy:
        self.server = await asyncio.start_server(self._conn, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}{self.path}"
        return self

    async def _conn(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        sr, sw = await asyncio.open_connection(self.host, self.port)
        drop_answer = [False]

        async def up() -> None:
            while data := await cr.read(65536):
                if self.times > 0 and self.line.search(data):
                    self.times -= 1
                    drop_answer[0] = True
                sw.write(data)
                await sw.drain()

        async def down() -> None:
            while data := await sr.read(65536):
                if drop_answer[0]:
                    self.dropped += 1
                    break
                cw.write(data)
                await cw.drain()

        tasks = [asyncio.ensure_future(up()), asyncio.ensure_future(down())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in tasks:
                t.cancel()
            for w in (cw, sw):
                w.close()

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


def through_proxy(loop, ctl, marker: str, *, jobs: bool = False) -> DropAnswerProxy:
    """Put the proxy between the app and the sandbox: for AI calls the session's client, for
    jobs the job queue's own client (each queue keeps the client it was made with)."""
    client = run(loop, ctl.ctx.jobs.ready()).client if jobs else ctl.session.client
    proxy = run(loop, DropAnswerProxy(client.base_url, marker).start())
    client.base_url = proxy.url  # a server reached through a connection that drops
    return proxy


# -- finding 1: "may exist" counts as sent -----------------------------------------------------------
def test_enhance_whose_answer_was_lost_is_not_shown_as_not_sent_and_is_not_sent_again_silently(
        harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Video Enhance")
    assert drop(page.video_drop, [make_clip(ffmpeg, tmp_path / "street.mp4", seconds=3, size="160x120", gop=25)])
    run(loop, until(lambda: page.trimmer is not None and page.trimmer.info is not None and page.current is not None
                    and page.submit_button.isEnabled(), 20, "video loaded"))
    proxy = through_proxy(loop, ctl, "create-job", jobs=True)
    try:
        qtbot.mouseClick(page.submit_button, LEFT)
        run(loop, until(lambda: proxy.dropped == 1 and not page.guard.busy, 60, "create-job sent, answer lost"))
        settle(loop)
        assert created(sb, "video_enhance") == 1  # the server did create (and charge) it
        row = page.steps.rows()[0]
        assert "Not sent" not in row.step.text(), row.step.text()
        assert row.local_id is not None  # followed in the job queue
        # the same job again: asked first; declined, nothing more is sent
        assert page.submit_button.isEnabled()
        qtbot.mouseClick(page.submit_button, LEFT)
        assert len(questions()) == 1, "a job that may exist must ask before it is sent again"
        assert page.guard.dialog.text().startswith("You sent this same job ")
        answer(qtbot, page.guard, yes=False)
        settle(loop)
        assert created(sb, "video_enhance") == 1
    finally:
        run(loop, proxy.stop())


def test_background_removal_whose_answer_was_lost_counts_as_sent(harness, store, loop, qtbot, tmp_path, ffmpeg):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Background Removal")
    assert drop(page.drop, [make_image(ffmpeg, tmp_path / "a.png")])
    run(loop, until(lambda: len(page.ready_items()) == 1, 15, "image checked"))
    proxy = through_proxy(loop, ctl, "background-removal/create-job", jobs=True)
    try:
        qtbot.mouseClick(page.submit_button, LEFT)
        run(loop, until(lambda: proxy.dropped == 1 and not page.guard.busy, 30, "create-job sent, answer lost"))
        settle(loop)
        assert created(sb, "background_removal") == 1
        item = page.item_named("a.png")
        assert item.state == "sent" and item.local_id is not None
        assert "not sent" not in item.widget.text()
        # the same picture again: asked first
        assert drop(page.drop, [make_image(ffmpeg, tmp_path / "a again.png")])
        run(loop, until(lambda: len(page.ready_items()) == 1, 15, "the copy checked"))
        qtbot.mouseClick(page.submit_button, LEFT)
        assert len(questions()) == 1
        answer(qtbot, page.guard, yes=False)
        settle(loop)
        assert created(sb, "background_removal") == 1
    finally:
        run(loop, proxy.stop())


def test_an_ai_call_whose_answer_was_lost_asks_before_it_is_sent_again_even_by_retry(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Image Generation")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.prompt, "a lighthouse")
    proxy = through_proxy(loop, ctl, "/ai/imagegen")
    route = "POST /api/v1/ai/imagegen"
    try:
        qtbot.mouseClick(tab.generate_btn, LEFT)
        run(loop, until(lambda: proxy.dropped == 1 and not tab.runner.is_running and not tab.guard.busy, 20,
                        "the call sent, its answer lost"))
        assert requests(sb, route) == 1
        assert tab.error.text and tab.error.retry.isVisible()
        # Retry (the user's choice) still asks: the first call may have been charged
        qtbot.mouseClick(tab.error.retry, LEFT)
        assert len(questions()) == 1, "Retry of a call that may have been charged must ask"
        assert tab.guard.dialog.text().startswith("You sent this same request ")
        answer(qtbot, tab.guard, yes=False)
        settle(loop)
        assert requests(sb, route) == 1
        # and so does the button
        qtbot.mouseClick(tab.generate_btn, LEFT)
        assert len(questions()) == 1
        answer(qtbot, tab.guard, yes=True)
        run(loop, until(lambda: requests(sb, route) == 2 and not tab.guard.busy, 20, "sent once more"))
        settle(loop)
        assert requests(sb, route) == 2
    finally:
        run(loop, proxy.stop())


# -- finding 4: Retry and regenerate go through the guard --------------------------------------------
def test_chat_retry_after_a_refusal_is_guarded_recorded_and_not_asked(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Chat")
    sb = ctl.session.sandbox
    route = "POST /api/v1/ai/chat"
    sb.faults.rate_limit_reset = 0.2
    sb.faults.rate_limit_burst = 1  # the chat request is refused (429): nothing charged
    type_text(qtbot, tab.input, "Hello there")
    qtbot.mouseClick(tab.send_btn, LEFT)
    run(loop, until(lambda: not tab.runner.is_running and not tab.guard.busy and tab.error.text, 20, "refused"))
    assert tab._retry_reply  # the message is in the conversation: Retry asks for a reply again
    run(loop, until(lambda: tab.error.retry.isEnabled(), 5, "retry allowed"))
    n = requests(sb, route)
    before = len(tab.guard.registry)
    qtbot.mouseClick(tab.error.retry, LEFT)
    assert not questions(), "nothing was charged: a Retry needs no question"
    assert tab.guard.busy and not tab.send_btn.isEnabled(), "the retry is held by the guard"
    assert not tab.error.retry.isVisible()  # the Retry button went with its error line
    run(loop, until(lambda: not tab.runner.is_running and not tab.guard.busy, 20, "the reply"))
    settle(loop)
    assert requests(sb, route) == n + 1
    assert len(tab.guard.registry) == before + 1, "the retried request is recorded"
    assert [m.role for m in tab.current.messages] == ["user", "assistant"]


def test_chat_reply_dropped_mid_stream_counts_as_sent(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Chat")
    sb = ctl.session.sandbox
    sb.faults.drop_stream_after = 2
    type_text(qtbot, tab.input, "Tell me a story")
    qtbot.mouseClick(tab.send_btn, LEFT)
    run(loop, until(lambda: not tab.runner.is_running and not tab.guard.busy and tab.error.text, 20, "dropped"))
    n = requests(sb, "POST /api/v1/ai/chat")
    qtbot.mouseClick(tab.error.retry, LEFT)
    assert len(questions()) == 1, "a reply that may have been charged: Retry asks first"
    answer(qtbot, tab.guard, yes=False)
    settle(loop)
    assert requests(sb, "POST /api/v1/ai/chat") == n


# -- finding 2: release frees only its own submit ----------------------------------------------------
def test_a_late_release_of_the_old_submit_never_frees_the_new_one(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Image Generation")
    sb = ctl.session.sandbox
    type_text(qtbot, tab.prompt, "a lighthouse")
    clicked = []

    def click_again(running: bool) -> None:
        # the first call just ended (the guard is free, its waiting task has not woken yet): the
        # user clicks at once, with new settings, and that call is slow
        if not running and not clicked:
            clicked.append(1)
            tab.count.setValue(2)
            sb.faults.latency_ms = 1500
            qtbot.mouseClick(tab.generate_btn, LEFT)

    tab.runner.running.connect(click_again)
    qtbot.mouseClick(tab.generate_btn, LEFT)
    run(loop, until(lambda: clicked and requests(sb, "POST /api/v1/ai/imagegen") >= 1, 20, "second click"))
    assert tab.guard.busy and tab.runner.is_running
    settle(loop, 0.5)  # the first submit's waiting task has woken meanwhile
    assert tab.runner.is_running, "the second call is still under way"
    assert tab.guard.busy and not tab.generate_btn.isEnabled(), "the old submit's end freed the new one"
    sb.faults.latency_ms = 0
    run(loop, until(lambda: not tab.guard.busy, 20, "second call over"))
    assert len(tab.guard.registry) == 2


# -- finding 3: Vision waits for the hash ------------------------------------------------------------
def test_vision_ask_waits_until_the_image_is_read(harness, loop, qtbot, ffmpeg, tmp_path):
    _ctl, tab = open_ai_tab(harness, loop, "Vision")
    type_text(qtbot, tab.prompt, "What is this?")
    img = make_image(ffmpeg, tmp_path / "sign.png", size="300x200")
    assert drop_file(tab.drop, img)
    assert not tab.ask_btn.isEnabled() and tab.ask_btn.text() == "Reading the image…"
    tab.ask()  # Ctrl+Enter meanwhile: nothing is sent
    assert not tab.guard.busy
    run(loop, until(lambda: tab.image_digest and tab.ask_btn.isEnabled(), 10, "image read"))
    assert tab.ask_btn.text() == "Ask"


# -- finding 5: the repeat check knows the connection -------------------------------------------------
def test_a_sandbox_send_is_not_a_repeat_of_the_same_work_sent_live(harness, loop, qtbot):
    ctl, tab = open_ai_tab(harness, loop, "Image Generation")
    type_text(qtbot, tab.prompt, "a lighthouse")
    qtbot.mouseClick(tab.generate_btn, LEFT)
    run(loop, until(lambda: not tab.guard.busy and tab.gallery.count() == 1, 20, "sent in the sandbox"))
    keys = tab.guard.last_keys
    session = ctl.session
    assert session.in_sandbox and keys and tab.guard.check(keys).any
    url, mode = session.client.base_url, session.mode
    try:  # the same prompt and settings, now for the live account
        session.mode = "live"
        session.client.base_url = "https://verging.ai/api/v1"
        assert not tab.guard.check(keys).any, "a free sandbox run is not a repeat of a live send"
        session.client.base_url = "https://other.example/api/v1"
        assert not tab.guard.check(keys).any
    finally:
        session.mode, session.client.base_url = mode, url
    assert tab.guard.check(keys).any


def test_what_counts_as_maybe_sent():
    from verging_desktop.core.errors import (
        BadRequest,
        ConnectionFailed,
        InputError,
        InsufficientCredits,
        NotSent,
        RateLimited,
        RequestTimeout,
        ServerError,
    )
    from verging_desktop.services.tts import TtsChunkFailed
    from verging_desktop.ui.widgets.submit_guard import may_have_been_sent

    assert not may_have_been_sent(NotSent("no connection"))
    assert not may_have_been_sent(BadRequest("bad", status=400))
    assert not may_have_been_sent(InsufficientCredits("short"))
    assert not may_have_been_sent(RateLimited("slow down"))
    assert not may_have_been_sent(InputError("no file"))
    assert may_have_been_sent(ConnectionFailed("dropped"))
    assert may_have_been_sent(RequestTimeout("too long"))
    assert may_have_been_sent(ServerError("oops", status=500))
    assert may_have_been_sent(asyncio.CancelledError())
    assert may_have_been_sent(TtsChunkFailed(1, 3, NotSent("x"), charged_chunks=1, charged=2.0))
    assert not may_have_been_sent(TtsChunkFailed(0, 3, NotSent("x"), charged_chunks=0, charged=0.0))
