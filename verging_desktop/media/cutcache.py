"""The trimmer's cut cache: the cuts made of one clip's selections, reused while nothing changed.

A cut is keyed by ``(source path, start, end, mode)``. Running cuts are kept as tasks (a second
request for the same key waits for the first), finished ones as :class:`CutResult` whose files
live in a private temporary folder: made on the first cut, deleted as soon as it holds nothing
(:meth:`CutCache.release`: the clip's cuts were dropped; or its only cut failed), by
:meth:`CutCache.remove_temp`, and at exit at the latest. No Qt.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path

from ..core.errors import Progress
from .cut import OUTPUT_SUFFIXES, CutResult, cut
from .probe import MediaInfo

CutKey = tuple[str, float, float, str]


def cut_key(path: str | os.PathLike[str] | None, start: float, end: float, mode: str) -> CutKey:
    return (str(path), round(start, 6), round(end, 6), mode)


def _rmtree_quietly(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def copy_atomic(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` through a ``.part`` file, so ``dst`` is whole or absent."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.part")
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


class CutCache:
    """Cuts by key, the running ones as tasks, their files in a private folder under ``temp_parent``."""

    def __init__(self, temp_parent: str | os.PathLike[str] | None = None) -> None:
        self._temp_parent = Path(temp_parent) if temp_parent is not None else None
        self._tasks: dict[CutKey, asyncio.Future[CutResult]] = {}
        self._done: dict[CutKey, CutResult] = {}
        self._tmp: str | None = None
        self._finalizer: weakref.finalize[[str], CutCache] | None = None
        self._counter = 0

    # -- lookups ---------------------------------------------------------------------------------
    def get(self, key: CutKey) -> CutResult | None:
        """The finished cut for ``key`` whose file is still there (else None)."""
        res = self._done.get(key)
        return res if res is not None and res.path.exists() else None

    def running(self, key: CutKey) -> asyncio.Future[CutResult] | None:
        task = self._tasks.get(key)
        return task if task is not None and not task.done() else None

    @property
    def cutting(self) -> bool:
        return any(not t.done() for t in self._tasks.values())

    @property
    def temp_dir(self) -> Path | None:
        """The private folder holding the cuts (None until the first cut)."""
        return Path(self._tmp) if self._tmp is not None else None

    # -- making ----------------------------------------------------------------------------------
    def temp(self) -> Path:
        if self._tmp is None:
            parent = self._temp_parent
            if parent is not None:
                parent.mkdir(parents=True, exist_ok=True)
            self._tmp = tempfile.mkdtemp(prefix="verging-trim-", dir=parent)
            self._finalizer = weakref.finalize(self, _rmtree_quietly, self._tmp)
        return Path(self._tmp)

    def target(self, info: MediaInfo, mode: str) -> Path:
        """A new file name in the private folder for a cut of ``info`` in ``mode``."""
        self._counter += 1
        suffix = info.path.suffix.lower() if info.path.suffix.lower() in OUTPUT_SUFFIXES else ".mp4"
        return self.temp() / f"cut-{self._counter}-{mode}{suffix}"

    def start(self, key: CutKey, info: MediaInfo, progress: Callable[[Progress], None] | None,
              spawn: Callable[..., asyncio.Future[CutResult]]) -> asyncio.Future[CutResult]:
        """Start the cut for ``key`` (``spawn`` turns the coroutine into a kept task)."""
        _, start, end, mode = key
        dst = self.target(info, mode)
        task = spawn(cut(info.path, dst, start, end, mode, progress=progress, info=info))
        self._tasks[key] = task
        return task

    def finished(self, key: CutKey, task: asyncio.Future[CutResult]) -> None:
        """``task`` (the cut for ``key``) ended: forget the task (and the folder, when that cut
        failed and nothing else is in it)."""
        if self._tasks.get(key) is task:
            del self._tasks[key]
        if task.done() and (task.cancelled() or task.exception() is not None):
            self._drop_folder_if_idle()

    def put(self, key: CutKey, res: CutResult) -> None:
        self._done[key] = res

    def cancel(self) -> None:
        """Stop every running cut (no partial file is left behind)."""
        for t in list(self._tasks.values()):
            t.cancel()

    def clear(self) -> None:
        """Forget the finished cuts and delete their files (the folder stays for the next cut;
        :meth:`release` removes it too)."""
        for res in self._done.values():
            with contextlib.suppress(OSError):
                res.path.unlink()
        self._done.clear()

    def release(self) -> None:
        """:meth:`clear`, and remove the folder unless a cut is still running into it (the
        clip is done with: a later cut makes a new folder)."""
        self.clear()
        self._drop_folder_if_idle()

    def _drop_folder_if_idle(self) -> None:
        if self._tmp is None or self._done or self.cutting:
            return
        _rmtree_quietly(self._tmp)
        self.detach()
        self._tmp = None
        self._finalizer = None

    # -- closing ---------------------------------------------------------------------------------
    def remove_temp(self) -> None:
        if self._tmp is not None:
            _rmtree_quietly(self._tmp)

    def detach(self) -> None:
        """The folder was removed: nothing to do at exit."""
        if self._finalizer is not None:
            self._finalizer.detach()
