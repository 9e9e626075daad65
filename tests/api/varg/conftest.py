"""Fixtures for the varg client tests: a scriptable loopback varg (starlette + uvicorn, started
and stopped by the test) for protocol corners the sandbox does not produce, and helpers."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.varg import VargClient

FAST = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05, max_rate_limit_wait=5)

Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    query: str = ""


class FakeVarg:
    """A loopback HTTP server whose answers each test scripts: ``routes[(method, path)]`` is an
    async handler (path without the ``/v1`` prefix); every request is recorded in ``seen``."""

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.seen: list[Seen] = []
        self.closed_streams = 0
        self._closed_cv = threading.Condition()
        app = Starlette(routes=[Route("/{path:path}", self._dispatch,
                                      methods=["GET", "POST", "DELETE", "PUT"])])
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        self._sock = sock
        self.port = sock.getsockname()[1]
        self.root = f"http://127.0.0.1:{self.port}"
        self.url = self.root + "/v1"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake varg did not start")
            time.sleep(0.01)

    async def _dispatch(self, request: Request) -> Response:
        body = await request.body()
        path = "/" + request.path_params["path"]
        self.seen.append(Seen(request.method, path, {k.lower(): v for k, v in request.headers.items()}, body,
                             request.url.query))
        route = path.removeprefix("/v1") or "/"
        handler = self.routes.get((request.method, route))
        if handler is None:
            for (m, p), h in self.routes.items():
                if m == request.method and p.endswith("*") and route.startswith(p[:-1]):
                    handler = h
                    break
        if handler is None:
            return JSONResponse({"error": "NotFoundError", "message": f"no route {route}"}, status_code=404)
        return await handler(request)

    def note_stream_closed(self) -> None:
        with self._closed_cv:
            self.closed_streams += 1
            self._closed_cv.notify_all()

    def wait_streams_closed(self, n: int, timeout: float = 10.0) -> bool:
        """Block (in a worker thread) until ``n`` streams have closed on the server side."""
        with self._closed_cv:
            return self._closed_cv.wait_for(lambda: self.closed_streams >= n, timeout)

    def on(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method, path)] = handler

    def answer(self, method: str, path: str, body: Any, status: int = 200,
               headers: dict[str, str] | None = None) -> None:
        async def h(request: Request) -> Response:
            return JSONResponse(body, status_code=status, headers=headers)

        self.on(method, path, h)

    def requests(self, method: str, path: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path == path]

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self._sock.close()


@pytest.fixture
def fake() -> Iterator[FakeVarg]:
    f = FakeVarg()
    try:
        yield f
    finally:
        f.close()


@pytest.fixture
def fake2() -> Iterator[FakeVarg]:
    """A second fake on another port (another origin)."""
    f = FakeVarg()
    try:
        yield f
    finally:
        f.close()


KEY = "varg_" + "t" * 20


def client_of(url: str, key: str | None = KEY, **kw: Any) -> VargClient:
    kw.setdefault("retry", FAST)
    return VargClient(key, url, **kw)


def run(coro: Any) -> Any:
    return asyncio.run(coro)
