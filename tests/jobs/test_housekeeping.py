import os
import time
from pathlib import Path

from verging_desktop.jobs.housekeeping import prune_job_files
from verging_desktop.jobs.store import JobStore, LocalStatus


def _old(path: Path, days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    t = time.time() - days * 86400
    os.utime(path, (t, t))
    return path


def test_old_cuts_go_recent_and_pending_ones_stay(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = JobStore(tmp_path / "jobs.db")
    old = _old(data / "cuts" / "old_0-5.mp4", 40)
    recent = _old(data / "cuts" / "recent_0-5.mp4", 2)
    pending = _old(data / "cuts" / "pending_0-5.mp4", 40)
    shrunk = _old(data / "downscaled" / "big.png", 45)
    rec = store.add(provider="verging", kind="face-swap", inputs=[str(pending)])
    store.update(rec.local_id, status=LocalStatus.PROCESSING)
    removed = prune_job_files(data, store)
    assert sorted(p.name for p in removed) == ["big.png", "old_0-5.mp4"]
    assert not old.exists() and not shrunk.exists()
    assert recent.exists() and pending.exists()
    assert prune_job_files(tmp_path / "nothing", store) == []


def test_empty_trim_folders_left_by_a_crash_go(tmp_path: Path) -> None:
    from verging_desktop.jobs.housekeeping import prune_empty_trim_dirs

    data = tmp_path / "data"
    store = JobStore(tmp_path / "jobs.db")
    cuts = data / "cuts"
    stale = cuts / "verging-trim-abc123"
    stale.mkdir(parents=True)
    busy = cuts / "verging-trim-busy"
    _old(busy / "cut-1-smart.mp4", 3)  # still holds a cut: stays
    fresh = cuts / "verging-trim-now"
    fresh.mkdir()  # a running app's folder, made just now: stays
    mine = cuts / "my folder"
    mine.mkdir()  # not the trimmer's: never touched
    t = time.time() - 3 * 86400
    for d in (stale, busy, mine):
        os.utime(d, (t, t))
    removed = prune_job_files(data, store)
    assert removed == [stale] and not stale.exists()
    assert busy.is_dir() and fresh.is_dir() and mine.is_dir()
    assert prune_empty_trim_dirs(tmp_path / "nothing") == []
