"""Aborting a live HTTP connection from inside an ASGI handler (for fault injection).

ASGI has no "drop this connection" message. uvicorn's ``receive`` callable is a bound method of
its per-request cycle object, which holds the asyncio transport; aborting that transport resets
the TCP connection exactly like a network failure would. When the server is not uvicorn (or its
internals change) :func:`abort_connection` returns False and the caller raises instead, which
makes any ASGI server close the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from starlette.types import Receive


def _transport(receive: Receive) -> Any:
    owner = getattr(receive, "__self__", None)
    transport = getattr(owner, "transport", None)
    return transport if transport is not None and hasattr(transport, "abort") else None


async def abort_connection(receive: Receive, wait: float = 2.0) -> bool:
    """Reset the connection behind ``receive``; True when it was done.

    Waits (bounded) until the server has noticed the disconnect, so that whatever the handler
    sends afterwards is discarded instead of being reported as a protocol error.
    """
    transport = _transport(receive)
    if transport is None:
        return False
    transport.abort()

    async def drain() -> None:
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return

    with contextlib.suppress(TimeoutError, Exception):
        await asyncio.wait_for(drain(), timeout=wait)
    return True
