"""Which tool takes an opened file (core/open_files.py): by content, an ISO media file with an
audio extension being audio; the video tool used last; file:// URLs; refusals with reasons."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.core.open_files import local_path, media_kind, route


def test_kinds_by_content_and_extension(ffmpeg, tmp_path):
    assert media_kind(make_clip(ffmpeg, tmp_path / "v.mp4", seconds=1)) == "video"
    assert media_kind(make_image(ffmpeg, tmp_path / "i.png")) == "image"
    assert media_kind(make_audio(ffmpeg, tmp_path / "a.wav", seconds=1)) == "audio"
    assert media_kind(make_audio(ffmpeg, tmp_path / "a.m4a", seconds=1, extra=["-c:a", "aac"])) == "audio"
    # a PNG named .mp4 is an image: the content decides
    png = (tmp_path / "i.png").read_bytes()
    (tmp_path / "fake.mp4").write_bytes(png)
    assert media_kind(tmp_path / "fake.mp4") == "image"
    (tmp_path / "t.txt").write_text("hello")
    assert media_kind(tmp_path / "t.txt") is None
    assert media_kind(tmp_path / "missing.mp4") is None


def test_route(ffmpeg, tmp_path):
    v = str(make_clip(ffmpeg, tmp_path / "v.mp4", seconds=1))
    i = str(make_image(ffmpeg, tmp_path / "i.png"))
    a = str(make_audio(ffmpeg, tmp_path / "a.wav", seconds=1))
    r = route([v, i, a, v, str(tmp_path), str(tmp_path / "nope.mp4")])
    assert r.tools == {"face-swap": [v], "background-removal": [i], "speech-to-text": [a]}
    assert [why for _p, why in r.refused] == [
        f"{tmp_path.name} was not opened: it is a folder (drop the files in it on a tool).",
        "nope.mp4 was not opened: there is no such file."]
    assert route([v], "reframe").tools == {"reframe": [v]}
    assert route([v], "chat").tools == {"face-swap": [v]}  # not a video tool: Face Swap


def test_local_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert local_path("x.mp4") == str(tmp_path / "x.mp4")
    assert local_path("file:///home/a/My%20clip.mp4") == "/home/a/My clip.mp4"
    assert Path(local_path("~/x.mp4")).is_absolute()
