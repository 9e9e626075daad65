"""What the varg queue's tests share: a sandbox whose varg jobs run a set time, a queue on a
store with a real :class:`VargClient` over loopback, a client that counts its job reads by id,
and bounded waits."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from pathlib import Path
from typing import Any

from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.varg.client import VargClient
from verging_desktop.api.varg.models import VargJob, VargRequest
from verging_desktop.jobs.store import JobStore
from verging_desktop.jobs.varg_queue import VargPollPolicy, VargQueue
from verging_desktop.sandbox import Sandbox

FAST = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2, max_rate_limit_wait=0)
#: quick reads and quick stream retries (the tests count requests; they never time anything)
QUICK = VargPollPolicy(base=0.3, ramp=1000, stream_retry=0.3, charge_retry=0.2, create_retry_max=1.0)
ACCOUNT = "varg|sandbox|test"


class CountingClient(VargClient):
    """A VargClient that counts ``GET /jobs/{id}`` and streams opened by job id."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.reads: Counter[str] = Counter()
        self.streamed: Counter[str] = Counter()

    async def job(self, job_id: str) -> VargJob:
        self.reads[job_id] += 1
        return await super().job(job_id)

    async def stream(self, job_id: str):  # type: ignore[override]
        self.streamed[job_id] += 1
        async with contextlib.aclosing(super().stream(job_id)) as events:  # closed here, not by the collector
            async for j in events:
                yield j


def start_sandbox(tmp_path: Path, *, job_seconds: float = 1.0, name: str = "vsb") -> Sandbox:
    sb = Sandbox(data_dir=tmp_path / name)
    sb.start()
    sb.varg_job_seconds = job_seconds
    sb.varg_keepalive_seconds = 0.5
    return sb


def make_queue(sb: Sandbox, tmp_path: Path, *, key: str | None = None, store: JobStore | None = None,
               **kw: Any) -> tuple[JobStore, CountingClient, VargQueue]:
    store = store or JobStore(tmp_path / "jobs.db")
    client = CountingClient(key or sb.varg_demo_key, sb.varg_url, retry=kw.pop("retry", FAST))
    q = VargQueue(store, client, download_dir=kw.pop("download_dir", tmp_path / "out"),
                  policy=kw.pop("policy", QUICK), account=kw.pop("account", ACCOUNT), **kw)
    return store, client, q


def image_req(prompt: str = "a red fox in the snow", **kw: Any) -> VargRequest:
    return VargRequest(kind="varg-image", model=kw.pop("model", "flux-schnell"), prompt=prompt, **kw)


def requests(sb: Sandbox, route: str) -> int:
    """How many requests the sandbox's varg routes got for ``route`` ("POST /image", "GET /jobs/{id}")."""
    return int(sb.varg_stats()["requests"].get(route, 0))


async def until(pred: Any, timeout: float = 30.0, step: float = 0.02) -> None:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)
