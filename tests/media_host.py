"""A small media web server for tests: files from a folder over real HTTP on 127.0.0.1.

``MediaHost`` serves every file under ``root`` at ``/<relative path>`` with HEAD and byte ranges
(``Range: bytes=a-b``, one range), and on top of that, per path:

* ``status[path] = 404``: answer that status (403, 500, ...) with a small HTML body;
* ``slow[path] = seconds``: sleep that long before each 64 KB chunk of the body;
* ``no_range.add(path)``: ignore ``Range`` and say ``Accept-Ranges: none`` (a site that cannot seek);
* ``no_head.add(path)``: answer HEAD with 405 (as some storage services do);
* ``no_length.add(path)``: no ``Content-Length`` and no ranges, the body ends when the
  connection closes (a server that does not say the size in advance);
* ``types[path] = "text/html"``: the Content-Type to send (default: from the file name);
* ``pages[path] = html``: serve that text as an HTML page (:meth:`video_page` writes one with a
  ``<video src>`` that yt-dlp's generic extractor reads);
* :meth:`hls` writes an HLS playlist (``.m3u8`` + MPEG-TS segments) of a clip with ffmpeg.

It counts, per path, the requests (``requests[path]``: a list of ``(method, range header)``) and
the body bytes written to the socket (``bytes_sent[path]``). Start and stop it with ``with``
(or :meth:`start` / :meth:`stop`); stopping is bounded in time, even with slow answers under way.

    with MediaHost(tmp_path) as host:
        url = host.url("clip.mp4")
"""

from __future__ import annotations

import collections
import mimetypes
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    host: MediaHost

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], OSError):  # a client that went away (reset, broken pipe)
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        # a small send buffer, so the counter is close to what a client really read
        import socket

        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)

    def do_HEAD(self) -> None:
        path = self.path.split("?", 1)[0].lstrip("/")
        if path in self.server.host.no_head:
            with self.server.host.lock:
                self.server.host.requests[path].append(("HEAD", None))
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        host = self.server.host
        path = self.path.split("?", 1)[0].lstrip("/")
        with host.lock:
            host.requests[path].append((self.command, self.headers.get("Range")))
        status = host.status.get(path)
        if status is not None:
            body = f"<html><body><h1>{status}</h1></body></html>".encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self._send(path, body)
            return
        if path in host.pages:
            body = host.pages[path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self._send(path, body)
            return
        file = (host.root / path).resolve()
        if not path or host.root.resolve() not in file.parents or not file.is_file():
            self.send_error(404)
            return
        size = file.stat().st_size
        ctype = host.types.get(path) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        start, end = 0, size - 1
        partial = False
        rng = self.headers.get("Range")
        unsized = path in host.no_length
        if rng and path not in host.no_range and not unsized:
            m = _RANGE.match(rng.strip())
            if m and (m.group(1) or m.group(2)):
                if m.group(1):
                    start = int(m.group(1))
                    end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
                else:  # the last N bytes
                    start, end = max(0, size - int(m.group(2))), size - 1
                if start >= size or start > end:
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                partial = True
        self.send_response(206 if partial else 200)
        self.send_header("Content-Type", ctype)
        self.send_header("Accept-Ranges", "none" if path in host.no_range or unsized else "bytes")
        if partial:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        if unsized:  # the body ends when the connection closes
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        if head:
            return
        with file.open("rb") as f:
            f.seek(start)
            left = end - start + 1
            while left > 0 and not host.stopping.is_set():
                data = f.read(min(CHUNK, left))
                if not data:
                    break
                if not self._send(path, data):
                    return
                left -= len(data)

    def _send(self, path: str, data: bytes) -> bool:
        host = self.server.host
        delay = host.slow.get(path, 0.0)
        if delay and host.stopping.wait(delay):
            return False
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the client went away
            self.close_connection = True
            return False
        with host.lock:
            host.bytes_sent[path] += len(data)
        return True


class MediaHost:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving the files under ``root``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.status: dict[str, int] = {}
        self.slow: dict[str, float] = {}
        self.no_range: set[str] = set()
        self.no_head: set[str] = set()
        self.no_length: set[str] = set()
        self.types: dict[str, str] = {}
        self.pages: dict[str, str] = {}
        self.requests: collections.defaultdict[str, list[tuple[str, str | None]]] = collections.defaultdict(list)
        self.bytes_sent: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> MediaHost:
        self.stopping.clear()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.host = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="media-host", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving (slow answers under way are abandoned); bounded by ``timeout``."""
        self.stopping.set()
        server, self._server = self._server, None
        if server is None:
            return
        done = threading.Event()

        def shutdown() -> None:
            server.shutdown()
            done.set()

        threading.Thread(target=shutdown, daemon=True).start()
        done.wait(timeout)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> MediaHost:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses and counters ---------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._server is not None, "start the host first"
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def sent(self, path: str) -> int:
        """Body bytes written for ``path`` so far."""
        with self.lock:
            return self.bytes_sent[path]

    def count(self, path: str | None = None) -> int:
        """Requests for ``path`` (every path when None)."""
        with self.lock:
            if path is None:
                return sum(len(v) for v in self.requests.values())
            return len(self.requests[path])

    def reset_counters(self) -> None:
        with self.lock:
            self.requests.clear()
            self.bytes_sent.clear()

    # -- content ------------------------------------------------------------------------------
    def add(self, src: str | Path, name: str | None = None) -> str:
        """Copy ``src`` under the root (as ``name``); its URL."""
        name = name or Path(src).name
        dst = self.root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if Path(src).resolve() != dst.resolve():
            shutil.copyfile(src, dst)
        return self.url(name)

    def page(self, path: str, html: str) -> str:
        self.pages[path] = html
        return self.url(path)

    def video_page(self, path: str, video: str, *, title: str = "A test video") -> str:
        """An HTML page with ``<video src=video>`` (a path on this host) that yt-dlp's generic
        extractor reads; its ``<title>`` is ``title``."""
        return self.page(path, (
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{title}</title><meta property='og:title' content='{title}'></head>"
            f"<body><h1>{title}</h1><video controls src='/{video.lstrip('/')}'></video></body></html>"))

    def hls(self, ffmpeg: str, src: str | Path, name: str = "hls/index.m3u8", *, segment: float = 2.0) -> str:
        """Write an HLS playlist of ``src`` (stream-copied into MPEG-TS segments); its URL."""
        out = self.root / name
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), "-c", "copy",
                        "-f", "hls", "-hls_time", f"{segment:g}", "-hls_playlist_type", "vod",
                        "-hls_segment_filename", str(out.parent / "seg%03d.ts"), str(out)],
                       check=True, timeout=60)
        self.types[name] = "application/vnd.apple.mpegurl"
        return self.url(name)


def wait_until(pred: Any, timeout: float = 5.0, step: float = 0.02) -> bool:
    """Poll ``pred()`` until true or ``timeout`` seconds pass; whether it became true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return bool(pred())


def forbid_other_hosts(monkeypatch: Any) -> list[object]:
    """Make every connection and name lookup of this process (yt-dlp's included) to a host other
    than 127.0.0.1 fail; the attempts are collected in the returned list, which a test asserts
    stays empty (use it in an autouse fixture)."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo
    elsewhere: list[object] = []

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1"):
            elsewhere.append(address)
            raise OSError(f"test: no connection to {address[0]}")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *a: Any, **kw: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1", None):
            elsewhere.append(host)
            raise socket.gaierror(f"test: no lookup of {host}")
        return real_getaddrinfo(host, *a, **kw)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return elsewhere
