from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.core import filetypes as ft
from verging_desktop.core.errors import InputError


def test_sniff_by_content_not_name(ffmpeg: str, media_dir: Path) -> None:
    png = make_image(ffmpeg, media_dir / "a.png")
    disguised = media_dir / "photo.jpg"
    disguised.write_bytes(png.read_bytes())
    assert ft.sniff(disguised) == "png"
    clip = make_clip(ffmpeg, media_dir / "c.mp4", seconds=0.5)
    assert ft.sniff(clip) == "mp4"
    assert ft.sniff(make_audio(ffmpeg, media_dir / "a.wav", seconds=0.3)) == "wav"
    assert ft.sniff(make_audio(ffmpeg, media_dir / "a.mp3", seconds=0.3)) == "mp3"
    txt = media_dir / "notes.png"
    txt.write_text("hello")
    assert ft.sniff(txt) is None


def test_check_image_messages(ffmpeg: str, media_dir: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        ft.check_image(media_dir / "missing.png")
    with pytest.raises(InputError, match="folder"):
        ft.check_image(media_dir)
    empty = media_dir / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        ft.check_image(empty)
    clip = make_clip(ffmpeg, media_dir / "v.png", seconds=0.5, extra=["-f", "mp4"])
    with pytest.raises(InputError, match="video, not an image"):
        ft.check_image(clip)
    gif = media_dir / "x.gif"
    subprocess_gif(ffmpeg, gif)
    with pytest.raises(InputError, match="GIF"):
        ft.check_image(gif)
    big = media_dir / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (11 * 1024 * 1024))
    with pytest.raises(InputError, match="limit is 10.0 MB"):
        ft.check_image(big)
    ok, kind = ft.check_image(make_image(ffmpeg, media_dir / "ok.jpg"))
    assert kind == "jpeg" and ok.name == "ok.jpg"


def subprocess_gif(ffmpeg: str, path: Path) -> None:
    import subprocess

    subprocess.run([ffmpeg, "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=32x32:rate=1:duration=1",
                    "-frames:v", "1", str(path)], check=True)


def test_check_audio(ffmpeg: str, media_dir: Path) -> None:
    ok, _ = ft.check_audio_for_stt(make_audio(ffmpeg, media_dir / "ok.mp3", seconds=0.5))
    assert ok.name == "ok.mp3"
    with pytest.raises(InputError, match="image, not audio"):
        ft.check_audio_for_stt(make_image(ffmpeg, media_dir / "i.png"))
    flac = make_audio(ffmpeg, media_dir / "a.flac", seconds=0.3)
    with pytest.raises(InputError, match="FLAC"):
        ft.check_audio_for_stt(flac)
    wav = make_audio(ffmpeg, media_dir / "a.wav", seconds=0.3)
    renamed = media_dir / "a.bin"
    renamed.write_bytes(wav.read_bytes())
    with pytest.raises(InputError, match="rename"):
        ft.check_audio_for_stt(renamed)
    with pytest.raises(InputError, match="takes at most 1 KB"):
        ft.check_audio_for_stt(wav, max_bytes=1024)


def test_values() -> None:
    with pytest.raises(InputError, match="empty"):
        ft.check_prompt("   ")
    with pytest.raises(InputError, match="4096"):
        ft.check_tts_text("a" * 4097)
    assert ft.check_tts_text(" hi ") == "hi"
    with pytest.raises(InputError, match="between 0.25 and 4"):
        ft.check_range(5.0, 0.25, 4.0, "Speed")
    with pytest.raises(InputError):
        ft.check_range(float("nan"), 0, 2, "Temperature")
    with pytest.raises(InputError, match="one of"):
        ft.check_choice("robot", ft.TTS_VOICES, "Voice")
    assert ft.check_size("512X512") == "512x512"
    with pytest.raises(InputError):
        ft.check_size("big")


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    p = tmp_path / "clip_faceswap.mp4"
    assert ft.unique_path(p) == p
    p.write_text("x")
    q = ft.unique_path(p)
    assert q.name == "clip_faceswap (2).mp4"
    q.write_text("y")
    assert ft.unique_path(p).name == "clip_faceswap (3).mp4"


def test_safe_filename() -> None:
    assert ft.safe_filename("../../etc/passwd") == "passwd"
    assert ft.safe_filename("a:b*c?.png") == "a_b_c_.png"
    assert ft.filename_from_url("https://cdn.x/r/a%20b.png?sig=1#f") == "a b.png"
    assert ft.safe_filename("CON.txt").startswith("_")
    assert ft.safe_filename("") == "result"


def test_reserve_path_claims_distinct_names(tmp_path: Path) -> None:
    picks = {ft.reserve_path(tmp_path / "p_nobg.png") for _ in range(5)}
    assert {p.name for p in picks} == {"p_nobg.png", "p_nobg (2).png", "p_nobg (3).png", "p_nobg (4).png",
                                       "p_nobg (5).png"}
    assert all(p.with_name(p.name + ".part").exists() and not p.exists() for p in picks)
