"""Keep a handle on every asyncio task the app starts, so quitting can cancel them.

Plain asyncio; no Qt. Errors that a person can act on (:class:`VergingError`) go to
``on_message``; anything unexpected goes to ``on_crash`` (the error dialog).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from ..core.errors import Cancelled, VergingError

log = logging.getLogger("verging_desktop.app_core.tasks")
T = TypeVar("T")

#: words in a task's name that mark work done on this computer that quitting would lose: cutting a
#: video, uploading it, sending a job ("faceswap-submit", "video-enhance-cut", "retry-background-removal")
WORK_WORDS = frozenset({"submit", "retry", "cut", "upload"})

#: name prefixes of tasks that are never work of their own: the trimmer's probing, thumbnails and
#: cuts into its temporary folder ("trimmer-cut-smart") are thrown away when it closes; a submit
#: that waits for such a cut is counted once, by its own task
HELPER_PREFIXES = ("trimmer-",)


def is_local_work(name: str) -> bool:
    """Whether a task named ``name`` is a cut, an upload or a submit in progress."""
    name = name.lower().replace("_", "-")
    if name.startswith(HELPER_PREFIXES):
        return False
    return bool(WORK_WORDS.intersection(name.split("-")))


class TaskTracker:
    def __init__(
        self,
        on_message: Callable[[str], None] | None = None,
        on_crash: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_message = on_message
        self.on_crash = on_crash
        self.closed = False

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        """Start ``coro`` as a task and keep its handle until it ends."""
        if self.closed:
            coro.close()
            raise RuntimeError("the application is shutting down")
        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None or isinstance(exc, Cancelled):
            return
        if isinstance(exc, VergingError):
            log.info("%s: %s", task.get_name(), exc)
            if self.on_message is not None:
                self.on_message(str(exc))
            return
        log.error("task %s failed", task.get_name(), exc_info=exc)
        if self.on_crash is not None:
            self.on_crash(exc)

    def __len__(self) -> int:
        return len(self._tasks)

    @property
    def tasks(self) -> list[asyncio.Task[Any]]:
        return list(self._tasks)

    async def cancel_all(self, timeout: float = 3.0) -> None:
        """Cancel every task and wait (bounded) for them to finish."""
        self.closed = True
        tasks = [t for t in self._tasks if not t.done()]
        for t in tasks:
            t.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=timeout)
            for t in pending:
                log.warning("task %s did not stop within %.1f s", t.get_name(), timeout)
