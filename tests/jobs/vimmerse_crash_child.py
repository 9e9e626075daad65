"""A child process for the Vimmerse SIGKILL test: a Vimmerse queue on a job store submits crops of
the given clips one after another and prints ``SENDING <local id>`` when a job's create request
is about to go out (the job is recorded as submitting) and ``SENT <local id>`` when its answer is
stored; then it waits to be killed (SIGKILL, by the test).

    python -m tests.jobs.vimmerse_crash_child DB VIMMERSE_URL KEY ACCOUNT CLIP [CLIP ...]
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


async def main(db: str, url: str, key: str, account: str, clips: list[str]) -> None:
    from verging_desktop.api.retry import RetryPolicy
    from verging_desktop.api.vimmerse import CropRequest, VimmerseClient
    from verging_desktop.jobs.store import JobRecord, JobStore, LocalStatus
    from verging_desktop.jobs.vimmerse_queue import VimmerseQueue

    store = JobStore(db)

    def told(rec: JobRecord) -> None:
        if rec.status is LocalStatus.SUBMITTING:
            print(f"SENDING {rec.local_id}", flush=True)

    store.subscribe(told)
    client = VimmerseClient(key, url, retry=RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2))
    q = VimmerseQueue(store, client, download_dir=Path(db).parent / "out", account=account)
    await q.start()
    for clip in clips:
        rec = await q.submit(CropRequest(video_url=clip, aspect_ratio="1:1"), input_name=Path(clip).name,
                             estimated=3)
        print(f"SENT {rec.local_id}", flush=True)
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]))
