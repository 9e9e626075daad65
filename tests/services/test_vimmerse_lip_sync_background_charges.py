"""The Lip Sync and Replace Background tabs' requests against the real sandbox over loopback: what
the tab asks the cost of (its duration rules: the audio's length, a text by its characters, the
video's cut) is what the sandbox charges, for every way the tabs send them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.api.vimmerse.conftest import client_for, wait_final
from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.core.vimmerse_pricing import VimmersePricing
from verging_desktop.media.probe import probe
from verging_desktop.sandbox import Sandbox
from verging_desktop.services import vimmerse_background as rb
from verging_desktop.services import vimmerse_lip_sync as ls
from verging_desktop.services.vimmerse_cost import estimate_request


@pytest.fixture
def vsb(tmp_path: Path):
    sb = Sandbox(data_dir=tmp_path / "vsb", job_seconds=0.3)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory, ffmpeg: str) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("lipsync-media")
    return {
        "face": make_image(ffmpeg, d / "face.png", size="240x320"),
        "talk": make_clip(ffmpeg, d / "talk.mp4", seconds=2.0, size="160x120"),
        "voice": make_audio(ffmpeg, d / "voice.wav", seconds=7.3),
        "person": make_clip(ffmpeg, d / "person.mp4", seconds=3.0, size="160x120"),
        "beach": make_image(ffmpeg, d / "beach.jpg", size="320x180"),
        "waves": make_clip(ffmpeg, d / "waves.mp4", seconds=2.0, size="320x180", audio=False),
    }


def _requests(m: dict[str, Path]) -> list[tuple[str, object, float | None]]:
    voice_s = probe(m["voice"], require_video=False).duration
    person_s = probe(m["person"]).duration
    text = "Hello and welcome to the spring collection. " * 3
    return [
        ("image + audio", ls.lip_sync_request(face=str(m["face"]), face_kind="image", audio=str(m["voice"]),
                                              option="KlingAvatar", audio_seconds=voice_s), voice_s),
        ("video + text", ls.lip_sync_request(face=str(m["talk"]), face_kind="video", text=text, voice="Aria",
                                             option="SyncLipSync"), None),
        ("avatar script", ls.avatar_request(avatar_id="anna_01", voice_id="v-42", script=text, aspect_ratio="9:16",
                                            captions=True, background=str(m["beach"])), None),
        ("avatar audio", ls.avatar_request(avatar_id="anna_01", audio=str(m["voice"]), captions=False), voice_s),
        ("bg image", rb.replace_background_request(video=str(m["person"]), bg_kind="image", background=str(m["beach"]),
                                                   scale=0.5, alignment="left", key_color=(0, 255, 0)), person_s),
        ("bg video", rb.replace_background_request(video=str(m["person"]), bg_kind="video", background=str(m["waves"])),
         person_s),
        ("bg prompt", rb.replace_background_request(video=str(m["person"]), bg_kind="prompt", prompt="a beach"),
         person_s),
    ]


def test_the_charge_equals_the_estimate_for_every_way_the_tabs_send(vsb, media) -> None:
    pricing = VimmersePricing.default()

    async def go() -> list[tuple[str, float, float | None, str]]:
        out = []
        async with client_for(vsb) as c:
            for what, req, duration in _requests(media):
                est = await estimate_request(c, pricing, req, duration=duration)
                urls = {name: tuple([await c.host(Path(v), req.MEDIA[name]) for v in vals])
                        for name, vals in req.media().items()}
                asset = await c.create(req.with_urls(urls))
                final, _seen = await wait_final(c, asset.id)
                out.append((what, est.total, final.credits, final.status))
        return out

    results = asyncio.run(go())
    for what, est, charged, status in results:
        assert status == "success", what
        assert charged == est, f"{what}: estimated {est}, charged {charged}"
    by = {w: e for w, e, _c, _s in results}
    # 7.3 s of audio is two 5-second blocks of KlingAvatar (20 each); a 132-character text is 9 s
    assert by["image + audio"] == 40 and by["video + text"] == 24
    assert by["bg image"] == by["bg video"] == by["bg prompt"] == 8
