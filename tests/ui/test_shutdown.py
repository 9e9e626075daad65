"""The ordered shutdown: named steps, insertion points for later issues, everything stopped."""

from __future__ import annotations

import asyncio

from verging_desktop.app_core import shutdown as sd
from verging_desktop.app_core.shutdown import ShutdownSequence


def test_sequence_order_insertion_and_failures(loop):
    seq = ShutdownSequence()
    ran = []
    seq.add("a", lambda: ran.append("a"))

    async def b():
        await asyncio.sleep(0)
        ran.append("b")

    seq.add("b", b)
    seq.add("c", lambda: 1 / 0)
    seq.add("d", lambda: ran.append("d"))
    seq.add("before-b", lambda: ran.append("before-b"), before="b")
    seq.add("after-c", lambda: ran.append("after-c"), after="c")
    assert seq.names == ["a", "before-b", "b", "c", "after-c", "d"]
    report = loop.run_until_complete(seq.run())
    assert ran == ["a", "before-b", "b", "after-c", "d"]
    errors = {name: err for name, _t, err in report if err}
    assert list(errors) == ["c"] and "ZeroDivisionError" in errors["c"]
    assert loop.run_until_complete(seq.run()) is report  # runs once


def test_app_shutdown_order_cancels_tasks_closes_http_and_stops_the_sandbox(harness, loop):
    ctl = harness.start("--sandbox")
    s = ctl.session
    assert ctl.shutdown.names == [sd.SAVE_UI_STATE, sd.CANCEL_TASKS, "stop-job-queue", sd.CLOSE_HTTP,
                                  sd.STOP_SANDBOX, sd.FLUSH_LOGS]
    jobs = ctl.ctx.jobs
    loop.run_until_complete(jobs.ready())
    queue = jobs.queue

    long = s.spawn(asyncio.sleep(3600), name="long")
    sb = s.sandbox
    loop.run_until_complete(ctl.close())
    assert long.cancelled()
    assert s.client.closed
    assert jobs.queue is None and not queue._pollers  # the queue stopped before HTTP closed
    assert not sb.running and s.sandbox is None
    assert [name for name, _t, err in ctl.shutdown.report if err] == []
    assert [name for name, _t, _e in ctl.shutdown.report] == ctl.shutdown.names


def test_gc_runs_on_the_gui_thread_only(qapp):
    import gc

    from verging_desktop.ui.gc_guard import GuiThreadGarbageCollector

    g = GuiThreadGarbageCollector(10)
    was = gc.isenabled()
    g.install()
    try:
        assert not gc.isenabled()

        class Cycle:
            pass

        for _ in range(2000):
            a, b = Cycle(), Cycle()
            a.b, b.a = b, a
        assert g.collect() > 0
    finally:
        g.uninstall()
    assert gc.isenabled() == was
