"""The shared varg pieces of the tabs: the provider choice, the outcome line and the runner (one
order per click, checked before anything, followed to the downloaded result)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton

from verging_desktop.api.varg.models import VargRequest
from verging_desktop.core.submissions import SubmissionRegistry
from verging_desktop.jobs.store import DownloadState, JobRecord, JobStore, LocalStatus
from verging_desktop.services.varg_cost import TABLE, VargEstimate
from verging_desktop.ui.tools.varg_outcome import VargOutcome
from verging_desktop.ui.tools.varg_runner import VargRunner
from verging_desktop.ui.widgets.provider_choice import ProviderChoice

from .conftest import run, until


def test_provider_choice_radios_costs_and_links(qtbot):
    pc = ProviderChoice()
    qtbot.addWidget(pc)
    pc.set_providers([("verging", "Verging (gpt-image-1)"), ("varg", "varg")])
    pc.show()
    assert pc.objectName() == "providerChoice" and pc.current() == "verging"
    seen: list[str] = []
    pc.changed.connect(seen.append)
    pc.set_cost("verging", "4 credits")
    pc.set_cost("varg", "0.3\u00a0¢ ($0.003)", tooltip="local price table")
    assert pc.cost_text("varg") == "0.3\u00a0¢ ($0.003)" and pc.radios["varg"].toolTip() == "local price table"
    radio = pc.findChild(QRadioButton, "provider-varg")
    assert radio is not None
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
    assert pc.current() == "varg" and seen == ["varg"]
    pc.set_current("varg")  # no change: no signal
    assert seen == ["varg"]
    pc.set_current("verging")
    assert seen == ["varg", "verging"] and pc.radios["verging"].isChecked() and not pc.radios["varg"].isChecked()
    # the list again keeps the choice
    pc.set_providers([("verging", "Verging"), ("varg", "varg")])
    assert pc.current() == "verging"
    links: list[tuple[str, str]] = []
    pc.linkActivated.connect(lambda p, link: links.append((p, link)))
    pc.set_cost("varg", "no varg key: <a href='keys:varg'>Add a varg key</a>")
    pc.costs["varg"].linkActivated.emit("keys:varg")
    assert links == [("varg", "keys:varg")] and pc.cost_text("varg") == "no varg key: Add a varg key"


def _rec(**kw: Any) -> JobRecord:
    base: dict[str, Any] = {"local_id": 1, "provider": "varg", "kind": "varg-image", "status": LocalStatus.COMPLETED,
                            "remote_id": "job_1", "estimated_credits": 0.3}
    base.update(kw)
    return JobRecord(**base)


def test_outcome_line_estimate_then_outcome(qtbot):
    line = VargOutcome()
    qtbot.addWidget(line)
    line.show_estimate(VargEstimate(35.0, TABLE, model="flux-pro"))
    assert line.text() == "Estimate: 35\u00a0¢ ($0.35) (local price table)" and line.showing == "estimate"
    line.show_estimate(VargEstimate(35.0, TABLE, probably_cached=True))
    assert line.text().startswith("Estimate: probably from cache: free")
    line.show_estimate(VargEstimate(35.0, TABLE, byok="fal"))
    assert line.text() == "Estimate: your own fal.ai key: billed by the provider"
    line.show_record(_rec(params={"cache": "hit"}, charged_credits=0.0))
    assert line.text() == "From cache: free" and line.showing == "outcome"
    line.show_record(_rec(params={"cache": "miss", "byok": "fal"}, charged_credits=0.0))
    assert line.text() == "Your own fal.ai key: billed by the provider"
    line.show_record(_rec(params={"cache": "miss"}, charged_credits=35.0, estimated_credits=35.0))
    assert line.text() == "Charged 35\u00a0¢ ($0.35), estimate 35\u00a0¢"


# -- the runner against a small stand-in queue (the sandbox runs are in the tabs' tests) -----------
class FakeQueue:
    """Writes the record like VargQueue.submit does and finishes it a moment later."""

    def __init__(self, store: JobStore, *, hit: bool = False, fail: str = "") -> None:
        self.store = store
        self.hit = hit
        self.fail = fail
        self.submits: list[VargRequest] = []
        self.cancelled: list[int] = []

    async def submit(self, req: VargRequest, *, input_name: str, estimated: float | None, dest: Any = None,
                     progress: Any = None) -> JobRecord:
        self.submits.append(req)
        rec = self.store.add(provider="varg", kind=req.kind, params=req.to_params(), input_name=input_name,
                             estimated_credits=estimated)
        rec = self.store.update(rec.local_id, status=LocalStatus.SUBMITTING)
        await asyncio.sleep(0.05)
        rec = self.store.update(rec.local_id, status=LocalStatus.PROCESSING, remote_id=f"job_{rec.local_id}",
                                submitted_at=time.time())
        asyncio.get_event_loop().create_task(self._finish(rec.local_id))
        return rec

    async def _finish(self, lid: int) -> None:
        await asyncio.sleep(0.1)
        if self.fail:
            self.store.update(lid, status=LocalStatus.FAILED, error=self.fail)
            return
        params = dict(self.store.get(lid).params, cache="hit" if self.hit else "miss")
        self.store.update(lid, status=LocalStatus.COMPLETED, params=params, charged_credits=0.0 if self.hit else 0.3)
        await asyncio.sleep(0.05)
        self.store.update(lid, download_state=DownloadState.DONE, result_path="/nowhere/out.png")

    async def cancel(self, local_id: int) -> JobRecord:
        self.cancelled.append(local_id)
        return self.store.update(local_id, status=LocalStatus.CANCELLED, error="Cancelled on varg.")


def _ctx(loop: asyncio.AbstractEventLoop, queue: FakeQueue) -> Any:
    refreshed: list[int] = []

    async def varg_ready() -> FakeQueue:
        return queue

    session = SimpleNamespace(mode="sandbox", client=None, profile=None,
                              refresh_varg_balance=lambda: refreshed.append(1))
    return SimpleNamespace(session=session, submissions=SubmissionRegistry(), jobs=SimpleNamespace(varg_ready=varg_ready),
                           spawn=lambda coro, name="": loop.create_task(coro, name=name), refreshed=refreshed,
                           varg_cost=None)


def _wire(runner: VargRunner) -> dict[str, list[Any]]:
    got: dict[str, list[Any]] = {"started": [], "progress": [], "finished": [], "failed": [], "cancelled": []}
    for name, sig in (("started", runner.started), ("progress", runner.progress), ("finished", runner.finished),
                      ("failed", runner.failed), ("cancelled", runner.cancelled)):
        sig.connect(got[name].append)
    return got


def test_runner_one_order_per_double_click_followed_to_the_download(qtbot, loop, tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    queue = FakeQueue(store)
    ctx = _ctx(loop, queue)
    button = QPushButton("Generate")
    qtbot.addWidget(button)
    runner = VargRunner(ctx, button)
    got = _wire(runner)
    req = VargRequest(kind="varg-image", model="flux-schnell", prompt="a red fox", aspect_ratio="1:1")
    est = VargEstimate(0.3, TABLE, model="flux-schnell")
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(runner.run(req, est, input_name="a red fox")))
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # ignored: the button is off while sending
    assert runner.busy and not button.isEnabled()
    assert runner.run(req, est, input_name="again") is False  # and a second run is refused
    run(loop, until(lambda: got["finished"] or got["failed"], 10, "the order's end"))
    assert got["failed"] == [] and len(queue.submits) == 1 and runner.orders == 1
    rec = got["finished"][0]
    assert rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DONE
    assert got["started"] == [rec.local_id] and got["progress"][0] == "Estimate: 0.3\u00a0¢ ($0.003) (local price table)"
    assert not runner.busy and button.isEnabled() and ctx.refreshed == [1]
    store.close()


def test_runner_refuses_a_wrong_request_before_anything(qtbot, loop, tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    queue = FakeQueue(store)
    runner = VargRunner(_ctx(loop, queue))
    got = _wire(runner)
    missing = str(tmp_path / "nope.png")
    req = VargRequest(kind="varg-background-removal", model="background-remover", prompt="remove", files=(missing,))
    assert runner.run(req, VargEstimate(1.0, TABLE), input_name="nope.png") is False
    assert len(got["failed"]) == 1 and got["failed"][0].endswith("Nothing was sent.") and "nope.png" in got["failed"][0]
    assert queue.submits == [] and store.list() == [] and not runner.busy
    store.close()


def test_runner_reports_a_failed_job_and_a_charged_repeat_asks_first(qtbot, loop, tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    queue = FakeQueue(store, fail="The upstream model refused the prompt.")
    runner = VargRunner(_ctx(loop, queue))
    got = _wire(runner)
    req = VargRequest(kind="varg-image", model="flux-pro", prompt="a fox", aspect_ratio="1:1")
    assert runner.run(req, VargEstimate(5.0, TABLE), input_name="a fox")
    run(loop, until(lambda: got["failed"], 10, "the failure"))
    assert got["failed"] == ["Failed: The upstream model refused the prompt."] and got["finished"] == []
    # the same charged order again asks first; no: nothing is sent
    assert runner.run(req, VargEstimate(5.0, TABLE), input_name="a fox")
    assert runner.guard.dialog is not None and "5\u00a0¢ ($0.05)" in runner.guard.last_question
    runner.guard.answer(False)
    assert len(queue.submits) == 1 and not runner.busy
    # a free repeat (probably from the cache) is not asked about
    queue.fail = ""
    assert runner.run(req, VargEstimate(5.0, TABLE, probably_cached=True), input_name="a fox")
    assert runner.guard.dialog is None
    run(loop, until(lambda: got["finished"], 10, "the second order"))
    assert len(queue.submits) == 2
    store.close()


def test_runner_cancel_once_it_is_a_job_goes_to_the_queue(qtbot, loop, tmp_path):
    store = JobStore(tmp_path / "jobs.db")
    queue = FakeQueue(store)
    runner = VargRunner(_ctx(loop, queue))
    got = _wire(runner)
    req = VargRequest(kind="varg-image", model="flux-schnell", prompt="x", aspect_ratio="1:1")
    assert runner.run(req, VargEstimate(0.3, TABLE), input_name="x")
    run(loop, until(lambda: got["started"], 10, "the job"))
    runner.cancel()
    run(loop, until(lambda: got["cancelled"], 10, "the cancel"))
    assert queue.cancelled == got["started"] and got["cancelled"] == ["Cancelled on varg."] and got["failed"] == []
    assert Path(tmp_path / "jobs.db").exists()
    store.close()
