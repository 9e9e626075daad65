"""varg's answers read tolerantly, and requests as bodies and queue params (no server needed)."""

from __future__ import annotations

import httpx
import pytest

from verging_desktop.api.varg import (
    BACKGROUND_PROMPT,
    Balance,
    CacheMode,
    Me,
    Transcript,
    UploadMemory,
    Usage,
    VargFile,
    VargJob,
    VargRequest,
    VargStatus,
    Voice,
    content_hash,
)
from verging_desktop.core.errors import InputError
from verging_desktop.core.varg_models import Capability


def test_a_job_is_read_with_job_id_or_id_and_either_error_shape() -> None:
    v1 = VargJob.from_json({"job_id": "job_a1", "status": "queued", "model": "fal:kling-v2.5",
                            "created_at": "2026-02-13T10:00:00Z"})
    assert (v1.id, v1.status, v1.model, v1.final, v1.cache_hit) == ("job_a1", VargStatus.QUEUED, "fal:kling-v2.5",
                                                                   False, None)
    v2 = VargJob.from_json({"id": "job_b2", "status": "completed", "output": {"url": "https://s3/x.mp4",
                                                                            "media_type": "video/mp4"}})
    assert (v2.id, v2.final, v2.output_url, v2.media_type) == ("job_b2", True, "https://s3/x.mp4", "video/mp4")
    s = VargJob.from_json({"job_id": "j", "status": "failed", "error": "Provider returned an error"})
    assert (s.status, s.error, s.error_tag) == (VargStatus.FAILED, "Provider returned an error", "")
    o = VargJob.from_json({"id": "j", "status": "failed", "error": {"message": "NSFW prompt", "_tag": "ProviderError"}})
    assert (o.error, o.error_tag) == ("NSFW prompt", "ProviderError")
    tag_only = VargJob.from_json({"id": "j", "status": "failed", "error": {"_tag": "TimeoutError"}})
    assert (tag_only.error, tag_only.error_tag) == ("TimeoutError", "TimeoutError")
    assert VargJob.from_json({"id": "j", "status": "CANCELED"}).status is VargStatus.CANCELLED
    assert VargJob.from_json({"id": "j", "status": "running"}).status is VargStatus.PROCESSING
    assert VargJob.from_json(None).id == "" and VargJob.from_json([1]).status is VargStatus.PROCESSING


def test_cache_facts_come_from_the_body_or_the_headers() -> None:
    body = VargJob.from_json({"job_id": "j", "status": "completed", "cache": {"hit": True, "key": "sha256:aa"}},
                             {"X-Cache": "MISS", "X-Cache-Key": "sha256:bb"})
    assert (body.cache_hit, body.cache_key) == (True, "sha256:aa")
    hdr = VargJob.from_json({"job_id": "j", "status": "completed"},
                            httpx.Headers({"x-cache": "HIT", "X-Cache-Key": "sha256:cc"}))
    assert (hdr.cache_hit, hdr.cache_key) == (True, "sha256:cc")
    miss = VargJob.from_json({"job_id": "j", "status": "queued"}, {"X-CACHE": "MISS"})
    assert (miss.cache_hit, miss.cache_key) == (False, "")


def test_transcription_text_and_cost_are_kept() -> None:
    j = VargJob.from_json({"job_id": "j", "status": "completed", "output": {"text": "hello there"}, "cost_cents": 3})
    assert (j.output_text, j.cost_cents) == ("hello there", 3.0)


def test_account_answers() -> None:
    assert Me.from_json({"userId": "user_1", "email": "a@b.c"}) == Me("user_1", "a@b.c")
    assert Me.from_json({"user_id": "user_2"}).user_id == "user_2"
    b = Balance.from_json({"balance_cents": 5000, "currency": "USD"})
    assert (b.cents, b.dollars, b.currency) == (5000.0, 50.0, "usd")
    u = Usage.from_json({"usage": [{"job_id": "j1", "model": "fal:kling-v2.5", "capability": "video",
                                    "cost_cents": 35, "cache_hit": False, "created_at": "t"},
                                   {"job_id": "j2", "model": "flux-schnell", "capability": "image",
                                    "cost_cents": 0, "cache_hit": True, "created_at": "t2"}], "total_cents": 35})
    assert u.total_cents == 35 and [r.job_id for r in u.records] == ["j1", "j2"]
    assert u.of_job("j2") is not None and u.of_job("j2").cache_hit is True  # type: ignore[union-attr]
    assert Usage.from_json({"usage": [{"job_id": "x", "cost_cents": 2.5}]}).total_cents == 2.5


def test_voices_with_labels_and_a_search() -> None:
    v = Voice.from_json({"voice_id": "21m00", "name": "Rachel", "category": "premade", "preview_url": "https://p/r.mp3",
                         "labels": {"gender": "female", "age": "young", "accent": "american",
                                    "description": "calm", "use_case": "narration"}})
    assert (v.gender, v.age, v.accent, v.description, v.use_case, v.preview_url) == (
        "female", "young", "american", "calm", "narration", "https://p/r.mp3")
    assert v.matches("calm american") and v.matches("", "Female") and not v.matches("", "male")
    assert not v.matches("british")
    assert Voice.from_json({"voice_id": "sam"}).name == "sam"


def test_transcript_from_json_or_text() -> None:
    t = Transcript.from_json({"text": "hi there", "language": "en", "duration": 3.2,
                              "segments": [{"start": 0, "end": 1.5, "text": " hi"}, {"start": 1.5, "end": 3.2,
                                                                                      "text": "there"}]})
    assert t.segments == ((0.0, 1.5, "hi"), (1.5, 3.2, "there")) and (t.language, t.duration) == ("en", 3.2)
    assert Transcript.from_json({"segments": [{"start": 0, "end": 1, "text": "only"}]}).text == "only"
    assert Transcript.from_json("plain\n").text == "plain"


def test_request_bodies_per_route(tmp_path) -> None:
    img = tmp_path / "cat.png"
    img.write_bytes(b"x")
    video = VargRequest("varg-video", "kling-v2.5", prompt="a cat", duration=5.0, aspect_ratio="16:9",
                        files=(str(img), "https://x/y.jpg"), cache=CacheMode.NO_STORE)
    assert video.capability is Capability.VIDEO and video.model_info is not None
    assert video.local_files() == [str(img)]
    with pytest.raises(InputError, match="cat.png"):
        video.body()
    assert video.body({str(img): "https://files/cat.png"}) == {
        "model": "kling-v2.5", "prompt": "a cat", "duration": 5, "aspect_ratio": "16:9",
        "files": [{"url": "https://files/cat.png"}, {"url": "https://x/y.jpg"}]}
    speech = VargRequest("varg-speech", "eleven_v3", text="Hello", voice="rachel", prompt="ignored")
    assert speech.body() == {"model": "eleven_v3", "text": "Hello", "voice": "rachel"}
    music = VargRequest("varg-music", "music_v1", prompt="lofi", duration=30, aspect_ratio="16:9")
    assert music.body() == {"model": "music_v1", "prompt": "lofi", "duration": 30}
    stt = VargRequest("varg-transcription", "whisper", audio="https://a/b.wav", language="en")
    assert stt.body() == {"model": "whisper", "audio_url": "https://a/b.wav", "language": "en"}
    bg = VargRequest("varg-background-removal", "background-remover", files=("https://i/p.png",))
    assert bg.capability is Capability.IMAGE and bg.body()["prompt"] == BACKGROUND_PROMPT
    opts = VargRequest("varg-image", "flux-pro", prompt="p", provider_options={"seed": 3})
    assert opts.body()["provider_options"] == {"seed": 3}
    with pytest.raises(InputError, match="job kind"):
        VargRequest("varg-nope", "x")


def test_params_round_trip_and_ignore_the_queue_keys() -> None:
    req = VargRequest("varg-video", "kling-v2.5", prompt="p", duration=10, aspect_ratio="9:16",
                      files=("/a.png",), cache=CacheMode.REFRESH, provider_options={"cfg": 0.5})
    params = req.to_params()
    assert params["cache_mode"] == "no-cache" and "cache" not in params
    back = VargRequest.from_params("varg-video", {**params, "cache": "hit", "file_urls": {"/a.png": "u"},
                                                  "byok": "fal", "waiting": True})
    assert back == req and back.provider_options == {"cfg": 0.5}
    plain = VargRequest("varg-speech", "eleven_v3", text="t")
    assert plain.to_params() == {"model": "eleven_v3", "text": "t"}
    assert VargRequest.from_params("varg-speech", plain.to_params()).cache is CacheMode.USE


def test_files_and_the_upload_memory(tmp_path) -> None:
    f = VargFile.from_json({"file_id": "file_1", "url": "https://u/1.jpg", "hash": "sha256:ab", "size": 10,
                            "media_type": "image/jpeg", "deduplicated": True}, sent_bytes=10)
    assert f == VargFile("file_1", "https://u/1.jpg", "sha256:ab", 10, "image/jpeg", True, 10)
    p = tmp_path / "data.bin"
    p.write_bytes(b"abc")
    assert content_hash(p) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    path = tmp_path / "mem" / "uploads.json"
    m = UploadMemory(path)
    m.put("acct1", "sha256:ab", "https://u/1.jpg")
    again = UploadMemory(path)
    assert again.get("acct1", "sha256:ab") == "https://u/1.jpg" and again.get("acct2", "sha256:ab") is None
    assert len(again) == 1
    again.forget("acct1", "sha256:ab")
    assert UploadMemory(path).get("acct1", "sha256:ab") is None
    path.write_text("{not json")
    assert len(UploadMemory(path)) == 0
