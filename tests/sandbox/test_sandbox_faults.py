"""Fault injection, control endpoints, the command line and process hygiene of the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from verging_desktop.sandbox import DEMO_KEY, FaultConfig, Sandbox

REPO = Path(__file__).resolve().parents[2]


def test_rate_limit_seconds_and_epoch(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.rate_limit_burst = 2
    sandbox.faults.rate_limit_reset = 2
    for _ in range(2):
        r = client.get("/auth/me")
        assert r.status_code == 429 and r.headers["X-RateLimit-Reset"] == "2"
        assert r.json()["error_code"] is None
    assert client.get("/auth/me").status_code == 200
    sandbox.faults.reset_style = "epoch"
    sandbox.faults.rate_limit_burst = 1
    r = client.get("/auth/me")
    assert r.status_code == 429
    assert float(r.headers["X-RateLimit-Reset"]) == pytest.approx(time.time() + 2, abs=2)
    stats = sandbox.stats()
    assert stats["requests"]["GET /api/v1/auth/me"] == 4


def test_error_rate_alternates_and_respects_paths(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.error_rate = 1.0
    codes = [client.get("/auth/me").status_code for _ in range(4)]
    assert codes == [502, 503, 502, 503]
    sandbox.faults.error_paths = ("/faceswap/jobs",)
    assert client.get("/auth/me").status_code == 200
    assert client.get("/faceswap/jobs").status_code in (502, 503)
    # control endpoints never get faults
    assert httpx.get(sandbox.root_url + "/_sandbox/stats", trust_env=False).status_code == 200
    sandbox.faults.error_rate = 0.5
    sandbox.faults.error_paths = ()
    sandbox.faults.seed = 7
    results = [client.get("/auth/me").status_code for _ in range(40)]
    assert 5 < results.count(200) < 35


def test_latency(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.latency_ms = 150
    t = time.monotonic()
    client.get("/auth/me")
    assert time.monotonic() - t >= 0.14


def test_upload_drop_once(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    res = client.post("/upload-video", data={"video_file_name": "clip.mp4"}).json()["result"]
    data = media["video"].read_bytes()
    sandbox.faults.drop_upload_after = 1000
    payload = data * 20  # large enough that the client is still sending when the server drops it
    with pytest.raises(httpx.TransportError):
        httpx.put(res["url"], content=payload, trust_env=False)
    assert sandbox.faults.drop_upload_after is None
    assert httpx.get(res["public_url"], trust_env=False).status_code == 404
    assert httpx.put(res["url"], content=data, trust_env=False).status_code == 200
    assert httpx.get(res["public_url"], trust_env=False).content == data


def test_chat_client_disconnect_bills_sent_chunks(sandbox: Sandbox, client: httpx.Client) -> None:
    with client.stream("POST", "/ai/chat", json={"messages": [{"role": "user", "content": "hello"}],
                                                 "stream": True}) as r:
        got: list[str] = []
        for line in r.iter_lines():
            if line.startswith("data: "):
                got.append(line)
            if len(got) == 4:
                break
    deadline = time.monotonic() + 5
    rec = None
    while time.monotonic() < deadline:
        records = client.get("/ai/usage").json()["records"]
        if records:
            rec = records[0]
            break
        time.sleep(0.05)
    assert rec is not None and rec["status"] == "client_disconnected"
    assert 4 <= rec["output_tokens"] < 40
    assert sandbox.credits(DEMO_KEY) == 1000 - rec["credits_consumed"]


def test_control_endpoints(sandbox: Sandbox, client: httpx.Client, media: dict[str, Path]) -> None:
    root = sandbox.root_url
    client.get("/auth/me")
    stats = httpx.get(root + "/_sandbox/stats", trust_env=False).json()
    assert stats["requests"] == {"GET /api/v1/auth/me": 1}
    assert set(stats) >= {"requests", "create_jobs", "uploads", "charged"}
    assert httpx.post(root + "/_sandbox/reset-stats", trust_env=False).status_code == 200
    assert sandbox.stats()["requests"] == {}
    r = httpx.post(root + "/_sandbox/faults", json={"rate_limit_burst": 1, "reset_style": "epoch"}, trust_env=False)
    assert r.status_code == 200 and sandbox.faults.rate_limit_burst == 1
    assert client.get("/auth/me").status_code == 429
    assert httpx.post(root + "/_sandbox/faults", json={"nope": 1}, trust_env=False).status_code == 400
    r = httpx.post(root + "/_sandbox/credits", json={"key": DEMO_KEY, "credits": 42}, trust_env=False)
    assert r.status_code == 200 and r.json()["credits"] == 42 and DEMO_KEY not in r.text
    assert client.get("/auth/me").json()["result"]["credits"] == 42
    assert httpx.post(root + "/_sandbox/fail-next", json={"n": 1}, trust_env=False).json()["fail_next"] == 1
    with open(media["photo"], "rb") as f:
        job = client.post("/background-removal/create-job", data={"file_name": "p.jpg"},
                          files={"image": ("p.jpg", f, "image/jpeg")}).json()["result"]["job_id"]
    deadline = time.monotonic() + 10
    while client.get("/jobs/list-jobs", params={"job_ids": job}).json()[0]["status"] != "FAILED":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert not any(k.startswith(("GET /_sandbox", "POST /_sandbox")) for k in sandbox.stats()["requests"])


def test_faults_config_from_constructor(tmp_path: Path) -> None:
    with Sandbox(data_dir=tmp_path / "f", faults=FaultConfig(rate_limit_burst=1, rate_limit_reset=0.5)) as sb:
        r = httpx.get(sb.base_url + "/auth/me", headers={"Authorization": f"ApiKey {DEMO_KEY}"}, trust_env=False)
        assert r.status_code == 429 and r.headers["X-RateLimit-Reset"] == "0.5"
        assert sb.base_url == f"http://127.0.0.1:{sb.port}/api/v1" and sb.root_url + "/api/v1" == sb.base_url


def test_temp_data_dir_removed_on_stop() -> None:
    sb = Sandbox()
    sb.start()
    data_dir = sb.data_dir
    assert (data_dir / "sandbox.db").is_file()
    sb.stop()
    assert not data_dir.exists()


def test_cli_prints_url_and_exits_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-m", "verging_desktop.sandbox", "--port", "0", "--data-dir", str(tmp_path / "cli"),
         "--job-seconds", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:") and line.endswith("/api/v1")
        r = httpx.get(line + "/auth/me", headers={"Authorization": f"ApiKey {DEMO_KEY}"}, trust_env=False)
        assert r.status_code == 200
        proc.terminate()
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sandbox_does_not_import_qt() -> None:
    code = "import sys, verging_desktop.sandbox.__main__; assert 'PySide6' not in sys.modules and 'qasync' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(REPO), timeout=60)
