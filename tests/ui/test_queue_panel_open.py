"""Open and Show in folder in the Job Queue when no app can be started (the offscreen platform, like
a desktop without a launcher: the real QDesktopServices answers False): the status bar line says so
with the path, and a box offers Show in folder and Copy path. Real clicks on the panel's buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.conftest import make_image
from tests.ui.conftest import run, until
from tests.ui.test_queue_panel import setup
from verging_desktop.jobs.store import DownloadState


def cannot_open_box(panel) -> QMessageBox | None:
    box = panel.findChild(QMessageBox, "cannotOpen")
    return box if box is not None and box.isVisible() else None


def click_button(qtbot, box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_open_without_a_launcher_says_where_the_file_is(loop, sandbox, qtbot, tmp_path, ffmpeg) -> None:
    store, client, q, panel = setup(sandbox, tmp_path, qtbot)
    img = make_image(ffmpeg, tmp_path / "photo.png")

    async def go() -> Path:
        await q.start()
        rec = await q.submit_background_removal(img, estimated=1)
        done = await until(lambda: (r := store.get(rec.local_id)) is not None
                           and r.download_state is DownloadState.DONE and r, 60, "the result to be saved")
        await until(lambda: panel.proxy.rowCount() == 1, what="the row")
        return Path(done.result_path)

    result = run(loop, go())
    assert result.is_file()
    assert QDesktopServices.openUrl(QUrl.fromLocalFile(str(result))) is False  # no app can be started here
    messages: list[str] = []
    panel.message.connect(messages.append)
    idx = panel.proxy.index(0, 2)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(idx).center())
    open_button = panel.toolbar.widgetForAction(panel.actions["open"])
    assert open_button is not None
    run(loop, until(lambda: open_button.isEnabled(), 5, "Open to be enabled"))

    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert messages == [f"No app could be started to open {result.name}. It is at {result}"]
    box = run(loop, until(lambda: cannot_open_box(panel), 5, "the box"))
    assert str(result) in box.text()
    QGuiApplication.clipboard().clear()
    click_button(qtbot, box, "copyPath")
    run(loop, until(lambda: cannot_open_box(panel) is None, 5, "the box to close"))
    assert QGuiApplication.clipboard().text() == str(result)
    assert messages[-1] == f"Path copied: {result}"

    # Show in folder from the box: no file manager either, so the path is copied and said
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    box = run(loop, until(lambda: cannot_open_box(panel), 5, "the box again"))
    QGuiApplication.clipboard().clear()
    click_button(qtbot, box, "revealPath")
    run(loop, until(lambda: cannot_open_box(panel) is None, 5, "the box to close"))
    assert QGuiApplication.clipboard().text() == str(result)
    assert "show the folder either" in messages[-1] and str(result) in messages[-1]

    # the Folder button: said too, with the folder's path (the box offers to copy it)
    messages.clear()
    qtbot.mouseClick(panel.toolbar.widgetForAction(panel.actions["folder"]), Qt.MouseButton.LeftButton)
    assert messages == [f"No app could be started to open the folder. It is at {result.parent}"]
    box = run(loop, until(lambda: cannot_open_box(panel), 5, "the folder's box"))
    assert box.findChild(QPushButton, "revealPath") is None
    click_button(qtbot, box, "copyPath")
    run(loop, until(lambda: cannot_open_box(panel) is None, 5, "the box to close"))
    assert QGuiApplication.clipboard().text() == str(result.parent)

    async def end() -> None:
        await q.stop()
        await client.aclose()

    run(loop, end())
