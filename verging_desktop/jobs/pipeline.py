"""The order in which a batch of video jobs is prepared and uploaded: the next job's cut is made
while the previous job uploads, and each upload starts as soon as its cut is done.

Two resources are shared by every video job of the app, whichever tab sent it:

the machine
    a cut (smart, compact) keeps both cores busy; two at once take as long as one after the
    other, and the first of them is ready later. So jobs are prepared one at a time, in the
    order they were sent (:meth:`Pipeline.preparing`).
the uplink
    two uploads over one home uplink share it: each takes twice as long, the first job reaches
    the server no sooner than the last, and each measured rate is half the link's (which would
    spoil the estimate in :mod:`~verging_desktop.core.uplink`). So uploads to one provider's
    host go one at a time, in order (:meth:`Pipeline.uploading`).

Job 1 is cut, then uploads while job 2 is cut; job 2 uploads as soon as both its cut and job 1's
upload are done; and so on. A preparation whose upload must wait for the link anyway can take
longer for free: :meth:`Pipeline.link_busy_seconds` says how long the link is still taken, and
:func:`verging_desktop.jobs.prep_choice.choose` counts it (``wait=``).

:func:`schedule` predicts the same pipeline for the submit area's line ("3 videos: all uploaded
in about 2 min"). No Qt, no I/O.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .prep_choice import PrepChoice


class UploadSlot:
    """One upload's turn on a link: entered when the link is free, left when the body is sent
    (:meth:`release`, called by the upload's progress at 100 %, or on leaving the ``async with``).
    While it waits or sends, its remaining bytes count in :meth:`Pipeline.link_busy_seconds`."""

    def __init__(self, pipeline: Pipeline, link: str, nbytes: int) -> None:
        self._pipeline = pipeline
        self.link = link
        self.nbytes = max(0, int(nbytes))
        self.sent = 0
        self._held = False
        self._done = False

    @property
    def remaining(self) -> int:
        return 0 if self._done else max(0, self.nbytes - self.sent)

    def progress(self, sent: int) -> None:
        """``sent`` bytes of the body are out (from the upload's progress)."""
        self.sent = max(self.sent, int(sent))

    def release(self) -> None:
        """The body is sent: the next upload on the link may start (idempotent)."""
        if self._done:
            return
        self._done = True
        self._pipeline._queued.get(self.link, set()).discard(self)
        if self._held:
            self._held = False
            self._pipeline._note("upload-end", self.link)
            self._pipeline._lock(self.link).release()

    async def _acquire(self) -> None:
        await self._pipeline._lock(self.link).acquire()
        self._held = True
        self._pipeline._note("upload-start", self.link)


class Pipeline:
    """The app's schedule of video preparations and uploads (see the module docstring)."""

    def __init__(self, *, prepare_slots: int = 1) -> None:
        self._prepare = asyncio.Semaphore(max(1, prepare_slots))
        self._preparing = 0
        self._links: dict[str, asyncio.Lock] = {}
        self._queued: dict[str, set[UploadSlot]] = {}
        #: the latest starts and ends of preparations and uploads: (what, link or "", monotonic
        #: seconds); what is "prepare-start", "prepare-end", "upload-start" or "upload-end"
        self.events: collections.deque[tuple[str, str, float]] = collections.deque(maxlen=400)

    def _note(self, what: str, link: str = "") -> None:
        self.events.append((what, link, time.monotonic()))

    def _lock(self, link: str) -> asyncio.Lock:
        lock = self._links.get(link)
        if lock is None:
            lock = self._links[link] = asyncio.Lock()
        return lock

    @property
    def preparing_now(self) -> bool:
        """A cut is being made now (a new one would wait)."""
        return self._preparing > 0 or self._prepare.locked()

    @contextlib.asynccontextmanager
    async def preparing(self) -> AsyncIterator[None]:
        """Hold the machine for one preparation (waits while another job's is running)."""
        async with self._prepare:
            self._preparing += 1
            self._note("prepare-start")
            try:
                yield
            finally:
                self._preparing -= 1
                self._note("prepare-end")

    def link_free(self, link: str) -> bool:
        """Nothing is uploading or waiting to upload on ``link``."""
        return not self._lock(link).locked() and not self._queued.get(link)

    def link_busy_bytes(self, link: str) -> int:
        """The bytes still to send on ``link`` by uploads running or waiting there."""
        return sum(s.remaining for s in self._queued.get(link, ()))

    def link_busy_seconds(self, link: str, rate: float) -> float:
        """How long ``link`` is still taken at ``rate`` bytes/s by the uploads running or waiting
        there (0: free now)."""
        return self.link_busy_bytes(link) / max(rate, 1.0)

    async def learn_rate(self, link: str, rate: Callable[[], float | None], *, timeout: float = 3.0,
                         step: float = 0.1) -> float | None:
        """``rate()``, the uplink estimate; when there is none yet (a first batch) but an upload
        is running on ``link``, wait up to ``timeout`` seconds for its first seconds to give one
        (``core.uplink``'s live rate): this job's upload must wait for that one anyway."""
        got = rate()
        deadline = time.monotonic() + timeout
        while got is None and self._lock(link).locked() and time.monotonic() < deadline:
            await asyncio.sleep(step)
            got = rate()
        return got

    @contextlib.asynccontextmanager
    async def uploading(self, link: str, nbytes: int) -> AsyncIterator[UploadSlot]:
        """Wait for ``link`` (uploads before this one send first), then hold it until the slot is
        released or the block ends (cancelled or failed included)."""
        slot = UploadSlot(self, link, nbytes)
        self._queued.setdefault(link, set()).add(slot)
        try:
            await slot._acquire()
            yield slot
        finally:
            slot.release()


@dataclass(frozen=True)
class Scheduled:
    """One job of a predicted batch: its preparation and when its upload should be done (seconds
    from the submit)."""

    choice: PrepChoice
    #: the seconds the upload waited for the link once its file was ready
    waited: float
    prepared_at: float
    uploaded_at: float


def schedule(choosers: Sequence[Callable[[float], PrepChoice]], *, link_busy: float = 0.0) -> list[Scheduled]:
    """Predict the pipeline for a batch. ``choosers[i](wait)`` chooses job ``i``'s preparation
    knowing its upload will wait ``wait`` seconds for the link after its cut starts (the jobs
    before it still uploading); ``link_busy``: seconds the link is taken by uploads already
    under way."""
    out: list[Scheduled] = []
    machine = 0.0            # when the machine is free for the next cut
    link = max(0.0, link_busy)  # when the link is free for the next upload
    for choose in choosers:
        start = machine
        choice = choose(max(0.0, link - start))
        ready = start + choice.prepare_seconds
        begin = max(ready, link)
        link = begin + choice.upload_seconds
        machine = ready
        out.append(Scheduled(choice, begin - ready, ready, link))
    return out


_pipelines: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Pipeline] = weakref.WeakKeyDictionary()


def for_loop() -> Pipeline:
    """The app's pipeline on the running event loop (one per loop: its locks belong to it)."""
    loop = asyncio.get_running_loop()
    pipe = _pipelines.get(loop)
    if pipe is None:
        pipe = _pipelines[loop] = Pipeline()
    return pipe
