"""varg jobs in the Job Queue panel: More › Cancel on varg (also on the context menu) cancels a
running job on varg, and the header's varg amount never breaks between a number and its ¢."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

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
        panel._update_spent()  # the header: "… · varg 0.3 ¢ ($0.003)", never "0.3" / "¢" on two lines
        assert "· varg\u00a00.3\u00a0¢ ($0.003)" in panel.spent.text() and not re.search(r"\d\s¢", panel.spent.text()
                                                                                 .replace("\u00a0", "_"))
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
    """``n_of(n, "word")`` with a word ui/plural.count does not know raises KeyError (the crash
    dialog "KeyError: 'varg job'"): every literal word in the app's sources has its form."""
    root = Path(n_of.__code__.co_filename).parent
    words = set()
    for f in root.rglob("*.py"):
        words |= set(re.findall(r"n_of\([^()]*(?:\([^()]*\))?[^()]*,\s*['\"]([^'\"]+)['\"]\)", f.read_text()))
    assert {"job", "varg job", "image"} <= words
    for w in sorted(words):
        assert n_of(1, w) == f"1 {w}" and n_of(2, w) == f"2 {w}s"
