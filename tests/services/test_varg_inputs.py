"""services/varg_inputs.py on generated media: every bad input of issue 13's "Bad input" section is
refused before anything is sent, with one sentence; a large image is downscaled to a copy."""

from __future__ import annotations

import asyncio
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.varg.models import VargRequest
from verging_desktop.core.errors import InputError
from verging_desktop.core.filetypes import sniff
from verging_desktop.core.varg_models import MAX_UPLOAD_BYTES
from verging_desktop.services import varg_inputs as vi

MB = 1024 * 1024


@pytest.fixture(scope="module")
def media(tmp_path_factory, ffmpeg):
    d = tmp_path_factory.mktemp("varg-media")
    return {
        "png": make_image(ffmpeg, d / "face.png"),
        "jpg": make_image(ffmpeg, d / "face.jpg"),
        "webp": make_image(ffmpeg, d / "face.webp"),
        "gif": make_image(ffmpeg, d / "face.gif"),
        "bmp": make_image(ffmpeg, d / "face.bmp"),
        "video": make_clip(ffmpeg, d / "clip.mp4", seconds=1, size="160x120"),
        "silent": make_clip(ffmpeg, d / "silent.mp4", seconds=1, size="160x120", audio=False),
        "wav": make_audio(ffmpeg, d / "talk.wav", seconds=2),
        "mp3": make_audio(ffmpeg, d / "talk.mp3", seconds=2),
        "m4a": make_audio(ffmpeg, d / "talk.m4a", seconds=2, extra=["-c:a", "aac"]),
        "dir": d,
    }


def refused(req: VargRequest, **kw) -> str:
    with pytest.raises(InputError) as e:
        vi.check_request(req, **kw)
    msg = str(e.value)
    assert "\n" not in msg and msg.endswith("."), msg
    # one sentence: no full stop followed by a capital inside it
    inner = msg[:-1]
    assert not any(inner[i] == "." and inner[i + 1] == " " and inner[i + 2].isupper()
                   for i in range(len(inner) - 2)), msg
    return msg


def sparse(path: Path, head: bytes, size: int) -> Path:
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def video(**kw) -> VargRequest:
    return VargRequest(**{"kind": "varg-video", "model": "kling-v2.5", "prompt": "a red fox", **kw})


# -- good requests pass ----------------------------------------------------------------------------
def test_good_requests_of_every_kind_pass(media) -> None:
    ok = [
        video(),
        video(model="fal:kling-v2.5", duration=10, aspect_ratio="9:16", files=(str(media["png"]),)),
        video(model="minimax", duration=6, files=(str(media["jpg"]),)),
        video(files=("https://example.com/start.png",)),
        VargRequest("varg-image", "flux-schnell", prompt="a cat", aspect_ratio="4:3"),
        VargRequest("varg-image", "nano-banana-pro", prompt="mix", files=tuple(str(media[k]) for k in
                                                                               ("png", "jpg", "webp", "gif"))),
        VargRequest("varg-background-removal", "background-remover", files=(str(media["webp"]),)),
        VargRequest("varg-speech", "eleven_v3", text="Hello there.", voice="rachel"),
        VargRequest("varg-music", "music_v1", prompt="calm piano", duration=30),
        VargRequest("varg-music", "music_v1", prompt="calm piano"),
        VargRequest("varg-transcription", "whisper", audio=str(media["wav"])),
        VargRequest("varg-transcription", "whisper", audio=str(media["mp3"]), language="en"),
        VargRequest("varg-transcription", "whisper", audio=str(media["m4a"])),
        VargRequest("varg-transcription", "whisper", audio=str(media["video"])),  # a clip's soundtrack
        VargRequest("varg-transcription", "whisper", audio="https://example.com/talk.mp3"),
    ]
    for req in ok:
        assert vi.check_request(req) is None, req


# -- models, texts and values ----------------------------------------------------------------------
def test_an_unknown_model_lists_the_known_ones_of_that_kind() -> None:
    msg = refused(video(model="kling-v9"))
    assert "'kling-v9'" in msg and "kling-v2.5" in msg and "ltx" in msg and "flux" not in msg
    msg = refused(VargRequest("varg-image", "kling-v2.5", prompt="x"))  # a video model on the image route
    assert "no image model called 'kling-v2.5'" in msg and "flux-schnell" in msg and "recraft-v3" in msg
    assert "background-remover" not in msg
    msg = refused(VargRequest("varg-speech", "fal:eleven_v3", text="hi"))  # the wrong provider
    assert "eleven_v3, eleven_multilingual_v2, eleven_flash_v2_5" in msg
    assert "Choose a varg music model" in refused(VargRequest("varg-music", "  ", prompt="x"))
    assert "lip-sync" in refused(video(model="sync-v2", files=("https://example.com/a.png",)))
    with pytest.raises(InputError, match="varg-3d"):  # refused when made (api) or when checked
        vi.check_request(VargRequest("varg-3d", "kling-v2.5", prompt="x"))


def test_empty_prompt_or_text_is_refused_where_the_route_needs_one(media) -> None:
    assert refused(video(prompt="   ")) == "The prompt is empty: describe the video to make."
    assert "describe the image" in refused(VargRequest("varg-image", "flux-pro"))
    assert "describe the music" in refused(VargRequest("varg-music", "music_v1", prompt="\n"))
    assert "text to speak is empty" in refused(VargRequest("varg-speech", "eleven_v3", prompt="not the text"))
    # background removal and transcription take no prompt
    vi.check_request(VargRequest("varg-background-removal", "background-remover", files=(str(media["png"]),)))
    vi.check_request(VargRequest("varg-transcription", "whisper", audio=str(media["wav"])))


def test_a_duration_the_model_does_not_take() -> None:
    assert refused(video(duration=7)) == "kling-v2.5 takes 5 or 10 seconds (got 7)."
    assert refused(video(model="minimax", duration=5)) == "minimax takes 6 or 10 seconds (got 5)."
    assert "takes 5 or 10 seconds (got 0)" in refused(video(duration=0))
    assert "(got nan)" in refused(video(duration=float("nan")))
    assert refused(VargRequest("varg-music", "music_v1", prompt="x", duration=5)) == \
        "music_v1 takes 10 to 300 seconds (got 5)."
    assert "(got 301)" in refused(VargRequest("varg-music", "music_v1", prompt="x", duration=301))
    vi.check_request(video(duration=10.0))
    vi.check_request(VargRequest("varg-music", "music_v1", prompt="x", duration=12.5))


def test_an_aspect_ratio_that_is_not_w_h() -> None:
    for bad in ("16x9", "wide", "16:0", "-16:9", "16:9:1", "1.5:1"):
        msg = refused(video(aspect_ratio=bad))
        assert f"'{bad}' is not W:H" in msg and "16:9" in msg
    assert "not W:H" in refused(VargRequest("varg-image", "flux-schnell", prompt="x", aspect_ratio="square"))
    vi.check_request(video(aspect_ratio=" 21 : 9 "))


def test_image_counts(media) -> None:
    png = str(media["png"])
    assert refused(video(files=(png, png))) == "kling-v2.5 takes at most 1 input image (got 2): remove 1."
    msg = refused(VargRequest("varg-image", "nano-banana-pro", prompt="x", files=(png,) * 5))
    assert msg == "nano-banana-pro takes at most 4 input images (got 5): remove 1."
    assert refused(VargRequest("varg-image", "recraft-v3", prompt="x", files=(png,))) == \
        "recraft-v3 takes no input image: remove it or choose another model."
    assert "takes no input image" in refused(VargRequest("varg-speech", "eleven_v3", text="x", files=(png,)))
    assert refused(VargRequest("varg-background-removal", "background-remover")) == \
        "Choose the image whose background to remove."
    assert refused(VargRequest("varg-transcription", "whisper")) == "Choose the audio file to transcribe."
    assert "takes no audio file" in refused(VargRequest("varg-music", "music_v1", prompt="x",
                                                         audio=str(media["wav"])))


# -- files by content ------------------------------------------------------------------------------
def test_missing_folder_empty_and_unreadable_files_are_named(media, tmp_path) -> None:
    gone = tmp_path / "gone.png"
    msg = refused(video(files=(str(gone),)))
    assert msg == f"The image {gone} does not exist: check the path."
    assert "is a folder" in refused(video(files=(str(tmp_path),)))
    assert refused(video(files=("",))) == "One of the images has no path: choose the file again."
    (tmp_path / "empty.png").write_bytes(b"")
    assert "empty.png is empty (0 bytes)" in refused(video(files=(str(tmp_path / "empty.png"),)))
    msg = refused(VargRequest("varg-transcription", "whisper", audio=str(tmp_path / "talk.wav")))
    assert "The audio file" in msg and "talk.wav does not exist" in msg
    msg = refused(VargRequest("varg-image", "flux-pro", prompt="x", files=(str(tmp_path / "ref.jpg"),)))
    assert msg.startswith("The reference image ")
    assert "not a usable image URL" in refused(video(files=("https://exa mple.com/a.png",)))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused(media, tmp_path) -> None:
    p = tmp_path / "locked.png"
    p.write_bytes(media["png"].read_bytes())
    p.chmod(0)
    try:
        assert "cannot be read (permission denied)" in refused(video(files=(str(p),)))
    finally:
        p.chmod(0o644)


def test_images_are_checked_by_content_not_by_name(media, tmp_path) -> None:
    fake = tmp_path / "photo.png"
    fake.write_text("a shopping list")
    assert "photo.png is not an image" in refused(video(files=(str(fake),)))
    renamed = tmp_path / "still.png"
    renamed.write_bytes(media["video"].read_bytes())
    assert refused(video(files=(str(renamed),))) == \
        "still.png is a video, not an image: choose a picture (PNG, JPEG, WebP or GIF)."
    assert "is an audio file, not an image" in refused(
        VargRequest("varg-background-removal", "background-remover", files=(str(media["mp3"]),)))
    assert "BMP image; varg takes PNG, JPEG, WebP or GIF" in refused(video(files=(str(media["bmp"]),)))
    # a JPEG named .png is still a JPEG: fine
    jpeg_named_png = tmp_path / "really_jpeg.png"
    jpeg_named_png.write_bytes(media["jpg"].read_bytes())
    vi.check_request(video(files=(str(jpeg_named_png),)))


def test_audio_for_transcription_must_probe_as_audio(media, tmp_path) -> None:
    def tr(path: Path | str) -> VargRequest:
        return VargRequest("varg-transcription", "whisper", audio=str(path))

    assert "face.png is an image, not audio" in refused(tr(media["png"]))
    notes = tmp_path / "notes.mp3"
    notes.write_text("not audio at all, just words")
    assert "notes.mp3 is not an audio file" in refused(tr(notes))
    data = media["m4a"].read_bytes()
    half = tmp_path / "half.m4a"
    half.write_bytes(data[:200])
    assert refused(tr(half)) == "half.m4a is not a readable audio file (it is truncated or corrupt)."
    assert "silent.mp4 holds no sound" in refused(tr(media["silent"]))


def test_files_over_50_mb_say_their_size(media, tmp_path) -> None:
    big_audio = sparse(tmp_path / "long.mp3", b"ID3\x04\x00", 61 * MB)
    msg = refused(VargRequest("varg-transcription", "whisper", audio=str(big_audio)))
    assert msg == "long.mp3 is 61 MB; varg takes files of at most 50 MB: compress it (for example to MP3) " \
                  "or shorten it first."
    big_png = sparse(tmp_path / "poster.png", b"\x89PNG\r\n\x1a\n", MAX_UPLOAD_BYTES + 1)
    with pytest.raises(vi.ImageTooLarge) as e:
        vi.check_request(video(files=(str(big_png),)))
    assert e.value.path == big_png and e.value.size == MAX_UPLOAD_BYTES + 1
    bigger = sparse(tmp_path / "bigger.png", b"\x89PNG\r\n\x1a\n", int(61.2 * MB))
    assert "bigger.png is 61.2 MB; varg takes files of at most 50 MB" in refused(video(files=(str(bigger),)))
    assert "poster.png is just over 50 MB; varg takes files of at most 50 MB: make a smaller copy" in str(e.value)
    assert isinstance(e.value, InputError)
    # the limit is a parameter (a smaller server limit)
    with pytest.raises(vi.ImageTooLarge) as e:
        vi.check_request(video(files=(str(media["png"]),)), max_bytes=1000)
    assert e.value.max_bytes == 1000


def test_the_checks_come_before_any_file_is_read(tmp_path) -> None:
    """A wrong model is said first, even when the file is also missing: the cheap checks run first."""
    msg = refused(video(model="nope", files=(str(tmp_path / "gone.png"),)))
    assert "no video model called 'nope'" in msg


def test_acheck_request_runs_the_same_checks(media) -> None:
    asyncio.run(vi.acheck_request(video(files=(str(media["png"]),))))
    with pytest.raises(InputError, match="5 or 10 seconds"):
        asyncio.run(vi.acheck_request(video(duration=3)))


# -- a smaller copy of a large image ----------------------------------------------------------------
def _noise_png(ffmpeg: str, path: Path, side: int) -> Path:
    raw = path.with_suffix(".rgb")
    raw.write_bytes(os.urandom(side * side * 3))
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                    "-s", f"{side}x{side}", "-i", str(raw), "-frames:v", "1", str(path)], check=True, timeout=120)
    raw.unlink()
    return path


def test_a_png_over_50_mb_is_refused_then_downscaled_to_a_jpeg_copy(ffmpeg, tmp_path) -> None:
    src = _noise_png(ffmpeg, tmp_path / "scan.png", 4300)  # random pixels: ~55 MB even as PNG
    size = src.stat().st_size
    assert size > MAX_UPLOAD_BYTES
    before = src.read_bytes()
    with pytest.raises(vi.ImageTooLarge) as e:
        vi.check_request(video(files=(str(src),)))
    assert f"scan.png is {size / MB:.1f} MB; varg takes files of at most 50 MB" in str(e.value)
    out = vi.downscale_image(e.value.path, tmp_path / "downscaled")
    assert out.parent == tmp_path / "downscaled" and out.name == "scan_downscaled.jpg"
    assert sniff(out) == "jpeg" and out.stat().st_size <= MAX_UPLOAD_BYTES
    assert src.read_bytes() == before  # the original is never touched
    vi.check_request(video(files=(str(out),)))
    # a second copy gets a free name; nothing is overwritten
    again = vi.downscale_image(src, tmp_path / "downscaled")
    assert again != out and again.name == "scan_downscaled (2).jpg" and out.is_file()
    assert not list((tmp_path / "downscaled").glob("*.part"))


def test_downscale_shrinks_until_it_fits_a_small_limit(ffmpeg, tmp_path) -> None:
    src = _noise_png(ffmpeg, tmp_path / "noise.png", 1200)
    out = vi.downscale_image(src, tmp_path, max_bytes=150_000)
    assert out.stat().st_size <= 150_000 and sniff(out) == "jpeg"
    assert out != src and src.is_file()


def test_downscale_refuses_what_is_not_an_image(tmp_path, media) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("words")
    with pytest.raises(InputError, match="cannot be read as an image"):
        vi.downscale_image(fake, tmp_path / "out")
    with pytest.raises(InputError, match="does not exist"):
        vi.downscale_image(tmp_path / "gone.png", tmp_path / "out")
    assert not list((tmp_path / "out").glob("*"))


def test_a_request_changed_by_replace_is_checked_again(media) -> None:
    ok = video(files=(str(media["png"]),))
    vi.check_request(ok)
    assert "5 or 10 seconds" in refused(replace(ok, duration=8))


def _pixel(path: Path, x: int, y: int) -> tuple[int, int, int]:
    import av

    with av.open(str(path)) as c:
        frame = next(c.decode(video=0)).to_ndarray(format="rgb24")
    return tuple(int(v) for v in frame[y, x])  # type: ignore[return-value]


def test_a_transparent_background_becomes_white_and_odd_sizes_work(ffmpeg, tmp_path) -> None:
    raw = tmp_path / "cut.rgba"
    w, h = 301, 157
    px = bytearray(w * h * 4)          # all transparent (and black underneath)
    for y in range(h):                 # an opaque red square in the middle
        for x in range(100, 200):
            if 40 <= y < 120:
                px[(y * w + x) * 4:(y * w + x) * 4 + 4] = b"\xff\x00\x00\xff"
    raw.write_bytes(bytes(px))
    src = tmp_path / "cut.png"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba",
                    "-s", f"{w}x{h}", "-i", str(raw), "-frames:v", "1", str(src)], check=True, timeout=60)
    out = vi.downscale_image(src, tmp_path / "out")
    corner, middle = _pixel(out, 2, 2), _pixel(out, 150, 80)
    assert min(corner) > 235, corner                    # white, not black
    assert middle[0] > 200 and middle[1] < 60 and middle[2] < 60, middle
