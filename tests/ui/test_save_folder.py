"""A Save dialog opens where the last one saved (across restarts: the app's settings file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from verging_desktop.ui.dialogs.common import ask_save_path, last_save_folder


def test_the_next_save_dialog_starts_in_the_folder_last_saved_into(qtbot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Path] = []
    out = tmp_path / "downloads"
    out.mkdir()
    elsewhere = tmp_path / "My Projects" / "holiday"
    elsewhere.mkdir(parents=True)

    first = ask_save_path(parent, "Save", out / "clip_faceswap.mp4", "MP4 video (*.mp4)", chosen.append)
    assert Path(first.directory().absolutePath()) == out  # nothing remembered yet: the suggestion
    first.fileSelected.emit(str(elsewhere / "mine.mp4"))
    first.close()
    assert chosen == [elsewhere / "mine.mp4"]
    assert last_save_folder() == elsewhere

    second = ask_save_path(parent, "Save", out / "portrait_lipsync.mp4", "MP4 video (*.mp4)", chosen.append)
    assert Path(second.directory().absolutePath()) == elsewhere
    assert "portrait_lipsync.mp4" in second.selectedFiles()[0]  # the suggested name, in that folder
    second.close()

    elsewhere.rmdir()  # a folder that is gone is not offered
    assert last_save_folder() is None
    third = ask_save_path(parent, "Save", out / "x.mp4", "MP4 video (*.mp4)", chosen.append)
    assert Path(third.directory().absolutePath()) == out
    third.close()
