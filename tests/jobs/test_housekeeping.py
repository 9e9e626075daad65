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
