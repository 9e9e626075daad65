"""The Vimmerse upload routes write the file part once, straight into place (sandbox/multipart.py):
the bytes kept are the bytes sent, and a refused, malformed or cut-off upload leaves nothing."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from verging_desktop.sandbox import Sandbox

B = "test-boundary-7f3a"


@pytest.fixture
def vclient(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.vimmerse_url, headers={"X-Api-Key": sandbox.vimmerse_demo_key}, timeout=20,
                      trust_env=False) as c:
        yield c


def _kept(sandbox: Sandbox) -> list[Path]:
    root = sandbox.state.store.files_dir / "uploads"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _part(name: str, file_name: str | None, data: bytes, ctype: str = "video/mp4") -> bytes:
    disp = f'form-data; name="{name}"' + (f'; filename="{file_name}"' if file_name is not None else "")
    head = f"--{B}\r\nContent-Disposition: {disp}\r\n" + (f"Content-Type: {ctype}\r\n" if file_name else "") + "\r\n"
    return head.encode() + data + b"\r\n"


def _post(c: httpx.Client, body: bytes, ctype: str = f"multipart/form-data; boundary={B}") -> httpx.Response:
    return c.post("/v2/video", params={"option": "UploadVideo"}, content=body, headers={"Content-Type": ctype})


def test_the_uploaded_file_is_kept_byte_for_byte_with_its_name(sandbox, vclient, media) -> None:
    data = media["video"].read_bytes()
    with media["video"].open("rb") as f:
        r = vclient.post("/v2/video", params={"option": "UploadVideo"}, data={"note": "x" * 1000},
                         files={"video_file": ("my clip – take 2.mp4", f, "video/mp4")})
    assert r.status_code == 200, r.text
    asset = r.json()
    assert asset["args"]["file_name"] == "my clip – take 2.mp4"
    kept = _kept(sandbox)
    assert len(kept) == 1 and kept[0].read_bytes() == data
    got = httpx.get(asset["results"][0], timeout=20, trust_env=False)
    assert got.status_code == 200 and got.content == data
    assert sandbox.vimmerse_stats()["uploads"] == 1


def test_a_file_under_another_name_a_text_field_or_a_cut_off_part_is_missing(sandbox, vclient, media) -> None:
    clip = media["video"].read_bytes()
    bodies = {
        "other field": _part("image_file", "a.mp4", clip) + f"--{B}--\r\n".encode(),
        "text field": _part("video_file", None, b"not a file"),
        "cut off": _part("video_file", "a.mp4", clip)[:-200],
    }
    for what, body in bodies.items():
        r = _post(vclient, body)
        assert r.status_code == 422, what
        assert r.json()["detail"][0]["loc"] == ["body", "video_file"], what
        assert _kept(sandbox) == [], what


def test_malformed_bodies_and_bodies_past_the_limits_are_a_bad_request(sandbox, vclient, media) -> None:
    clip = media["video"].read_bytes()
    one = _part("video_file", "a.mp4", clip)
    cases = {
        "two files": (one + _part("video_file", "b.mp4", clip) + f"--{B}--\r\n".encode(), None),
        "a field over 1 MB": (_part("note", None, b"x" * (1024 * 1024 + 1)) + one + f"--{B}--\r\n".encode(), None),
        "no boundary": (one + f"--{B}--\r\n".encode(), "multipart/form-data"),
        "no name": (one.replace(b'name="video_file"; ', b"") + f"--{B}--\r\n".encode(), None),
    }
    for what, (body, ctype) in cases.items():
        r = _post(vclient, body, ctype) if ctype else _post(vclient, body)
        assert r.status_code == 400, (what, r.text)
        assert r.json() == {"message": "BAD_REQUEST"}, what
        assert _kept(sandbox) == [], what
    assert sandbox.vimmerse_stats()["uploads"] == 0


def test_a_client_that_goes_away_mid_upload_leaves_no_file(sandbox) -> None:
    url = urlsplit(sandbox.vimmerse_url)
    head = _part("video_file", "big.mp4", b"")[:-2]
    length = len(head) + 64 * 1024 * 1024
    request = (f"POST {url.path}/v2/video?option=UploadVideo HTTP/1.1\r\nHost: {url.netloc}\r\n"
               f"X-Api-Key: {sandbox.vimmerse_demo_key}\r\nContent-Type: multipart/form-data; boundary={B}\r\n"
               f"Content-Length: {length}\r\n\r\n").encode()
    with socket.create_connection((url.hostname, url.port), timeout=20) as s:
        s.sendall(request + head + b"\x00" * (2 * 1024 * 1024))
        deadline = time.monotonic() + 20
        while not _kept(sandbox):  # the part is being written in place
            assert time.monotonic() < deadline, "the upload was never written"
            time.sleep(0.02)
    deadline = time.monotonic() + 20
    while _kept(sandbox):
        assert time.monotonic() < deadline, f"a cut-off upload was kept: {_kept(sandbox)}"
        time.sleep(0.02)
    assert sandbox.vimmerse_stats()["uploads"] == 0
