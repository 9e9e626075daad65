"""Sandbox AI proxy endpoints and usage records over real loopback HTTP."""

from __future__ import annotations

import json
import math
from pathlib import Path

import av
import httpx
import pytest

from verging_desktop.core.pricing import Pricing
from verging_desktop.sandbox import DEMO_KEY, Sandbox


def sse_events(client: httpx.Client, body: dict[str, object]) -> list[str]:
    events: list[str] = []
    with client.stream("POST", "/ai/chat", json=body) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("data: "):
                events.append(line[6:])
    return events


def test_chat_plain_and_stream(sandbox: Sandbox, client: httpx.Client) -> None:
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Explain quantum computing"}]
    r = client.post("/ai/chat", json={"messages": messages, "temperature": 0.7, "max_tokens": 12})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["content"].startswith("Sandbox reply to: Explain quantum computing")
    assert body["usage"]["completion_tokens"] == 12
    prompt_tokens = math.ceil(len("Be brief.Explain quantum computing") / 4)
    assert body["usage"]["prompt_tokens"] == prompt_tokens
    assert body["usage"]["total_tokens"] == prompt_tokens + 12
    assert body["credits_consumed"] == Pricing.default().chat(prompt_tokens, 12).credits

    events = sse_events(client, {"messages": messages, "max_tokens": 12, "stream": True})
    assert events[-1] == "[DONE]"
    final = json.loads(events[-2])
    chunks = [json.loads(e)["content"] for e in events[:-2]]
    assert len(chunks) == 12 and "".join(chunks) == body["content"]
    assert final["usage"] == body["usage"] and final["credits_consumed"] == body["credits_consumed"]
    assert sandbox.credits(DEMO_KEY) == 1000 - 2 * body["credits_consumed"]


def test_chat_validation_and_minimum_balance(sandbox: Sandbox, client: httpx.Client) -> None:
    msgs = [{"role": "user", "content": "hi"}]
    assert client.post("/ai/chat", json={"messages": []}).status_code == 400
    assert client.post("/ai/chat", json={"messages": msgs, "temperature": 2.5}).status_code == 400
    assert client.post("/ai/chat", json={"messages": [{"role": "robot", "content": "x"}]}).status_code == 400
    sandbox.set_credits(DEMO_KEY, 4)
    r = client.post("/ai/chat", json={"messages": msgs})
    assert r.status_code == 402
    assert r.json()["message"] == "Insufficient credits. Required: 5, available: 4"


def test_chat_stream_dropped_by_fault(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.drop_stream_after = 3
    got: list[str] = []
    with pytest.raises(httpx.HTTPError), client.stream(
            "POST", "/ai/chat", json={"messages": [{"role": "user", "content": "hello"}], "stream": True}) as r:
        for line in r.iter_lines():
            if line.startswith("data: "):
                got.append(line)
    assert len(got) == 3
    assert sandbox.faults.drop_stream_after is None  # one shot
    assert sse_events(client, {"messages": [{"role": "user", "content": "again"}], "stream": True})[-1] == "[DONE]"


def test_imagegen(sandbox: Sandbox, client: httpx.Client, tmp_path: Path) -> None:
    r = client.post("/ai/imagegen", json={"prompt": "A lighthouse: at 100% dusk", "size": "320x256", "n": 2,
                                          "quality": "hd"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["images"]) == 2 and body["credits_consumed"] == Pricing.default().imagegen(2, "hd").credits
    img = httpx.get(body["images"][0], trust_env=False)
    assert img.headers["content-type"] == "image/png"
    (tmp_path / "a.png").write_bytes(img.content)
    with av.open(str(tmp_path / "a.png")) as c:
        assert (c.streams.video[0].codec_context.width, c.streams.video[0].codec_context.height) == (320, 256)
    r = client.post("/ai/imagegen", json={"prompt": "something forbidden here"})
    assert r.status_code == 400 and r.json()["error_code"] == 40000
    assert "safety system" in r.json()["message"]
    assert client.post("/ai/imagegen", json={"prompt": "x", "size": "100x100"}).status_code == 400
    assert client.post("/ai/imagegen", json={"prompt": "x", "n": 5}).status_code == 400
    assert client.post("/ai/imagegen", json={"prompt": ""}).status_code == 400


def test_tts_duration_and_format(client: httpx.Client, tmp_path: Path) -> None:
    text = "Hello from the sandbox, this is a test of speech."
    r = client.post("/ai/tts", json={"input": text, "voice": "nova", "response_format": "wav", "speed": 2.0})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["credits_consumed"] == Pricing.default().tts(len(text)).credits
    (tmp_path / "s.wav").write_bytes(httpx.get(body["audio_url"], trust_env=False).content)
    with av.open(str(tmp_path / "s.wav")) as c:
        assert c.duration / 1e6 == pytest.approx(len(text) * 0.06 / 2.0, abs=0.05)
    assert client.post("/ai/tts", json={"input": "x", "voice": "bob"}).status_code == 400
    assert client.post("/ai/tts", json={"input": "x", "speed": 5}).status_code == 400
    assert client.post("/ai/tts", json={"input": "x" * 4097}).status_code == 400
    mp3 = client.post("/ai/tts", json={"input": "hi"}).json()
    assert mp3["audio_url"].endswith(".mp3")


def test_stt(client: httpx.Client, media: dict[str, Path]) -> None:
    with open(media["wav"], "rb") as f:
        r = client.post("/ai/stt", data={"response_format": "verbose_json", "language": "de"},
                        files={"file": ("speech.wav", f, "audio/wav")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["duration"] == pytest.approx(3.5, abs=0.05)
    assert body["language"] == "de" and "sandbox transcript" in body["text"].lower()
    assert body["credits_consumed"] == 1
    segs = body["segments"]
    assert segs[0]["start"] == 0 and segs[-1]["end"] == pytest.approx(body["duration"], abs=0.01)
    with open(media["text"], "rb") as f:
        assert client.post("/ai/stt", files={"file": ("notes.txt", f)}).status_code == 400
    with open(media["wav"], "rb") as f:
        srt = client.post("/ai/stt", data={"response_format": "srt"}, files={"file": ("a.wav", f)}).json()
    assert "-->" in srt["text"]


def test_vision_url_and_upload(client: httpx.Client, media: dict[str, Path]) -> None:
    img = client.post("/ai/imagegen", json={"prompt": "vision input", "size": "256x300"}).json()["images"][0]
    r = client.post("/ai/vision", json={"prompt": "What is this?", "image_url": img, "max_tokens": 50})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "256x300" in body["content"] and "PNG" in body["content"]
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]
    assert body["credits_consumed"] >= 1
    with open(media["photo"], "rb") as f:
        up = client.post("/ai/vision/upload", data={"prompt": "Describe"}, files={"file": ("photo.jpg", f, "image/jpeg")})
    assert up.status_code == 200 and "200x150" in up.json()["content"] and "JPEG" in up.json()["content"]
    bad = client.post("/ai/vision", json={"prompt": "x", "image_url": "http://127.0.0.1:1/none.png"})
    assert bad.status_code == 400
    assert client.post("/ai/vision", json={"prompt": "x"}).status_code == 400


def test_usage_paging(client: httpx.Client) -> None:
    for i in range(3):
        assert client.post("/ai/chat", json={"messages": [{"role": "user", "content": f"m{i}"}]}).status_code == 200
    assert client.post("/ai/tts", json={"input": "hello"}).status_code == 200
    page1 = client.get("/ai/usage", params={"page": 1, "page_size": 3}).json()
    assert page1["total"] == 4 and page1["page"] == 1 and page1["page_size"] == 3
    assert [r["service_type"] for r in page1["records"]] == ["tts", "chat", "chat"]
    page2 = client.get("/ai/usage", params={"page": 2, "page_size": 3}).json()
    assert len(page2["records"]) == 1
    rec = page1["records"][0]
    for k in ("id", "service_type", "credits_consumed", "input_tokens", "output_tokens", "latency_ms", "status",
              "created_at"):
        assert k in rec
    chats = client.get("/ai/usage", params={"service_type": "chat"}).json()
    assert chats["total"] == 3
    assert client.get("/ai/usage", params={"page_size": 101}).status_code == 400
    assert client.get("/ai/usage", params={"service_type": "nope"}).status_code == 400
