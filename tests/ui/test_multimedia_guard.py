"""The guarded QtMultimedia import: its words, and the placeholder that stands for the player."""

from __future__ import annotations

from verging_desktop.ui.video.player import PreviewPlayer
from verging_desktop.ui.widgets import multimedia


def test_the_reason_says_what_to_install():
    e = "libpulse.so.0: cannot open shared object file: No such file or directory"
    assert multimedia.explain(e) == "Playback needs PulseAudio's library: sudo apt install libpulse0"
    other = multimedia.explain("libxkbcommon.so.0: cannot open shared object file")
    assert "libxkbcommon.so.0" in other and "package manager" in other
    assert "something odd" in multimedia.explain("something odd")


def test_playback_is_available_here():
    assert multimedia.available and multimedia.reason == "" and multimedia.QMediaPlayer is not None


def test_the_placeholder_has_the_players_interface(qtbot):
    w = multimedia.NoPlayback(text="Playback needs X")
    qtbot.addWidget(w)
    real = {n for n in dir(PreviewPlayer) if not n.startswith("_") and n in PreviewPlayer.__dict__}
    missing = sorted(n for n in real if not hasattr(w, n))
    assert not missing, f"NoPlayback lacks {missing}"
    assert w.video.text().startswith("Playback needs X")
    w.set_source("/tmp/x.mp4")
    w.play(from_=1.0)
    assert not w.is_playing() and w.position() == 0.0 and str(w.source()) == "/tmp/x.mp4"
    w.set_source(None)
    assert w.released()
