"""Vimmerse jobs in the Job Queue panel: one history with Verging's jobs, the provider beside the
tool, every action going to the Vimmerse queue, several results of one job reachable."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from tests.conftest import make_clip, make_image
from tests.ui.conftest import run, until
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import VergingClient
from verging_desktop.api.vimmerse import CropRequest, ReferenceToVideoRequest, VimmerseClient
from verging_desktop.core.identity import account_identity
from verging_desktop.jobs.queue import JobQueue, PollPolicy
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue
from verging_desktop.jobs.words import tool_text
from verging_desktop.sandbox import DEMO_KEY, FaultConfig, Sandbox
from verging_desktop.ui.jobs.queue_model import COL_INPUT, COL_STATUS, COL_TOOL
from verging_desktop.ui.jobs.queue_panel import QueuePanel

FAST = RetryPolicy(attempts=2, base_delay=0.05)


def setup(sandbox, tmp_path: Path, qtbot):
    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, sandbox.base_url, retry=FAST)
    q = JobQueue(store, client, download_dir=tmp_path / "out", policy=PollPolicy(base=0.1, ramp=100))
    vclient = VimmerseClient(sandbox.vimmerse_demo_key, sandbox.vimmerse_url, retry=FAST)
    vq = VimmerseQueue(store, vclient, download_dir=tmp_path / "out", policy=AssetPollPolicy(base=0.1, ramp=100),
                       account=account_identity("vimmerse", sandbox.vimmerse_url, "test", ""))
    panel = QueuePanel(q, vimmerse=vq)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    return store, (client, vclient), q, vq, panel


def row_of(panel: QueuePanel, name: str) -> int:
    for r in range(panel.proxy.rowCount()):
        if panel.proxy.index(r, COL_INPUT).data() == name:
            return r
    raise AssertionError(f"no row {name}")


def cell(panel: QueuePanel, row: int, col: int) -> str:
    return panel.proxy.index(row, col).data() or ""


def test_vimmerse_jobs_beside_verging_jobs(loop, sandbox, qtbot, tmp_path, ffmpeg) -> None:
    store, clients, q, vq, panel = setup(sandbox, tmp_path, qtbot)
    img = make_image(ffmpeg, tmp_path / "photo.png")
    clip = make_clip(ffmpeg, tmp_path / "walk.mp4", seconds=1, size="160x120")

    async def go() -> None:
        await q.start()
        await vq.start()
        await q.submit_background_removal(img, estimated=1)
        await vq.submit(ReferenceToVideoRequest(image_urls=(str(img),), prompt="a slow pan", quantity=2, duration=1),
                        input_name="portrait.png", estimated=20)
        await vq.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name, estimated=3)
        await until(lambda: panel.proxy.rowCount() == 3, what="rows")
        await until(lambda: all(r.download_state is DownloadState.DONE for r in store.list()), 60, what="saved")
        await until(lambda: all(cell(panel, i, COL_STATUS) == "Completed, saved" for i in range(3)), what="rows saved")
        await until(lambda: "Vimmerse" in panel.spent.text(), what="spent today")

    run(loop, go())
    # the provider beside the tool; Verging's tools as before
    assert cell(panel, row_of(panel, "photo.png"), COL_TOOL) == "Background Removal"
    assert cell(panel, row_of(panel, "walk.mp4"), COL_TOOL) == tool_text("vimmerse-crop")
    assert cell(panel, row_of(panel, "portrait.png"), COL_TOOL).endswith(" · Vimmerse")
    assert panel.spent.text().startswith("Spent on jobs today: 1 credit · Vimmerse ")
    # a job of two results: open the first, the folder of both, each one from the context menu
    panel.view.selectRow(row_of(panel, "portrait.png"))
    rec = panel.selected()[0]
    files = [Path(p) for p in rec.params["result_paths"]]
    assert [p.name for p in files] == ["portrait_generated_1.mp4", "portrait_generated_2.mp4"]
    assert panel.actions["open"].isEnabled() and panel.actions["folder"].isEnabled()
    menu = QMenu()
    panel._add_results_menu(menu)
    sub = menu.findChild(QMenu, "resultsMenu")
    assert sub is not None and [a.text() for a in sub.actions()] == [p.name for p in files]
    assert "Saved 2 results" in panel.proxy.index(row_of(panel, "portrait.png"), COL_INPUT).data(Qt.ItemDataRole.ToolTipRole)
    # remove from the list: hidden, not deleted
    panel.actions["remove"].trigger()
    run(loop, until(lambda: panel.proxy.rowCount() == 2, what="row removed"))
    assert len(store.list(include_hidden=True)) == 3

    async def end() -> None:
        await vq.stop()
        await q.stop()
        for c in clients:
            await c.aclose()

    run(loop, end())


@pytest.fixture
def slow_sandbox(tmp_path: Path):
    """Vimmerse assets that stay open for the whole test."""
    sb = Sandbox(data_dir=tmp_path / "slow-sb", job_seconds=3600)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


def test_stop_watching_and_sending_again_go_to_the_vimmerse_queue(loop, slow_sandbox, qtbot, tmp_path,
                                                                   ffmpeg) -> None:
    sandbox = slow_sandbox
    store, clients, q, vq, panel = setup(sandbox, tmp_path, qtbot)
    clip = make_clip(ffmpeg, tmp_path / "dance.mp4", seconds=1, size="160x120")
    asked: list[str] = []
    panel.confirm = lambda text, yes: (asked.append(text), yes())  # type: ignore[method-assign]
    sandbox.faults = FaultConfig(error_rate=1.0, error_paths=("/v2/video/crop-to-aspect-ratio",))

    async def go() -> None:
        await vq.start()
        with contextlib.suppress(Exception):  # the answer was lost: unknown, never resent
            await vq.submit(CropRequest(video_url=str(clip), aspect_ratio="1:1"), input_name=clip.name, estimated=3)
        sandbox.faults = FaultConfig()
        await until(lambda: panel.proxy.rowCount() == 1 and "vimmerse.net" in cell(panel, 0, COL_STATUS),
                    what="unknown row")
        panel.view.selectRow(0)
        assert panel.actions["retry"].isEnabled() and not panel.actions["stop"].isEnabled()
        panel.actions["retry"].trigger()  # asks, then sends it again as a new job
        await until(lambda: panel.proxy.rowCount() == 2, what="the new job")
        again = max(store.list(), key=lambda r: r.local_id)
        await until(lambda: store.get(again.local_id).remote_id is not None, what="sent")
        assert store.get(again.local_id).status.open
        await until(lambda: panel.model.row_of(again.local_id) is not None, what="its row")
        panel.view.selectRow(row_of_id(panel, again.local_id))
        assert panel.actions["stop"].isEnabled() and not panel.actions["retry"].isEnabled()
        panel.actions["stop"].trigger()  # the Vimmerse queue stops reading it
        stopped = store.get(again.local_id)
        assert stopped.status is LocalStatus.CANCELLED and "vimmerse.net" in stopped.error
        assert again.local_id not in vq._due
        # the first job was sent again once: Send again on it says so and sends nothing
        lost = min(store.list(), key=lambda r: r.local_id)
        assert lost.params["resent_as"] == again.local_id
        said: list[str] = []
        panel.message.connect(said.append)
        panel.view.selectRow(row_of_id(panel, lost.local_id))
        assert [r.local_id for r in panel.selected()] == [lost.local_id]
        panel.actions["retry"].trigger()
        assert said and f"already sent again as job {again.local_id}" in said[-1]
        assert len(asked) == 1 and len(store.list()) == 2
        assert sum(n for k, n in sandbox.stats()["requests"].items() if k.endswith("/crop-to-aspect-ratio")) == 2

    run(loop, go())
    assert asked and "Vimmerse charges again: about 3 credits" in asked[0] and "check your assets" in asked[0]

    async def end() -> None:
        await vq.stop()
        for c in clients:
            await c.aclose()

    run(loop, end())


def row_of_id(panel: QueuePanel, local_id: int) -> int:
    row = panel.model.row_of(local_id)
    assert row is not None
    return row
