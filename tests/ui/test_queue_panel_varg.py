"""varg jobs in the Job Queue panel: More › Cancel on varg (also on the context menu) cancels a
running job on varg, and the header's varg amount never breaks between a number and its ¢."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import run, until
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.varg.client import VargClient
from verging_desktop.api.varg.models import VargRequest
from verging_desktop.api.verging import VergingClient
from verging_desktop.jobs.queue import JobQueue, PollPolicy
from verging_desktop.jobs.store import JobStore, LocalStatus
from verging_desktop.jobs.varg_queue import VargPollPolicy, VargQueue
from verging_desktop.jobs.words import cents_amount
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.services.varg_cost import cents_text
from verging_desktop.ui.jobs.queue_model import COL_INPUT, COL_STATUS
from verging_desktop.ui.jobs.queue_panel import QueuePanel
from verging_desktop.ui.plural import count as n_of

FAST = RetryPolicy(attempts=2, base_delay=0.05, max_rate_limit_wait=0)
QUICK = VargPollPolicy(base=0.3, ramp=1000, stream_retry=0.3, charge_retry=0.2, create_retry_max=1.0)


def test_cancel_a_running_varg_job_from_the_context_menu(loop, sandbox, qtbot, tmp_path: Path) -> None:
    sandbox.varg_job_seconds = 3600  # it runs until it is cancelled
    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, sandbox.base_url, retry=FAST)
    q = JobQueue(store, client, download_dir=tmp_path / "out", policy=PollPolicy(base=0.1, ramp=100))
    vclient = VargClient(sandbox.varg_demo_key, sandbox.varg_url, retry=FAST)
    vq = VargQueue(store, vclient, download_dir=tmp_path / "out", policy=QUICK, account="varg|sandbox|test")
    tasks: list[asyncio.Task[Any]] = []

    def spawn(coro: Any, name: str = "") -> asyncio.Task[Any]:
        t = asyncio.ensure_future(coro)
        tasks.append(t)
        return t

    panel = QueuePanel(q, spawn=spawn, varg=vq)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    said: list[str] = []
    panel.message.connect(said.append)

    async def go() -> None:
        await vq.start()
        rec = await vq.submit(VargRequest(kind="varg-image", model="flux-schnell", prompt="a red fox"),
                              input_name="fox", estimated=0.3)
        await until(lambda: store.get(rec.local_id).status is LocalStatus.PROCESSING
                    or store.get(rec.local_id).status is LocalStatus.PENDING, what="running on varg")
        await until(lambda: panel.proxy.rowCount() == 1, what="its row")
        panel.view.selectRow(0)
        assert panel.proxy.index(0, COL_INPUT).data() == "fox"
        panel._update_spent()  # the header: "… varg 0.3 ¢ ($0.003)", never "0.3" / "¢" on two lines
        # (nothing spent with Verging: no "0 credits ·" in front)
        assert panel.spent.text() == "Spent on jobs today: varg\u00a00.3\u00a0¢ ($0.003)"
        assert not re.search(r"\d\s¢", panel.spent.text().replace("\u00a0", "_"))
        panel._menu(QPoint(5, 5))  # the context menu, as a right click opens it
        menu = [m for m in panel.findChildren(QMenu) if m.isVisible()][-1]
        cancel = next(a for a in menu.actions() if a.text() == "Cancel on varg")
        assert cancel.isEnabled()
        cancel.trigger()
        menu.close()
        await until(lambda: tasks and tasks[-1].done(), what="the cancel")
        tasks[-1].result()  # raises what the app's crash dialog would have shown
        await until(lambda: panel.proxy.index(0, COL_STATUS).data() == "Cancelled", what="row cancelled")
        assert store.get(rec.local_id).status is LocalStatus.CANCELLED
        assert said[-1] == "Cancelled 1 varg job."
        assert sandbox.varg_stats()["requests"].get("DELETE /jobs/{id}", 0) == 1

    try:
        run(loop, go())
    finally:
        async def end() -> None:
            await vq.stop()
            await q.stop()
            await vclient.aclose()
            await client.aclose()

        run(loop, end())


def test_cents_never_break_between_the_number_and_the_unit() -> None:
    for c in (0, 0.5, 33, 1250, 7.25):
        for text in (cents_text(c), cents_amount(c)):
            assert "¢" in text and not re.search(r"\d ¢", text), repr(text)
            assert re.search(r"\d\u00a0¢", text), repr(text)


def test_every_word_the_app_counts_is_known(qapp) -> None:
    """``n_of(n, "word")`` with a word it does not know raises (once the crash dialog "KeyError:
    'varg job'"): every literal word in the app's sources has its form, in ui/plural.count and in
    the video tools' own n_of (which knows only the words whose sentences are translated)."""
    from verging_desktop.ui.tools import video_base

    root = Path(n_of.__code__.co_filename).parent
    words = set()
    for f in root.rglob("*.py"):
        words |= set(re.findall(r"n_of\([^()]*(?:\([^()]*\))?[^()]*,\s*['\"]([^'\"]+)['\"]\)", f.read_text()))
    assert {"job", "video"} <= words  # the regex finds the words in use (no n_of(…, "image") is left)
    for w in sorted(words):
        assert n_of(1, w) == f"1 {w}" and n_of(2, w) == f"2 {w}s"
        assert video_base.n_of(1, w) == f"1 {w}" and video_base.n_of(2, w) == f"2 {w}s"
    with pytest.raises(ValueError):
        video_base.n_of(2, "varg job")


def test_jobs_made_from_a_prompt_have_a_thumbnail(loop, qtbot, ffmpeg, tmp_path: Path) -> None:
    """A varg image made from a prompt alone shows its downloaded result; speech and music (no
    picture) show their tool's icon; a picture still downloading gets its thumbnail once it is here."""
    from tests.conftest import make_audio, make_image
    from verging_desktop.jobs.store import DownloadState

    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, "http://127.0.0.1:9/api/v1", retry=FAST)  # never asked: nothing runs
    q = JobQueue(store, client)
    png = make_image(ffmpeg, tmp_path / "lighthouse.png", size="320x180")
    mp3 = make_audio(ffmpeg, tmp_path / "hello.mp3", seconds=1)
    done = {"status": LocalStatus.COMPLETED, "download_state": DownloadState.DONE}
    image = store.add(provider="varg", kind="varg-image", input_name="a lighthouse")
    store.update(image.local_id, result_path=str(png), **done)
    speech = store.add(provider="varg", kind="varg-speech", input_name="hello there")
    store.update(speech.local_id, result_path=str(mp3), **done)
    later = store.add(provider="varg", kind="varg-image", input_name="a boat", status=LocalStatus.PROCESSING)
    music = store.add(provider="varg", kind="varg-music", input_name="calm piano", status=LocalStatus.PROCESSING)

    def spawn(coro: Any, name: str = "") -> asyncio.Task[Any]:
        return asyncio.ensure_future(coro)

    panel = QueuePanel(q, spawn=spawn)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    thumbs = panel.model._thumbs

    async def go() -> None:
        await until(lambda: {image.local_id, speech.local_id, music.local_id} <= set(thumbs), what="three thumbnails")

    run(loop, go())
    pic, glyph = thumbs[image.local_id], thumbs[speech.local_id]
    assert pic is not None and glyph is not None and thumbs[music.local_id] is not None
    assert later.local_id not in thumbs  # an image still being made: no stand-in kept for it
    # the result's own picture (testsrc2 is colourful), the speech row the TTS tool's glyph
    colours = {pic.toImage().pixelColor(x, y).name() for x in range(0, pic.width(), 4) for y in range(0, pic.height(), 4)}
    assert len(colours) > 10
    img = glyph.toImage()
    inked = sum(img.pixelColor(x, y).alpha() > 0 for x in range(img.width()) for y in range(img.height()))
    assert 0 < inked < img.width() * img.height() / 2
    # the picture that was downloading: its thumbnail once it is downloaded
    boat = make_image(ffmpeg, tmp_path / "boat.png", size="160x90")
    store.update(later.local_id, result_url="https://x.invalid/r/boat.png", status=LocalStatus.COMPLETED)
    store.update(later.local_id, result_path=str(boat), download_state=DownloadState.DONE)

    async def then() -> None:
        await until(lambda: later.local_id in thumbs, what="the boat's thumbnail")

    run(loop, then())
    boat_pic = thumbs[later.local_id]
    assert boat_pic is not None and boat_pic.toImage().pixelColor(5, 5).alpha() == 255  # the picture, not a glyph
    run(loop, client.aclose())
    store.close()
