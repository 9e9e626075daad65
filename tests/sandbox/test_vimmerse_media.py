"""The sandbox's Vimmerse results: real files made by ffmpeg from generated clips, images and audio,
checked with PyAV (sizes, durations per attach mode, streams, pixels) and visibly marked SANDBOX."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.api.vimmerse.models import ATTACH_MODES, App
from verging_desktop.sandbox import media as sandbox_media
from verging_desktop.sandbox import vimmerse_media
from verging_desktop.sandbox.vimmerse_media import RenderError, attach_seconds, render

FRAME = 1 / 25
#: durations may differ from the expected by a frame or two (and an AAC frame)
TOL = 2 * FRAME + 0.03


def ff(ffmpeg: str, *args: str) -> None:
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=60)


@pytest.fixture(scope="module")
def m(tmp_path_factory: pytest.TempPathFactory, ffmpeg: str) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("vmedia")
    out = {
        "clip": make_clip(ffmpeg, d / "clip.mp4", seconds=2.0),                      # 320x240, 2 s, audio
        "silent": make_clip(ffmpeg, d / "silent.mp4", seconds=2.0, audio=False),
        "short": make_clip(ffmpeg, d / "short.mp4", seconds=1.0, size="160x120"),
        "image": make_image(ffmpeg, d / "image.png"),                                 # 256x256
        "wide": make_image(ffmpeg, d / "wide.png", size="320x200"),
        "audio3": make_audio(ffmpeg, d / "a3.wav", seconds=3.0),
        "audio1": make_audio(ffmpeg, d / "a1.wav", seconds=1.0),
        # 1.5 s of tone, then 1.5 s of silence: where the sound ends shows tempo changes and padding
        "tone_then_silence": make_audio(ffmpeg, d / "ts.wav", seconds=1.5, extra=["-af", "apad=pad_dur=1.5"]),
        "text": d / "notes.txt",
    }
    out["text"].write_text("not media\n")
    # a green screen: a 160x120 red picture in the middle of pure green
    gs = d / "greenscreen.mp4"
    ff(ffmpeg, "-f", "lavfi", "-i", "color=c=0x00ff00:s=320x240:r=25:d=2", "-f", "lavfi", "-i",
       "color=c=red:size=160x120:rate=25:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
       "-filter_complex", "[0:v][1:v]overlay=80:60[v]", "-map", "[v]", "-map", "2:a", "-c:v", "libx264",
       "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(gs))
    out["greenscreen"] = gs
    for name, color, size in (("blue", "blue", "320x200"), ("red_img", "red", "200x200"), ("blue_img", "blue", "200x200")):
        p = d / f"{name}.png"
        ff(ffmpeg, "-f", "lavfi", "-i", f"color=c={color}:s={size}:d=1", "-frames:v", "1", "-update", "1", str(p))
        out[name] = p
    bgv = d / "bgvideo.mp4"
    ff(ffmpeg, "-f", "lavfi", "-i", "color=c=blue:s=240x160:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast",
       "-pix_fmt", "yuv420p", str(bgv))
    out["bg_video"] = bgv
    return out


# -- probing helpers --------------------------------------------------------------------------------


def streams(path: Path) -> dict[str, Any]:
    """What an MP4 holds, by PyAV: codecs, size, pixel format, each stream's duration."""
    with av.open(str(path)) as c:
        assert c.format.name.startswith("mov"), c.format.name
        v = c.streams.video[0]
        a = c.streams.audio[0] if c.streams.audio else None
        info: dict[str, Any] = {
            "vcodec": v.codec_context.name, "pix_fmt": v.codec_context.pix_fmt,
            "size": (v.codec_context.width, v.codec_context.height),
            "v_dur": float(v.duration * v.time_base), "audio": a is not None,
            "acodec": a.codec_context.name if a else None,
            "a_dur": float(a.duration * a.time_base) if a is not None and a.duration else 0.0,
            "duration": c.duration / 1e6,
        }
    assert info["vcodec"] == "h264" and info["pix_fmt"] == "yuv420p"
    assert info["size"][0] % 2 == 0 and info["size"][1] % 2 == 0
    if info["audio"]:
        assert info["acodec"] == "aac"
    return info


def frame_at(path: Path, t: float) -> np.ndarray:
    """The RGB frame shown at ``t`` seconds."""
    with av.open(str(path)) as c:
        last = None
        for f in c.decode(video=0):
            if f.time is not None and f.time > t + 1e-6 and last is not None:
                break
            last = f
        assert last is not None
        return np.asarray(last.to_ndarray(format="rgb24"), dtype=np.int16)


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [np.asarray(f.to_ndarray(format="rgb24"), dtype=np.int16) for f in c.decode(video=0)]


def audio_samples(path: Path) -> tuple[np.ndarray, int]:
    """The first audio channel as floats, and its sample rate."""
    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        rate = s.codec_context.sample_rate
        chunks = [f.to_ndarray().astype(np.float64).reshape(len(f.layout.channels), -1)[0] for f in c.decode(s)]
    return np.concatenate(chunks), rate


def sound_ends(path: Path) -> float:
    """The time after which the audio is (nearly) silent."""
    x, rate = audio_samples(path)
    win = rate // 50
    rms = [float(np.sqrt(np.mean(x[i:i + win] ** 2))) for i in range(0, len(x) - win, win)]
    loud = [i for i, r in enumerate(rms) if r > 0.02 * max(rms)]
    return (loud[-1] + 1) * win / rate


def diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.abs(a - b)))


def assert_marked(frame: np.ndarray) -> None:
    """The red SANDBOX band is across the top (with white text when a font exists)."""
    h = frame.shape[0]
    band = frame[: max(2, h // 10 - 1)]
    red = band[..., 0] - np.maximum(band[..., 1], band[..., 2])
    assert float(np.median(red)) > 60, "no red SANDBOX band at the top"
    if sandbox_media.find_font() is not None:
        white = np.all(band > 190, axis=-1)
        assert int(white.sum()) > 15, "no SANDBOX text in the band"  # under the band nothing is white


def render1(app: App, args: dict[str, Any], inputs: dict[str, list[Path]], out: Path) -> Path:
    outs = render(app, args, inputs, out)
    assert len(outs) == 1 and outs[0].is_file() and outs[0].parent == out
    assert not list(out.glob("*.part.*")) and not list(out.glob(".caption*"))
    return outs[0]


# -- crop, reframe, enhance -----------------------------------------------------------------------


@pytest.mark.parametrize(("aspect", "offsets", "box"), [
    ("9:16", {}, (93, 0, 134, 240)),                          # centred
    ("9:16", {"offset_x": 20}, (20, 0, 134, 240)),
    ("9:16", {"offset_x": "5000", "offset_y": 7}, (186, 0, 134, 240)),  # clamped to the frame
    ("1:1", {"offset_x": -30}, (0, 0, 240, 240)),
    ("16:9", {"offset_y": 10}, (0, 10, 320, 180)),
])
def test_crop_is_a_real_crop_from_the_offsets(m: dict[str, Path], tmp_path: Path, aspect: str,
                                              offsets: dict[str, Any], box: tuple[int, int, int, int]) -> None:
    out = render1(App.CROP, {"video_url": "https://x/clip.mp4", "aspect_ratio": aspect, **offsets},
                  {"video_url": [m["clip"]]}, tmp_path)
    x, y, w, h = box
    info = streams(out)
    assert info["size"] == (w, h) and info["audio"]
    assert abs(info["duration"] - 2.0) < TOL
    got, src = frame_at(out, 1.0), frame_at(m["clip"], 1.0)[y:y + h, x:x + w]
    band = h // 10
    # below the band: the source's pixels at the offsets (a few pixels off would differ a lot)
    assert diff(got[band + 2:], src[band + 2:]) < 8
    # a crop a dozen pixels off would not match
    sx, sy = (x + 12 if x + 12 + w <= 320 else x - 12, y) if w < 320 else (x, y + 12 if y + 12 + h <= 240 else y - 12)
    shifted = frame_at(m["clip"], 1.0)[sy:sy + h, sx:sx + w]
    assert diff(got[band + 2:], shifted[band + 2:]) > 15
    # the band is the mark: those pixels are not the source's
    assert diff(got[: band - 1], src[: band - 1]) > 40
    assert_marked(got)


def test_reframe_fits_the_video_onto_a_blurred_copy(m: dict[str, Path], tmp_path: Path) -> None:
    out = render1(App.REFRAME, {"aspect_ratio": "9:16", "prompt": "Make it realistic"}, {"video_url": [m["clip"]]},
                  tmp_path)
    info = streams(out)
    assert info["size"] == (180, 320) and info["audio"] and abs(info["duration"] - 2.0) < TOL
    f = frame_at(out, 1.0)
    assert_marked(f)
    # the whole picture, scaled to 180 wide, sits in the middle: sharp; above and below it: blurred
    middle, below = f[100:210], f[240:320]
    sharp = float(np.mean(np.abs(np.diff(middle, axis=1))))
    soft = float(np.mean(np.abs(np.diff(below, axis=1))))
    assert sharp > 2 * soft and soft > 0.0
    assert float(below.mean()) > 20  # a picture, not black bars


@pytest.mark.parametrize(("mode", "size"), [("2X", (640, 480)), ("4X", (1280, 960)), ("DeepClean", (320, 240)),
                                            ("2X&DeepClean", (640, 480)), ("4X&DeepClean", (1280, 960))])
def test_enhance_upscales_and_cleans_per_mode(m: dict[str, Path], tmp_path: Path, mode: str,
                                              size: tuple[int, int]) -> None:
    out = render1(App.ENHANCE, {"enhance_mode": mode, "compression_scale": "0.5"}, {"video_url": [m["clip"]]},
                  tmp_path)
    info = streams(out)
    assert info["size"] == size and info["audio"] and abs(info["duration"] - 2.0) < TOL
    assert_marked(frame_at(out, 1.0))


def test_deepclean_denoises(m: dict[str, Path], tmp_path: Path, ffmpeg: str) -> None:
    noisy = tmp_path / "noisy.mp4"
    ff(ffmpeg, "-f", "lavfi", "-i", "color=c=gray:s=160x120:r=25:d=1", "-vf", "noise=alls=20:allf=t",
       "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv420p", str(noisy))
    plain = render1(App.ENHANCE, {"enhance_mode": "2X"}, {"video_url": [noisy]}, tmp_path / "plain")
    clean = render1(App.ENHANCE, {"enhance_mode": "2X&DeepClean"}, {"video_url": [noisy]}, tmp_path / "clean")
    assert streams(plain)["size"] == streams(clean)["size"] == (320, 240)
    below = slice(40, 240)
    assert float(frame_at(clean, 0.5)[below].std()) < 0.7 * float(frame_at(plain, 0.5)[below].std())


def test_enhance_is_capped_at_4k(tmp_path: Path, ffmpeg: str) -> None:
    src = make_clip(ffmpeg, tmp_path / "big.mp4", seconds=0.4, size="1200x960", audio=False)
    out = render1(App.ENHANCE, {"enhance_mode": "4X"}, {"video_url": [src]}, tmp_path / "o")
    w, h = streams(out)["size"]
    assert (w, h) == (2700, 2160)   # 4800x3840 scaled down to fit 3840x2160 (landscape)


# -- sound --------------------------------------------------------------------------------------------


def test_sound_effect_adds_a_tone_bed(m: dict[str, Path], tmp_path: Path) -> None:
    silent = render1(App.SOUND_EFFECT, {"prompt": "rain on a tin roof"}, {"video_url": [m["silent"]]}, tmp_path / "a")
    info = streams(silent)
    assert info["audio"] and abs(info["a_dur"] - 2.0) < TOL and abs(info["v_dur"] - 2.0) < TOL
    x, _ = audio_samples(silent)
    assert float(np.sqrt(np.mean(x ** 2))) > 0.02
    mixed = render1(App.SOUND_EFFECT, {"prompt": "rain on a tin roof"}, {"video_url": [m["clip"]]}, tmp_path / "b")
    y, _ = audio_samples(mixed)
    src, _ = audio_samples(m["clip"])
    n = min(len(y), len(src))
    assert float(np.mean(np.abs(y[:n] - src[:n]))) > 0.02  # not the clip's own sound
    other = render1(App.SOUND_EFFECT, {"prompt": "a dog barking"}, {"video_url": [m["silent"]]}, tmp_path / "c")
    z, _ = audio_samples(other)
    k = min(len(x), len(z))
    assert float(np.mean(np.abs(x[:k] - z[:k]))) > 0.01     # the prompt shapes the bed
    assert_marked(frame_at(mixed, 1.0))


@pytest.mark.parametrize("mode", ATTACH_MODES)
@pytest.mark.parametrize("audio", ["audio1", "audio3"])
def test_add_audio_lasts_as_the_attach_mode_says(m: dict[str, Path], tmp_path: Path, mode: str, audio: str) -> None:
    a_s = 1.0 if audio == "audio1" else 3.0
    expected = {"MatchVideo": 2.0, "PadAudio": 2.0, "SpeedAdjust": 2.0, "MatchAudio": a_s, "Strict": min(2.0, a_s)}[mode]
    assert attach_seconds(mode, 2.0, a_s) == expected
    out = render1(App.ADD_AUDIO, {"attach_mode": mode}, {"video_url": [m["clip"]], "audio_url": [m[audio]]}, tmp_path)
    info = streams(out)
    assert info["audio"]
    assert abs(info["v_dur"] - expected) < TOL, info
    assert abs(info["a_dur"] - expected) < TOL, info
    assert_marked(frame_at(out, 0.5))


def test_add_audio_speed_adjust_changes_the_tempo(m: dict[str, Path], tmp_path: Path) -> None:
    # 3 s of audio (tone for 1.5 s) fitted to a 2 s video: played 1.5x faster, the tone ends at 1 s
    fast = render1(App.ADD_AUDIO, {"attach_mode": "SpeedAdjust"},
                   {"video_url": [m["clip"]], "audio_url": [m["tone_then_silence"]]}, tmp_path / "fast")
    assert abs(sound_ends(fast) - 1.0) < 0.1
    cut = render1(App.ADD_AUDIO, {"attach_mode": "MatchVideo"},
                  {"video_url": [m["clip"]], "audio_url": [m["tone_then_silence"]]}, tmp_path / "cut")
    assert abs(sound_ends(cut) - 1.5) < 0.1
    # a 1 s video: 3x faster (two atempo steps)
    faster = render1(App.ADD_AUDIO, {"attach_mode": "SpeedAdjust"},
                     {"video_url": [m["short"]], "audio_url": [m["tone_then_silence"]]}, tmp_path / "faster")
    assert abs(streams(faster)["a_dur"] - 1.0) < TOL and abs(sound_ends(faster) - 0.5) < 0.1


def test_add_audio_pads_with_silence_and_holds_the_last_frame(m: dict[str, Path], tmp_path: Path) -> None:
    padded = render1(App.ADD_AUDIO, {"attach_mode": "PadAudio"},
                     {"video_url": [m["clip"]], "audio_url": [m["audio1"]]}, tmp_path / "pad")
    assert abs(streams(padded)["a_dur"] - 2.0) < TOL and abs(sound_ends(padded) - 1.0) < 0.1
    held = render1(App.ADD_AUDIO, {"attach_mode": "MatchAudio"},
                   {"video_url": [m["clip"]], "audio_url": [m["audio3"]]}, tmp_path / "hold")
    fs = frames(held)
    assert len(fs) >= 74
    assert diff(fs[60], fs[72]) < 1.0          # after 2 s: the last frame, held
    assert diff(fs[10], fs[22]) > 5.0          # before: the clip moves


# -- lip-sync and avatar ------------------------------------------------------------------------------


def test_lip_sync_image_with_audio_and_text(m: dict[str, Path], tmp_path: Path) -> None:
    out = render1(App.LIP_SYNC, {"option": "KlingAvatar"}, {"image_url": [m["image"]], "audio_url": [m["audio3"]]},
                  tmp_path / "a")
    info = streams(out)
    assert info["size"] == (256, 256) and info["audio"]
    assert abs(info["duration"] - 3.0) < TOL and abs(info["v_dur"] - 3.0) < TOL
    assert_marked(frame_at(out, 1.0))
    text = "Hello, this is the sandbox talking for a while."
    spoken = render1(App.LIP_SYNC, {"prompt": text, "voice": "Rachel"}, {"image_url": [m["image"]]}, tmp_path / "b")
    info = streams(spoken)
    assert info["audio"] and abs(info["a_dur"] - len(text) / 15) < TOL and abs(info["v_dur"] - len(text) / 15) < TOL
    # the text is burned in at the bottom: those pixels differ from the audio-only result
    assert diff(frame_at(spoken, 1.0)[200:], frame_at(out, 1.0)[200:]) > 3


def test_lip_sync_video_loops_to_the_audio(m: dict[str, Path], tmp_path: Path) -> None:
    out = render1(App.LIP_SYNC, {}, {"video_url": [m["clip"]], "audio_url": [m["audio3"]]}, tmp_path)
    info = streams(out)
    assert info["size"] == (320, 240) and abs(info["v_dur"] - 3.0) < TOL and abs(info["a_dur"] - 3.0) < TOL
    fs = frames(out)
    assert diff(fs[55][30:], fs[5][30:]) < 8     # 2.2 s into the result: the clip from its start again


@pytest.mark.parametrize(("aspect", "size"), [("16:9", (1280, 720)), ("9:16", (720, 1280)), ("1:1", (720, 720))])
def test_avatar_speaks_its_text(tmp_path: Path, aspect: str, size: tuple[int, int]) -> None:
    text = "Welcome back to the channel, friends."
    out = render1(App.AVATAR, {"avatar_id": "anna-1", "voice_id": "v2", "prompt": text, "aspect_ratio": aspect,
                               "show_caption": "On"}, {}, tmp_path)
    info = streams(out)
    assert info["size"] == size and info["audio"] and abs(info["duration"] - len(text) / 15) < TOL
    assert_marked(frame_at(out, 1.0))


def test_avatar_over_a_background_with_audio(m: dict[str, Path], tmp_path: Path) -> None:
    plain = render1(App.AVATAR, {"avatar_id": "a", "prompt": "hi", "show_caption": "Off"},
                    {"bg_image_url": [m["blue"]], "audio_url": [m["audio1"]]}, tmp_path)
    info = streams(plain)
    assert info["size"] == (1280, 720) and abs(info["duration"] - 1.0) < TOL
    f = frame_at(plain, 0.5)
    assert f[300, 40, 2] > 200 and f[300, 40, 0] < 60   # the blue background


# -- replace background -------------------------------------------------------------------------------


def is_blue(px: np.ndarray) -> bool:
    return bool(px[2] > 180 and px[0] < 70 and px[1] < 70)


def is_red(px: np.ndarray) -> bool:
    return bool(px[0] > 180 and px[1] < 70 and px[2] < 70)


def test_replace_background_keys_the_corner_colour_over_an_image(m: dict[str, Path], tmp_path: Path) -> None:
    inputs = {"video_url": [m["greenscreen"]], "bg_image_url": [m["blue"]]}
    out = render1(App.REPLACE_BACKGROUND, {"chroma_key_color": "origin"}, inputs, tmp_path / "a")
    info = streams(out)
    assert info["size"] == (320, 200) and info["audio"] and abs(info["duration"] - 2.0) < TOL
    f = frame_at(out, 1.0)
    assert_marked(f)
    # cut to its content (the red picture), 2/3 of the height (176x132), centred, standing on the
    # bottom edge: x 72..248, y 68..200, over the blue background
    assert is_blue(f[150, 20]) and is_blue(f[150, 300]) and is_blue(f[60, 160])
    assert is_red(f[72, 76]) and is_red(f[196, 244]) and is_red(f[134, 160])
    whole = render1(App.REPLACE_BACKGROUND, {"crop_to_content": False}, inputs, tmp_path / "b")
    g = frame_at(whole, 1.0)
    # the whole frame scaled (the picture is its middle half): the green around it keyed out
    assert is_blue(g[75, 80]) and is_blue(g[190, 100]) and is_red(g[134, 160])
    right = render1(App.REPLACE_BACKGROUND, {"alignment": "right", "x_offset": "-4", "chroma_key_color": "#00FF00",
                                             "chroma_tolerance": "0.2"}, inputs, tmp_path / "c")
    r = frame_at(right, 1.0)
    assert is_blue(r[134, 136]) and is_red(r[134, 144]) and is_red(r[134, 312]) and is_blue(r[134, 318])
    lower = render1(App.REPLACE_BACKGROUND, {"y_offset": 30, "overlay_scale": "0.5"}, inputs, tmp_path / "d")
    d = frame_at(lower, 1.0)
    assert is_blue(d[120, 160]) and is_red(d[140, 160])   # 100 high from y 130 (cut off at the bottom)
    red_key = render1(App.REPLACE_BACKGROUND, {"chroma_key_color": "red"}, inputs, tmp_path / "e")
    k = frame_at(red_key, 1.0)
    assert k[75, 80, 1] > 180 and k[75, 80, 0] < 80   # green is not the key: it stays
    assert is_blue(k[134, 160])                       # and the red picture is keyed out


def test_replace_background_with_a_video_or_a_prompt(m: dict[str, Path], tmp_path: Path) -> None:
    over_video = render1(App.REPLACE_BACKGROUND, {"overlay_scale": "0.5"},
                         {"video_url": [m["greenscreen"]], "bg_video_url": [m["bg_video"]]}, tmp_path / "v")
    info = streams(over_video)
    assert info["size"] == (240, 160) and abs(info["v_dur"] - 2.0) < TOL   # the 1 s background loops
    assert is_blue(frame_at(over_video, 1.8)[120, 10])
    prompt = render1(App.REPLACE_BACKGROUND, {"prompt": "a sunny beach"}, {"video_url": [m["greenscreen"]]},
                     tmp_path / "p")
    assert streams(prompt)["size"] == (320, 240)
    f = frame_at(prompt, 1.0)
    assert not (f[150, 20, 1] > 200 and f[150, 20, 0] < 60)   # no green left beside the picture
    assert_marked(f)


# -- generated clips ------------------------------------------------------------------------------


def test_reference_to_video_makes_quantity_ken_burns_clips(m: dict[str, Path], tmp_path: Path) -> None:
    outs = render(App.REFERENCE_TO_VIDEO, {"image_urls": ["u1", "u2"], "duration": "2", "aspect_ratio": "9:16",
                                           "quantity": 3, "prompt": "a cat in the snow"},
                  {"image_urls": [m["image"], m["wide"]]}, tmp_path)
    assert [p.name for p in outs] == [f"reference-to-video_sandbox_{i}.mp4" for i in (1, 2, 3)]
    for p in outs:
        info = streams(p)
        w, h = info["size"]
        assert Fraction(w, h) == Fraction(144, 256)
        assert info["audio"] and abs(info["v_dur"] - 2.0) < TOL and abs(info["duration"] - 2.0) < TOL
        assert_marked(frame_at(p, 0.5))
    first = [frame_at(p, 0.4) for p in outs]
    assert diff(first[0], first[1]) > 3 and diff(first[1], first[2]) > 3   # each clip moves its own way
    fs = frames(outs[0])
    assert diff(fs[2][30:], fs[20][30:]) > 3                                # zooming and panning


def test_video_effects_last_five_seconds_across_both_people(m: dict[str, Path], tmp_path: Path) -> None:
    outs = render(App.VIDEO_EFFECTS, {"effect": "Hug", "option": "KlingEffects", "quantity": "2"},
                  {"image_url": [m["red_img"]], "ref_image_url": [m["blue_img"]]}, tmp_path)
    assert len(outs) == 2
    for p in outs:
        info = streams(p)
        assert info["size"] == (256, 256) and abs(info["v_dur"] - 5.0) < TOL
        early, late = frame_at(p, 1.0)[150, 128], frame_at(p, 4.0)[150, 128]
        assert early[0] > 180 and early[2] < 80      # the first image, then
        assert late[2] > 180 and late[0] < 80        # the second person's
    one = render(App.VIDEO_EFFECTS, {"effect": "Crash Zoom", "aspect_ratio": "16:9"}, {"image_url": [m["wide"]]},
                 tmp_path / "one")
    assert len(one) == 1 and streams(one[0])["size"] == (320, 180)


def test_video_to_video_changes_the_look_by_option(m: dict[str, Path], tmp_path: Path) -> None:
    src = frame_at(m["clip"], 1.0)
    looks = []
    for option in ("KlingO", "HappyHorse", "Grok", "SeedanceFast", "LumaModify"):
        out = render1(App.VIDEO_TO_VIDEO, {"option": option, "prompt": "as a watercolour"}, {"video_url": [m["clip"]]},
                      tmp_path / option)
        info = streams(out)
        assert info["size"] == (320, 240) and info["audio"] and abs(info["duration"] - 2.0) < TOL
        f = frame_at(out, 1.0)
        assert_marked(f)
        assert diff(f[30:200], src[30:200]) > 25, option
        looks.append(f)
    assert all(diff(a[30:200], b[30:200]) > 10 for i, a in enumerate(looks) for b in looks[i + 1:])
    with_ref = render1(App.VIDEO_TO_VIDEO, {"option": "KlingO"}, {"video_url": [m["clip"]], "image_url": [m["blue"]]},
                       tmp_path / "ref")
    assert is_blue(frame_at(with_ref, 1.0)[220, 300])    # the reference image inset in the corner


# -- the mark, bad input -----------------------------------------------------------------------------


def test_the_mark_falls_back_to_the_band_when_drawtext_fails(m: dict[str, Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # a font that does not exist makes the real drawtext fail; the result is made with the plain band
    monkeypatch.setattr(sandbox_media, "find_font", lambda: str(tmp_path / "missing.ttf"))
    monkeypatch.setattr(vimmerse_media, "find_font", lambda: str(tmp_path / "missing.ttf"))
    out = render1(App.LIP_SYNC, {"prompt": "captions need drawtext"}, {"image_url": [m["image"]]}, tmp_path / "o")
    f = frame_at(out, 0.5)
    band = f[: 256 // 10 - 1]
    assert float(np.median(band[..., 0] - np.maximum(band[..., 1], band[..., 2]))) > 60
    assert streams(out)["audio"]


@pytest.mark.parametrize(("app", "args", "inputs", "words"), [
    (App.CROP, {"video_url": "https://h/v.mp4"}, {}, "does not hold the video"),
    (App.CROP, {}, {}, "needs a video"),
    (App.CROP, {"aspect_ratio": "9x16"}, {"video_url": ["clip"]}, "not an aspect ratio"),
    (App.CROP, {"offset_x": "left"}, {"video_url": ["clip"]}, "whole number"),
    (App.CROP, {}, {"video_url": ["text"]}, "not a media file"),
    (App.CROP, {}, {"video_url": ["image"]}, "image, not a video"),
    (App.ENHANCE, {"enhance_mode": "8X"}, {"video_url": ["clip"]}, "not an enhance mode"),
    (App.ENHANCE, {"compression_scale": "2"}, {"video_url": ["clip"]}, "from 0 to 1"),
    (App.ADD_AUDIO, {"attach_mode": "Loop"}, {"video_url": ["clip"], "audio_url": ["audio1"]}, "not an attach mode"),
    (App.ADD_AUDIO, {}, {"video_url": ["clip"], "audio_url": ["silent"]}, "has no audio"),
    (App.ADD_AUDIO, {}, {"video_url": ["clip"]}, "needs an audio file"),
    (App.LIP_SYNC, {}, {"image_url": ["image"]}, "audio file or a text"),
    (App.LIP_SYNC, {"prompt": "hi"}, {}, "portrait image or a video"),
    (App.LIP_SYNC, {"prompt": "hi"}, {"image_url": ["text"]}, "not a PNG"),
    (App.AVATAR, {"prompt": "hi"}, {}, "avatar id"),
    (App.AVATAR, {"avatar_id": "a", "prompt": "hi", "aspect_ratio": "4:3"}, {}, "not an avatar ratio"),
    (App.AVATAR, {"avatar_id": "a"}, {}, "audio file or a text"),
    (App.REPLACE_BACKGROUND, {}, {"video_url": ["clip"]}, "needs a background"),
    (App.REPLACE_BACKGROUND, {"prompt": "x", "chroma_key_color": "rgb(1,2,3)"}, {"video_url": ["clip"]},
     "not a colour"),
    (App.REPLACE_BACKGROUND, {"prompt": "x", "alignment": "top"}, {"video_url": ["clip"]}, "not an alignment"),
    (App.REFERENCE_TO_VIDEO, {"image_urls": []}, {}, "at least one reference image"),
    (App.REFERENCE_TO_VIDEO, {"duration": 31}, {"image_urls": ["image"]}, "from 1 to 30"),
    (App.REFERENCE_TO_VIDEO, {"quantity": 5}, {"image_urls": ["image"]}, "from 1 to 4"),
    (App.VIDEO_EFFECTS, {}, {}, "needs an image"),
])
def test_bad_input_is_a_render_error_a_person_can_act_on(m: dict[str, Path], tmp_path: Path, app: App,
                                                         args: dict[str, Any], inputs: dict[str, list[str]],
                                                         words: str) -> None:
    files = {k: [m[v] for v in vs] for k, vs in inputs.items()}
    with pytest.raises(RenderError, match=words):
        render(app, args, files, tmp_path)
    assert list(tmp_path.iterdir()) == []   # nothing half-made is left


def test_a_missing_input_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="missing from the sandbox.*gone.mp4"):
        render(App.CROP, {}, {"video_url": [tmp_path / "gone.mp4"]}, tmp_path / "o")


def test_render_runs_the_given_ffmpeg(m: dict[str, Path], tmp_path: Path, ffmpeg: str) -> None:
    out = render(App.CROP, {"aspect_ratio": "1:1"}, {"video_url": [m["clip"]]}, tmp_path / "ok", ffmpeg=ffmpeg)
    assert streams(out[0])["size"] == (240, 240)
    with pytest.raises(RenderError, match="ffmpeg could not run") as e:
        render(App.CROP, {"aspect_ratio": "1:1"}, {"video_url": [m["clip"]]}, tmp_path / "bad",
               ffmpeg=str(m["text"]))
    assert e.value.message == str(e.value)
    assert list((tmp_path / "bad").iterdir()) == []


def test_a_gif_without_extension_is_a_still_too(m: dict[str, Path], tmp_path: Path, ffmpeg: str) -> None:
    gif = tmp_path / "upload-7f3a"   # the sandbox may store uploads under a token, without an extension
    ff(ffmpeg, "-f", "lavfi", "-i", "testsrc2=size=120x90:rate=5:duration=1", "-f", "gif", str(gif))
    out = render1(App.LIP_SYNC, {}, {"image_url": [gif], "audio_url": [m["audio1"]]}, tmp_path / "o")
    info = streams(out)
    assert info["size"] == (120, 90) and abs(info["v_dur"] - 1.0) < TOL
    clips = render(App.REFERENCE_TO_VIDEO, {"duration": 1, "aspect_ratio": "1:1"}, {"image_urls": [gif, gif]},
                   tmp_path / "r")
    assert abs(streams(clips[0])["v_dur"] - 1.0) < TOL   # one frame of each GIF, not all of them


def test_a_second_render_into_the_same_folder_overwrites_nothing(m: dict[str, Path], tmp_path: Path) -> None:
    a = render1(App.CROP, {"aspect_ratio": "1:1"}, {"video_url": [m["clip"]]}, tmp_path)
    before = a.read_bytes()
    b = render(App.CROP, {"aspect_ratio": "9:16"}, {"video_url": [m["clip"]]}, tmp_path)[0]
    assert a != b and a.read_bytes() == before and streams(b)["size"] == (134, 240)


def test_crop_to_content_on_a_large_green_screen(tmp_path: Path, ffmpeg: str) -> None:
    gs = tmp_path / "hd_green.mp4"
    ff(ffmpeg, "-f", "lavfi", "-i", "color=c=0x00ff00:s=960x540:r=25:d=0.5", "-f", "lavfi", "-i",
       "color=c=red:size=300x300:rate=25:duration=0.5", "-filter_complex", "[0:v][1:v]overlay=600:120[v]",
       "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(gs))
    bg = tmp_path / "bg.png"
    ff(ffmpeg, "-f", "lavfi", "-i", "color=c=blue:s=960x540:d=1", "-frames:v", "1", "-update", "1", str(bg))
    out = render1(App.REPLACE_BACKGROUND, {"alignment": "left"}, {"video_url": [gs], "bg_image_url": [bg]},
                  tmp_path / "o")
    f = frame_at(out, 0.2)
    # the red square alone (the green around it cut away), 358 high, on the left edge at the bottom
    assert is_red(f[540 - 10, 5]) and is_red(f[540 - 350, 350])
    assert is_blue(f[540 - 370, 180]) and is_blue(f[300, 372])


def test_a_closed_registry_stops_the_render(m: dict[str, Path], tmp_path: Path) -> None:
    reg = sandbox_media.ProcessRegistry()
    reg.kill_all()   # what the sandbox does when it stops
    with pytest.raises(RenderError, match="shutting down"):
        render(App.ENHANCE, {"enhance_mode": "2X"}, {"video_url": [m["clip"]]}, tmp_path, registry=reg)
    assert list(tmp_path.iterdir()) == []
