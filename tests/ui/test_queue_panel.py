"""The Job Queue panel and notifications, driven against the sandbox."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import make_clip, make_image
from tests.ui.conftest import run, until
from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import VergingClient
from verging_desktop.jobs.queue import JobQueue, PollPolicy
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.ui.jobs.notify import Notifier
from verging_desktop.ui.jobs.queue_model import COL_CREDITS, COL_STATUS
from verging_desktop.ui.jobs.queue_panel import QueuePanel


def setup(sandbox, tmp_path: Path, qtbot):
    store = JobStore(tmp_path / "jobs.db")
    client = VergingClient(DEMO_KEY, sandbox.base_url, retry=RetryPolicy(attempts=2, base_delay=0.05))
    q = JobQueue(store, client, download_dir=tmp_path / "out", policy=PollPolicy(base=0.1, ramp=100))
    panel = QueuePanel(q)
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    return store, client, q, panel


def cell(panel: QueuePanel, row: int, col: int) -> str:
    return panel.proxy.index(row, col).data() or ""


def test_rows_appear_progress_moves_and_results_download(loop, sandbox, qtbot, tmp_path, ffmpeg) -> None:
    store, client, q, panel = setup(sandbox, tmp_path, qtbot)
    images = [make_image(ffmpeg, tmp_path / f"shot {i}.png") for i in range(3)]
    seen_status: set[str] = set()

    async def go() -> None:
        await q.start()
        for img in images:
            await q.submit_background_removal(img, estimated=1)
        await until(lambda: panel.proxy.rowCount() == 3, what="rows")
        assert cell(panel, 0, COL_CREDITS).startswith("1 est.")
        while not all(r.download_state is DownloadState.DONE for r in store.list()):
            seen_status.update(cell(panel, i, COL_STATUS) for i in range(3))
            await until(lambda: True)
            import asyncio

            await asyncio.sleep(0.05)
        await until(lambda: all(cell(panel, i, COL_STATUS) == "Completed, saved" for i in range(3)), what="saved")
        await until(lambda: panel.spent.text() == "Spent on jobs today: 3 credits", what="spent today")
        await q.stop()
        await client.aclose()

    run(loop, go())
    assert {"Waiting", "Processing"} & seen_status
    # filters
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("failed"))
    assert panel.proxy.rowCount() == 0
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("completed"))
    assert panel.proxy.rowCount() == 3
    panel.tool_filter.setCurrentIndex(panel.tool_filter.findData("face-swap"))
    assert panel.proxy.rowCount() == 0
    panel.tool_filter.setCurrentIndex(0)
    # actions: copy URL, remove from list
    panel.view.selectRow(0)
    assert panel.actions["copy"].isEnabled() and not panel.actions["retry"].isEnabled()
    panel.actions["copy"].trigger()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().startswith("http://127.0.0.1")
    opened = []
    panel.open_in_tool.connect(lambda kind, lid: opened.append((kind, lid)))
    idx = panel.proxy.index(0, 2)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(idx).center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(idx).center())
    assert opened and opened[0][0] == "background-removal"
    panel.actions["remove"].trigger()
    run(loop, until(lambda: panel.proxy.rowCount() == 2, what="row removed"))
    assert len(store.list(include_hidden=True)) == 3  # hidden, not deleted


def test_retry_of_failed_face_swap_from_panel(loop, sandbox, qtbot, tmp_path, ffmpeg) -> None:
    store, client, q, panel = setup(sandbox, tmp_path, qtbot)
    clip = make_clip(ffmpeg, tmp_path / "c.mp4", seconds=1)
    face = make_image(ffmpeg, tmp_path / "face.png")
    sandbox.fail_next(1)
    asked = []
    panel.confirm = lambda text, yes: (asked.append(text), yes())  # type: ignore[method-assign]

    async def go() -> None:
        await q.start()
        rec = await q.submit_faceswap(clip, face, duration=1.0, estimated=1)
        await until(lambda: store.get(rec.local_id).status is LocalStatus.FAILED, what="failed")
        await until(lambda: cell(panel, 0, COL_STATUS) == "Failed", what="failed row")
        panel.view.selectRow(0)
        assert panel.actions["retry"].isEnabled()
        panel.actions["retry"].trigger()
        await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE, timeout=20, what="done")
        await q.stop()
        await client.aclose()

    run(loop, go())
    assert asked and "charges again" in asked[0] and "about 1 credit." in asked[0]
    assert sandbox.stats()["create_jobs"]["faceswap"] == 1


def test_notifications_are_grouped(loop, sandbox, qtbot, tmp_path, ffmpeg) -> None:
    store, client, q, panel = setup(sandbox, tmp_path, qtbot)
    notes: list[tuple[str, str]] = []
    badges: list[dict] = []
    n = Notifier(store, window_ms=400)
    n.notified.connect(lambda t, x: notes.append((t, x)))
    n.badges_changed.connect(badges.append)
    img = make_image(ffmpeg, tmp_path / "p.png")

    async def go() -> None:
        for _ in range(5):
            await q.submit_background_removal(img, estimated=1)
        await q.start()
        await until(lambda: all(r.status is LocalStatus.COMPLETED for r in store.list()), what="completed")
        await until(lambda: notes, timeout=5, what="notification")
        import asyncio

        await asyncio.sleep(0.6)
        await q.stop()
        await client.aclose()

    run(loop, go())
    assert len(notes) == 1 and notes[0][0] == "5 jobs finished" and "5 completed" in notes[0][1]
    assert badges[-1] == {"background-removal": 5}
    n.seen("background-removal")
    assert n.badges == {}
    n.close()


def test_empty_text_fits_the_view_at_any_width(qtbot, tmp_path) -> None:
    """The 'No jobs yet' text wraps inside the list, also after the dock is resized (it was laid
    out for the viewport's previous size and ran off the panel's right edge)."""
    store = JobStore(tmp_path / "jobs.db")
    q = JobQueue(store, VergingClient(DEMO_KEY, "http://127.0.0.1:9"), download_dir=tmp_path / "out")
    panel = QueuePanel(q)
    qtbot.addWidget(panel)
    for width in (320, 900, 360):
        panel.resize(width, 400)
        panel.show()
        qtbot.waitUntil(lambda w=width: panel.width() == w)
        qtbot.wait(20)
        label, viewport = panel.empty_label, panel.view.viewport()
        assert label.isVisible()
        assert viewport.rect().contains(label.geometry()), (width, label.geometry(), viewport.rect())
        # the wrapped text needs no more room than the label has
        needed = label.heightForWidth(label.width())
        assert needed <= label.height(), (width, needed, label.height())
    panel.detach()
    store.close()
