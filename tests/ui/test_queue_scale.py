"""The Job Queue panel with a long history: paged from SQLite, filtered in SQL, updated row by row,
and readable at the dock's default width (340 px)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.conftest import make_clip, make_image
from tests.ui.conftest import run, until
from verging_desktop.api.verging import VergingClient
from verging_desktop.jobs.queue import JobQueue
from verging_desktop.jobs.store import JobStore, LocalStatus
from verging_desktop.media.poster import poster_png
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.ui.jobs.queue_model import (
    CACHE_PAGES,
    COL_INPUT,
    COL_STATUS,
    COL_THUMB,
    PAGE,
    RecordRole,
)
from verging_desktop.ui.jobs.queue_panel import TOOLBAR_ACTIONS, QueuePanel

KINDS = ("face-swap", "video-enhance", "background-removal")
#: every tenth job failed, every tenth (offset 5) cancelled, the rest completed
LONG = "holiday {i:05d} - the whole family at the beach with grandma and the dog (final cut).mp4"


def seed(db: Path, n: int, inputs: list[str] | None = None) -> None:
    JobStore(db).close()
    rows = []
    for i in range(1, n + 1):
        status = "failed" if i % 10 == 0 else "cancelled" if i % 10 == 5 else "completed"
        rows.append(("verging", KINDS[i % 3], status, f"r{i}", json.dumps(inputs or []), LONG.format(i=i),
                     15.0, 15.0 if status == "completed" else None, float(i), float(i), float(i), float(i) + 60))
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO jobs (provider, kind, status, remote_id, inputs, input_name, estimated_credits,"
                        " charged_credits, created_at, updated_at, submitted_at, finished_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()


def make_panel(store: JobStore, sandbox, qtbot, width: int = 900, height: int = 500) -> QueuePanel:
    client = VergingClient(DEMO_KEY, sandbox.base_url)
    q = JobQueue(store, client, download_dir=store.path.parent / "out")
    panel = QueuePanel(q)
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


class Signals:
    """Counts what the model tells its views."""

    def __init__(self, model) -> None:
        self.resets = self.inserted = self.removed = 0
        self.changed: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda _p, a, b: setattr(self, "inserted", self.inserted + b - a + 1))
        model.rowsRemoved.connect(lambda _p, a, b: setattr(self, "removed", self.removed + b - a + 1))
        model.dataChanged.connect(lambda a, b, *_: self.changed.append((a.row(), b.row())))

    def _reset(self) -> None:
        self.resets += 1


def test_a_long_history_is_paged_not_held(loop, sandbox, qtbot, tmp_path: Path) -> None:
    seed(tmp_path / "jobs.db", 5000)
    store = JobStore(tmp_path / "jobs.db")
    panel = make_panel(store, sandbox, qtbot)
    m = panel.model
    qtbot.wait(50)
    assert m.rowCount() == 5000
    # newest first; only the page on screen was read
    assert m.index(0, 0).data(RecordRole).local_id == 5000
    assert 0 < m.cached_count() <= PAGE and m.page_reads == 1
    # scrolling to the bottom reads the last page, and the cache stays a few pages
    panel.view.scrollToBottom()
    qtbot.wait(50)
    last = m.index(4999, 0).data(RecordRole)
    assert last.local_id == 1 and m.page_reads >= 2
    assert m.cached_count() <= PAGE * CACHE_PAGES
    for _ in range(20):  # all the way up again, page by page
        panel.view.verticalScrollBar().setValue(panel.view.verticalScrollBar().value() - 25 * PAGE * 44 // 20)
        qtbot.wait(5)
    assert m.cached_count() <= PAGE * CACHE_PAGES

    # filters run in SQL; the filter boxes say how many jobs each choice shows
    def show(status: str = "", kind: str = "", text: str = "") -> int:
        panel.status_filter.setCurrentIndex(panel.status_filter.findData(status))
        panel.tool_filter.setCurrentIndex(panel.tool_filter.findData(kind))
        panel.search.setText(text)
        panel._apply_filter()  # what the search box's short timer does
        return m.rowCount()

    assert show("failed") == 500 and m.cached_count() == 0
    assert panel.status_filter.itemText(panel.status_filter.currentIndex()) == "Failed or unknown (500)"
    assert show("completed", "face-swap") == sum(1 for i in range(1, 5001) if i % 10 not in (0, 5) and i % 3 == 0)
    assert show("", "", "HOLIDAY 04242") == 1 and m.index(0, COL_INPUT).data().startswith("holiday 04242")
    assert show("", "", "no such job") == 0 and panel.empty_label.isVisible()
    assert show() == 5000 and not panel.empty_label.isVisible()
    assert panel.status_filter.itemText(0) == "All jobs (5,000)"
    assert panel.status_filter.itemText(panel.status_filter.findData("other")) == "Cancelled (500)"
    assert panel.tool_filter.itemText(panel.tool_filter.findData("video-enhance")) == "Video Enhance (1,667)"
    assert panel.spent.text() == "Spent on jobs today: 0 credits"  # seeded long ago
    panel.detach()
    store.close()


def test_a_store_event_changes_only_its_row(loop, sandbox, qtbot, tmp_path: Path) -> None:
    seed(tmp_path / "jobs.db", 2000)
    store = JobStore(tmp_path / "jobs.db")
    panel = make_panel(store, sandbox, qtbot)
    m = panel.model
    qtbot.wait(20)
    sig = Signals(m)
    reads = m.page_reads
    # a job on screen changes: one row repaints, nothing is read again
    store.update(1998, status=LocalStatus.FAILED, error="The server could not process it.")
    m.flush()
    assert sig.changed == [(2, 2)] and sig.resets == sig.inserted == sig.removed == 0
    assert m.index(2, COL_STATUS).data() == "Failed" and m.page_reads == reads
    # a job far down the list changes: still one row, at its place
    store.update(7, charged_credits=12.0)
    m.flush()
    assert sig.changed[-1] == (1993, 1993) and sig.resets == 0
    # a new job appears on top; a hidden one goes; the counts follow
    rec = store.add(provider="verging", kind="face-swap", input_name="new.mp4", estimated_credits=3)
    store.update(1500, hidden=True)
    m.flush()
    assert (sig.inserted, sig.removed, sig.resets) == (1, 1, 0)
    assert m.rowCount() == 2000 and m.index(0, COL_INPUT).data() == "new.mp4"
    assert m.row_of(1500) is None and m.row_of(rec.local_id) == 0
    panel._update_counts()
    assert panel.status_filter.itemText(panel.status_filter.findData("active")) == "Active (1)"
    # under a filter, a job that stops matching leaves at its row, one that starts matching arrives
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("failed"))
    n = m.rowCount()
    sig2 = Signals(m)
    store.update(1998, status=LocalStatus.COMPLETED)
    store.update(1, status=LocalStatus.FAILED)
    m.flush()
    assert (sig2.inserted, sig2.removed, sig2.resets) == (1, 1, 0) and m.rowCount() == n
    assert m.row_of(1) == n - 1 and m.row_of(1998) is None
    panel.detach()
    store.close()


def test_readable_at_the_docks_default_width(loop, sandbox, qtbot, tmp_path: Path, ffmpeg) -> None:
    img = make_image(ffmpeg, tmp_path / "face.png")
    seed(tmp_path / "jobs.db", 40, inputs=[str(img), str(img)])
    store = JobStore(tmp_path / "jobs.db")
    running = store.add(provider="verging", kind="video-enhance", input_name=LONG.format(i=99999),
                        estimated_credits=30, inputs=[str(img)])
    store.update(running.local_id, status=LocalStatus.PROCESSING, progress=40.0, remote_id="x",
                 submitted_at=running.created_at)
    panel = make_panel(store, sandbox, qtbot, width=340, height=600)
    view = panel.view
    qtbot.wait(50)
    # nothing to scroll sideways; the columns fit the viewport
    assert not view.horizontalScrollBar().isVisible()
    shown = [c for c in range(panel.model.columnCount()) if not view.isColumnHidden(c)]
    assert shown == [COL_THUMB, COL_INPUT, COL_STATUS]
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width()
    # the thumbnail column is headless by design: the narrow layout has no header at all
    assert not view.horizontalHeader().isVisible()
    # the running job's status cell (with its progress bar) is entirely on screen
    rect = view.visualRect(panel.model.index(0, COL_STATUS))
    # (the time left the seeded history gives is on the input's second line here: no room in this cell)
    assert panel.model.index(0, COL_STATUS).data() == "Processing"
    assert panel.model.index(0, COL_INPUT).data(Qt.ItemDataRole.UserRole + 3).endswith(" s left")
    assert rect.left() >= 0 and rect.right() <= view.viewport().width()
    assert panel.model.index(0, COL_STATUS).data(Qt.ItemDataRole.UserRole + 3) is None  # a bar, not text
    # names too long for the cell are elided and their tooltip (a real tooltip event) has them whole
    fm = view.fontMetrics()
    room = view.columnWidth(COL_INPUT) - 8
    elided = 0
    for row in range(5):
        idx = panel.model.index(row, COL_INPUT)
        name = idx.data()
        if fm.horizontalAdvance(name) > room:
            elided += 1
        center = view.visualRect(idx).center()
        QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, center,
                                                           view.viewport().mapToGlobal(center)))
        assert name in QToolTip.text(), (name, QToolTip.text())
        QToolTip.hideText()
    assert elided == 5
    # the actions used often are buttons on screen (not behind the tool bar's overflow)
    bar = panel.toolbar
    for key in TOOLBAR_ACTIONS:
        button = bar.widgetForAction(panel.actions[key])
        assert button.isVisible() and bar.rect().contains(button.geometry()), key
    assert panel.more_button.isVisible() and bar.rect().contains(panel.more_button.geometry())
    ext = bar.findChild(object, "qt_toolbar_ext_button")
    assert ext is None or not ext.isVisible()
    # thumbnails are loaded for the rows on screen only
    run(loop, until(lambda: panel.model.index(1, COL_THUMB).data(Qt.ItemDataRole.DecorationRole) is not None,
                    timeout=10, what="a thumbnail"))
    assert len(panel.model._thumbs) <= 20
    # a double click on a row (real mouse events) opens the job in its tab
    opened = []
    panel.open_in_tool.connect(lambda kind, lid: opened.append((kind, lid)))
    center = view.visualRect(panel.model.index(0, COL_INPUT)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert opened == [("video-enhance", running.local_id)]
    # wide, every column has its place and a header (the thumbnail's says "Preview")
    panel.resize(1200, 600)
    qtbot.wait(20)
    assert not view.horizontalHeader().isHidden() and not view.isColumnHidden(COL_STATUS + 1)
    assert panel.model.headerData(COL_THUMB, Qt.Orientation.Horizontal) == "Preview"
    assert not view.horizontalScrollBar().isVisible()
    panel.detach()
    store.close()


@pytest.mark.parametrize("size", [(320, 240), (240, 320)])
def test_a_video_still_comes_from_an_ffmpeg_process(tmp_path: Path, ffmpeg, size) -> None:
    clip = make_clip(ffmpeg, tmp_path / "c.mp4", seconds=1, size=f"{size[0]}x{size[1]}", audio=False)
    png = poster_png(clip, 128, 72)
    assert png is not None and png[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert w <= 128 and h <= 72 and max(w / 128, h / 72) > 0.95  # fitted, aspect kept
    assert poster_png(tmp_path / "missing.mp4", 128, 72) is None
    (tmp_path / "text.mp4").write_text("not a video")
    assert poster_png(tmp_path / "text.mp4", 128, 72) is None
