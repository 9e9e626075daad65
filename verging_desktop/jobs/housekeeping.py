"""Housekeeping of the files the app keeps for its jobs: the uploaded cuts (the compare view's
"original") and downscaled copies. Old ones are removed; those of unfinished jobs never are."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path

from .store import JobStore, LocalStatus

log = logging.getLogger("verging_desktop.jobs.housekeeping")

#: kept folders under the data dir
KEPT_DIRS = ("cuts", "downscaled")
MAX_AGE_DAYS = 30.0


def prune_files(folder: Path, *, max_age_days: float = MAX_AGE_DAYS, keep: Iterable[Path] = (),
                now: float | None = None) -> list[Path]:
    """Delete files in ``folder`` older than ``max_age_days``, except those in ``keep``."""
    if not folder.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - max_age_days * 86400
    kept = {Path(p).resolve() for p in keep}
    removed = []
    for f in folder.rglob("*"):
        try:
            if f.is_file() and f.stat().st_mtime < cutoff and f.resolve() not in kept:
                f.unlink()
                removed.append(f)
        except OSError as e:  # in use, or gone meanwhile: try again next time
            log.info("could not remove %s: %s", f, e)
    return removed


#: the trimmer's private cut folders (media.cutcache), left behind only by a crash
TRIM_DIR_GLOB = "verging-trim-*"


def prune_empty_trim_dirs(folder: Path, *, min_age_days: float = 1.0, now: float | None = None) -> list[Path]:
    """Remove the trimmer's empty private folders under ``folder`` not touched for a day (a
    running app's folder holds its cuts, or was made just now)."""
    if not folder.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - min_age_days * 86400
    removed = []
    for d in folder.glob(TRIM_DIR_GLOB):
        try:
            if d.is_dir() and not d.is_symlink() and d.stat().st_mtime < cutoff and not any(d.iterdir()):
                d.rmdir()
                removed.append(d)
        except OSError as e:
            log.info("could not remove %s: %s", d, e)
    return removed


def prune_job_files(data_dir: Path, store: JobStore, *, max_age_days: float = MAX_AGE_DAYS) -> list[Path]:
    """Remove old cuts and downscaled copies; the inputs of jobs not yet final are always kept."""
    unfinished = [s for s in LocalStatus if not s.final]
    keep = [Path(p) for rec in store.list(include_hidden=True, statuses=unfinished) for p in rec.inputs]
    removed: list[Path] = []
    for name in KEPT_DIRS:
        removed += prune_files(Path(data_dir) / name, max_age_days=max_age_days, keep=keep)
    removed += prune_empty_trim_dirs(Path(data_dir) / "cuts")
    if removed:
        log.info("removed %d old job file(s)", len(removed))
    return removed
