"""Shutdown as an ordered list of named steps (qutebrowser style).

``app.py`` builds the list; later parts of the application insert their own steps by name,
for example ``shutdown.add("stop-job-queue", queue.stop, before=CLOSE_HTTP)``. Steps may be
plain callables or return an awaitable; each runs once, with a time limit, and a failing
step is logged and does not stop the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("verging_desktop.app_core.shutdown")

# The standard steps, in order. Later issues insert theirs relative to these names:
SAVE_UI_STATE = "save-ui-state"      # window geometry, dock state, last tab
CANCEL_TASKS = "cancel-tasks"        # every UI task (refreshes, dialogs' requests)
# -> "stop-job-queue" (the poller and downloader) goes here, before CLOSE_HTTP
# -> "stop-ffmpeg" (running ffmpeg processes) goes here, before CLOSE_HTTP
CLOSE_HTTP = "close-http"            # the long-lived VergingClient (and other providers' clients)
STOP_SANDBOX = "stop-sandbox"        # an embedded sandbox server, if any
FLUSH_LOGS = "flush-logs"            # last: flush and close log handlers


@dataclass
class Step:
    name: str
    fn: Callable[[], Any]
    timeout: float


class ShutdownSequence:
    def __init__(self) -> None:
        self._steps: list[Step] = []
        self.ran = False
        #: (name, seconds, error or None) for each step after :meth:`run`
        self.report: list[tuple[str, float, str | None]] = []

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._steps]

    def add(self, name: str, fn: Callable[[], Any], *, before: str | None = None, after: str | None = None,
            timeout: float = 5.0) -> None:
        """Add a step at the end, or just before/after a named step."""
        if name in self.names:
            raise ValueError(f"shutdown step {name!r} exists already")
        step = Step(name, fn, timeout)
        anchor = before or after
        if anchor is None:
            self._steps.append(step)
            return
        if anchor not in self.names:
            raise ValueError(f"no shutdown step named {anchor!r}")
        i = self.names.index(anchor) + (1 if after else 0)
        self._steps.insert(i, step)

    def remove(self, name: str) -> None:
        self._steps = [s for s in self._steps if s.name != name]

    async def run(self) -> list[tuple[str, float, str | None]]:
        import asyncio
        import inspect

        if self.ran:
            return self.report
        self.ran = True
        for step in self._steps:
            started = time.monotonic()
            err: str | None = None
            try:
                res = step.fn()
                if inspect.isawaitable(res):
                    await asyncio.wait_for(res, timeout=step.timeout)
            except TimeoutError:
                err = f"did not finish within {step.timeout:.0f} s"
            except Exception as e:  # one failing step must not stop the others
                err = f"{type(e).__name__}: {e}"
            took = time.monotonic() - started
            if err:
                log.warning("shutdown step %s failed: %s", step.name, err)
            else:
                log.debug("shutdown step %s done in %.0f ms", step.name, took * 1000)
            self.report.append((step.name, took, err))
        return self.report
