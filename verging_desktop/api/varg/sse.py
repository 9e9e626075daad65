"""A job's Server-Sent Events stream (``GET /jobs/{id}/stream``) read with httpx-sse.

The gateway sends ``event: status`` with ``data: <the whole job JSON>`` at every change and a
``: keepalive`` comment about every 15 s, and closes the stream after a final status (or after
10 minutes). Comments and events without a job are ignored; a stream that ends, breaks or goes
silent for longer than the read timeout before a final status raises :class:`StreamDropped`, so
the caller reconnects or falls back to polling.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator

import httpx
from httpx_sse import EventSource, ServerSentEvent

from ...core.errors import ConnectionFailed
from .models import VargJob

log = logging.getLogger("verging_desktop.api.varg.sse")

#: events that carry a job (``status``; a server that names no event sends ``message``)
JOB_EVENTS = ("status", "message", "job", "update")

#: the stream's read timeout: longer than the 15 s between keep-alives, so only a silent stream times out
STREAM_READ_TIMEOUT = 45.0
SSE_TIMEOUT = httpx.Timeout(connect=5.0, read=STREAM_READ_TIMEOUT, write=30.0, pool=10.0)


class StreamDropped(ConnectionFailed):
    """The job's stream ended or broke before a final status. ``last`` is the last job it sent
    (None when it sent none); the job itself goes on at the server: reconnect or poll."""

    def __init__(self, message: str, *, last: VargJob | None = None) -> None:
        super().__init__(message)
        self.last = last


def job_of_event(sse: ServerSentEvent, job_id: str = "") -> VargJob | None:
    """The job an event carries, or None (a keep-alive, an empty or unknown event, data that is
    not a job). A job without an id gets ``job_id``."""
    if sse.event not in JOB_EVENTS or not sse.data.strip():
        return None
    try:
        d = json.loads(sse.data)
    except ValueError:
        log.debug("ignoring an SSE event whose data is not JSON")
        return None
    if not isinstance(d, dict) or "status" not in d and not isinstance(d.get("job"), dict):
        return None
    job = VargJob.from_json(d)
    if not job.id and job_id:
        job = VargJob.from_json({**d, "job_id": job_id})
    return job


async def job_events(source: EventSource, job_id: str = "") -> AsyncGenerator[VargJob, None]:
    """The jobs of an open stream, in order; returns after a final status.

    Raises :class:`StreamDropped` when the stream ends or fails first.
    """
    last: VargJob | None = None
    try:
        # after the final status the rest is read (varg closes the stream then) rather than left: an
        # abandoned response iterator is finalised by the garbage collector, and on an event loop without
        # async-generator hooks (qasync's) that leaves its pooled connection taken for good
        async for sse in source.aiter_sse():
            if last is not None and last.final:
                continue
            job = job_of_event(sse, job_id)
            if job is None:
                continue
            last = job
            yield job
        if last is not None and last.final:
            return
    except httpx.HTTPError as e:
        if last is not None and last.final:
            return
        raise StreamDropped(f"The status stream of varg job {job_id} broke ({type(e).__name__}); "
                            "the job goes on at varg.", last=last) from None
    raise StreamDropped(f"The status stream of varg job {job_id} ended before the job finished; "
                        "the job goes on at varg.", last=last)
