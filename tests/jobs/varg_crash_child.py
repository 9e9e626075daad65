"""A child process for the varg SIGKILL test: a varg queue (at most 2 running jobs) on a job store
sends job 1 (``SENT 1`` once its answer is stored), then job 2, whose create request reaches the
sandbox but whose answer is held back by the transport (``SENDING 2`` when it is recorded as
submitting), then records job 3, which waits for a free slot (``WAITING 3``); then it waits to be
killed (SIGKILL, by the test) with job 2's answer still out.

    python -m tests.jobs.varg_crash_child DB VARG_URL KEY ACCOUNT
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx


class HeldAnswers(httpx.AsyncHTTPTransport):
    """Sends every request; the answer of the second create request never comes back."""

    def __init__(self) -> None:
        super().__init__()
        self.creates = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        resp = await super().handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/image"):
            self.creates += 1
            if self.creates == 2:  # created on the server; its answer is lost with this process
                await asyncio.sleep(3600)
        return resp


async def main(db: str, url: str, key: str, account: str) -> None:
    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.varg.client import VargClient
    from verging_desktop.api.varg.models import VargRequest
    from verging_desktop.jobs.store import JobRecord, JobStore, LocalStatus
    from verging_desktop.jobs.varg_queue import VargQueue

    store = JobStore(db)

    sending: set[int] = set()
    second_sending = asyncio.Event()

    def told(rec: JobRecord) -> None:
        if rec.status is LocalStatus.SUBMITTING and rec.local_id not in sending:
            sending.add(rec.local_id)
            print(f"SENDING {rec.local_id}", flush=True)
            if len(sending) == 2:
                second_sending.set()

    store.subscribe(told)
    client = VargClient(key, url, transport=HeldAnswers(), retry=RetryPolicy(attempts=3, base_delay=0.05,
                                                                             max_delay=0.2))
    q = VargQueue(store, client, download_dir=Path(db).parent / "out", account=account, max_running=2)
    await q.start()

    def req(n: int) -> VargRequest:
        return VargRequest(kind="varg-image", model="flux-schnell", prompt=f"crash test fox {n}")

    one = await q.submit(req(1), input_name="one.png", estimated=0.3)
    print(f"SENT {one.local_id}", flush=True)
    two = asyncio.create_task(q.submit(req(2), input_name="two.png", estimated=0.3))
    async with asyncio.timeout(30):  # the test reads nothing more from a child stuck here; it is killed
        await second_sending.wait()
    three = await q.submit(req(3), input_name="three.png", estimated=0.3)
    if three.params.get("waiting"):
        print(f"WAITING {three.local_id}", flush=True)
    await two
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]))
