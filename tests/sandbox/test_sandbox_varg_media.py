"""The sandbox's varg results as media: speech, music, transcription, background removal, voice
previews; and the /voices and /pricing routes. Plain httpx over 127.0.0.1, files checked with PyAV."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np
import pytest

from verging_desktop.core.varg_models import MODELS, PRESET_VOICES
from verging_desktop.core.varg_pricing import VargPricing
from verging_desktop.media.binaries import ffmpeg_exe
from verging_desktop.sandbox import Sandbox

from .test_sandbox_varg import fetch, first_frame, wait_final


@pytest.fixture
def vc(sandbox: Sandbox) -> Iterator[httpx.Client]:
    sandbox.varg_job_seconds = 0.3
    with httpx.Client(base_url=sandbox.varg_url, headers={"Authorization": f"Bearer {sandbox.varg_demo_key}"},
                      timeout=20, trust_env=False) as c:
        yield c


def audio(data: bytes) -> tuple[float, Any]:
    """(duration in seconds, mono samples) of an audio file."""
    with av.open(io.BytesIO(data)) as c:
        dur = float(c.duration) / 1e6
        chunks = [f.to_ndarray().astype(np.float64).mean(axis=0) for f in c.decode(audio=0)]
    return dur, np.concatenate(chunks)


def balance(c: httpx.Client) -> float:
    v: float = c.get("/balance").json()["balance_cents"]
    return v


def test_speech_length_follows_the_text_and_is_charged_by_characters(sandbox: Sandbox, vc: httpx.Client) -> None:
    short = vc.post("/speech", json={"model": "eleven_v3", "text": "Hello there, welcome to the channel."})
    long_text = "This sentence is rather longer than the first one. " * 30  # 1530 characters
    long = vc.post("/speech", json={"model": "eleven_flash_v2_5", "text": long_text, "voice": "josh"})
    assert short.status_code == long.status_code == 202
    # 30 cents per started 1000 characters (eleven_v3), 15 (flash): 30 + 2 * 15
    assert balance(vc) == 5000 - 30 - 30
    ds, dl = wait_final(vc, short.json()["job_id"]), wait_final(vc, long.json()["job_id"])
    assert ds["output"]["media_type"] == "audio/mpeg"
    s_dur, s_samples = audio(fetch(ds["output"]["url"]))
    l_dur, _ = audio(fetch(dl["output"]["url"]))
    assert 1.5 < s_dur < 4.0 and l_dur > 60
    assert np.abs(s_samples).max() > 0.05  # not silence
    # a voice id works too
    r = vc.post("/speech", json={"model": "eleven_v3", "text": "hi", "voice": "21m00Tcm4TlvDq8ikWAM"})
    assert r.status_code == 202


def test_music_is_a_tune_of_the_asked_duration(sandbox: Sandbox, vc: httpx.Client) -> None:
    r = vc.post("/music", json={"model": "music_v1", "prompt": "upbeat electronic pop, 128bpm", "duration": 12})
    assert r.status_code == 202 and balance(vc) == 5000 - 12
    d = wait_final(vc, r.json()["job_id"])
    assert d["output"]["media_type"] == "audio/mpeg"
    dur, samples = audio(fetch(d["output"]["url"]))
    assert abs(dur - 12) < 0.3
    assert np.abs(samples).max() > 0.1
    # notes change: the dominant frequency is not the same all the way through
    sr = len(samples) / dur
    peaks = set()
    for i in range(0, len(samples) - 4096, int(sr * 0.5)):
        spec = np.abs(np.fft.rfft(samples[i:i + 4096] * np.hanning(4096)))
        spec[: int(150 * 4096 / sr)] = 0  # above the bass
        peaks.add(int(np.argmax(spec) * sr / 4096 / 10))
    assert len(peaks) >= 3
    default = vc.post("/music", json={"model": "music_v1", "prompt": "calm piano"})
    assert default.status_code == 202 and balance(vc) == 5000 - 12 - 30


def test_transcription_has_the_real_duration_and_a_fixed_text(sandbox: Sandbox, vc: httpx.Client,
                                                              media: dict[str, Path]) -> None:
    up = vc.post("/files", content=media["wav"].read_bytes(), headers={"Content-Type": "audio/wav"}).json()
    r = vc.post("/transcription", json={"model": "whisper", "audio_url": up["url"], "language": "en"})
    assert r.status_code == 202, r.text
    assert balance(vc) == 5000 - 1  # one started minute
    d = wait_final(vc, r.json()["job_id"])
    assert d["status"] == "completed" and d["output"]["text"]
    assert d["output"]["media_type"] == "application/json"
    doc = json.loads(fetch(d["output"]["url"]))
    assert doc["text"] == d["output"]["text"]
    assert abs(doc["duration"] - 3.5) < 0.05
    segs = doc["segments"]
    assert len(segs) >= 2 and segs[0]["start"] == 0 and abs(segs[-1]["end"] - doc["duration"]) < 1e-6
    assert all(a["end"] == b["start"] for a, b in zip(segs, segs[1:], strict=False))
    assert " ".join(s["text"] for s in segs) == doc["text"]
    # not audio: refused before anything is charged
    txt = vc.post("/files", content=media["text"].read_bytes(), headers={"Content-Type": "text/plain"}).json()
    bad = vc.post("/transcription", json={"model": "whisper", "audio_url": txt["url"]})
    assert bad.status_code == 400 and bad.json()["field"] == "audio_url"
    assert balance(vc) == 5000 - 1


def test_transcription_price_follows_the_audio_length(sandbox: Sandbox, vc: httpx.Client, tmp_path: Path) -> None:


    long = tmp_path / "long.mp3"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=300:sample_rate=16000:duration=130", "-b:a", "32k", str(long)], check=True,
                   timeout=60)
    up = vc.post("/files", content=long.read_bytes(), headers={"Content-Type": "audio/mpeg"}).json()
    r = vc.post("/transcription", json={"model": "whisper", "audio_url": up["url"]})
    assert r.status_code == 202 and balance(vc) == 5000 - 3  # three started minutes
    doc = json.loads(fetch(wait_final(vc, r.json()["job_id"])["output"]["url"]))
    assert abs(doc["duration"] - 130) < 0.2


def test_background_removal_is_a_png_with_real_alpha(sandbox: Sandbox, vc: httpx.Client, media: dict[str, Path]) -> None:
    up = vc.post("/files", content=media["photo"].read_bytes(), headers={"Content-Type": "image/jpeg"}).json()
    r = vc.post("/image", json={"model": "background-remover", "prompt": "remove the background",
                                "files": [{"url": up["url"]}]})
    assert r.status_code == 202 and balance(vc) == 5000 - 1
    d = wait_final(vc, r.json()["job_id"])
    png = fetch(d["output"]["url"])
    assert png.startswith(b"\x89PNG") and d["output"]["media_type"] == "image/png"
    frame = first_frame(png)
    assert frame.format.name == "rgba" and (frame.width, frame.height) == (200, 150)
    a = frame.to_ndarray()[:, :, 3]
    assert a[0, 0] == 0 and a[-1, -1] == 0 and a[75, 100] == 255


def test_voices_presets_labels_filters_and_previews(sandbox: Sandbox, vc: httpx.Client) -> None:
    voices = vc.get("/voices").json()["voices"]
    ids = [v["voice_id"] for v in voices]
    assert set(PRESET_VOICES) <= set(ids) and len(ids) > len(PRESET_VOICES)
    for v in voices:
        assert v["name"] and v["category"]
        assert set(v["labels"]) == {"gender", "age", "accent", "description", "use_case"}
        assert v["preview_url"].startswith(sandbox.root_url)
    males = vc.get("/voices", params={"gender": "male"}).json()["voices"]
    assert males and all(v["labels"]["gender"] == "male" for v in males) and len(males) < len(voices)
    brit = vc.get("/voices", params={"search": "British"}).json()["voices"]
    assert brit and all(v["labels"]["accent"] == "british" for v in brit)
    assert vc.get("/voices", params={"search": "rachel"}).json()["voices"][0]["name"] == "Rachel"
    assert vc.get("/voices", params={"search": "zzz-nobody"}).json()["voices"] == []
    # the preview is a short mp3 served without a key
    dur, samples = audio(fetch(voices[0]["preview_url"]))
    assert 0.5 < dur < 5 and np.abs(samples).max() > 0.05
    assert httpx.get(sandbox.root_url + "/varg/files/voices/nobody.mp3", trust_env=False).status_code == 404


def test_pricing_route_answers_the_table_in_the_v2_shape(sandbox: Sandbox, vc: httpx.Client) -> None:
    data = vc.get("/pricing").json()["data"]
    table = VargPricing.default()
    by_model = {row["model"]: row for row in data}
    assert set(by_model) == {m.id for m in MODELS}
    k = by_model["kling-v2.5"]
    assert k["tool"] == "video" and k["providers"][0]["provider"] == "fal"
    assert k["providers"][0]["user_price_estimate_cents"] == table.cents("kling-v2.5", seconds=5)
    assert by_model["flux-pro"]["providers"][0]["user_price_estimate_cents"] == 5
    # the app's reading of it
    assert table.with_route(vc.get("/pricing").json()).route_cents("kling-v2.5") == 35
    sandbox.varg_pricing_route = False
    r = vc.get("/pricing")
    assert r.status_code == 404 and r.json()["error"] == "NotFoundError"


def test_an_input_that_is_not_an_image_fails_the_job_and_refunds_it(sandbox: Sandbox, vc: httpx.Client,
                                                                     media: dict[str, Path]) -> None:
    sandbox.varg_job_seconds = 60
    wav = vc.post("/files", content=media["wav"].read_bytes(), headers={"Content-Type": "audio/wav"}).json()
    r = vc.post("/video", json={"model": "kling-v2.5", "prompt": "x", "files": [{"url": wav["url"]}]})
    assert r.status_code == 202 and balance(vc) == 5000 - 35  # charged until it fails (at half its 60 s)
    sandbox.varg_finish_now(r.json()["job_id"])
    d = wait_final(vc, r.json()["job_id"])
    assert d["status"] == "failed" and "image" in d["error"].lower()
    assert balance(vc) == 5000
    assert vc.get("/usage").json()["usage"][0]["cost_cents"] == 0
    # a failed job is not cached
    again = vc.post("/video", json={"model": "kling-v2.5", "prompt": "x", "files": [{"url": wav["url"]}]})
    assert again.headers["X-Cache"] == "MISS"


def test_file_downloads_count_requests_that_carry_keys(sandbox: Sandbox, vc: httpx.Client) -> None:
    f = vc.post("/files", content=b"hello", headers={"Content-Type": "text/plain"}).json()
    fetch(f["url"])
    httpx.get(f["url"], headers={"X-Provider-Key-Fal": "fal_" + "k" * 20}, trust_env=False)
    vc.get(f["url"])  # the API client's Authorization header goes along
    st = sandbox.varg_stats()
    assert st["file_requests"] == 3 and st["file_requests_with_keys"] == 2


def test_a_result_url_can_be_the_input_of_the_next_job(sandbox: Sandbox, vc: httpx.Client) -> None:
    img = wait_final(vc, vc.post("/image", json={"model": "flux-schnell", "prompt": "a teapot"}).json()["job_id"])
    body = {"model": "background-remover", "prompt": "cut out", "files": [{"url": img["output"]["url"]}]}
    cut = vc.post("/image", json=body)
    assert cut.status_code == 202
    d = wait_final(vc, cut.json()["job_id"])
    assert d["status"] == "completed"
    frame = first_frame(fetch(d["output"]["url"]))
    assert frame.format.name == "rgba" and (frame.width, frame.height) == (512, 512)
    # the result's content hash is known: the same request is a hit
    assert vc.post("/image", json=body).headers["X-Cache"] == "HIT"


def test_voice_previews_asked_at_once_are_all_served(sandbox: Sandbox, vc: httpx.Client) -> None:
    url = vc.get("/voices", params={"search": "daniel"}).json()["voices"][0]["preview_url"]
    with ThreadPoolExecutor(4) as pool:
        bodies = list(pool.map(lambda _: fetch(url), range(4)))
    assert all(b == bodies[0] and len(b) > 1000 for b in bodies)
