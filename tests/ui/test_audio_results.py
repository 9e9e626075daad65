"""The audio results list on its own: newest first, playable when the system can play, saved under
the name chosen (the suffix kept), and without a sound library it still saves and says why it cannot play."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import make_audio
from tests.ui.conftest import run, until


def test_newest_first_played_and_saved(qtbot, loop, tmp_path, ffmpeg) -> None:
    from verging_desktop.ui.widgets import multimedia
    from verging_desktop.ui.widgets.audio_results import AudioResults

    a = make_audio(ffmpeg, tmp_path / "a.mp3", seconds=1.5)
    b = make_audio(ffmpeg, tmp_path / "b.mp3", seconds=2.5)
    w = AudioResults(empty_text="nothing yet", save_dir=tmp_path)
    qtbot.addWidget(w)
    w.show()
    assert not w.save_btn.isEnabled() and not w.play_btn.isEnabled() and w.empty.isVisible()
    w.add(a, "a", duration=1.5)
    w.add(b, "b", duration=2.5)
    assert w.paths() == [str(b), str(a)] and w.selected_path() == str(b) and not w.empty.isVisible()
    assert w.time.text() == "0:00 / 0:02"  # the length is known before anything plays
    said: list[str] = []
    w.message.connect(said.append)
    out = w.save_to(str(b), str(tmp_path / "mine"))
    assert out == tmp_path / "mine.mp3" and out.read_bytes() == b.read_bytes() and said == [f"Saved {out}"]
    if multimedia.available:
        qtbot.mouseClick(w.play_btn, Qt.MouseButton.LeftButton)
        run(loop, until(lambda: w.player is not None and w.player.source().toLocalFile() == str(b), 5, "loaded"))
        w.shutdown()


def test_without_a_sound_library_it_saves_and_says_why_it_cannot_play(qtbot, tmp_path, ffmpeg, monkeypatch) -> None:
    from verging_desktop.ui.widgets import multimedia
    from verging_desktop.ui.widgets.audio_results import AudioResults

    monkeypatch.setattr(multimedia, "available", False)
    monkeypatch.setattr(multimedia, "reason", multimedia.PULSE_HINT)
    a = make_audio(ffmpeg, tmp_path / "a.mp3", seconds=1.0)
    w = AudioResults(empty_text="nothing yet", save_dir=tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.add(a, "a", duration=1.0)
    assert not w.play_btn.isEnabled() and w.play_btn.toolTip() == multimedia.PULSE_HINT
    assert w.no_playback.isVisible() and w.save_btn.isEnabled()
    w.toggle_play()
    assert w.player is None
    assert w.save_to(str(a), str(tmp_path / "copy.mp3")).is_file()
