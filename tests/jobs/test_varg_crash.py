"""SIGKILL while varg jobs are being sent: nothing is lost, nothing is sent twice, a sent job is
followed again by its id.

A child process (:mod:`tests.jobs.varg_crash_child`) sends job 1 (its answer stored), sends job 2
(the create request reaches the sandbox, the answer is held back) and records job 3, which waits
for a free slot; it is killed with job 2's answer still out. A new queue on the same store then:
follows job 1 again by its id (its stream) and saves it; marks job 2 unknown, in words a person can
act on, and never sends it; sends job 3 once (nothing of it had been sent) and saves it. The
sandbox counts three create requests and three jobs."""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from tests.jobs.varg_common import ACCOUNT, make_queue, requests, start_sandbox, until
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus

ROOT = Path(__file__).resolve().parents[2]


def read_lines(stream: IO[str]) -> queue.Queue[str | None]:
    """The lines of ``stream``, read by a thread (None once it closes), so they can be waited for with a timeout."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="varg-crash-child-stdout", daemon=True).start()
    return lines


def test_sigkill_while_sending_varg_jobs_loses_nothing_and_sends_nothing_twice(tmp_path) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)
    key = "varg_" + "c" * 20
    sb.add_varg_key(key, plan="pro")
    child = None
    try:
        db = tmp_path / "q" / "jobs.db"
        JobStore(db).close()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        child = subprocess.Popen([sys.executable, "-m", "tests.jobs.varg_crash_child", str(db), sb.varg_url, key,
                                  ACCOUNT], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None
        lines = read_lines(child.stdout)
        seen: list[str] = []
        deadline = time.monotonic() + 90
        while "WAITING 3" not in seen:
            try:  # a silent child cannot hang the test: it is killed (by its pid, below) when time is up
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the child did not get to the third job: {seen}") from None
            if line is None:  # its stdout closed: it ended
                child.wait(timeout=10)
                raise AssertionError(child.stderr.read() if child.stderr else f"the child ended: {seen}")
            if line.strip():
                seen.append(line.strip())
        # job 2 was created on the sandbox (its answer is held by the child): not only its request's
        # arrival, whose body may still be on its way when the child is killed
        while sb.varg_stats()["created"].get("image", 0) < 2:
            assert child.poll() is None and time.monotonic() < deadline, "the second create did not arrive"
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        assert seen == ["SENDING 1", "SENT 1", "SENDING 2", "WAITING 3"]
        assert requests(sb, "POST /image") == 2

        async def resume() -> None:
            store, client, q = make_queue(sb, tmp_path, key=key, store=JobStore(db),
                                          download_dir=tmp_path / "q" / "out2", max_running=2)
            before = {r.local_id: r for r in store.list(include_hidden=True)}
            assert [i for i in before] == [1, 2, 3]  # nothing lost
            assert before[1].status.open and before[1].remote_id
            assert before[2].status is LocalStatus.SUBMITTING and not before[2].remote_id
            assert before[3].status is LocalStatus.PREPARING and before[3].params["waiting"]
            await q.start()
            try:
                second = store.get(2)
                assert second.status is LocalStatus.UNKNOWN and not second.remote_id
                assert "may have been created on varg" in second.error and "varg.ai" in second.error
                # job 1 is followed again by its id; job 3 is sent now, once
                await until(lambda: client.streamed[before[1].remote_id] == 1)
                await until(lambda: store.get(3).remote_id is not None)
                third = store.get(3)
                assert third.status.open and not third.params["waiting"]
                assert requests(sb, "POST /image") == 3
                for r in (store.get(1), third):
                    sb.varg_finish_now(r.remote_id)
                await until(lambda: all(store.get(i).download_state is DownloadState.DONE for i in (1, 3)))
                assert store.get(2).status is LocalStatus.UNKNOWN
                assert requests(sb, "POST /image") == 3  # job 2 was never sent again
                assert sb.varg_stats()["created"] == {"image": 3}
                assert sorted(Path(store.get(i).result_path).name for i in (1, 3)) == ["one_image.png",
                                                                                      "three_image.png"]
            finally:
                await q.stop()
                await client.aclose()
                store.close()

        asyncio.run(resume())
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        sb.stop()
