import sqlite3
import time
from pathlib import Path

from verging_desktop.jobs.store import MIGRATIONS, DownloadState, JobStore, LocalStatus


def test_rows_survive_reopen_and_listeners_fire(tmp_path: Path) -> None:
    db = tmp_path / "jobs.db"
    s = JobStore(db)
    seen = []
    s.subscribe(seen.append)
    rec = s.add(provider="verging", kind="face-swap", params={"hd": True}, inputs=["/a b/clip.mp4", "/face.png"],
                input_name="clip.mp4", base_url="http://x", estimated_credits=15)
    s.update(rec.local_id, status=LocalStatus.SUBMITTING, submitted_at=time.time())
    s.update(rec.local_id, remote_id="295", status=LocalStatus.PENDING)
    assert [r.status for r in seen] == [LocalStatus.PREPARING, LocalStatus.SUBMITTING, LocalStatus.PENDING]
    s.close()
    s2 = JobStore(db)
    got = s2.get(rec.local_id)
    assert got is not None and got.remote_id == "295" and got.params == {"hd": True}
    assert got.inputs == ["/a b/clip.mp4", "/face.png"] and got.estimated_credits == 15
    assert [j.local_id for j in s2.open_jobs("face-swap", "http://x")] == [rec.local_id]
    assert s2.open_jobs("face-swap", "http://other") == []
    assert s2.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_migrates_an_old_schema(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    c = sqlite3.connect(db)
    for stmt in [x for x in MIGRATIONS[0].split(";") if x.strip()]:
        c.execute(stmt)
    c.execute("INSERT INTO jobs (provider, kind, status, created_at, updated_at) VALUES ('verging','face-swap','pending',1,1)")
    c.execute("PRAGMA user_version=1")
    c.commit()
    c.close()
    s = JobStore(db)
    assert s.schema_version == len(MIGRATIONS)
    assert s.list()[0].attempts == 1


def test_interrupted_jobs_are_never_resent(tmp_path: Path) -> None:
    s = JobStore(tmp_path / "j.db")
    a = s.add(provider="verging", kind="face-swap", input_name="a.mp4")
    s.update(a.local_id, status=LocalStatus.SUBMITTING)
    b = s.add(provider="verging", kind="face-swap", input_name="b.mp4")  # still preparing: nothing sent
    c = s.add(provider="verging", kind="background-removal", input_name="c.png")
    s.update(c.local_id, status=LocalStatus.COMPLETED, remote_id="9", download_state=DownloadState.DOWNLOADING)
    s.mark_interrupted()
    assert s.get(a.local_id).status is LocalStatus.UNKNOWN
    assert "verging.ai" in (s.get(a.local_id).error or "")
    assert s.get(b.local_id).status is LocalStatus.CANCELLED and "nothing was charged" in s.get(b.local_id).error
    assert s.get(c.local_id).download_state is DownloadState.NONE


def test_spent_today(tmp_path: Path) -> None:
    s = JobStore(tmp_path / "j.db")
    now = time.time()
    a = s.add(provider="verging", kind="face-swap", estimated_credits=5)
    s.update(a.local_id, status=LocalStatus.COMPLETED, submitted_at=now, charged_credits=6)
    b = s.add(provider="verging", kind="face-swap", estimated_credits=3)
    s.update(b.local_id, status=LocalStatus.PENDING, submitted_at=now)
    c = s.add(provider="verging", kind="face-swap", estimated_credits=100)
    s.update(c.local_id, status=LocalStatus.FAILED, submitted_at=now)
    assert s.spent_since(now - 1) == 9


def test_counts_by_provider_and_account_and_the_results_being_saved(tmp_path: Path) -> None:
    """The quit question counts each provider's jobs of its own account (a Vimmerse account is not a
    Verging one), and the results being downloaded."""
    s = JobStore(tmp_path / "jobs.db")
    s.add(provider="verging", kind="face-swap", account="acct-1", status=LocalStatus.PENDING)
    s.add(provider="vimmerse", kind="vimmerse-crop", account="vimmerse|a|default", status=LocalStatus.PROCESSING)
    saving = s.add(provider="vimmerse", kind="vimmerse-reframe", account="vimmerse|a|default",
                   status=LocalStatus.COMPLETED)
    s.update(saving.local_id, download_state=DownloadState.DOWNLOADING)
    assert s.count_by_status() == {LocalStatus.PENDING: 1, LocalStatus.PROCESSING: 1, LocalStatus.COMPLETED: 1}
    assert s.count_by_status(provider="verging") == {LocalStatus.PENDING: 1}
    assert s.count_by_status(account="vimmerse|a|default", provider="vimmerse") == {
        LocalStatus.PROCESSING: 1, LocalStatus.COMPLETED: 1}
    assert s.count_by_status(account="acct-1", provider="vimmerse") == {}
    assert s.count_downloading() == 1 and s.count_downloading(provider="verging") == 0
    assert s.count_downloading(account="vimmerse|a|default", provider="vimmerse") == 1
    s.update(saving.local_id, download_state=DownloadState.DONE)
    assert s.count_downloading() == 0
