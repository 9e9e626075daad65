"""services/vimmerse_inputs.py on generated media: files by content, limits, values, whole requests,
add-audio's result length."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.vimmerse.models import (
    AddAudioRequest,
    AvatarRequest,
    CropRequest,
    EnhanceRequest,
    LipSyncRequest,
    ReferenceToVideoRequest,
    ReframeRequest,
    ReplaceBackgroundRequest,
    SoundEffectRequest,
    VideoEffectsRequest,
    VideoToVideoRequest,
)
from verging_desktop.core.errors import InputError
from verging_desktop.services import vimmerse_inputs as vi


@pytest.fixture(scope="module")
def media(tmp_path_factory, ffmpeg):
    d = tmp_path_factory.mktemp("vimmerse-media")
    return {
        "video": make_clip(ffmpeg, d / "clip.mp4", seconds=2, size="320x240"),
        "mov": make_clip(ffmpeg, d / "clip.mov", seconds=1, size="160x120"),
        "webm": make_clip(ffmpeg, d / "clip.webm", seconds=1, size="160x120", audio=False,
                          extra=["-c:v", "libvpx", "-b:v", "200k"]),
        "mkv": make_clip(ffmpeg, d / "clip.mkv", seconds=1, size="160x120"),
        "png": make_image(ffmpeg, d / "face.png"),
        "jpg": make_image(ffmpeg, d / "face.jpg"),
        "gif": make_image(ffmpeg, d / "anim.gif"),
        "wav": make_audio(ffmpeg, d / "voice.wav", seconds=2),
        "mp3": make_audio(ffmpeg, d / "voice.mp3", seconds=2),
        "m4a": make_audio(ffmpeg, d / "voice.m4a", seconds=2, extra=["-c:a", "aac"]),
        "dir": d,
    }


def refused(fn, *args, **kw) -> str:
    with pytest.raises(InputError) as e:
        fn(*args, **kw)
    msg = str(e.value)
    assert "\n" not in msg and msg.endswith("."), msg
    return msg


def sparse(path: Path, head: bytes, size: int) -> Path:
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


# -- videos -------------------------------------------------------------------------------------------
def test_videos_in_the_containers_vimmerse_takes_pass(media) -> None:
    for k in ("video", "mov", "webm"):
        assert vi.check_video(media[k]) == media[k]
    assert vi.check_video(str(media["video"])) == media["video"]


def test_a_text_file_named_mp4_is_refused_by_content(tmp_path) -> None:
    p = tmp_path / "notes.mp4"
    p.write_text("this is a shopping list, not a video")
    assert "not a media file" in refused(vi.check_video, p)


def test_images_and_audio_are_not_videos(media) -> None:
    assert "is an image, not a video" in refused(vi.check_video, media["png"])
    assert "is an audio file, not a video" in refused(vi.check_video, media["wav"])
    # an m4a is ISO media like an MP4: the probe finds no picture in it
    assert "no video stream" in refused(vi.check_video, media["m4a"])


def test_matroska_is_refused_unless_it_is_cut_first(media) -> None:
    msg = refused(vi.check_video, media["mkv"])
    assert "MATROSKA" in msg and "MP4, MOV, AVI or WebM" in msg and "Convert it to MP4" in msg
    assert vi.check_video(media["mkv"], cut=True) == media["mkv"]


def test_missing_empty_folder_and_truncated_videos(media, tmp_path) -> None:
    assert "does not exist" in refused(vi.check_video, tmp_path / "gone.mp4")
    assert "folder" in refused(vi.check_video, tmp_path)
    (tmp_path / "empty.mp4").write_bytes(b"")
    assert "empty (0 bytes)" in refused(vi.check_video, tmp_path / "empty.mp4")
    data = media["video"].read_bytes()
    half = tmp_path / "half.mp4"
    half.write_bytes(data[: len(data) // 2])
    assert "truncated or corrupt" in refused(vi.check_video, half)
    dangling = tmp_path / "link.mp4"
    dangling.symlink_to(tmp_path / "nowhere.mp4")
    assert "does not exist" in refused(vi.check_video, dangling)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused(media, tmp_path) -> None:
    p = tmp_path / "locked.mp4"
    p.write_bytes(media["video"].read_bytes())
    p.chmod(0)
    try:
        assert "cannot be read" in refused(vi.check_video, p)
    finally:
        p.chmod(0o644)


def test_video_size_and_length_limits(ffmpeg, media, tmp_path) -> None:
    big = sparse(tmp_path / "huge.mp4", media["video"].read_bytes()[:64], vi.LIMITS.video_bytes + 1)
    msg = refused(vi.check_video, big)
    assert "2.0 GB" in msg and "Trim or compress" in msg
    long = make_clip(ffmpeg, tmp_path / "long.mp4", seconds=601, size="32x32", rate=1, audio=False)
    msg = refused(vi.check_video, long)
    assert "10:01 long" in msg and "at most 10:00" in msg
    # a long source that is cut first: the selection counts
    assert vi.check_video(long, cut=True) == long
    from verging_desktop.media.probe import probe

    info = probe(long)
    assert vi.check_selection(info, 10, 70) == (10, 70)
    assert "shorter range" in refused(vi.check_selection, info, 0, None)
    assert "after the start" in refused(vi.check_selection, info, 9, 4)
    assert "past the end" in refused(vi.check_selection, info, 700, 710)
    # a probe the caller made already is used as it is (no second probe)
    assert vi.check_video(media["video"], info=probe(media["video"])) == media["video"]


def test_urls_pass_through_untouched(tmp_path) -> None:
    url = "https://cdn.example.com/a clip.mp4"
    assert "without spaces" in refused(vi.check_video, url)
    for fn in (vi.check_video, vi.check_image, vi.check_audio):
        assert fn("https://cdn.example.com/x?sig=1") == "https://cdn.example.com/x?sig=1"
        assert fn("HTTP://host.test/x") == "HTTP://host.test/x"
    assert "not a usable" in refused(vi.check_image, "https:///nohost.png")


# -- images ------------------------------------------------------------------------------------------
def test_images_by_magic_bytes(media, tmp_path) -> None:
    assert vi.check_image(media["png"]) == media["png"]
    assert vi.check_image(media["jpg"]) == media["jpg"]
    renamed = tmp_path / "photo.png"  # a JPEG under a PNG name is still a JPEG: fine
    renamed.write_bytes(media["jpg"].read_bytes())
    assert vi.check_image(renamed) == renamed
    assert "GIF image" in refused(vi.check_image, media["gif"])
    assert "is a video, not an image" in refused(vi.check_image, media["video"])
    assert "audio file, not an image" in refused(vi.check_image, media["wav"])
    txt = tmp_path / "face.jpg"
    txt.write_text("hello")
    assert "is not an image" in refused(vi.check_image, txt)
    big = sparse(tmp_path / "big.png", b"\x89PNG\r\n\x1a\n", vi.LIMITS.image_bytes + 1)
    assert "20.0 MB" in refused(vi.check_image, big)


# -- audio -------------------------------------------------------------------------------------------
def test_audio_by_content(media, ffmpeg, tmp_path) -> None:
    for k in ("wav", "mp3", "m4a"):
        assert vi.check_audio(media[k]) == media[k]
    fake = tmp_path / "voice.mp3"
    fake.write_bytes(media["png"].read_bytes())
    assert "is an image, not audio" in refused(vi.check_audio, fake)
    assert "is a video; give an audio file" in refused(vi.check_audio, media["video"])
    txt = tmp_path / "voice.wav"
    txt.write_text("la la la")
    assert "not an audio file" in refused(vi.check_audio, txt)
    big = sparse(tmp_path / "big.mp3", b"ID3\x04\x00", vi.LIMITS.audio_bytes + 1)
    assert "100.0 MB" in refused(vi.check_audio, big)
    long = make_audio(ffmpeg, tmp_path / "long.mp3", seconds=4)
    msg = refused(vi.check_audio, long, limits=replace(vi.LIMITS, audio_seconds=3))
    assert "4.0 s long" in msg and "at most 3.0 s" in msg


# -- values -------------------------------------------------------------------------------------------
def test_ratio_quantity_duration_option() -> None:
    assert vi.check_ratio(" 9:16 ") == "9:16"
    for bad in ("9x16", "0:1", "-1:2", "16:9:1", "", "a:b", "1.5:1"):
        assert "W:H" in refused(vi.check_ratio, bad)
    assert "between 1:4 and 4:1" in refused(vi.check_ratio, "10:1")
    assert "one of 1:1, 16:9, 9:16" in refused(vi.check_ratio, "4:5", choices=("1:1", "16:9", "9:16"))
    assert vi.check_quantity(4) == 4 and vi.check_quantity("2") == 2
    for bad in (0, 5, "1.5", True, "x"):
        refused(vi.check_quantity, bad)
    assert vi.check_duration(30) == 30 and vi.check_duration("1") == 1
    assert "between 1 and 30 seconds" in refused(vi.check_duration, 31)
    assert "whole number" in refused(vi.check_duration, 2.5)
    assert vi.check_option("kling o", {"KlingO": ""}, "option") == "KlingO"
    assert "use one of A, B" in refused(vi.check_option, "C", ("A", "B"), "mode")
    assert "2501 characters" in refused(vi.check_text, "x" * 2501, "prompt")


# -- whole requests ----------------------------------------------------------------------------------
def test_requests_are_checked_and_normalised(media) -> None:
    v, img, aud = str(media["video"]), str(media["png"]), str(media["wav"])
    assert vi.check_request(CropRequest(v, " 9:16")).aspect_ratio == "9:16"
    assert vi.check_request(ReframeRequest(v, "1:1", prompt="  ")).prompt == "Make it realistic"
    e = vi.check_request(EnhanceRequest(v, enhance_mode="2x&deepclean", compression_scale="0.50"))
    assert (e.enhance_mode, e.compression_scale) == ("2X&DeepClean", "0.5")
    assert "between 0 and 1" in refused(vi.check_request, EnhanceRequest(v, compression_scale="2"))
    assert "not a known enhance mode" in refused(vi.check_request, EnhanceRequest(v, enhance_mode="8X"))
    assert "Describe the sound" in refused(vi.check_request, SoundEffectRequest(v, prompt=" "))
    assert vi.check_request(AddAudioRequest(v, aud, attach_mode="padaudio")).attach_mode == "PadAudio"
    assert "is an image, not audio" in refused(vi.check_request, AddAudioRequest(v, img))
    assert "is an image, not a video" in refused(vi.check_request, AddAudioRequest(img, aud))
    assert "Describe the change" in refused(vi.check_request, VideoToVideoRequest(v))
    assert vi.check_request(VideoToVideoRequest(v, image_url=img, prompt="anime", option="lumamodify")).option == \
        "LumaModify"


def test_lip_sync_needs_a_face_and_speech(media) -> None:
    v, img, aud = str(media["video"]), str(media["png"]), str(media["wav"])
    assert "audio file or a text" in refused(vi.check_request, LipSyncRequest(image_url=img))
    assert "not both" in refused(vi.check_request, LipSyncRequest(image_url=img, audio_url=aud, prompt="hi"))
    assert "portrait image or a video" in refused(vi.check_request, LipSyncRequest(audio_url=aud))
    assert "not both" in refused(vi.check_request, LipSyncRequest(image_url=img, video_url=v, audio_url=aud))
    r = vi.check_request(LipSyncRequest(video_url=v, prompt=" Hello ", voice="rachel", option="synclipsync"))
    assert (r.prompt, r.voice, r.option) == ("Hello", "Rachel", "SyncLipSync")
    assert "not a known voice" in refused(vi.check_request, LipSyncRequest(image_url=img, prompt="hi", voice="Robot"))
    assert "not a known lip-sync option" in refused(vi.check_request, LipSyncRequest(image_url=img, audio_url=aud,
                                                                                 option="Nope"))


def test_avatar(media) -> None:
    assert "avatar's id" in refused(vi.check_request, AvatarRequest(voice_id="v", prompt="hi"))
    assert "voice id" in refused(vi.check_request, AvatarRequest(avatar_id="a", prompt="hi"))
    assert "text or an audio file" in refused(vi.check_request, AvatarRequest(avatar_id="a", voice_id="v"))
    assert "one of 1:1, 16:9, 9:16" in refused(vi.check_request, AvatarRequest(avatar_id="a", voice_id="v",
                                                                                prompt="hi", aspect_ratio="4:3"))
    r = vi.check_request(AvatarRequest(avatar_id=" a1 ", voice_id="v", prompt="hi", show_caption="off"))
    assert (r.avatar_id, r.show_caption) == ("a1", "Off")
    assert vi.check_request(AvatarRequest(avatar_id="a", audio_url=str(media["mp3"]))).audio_url == str(media["mp3"])


def test_replace_background_needs_exactly_one_background(media) -> None:
    v, img = str(media["video"]), str(media["png"])
    assert "Choose the new background" in refused(vi.check_request, ReplaceBackgroundRequest(v))
    msg = refused(vi.check_request, ReplaceBackgroundRequest(v, bg_image_url=img, prompt="a beach"))
    assert "one background, not a background image and a prompt" in msg
    assert refused(vi.check_request, ReplaceBackgroundRequest(v, bg_image_url=v)).startswith(
        "Background image: clip.mp4 is a video, not an image.")
    r = vi.check_request(ReplaceBackgroundRequest(v, bg_video_url=v, alignment="LEFT", overlay_scale="0.5"))
    assert (r.alignment, r.overlay_scale) == ("left", "0.5")
    assert "more than 0" in refused(vi.check_request, ReplaceBackgroundRequest(v, prompt="x", overlay_scale="0"))
    assert "not a known alignment" in refused(vi.check_request, ReplaceBackgroundRequest(v, prompt="x", alignment="top"))


def test_reference_to_video_and_effects(media) -> None:
    img = str(media["png"])
    assert "at least one reference image" in refused(vi.check_request, ReferenceToVideoRequest((), prompt="x"))
    assert "at most 7" in refused(vi.check_request, ReferenceToVideoRequest((img,) * 8, prompt="x"))
    assert "prompt is empty" in refused(vi.check_request, ReferenceToVideoRequest((img,)))
    assert "between 1 and 30" in refused(vi.check_request, ReferenceToVideoRequest((img,), prompt="x", duration=0))
    assert "between 1 and 4" in refused(vi.check_request, ReferenceToVideoRequest((img,), prompt="x", quantity=5))
    assert "W:H" in refused(vi.check_request, ReferenceToVideoRequest((img,), prompt="x", aspect_ratio="wide"))
    r = vi.check_request(ReferenceToVideoRequest((img, "https://cdn.test/b.png"), prompt="x", option="autor"))
    assert r.image_urls == (img, "https://cdn.test/b.png") and r.option == "AutoR"
    assert "is a video, not an image" in refused(vi.check_request, ReferenceToVideoRequest((str(media["video"]),),
                                                                                           prompt="x"))
    assert "second person's image" in refused(vi.check_request, VideoEffectsRequest(img, effect="hug"))
    r = vi.check_request(VideoEffectsRequest(img, ref_image_url=img, effect="hug", quantity=2))
    assert (r.effect, r.quantity) == ("Hug", 2)
    assert vi.check_request(VideoEffectsRequest(img, effect="My  Own Effect")).effect == "My Own Effect"
    assert "not a known video-effects option" in refused(vi.check_request, VideoEffectsRequest(img, option="X"))


def test_crop_offsets_must_stay_inside_the_picture(media) -> None:
    v = str(media["video"])  # 320x240: a 9:16 frame is 135x240, it can move 185 px across and 0 down
    assert vi.check_request(CropRequest(v, "9:16", offset_x=185, offset_y=0)).offset_x == 185
    assert "at most 185 pixels across" in refused(vi.check_request, CropRequest(v, "9:16", offset_x=186))
    assert "at most 0 pixels down" in refused(vi.check_request, CropRequest(v, "9:16", offset_y=1))
    assert "0 or more" in refused(vi.check_request, CropRequest(v, "9:16", offset_x=-1))
    # a URL cannot be probed here: only the sign is checked
    assert vi.check_request(CropRequest("https://cdn.test/v.mp4", "9:16", offset_x=5000)).offset_x == 5000


def test_acheck_request_runs_in_a_thread(media) -> None:
    import asyncio

    r = asyncio.run(vi.acheck_request(CropRequest(str(media["video"]), "1:1")))
    assert r.aspect_ratio == "1:1"


# -- add-audio's result -----------------------------------------------------------------------------
@pytest.mark.parametrize("mode, video, audio, expected", [
    ("MatchVideo", 10, 4, 10), ("MatchVideo", 4, 10, 4),
    ("PadAudio", 10, 4, 10), ("PadAudio", 4, 10, 4),
    ("MatchAudio", 10, 4, 4), ("MatchAudio", 4, 10, 10),
    ("SpeedAdjust", 10, 4, 10), ("SpeedAdjust", 4, 10, 4),
    ("Strict", 10, 4, 4), ("Strict", 4, 10, 4),
])
def test_attach_result_duration(mode, video, audio, expected) -> None:
    assert vi.attach_result_duration(mode, video, audio) == expected


def test_attach_result_duration_refuses_nonsense() -> None:
    assert "not a known attach mode" in refused(vi.attach_result_duration, "Loop", 1, 1)
    assert "more than 0" in refused(vi.attach_result_duration, "Strict", 0, 1)


def test_the_sandbox_renders_the_same_lengths() -> None:
    """H2's renderer uses the rule this module states (when it is on this branch)."""
    media = pytest.importorskip("verging_desktop.sandbox.vimmerse_media")
    for mode in ("MatchVideo", "PadAudio", "MatchAudio", "SpeedAdjust", "Strict"):
        for v, a in ((10.0, 4.0), (4.0, 10.0)):
            assert media.attach_seconds(mode, v, a) == vi.attach_result_duration(mode, v, a)

