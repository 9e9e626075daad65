from pathlib import Path

from verging_desktop.jobs.durations import median_seconds, remaining_seconds, typical_seconds
from verging_desktop.jobs.store import JobStore, LocalStatus


def _done(s: JobStore, kind: str, seconds: float, *, provider: str = "verging",
          status: LocalStatus = LocalStatus.COMPLETED) -> None:
    rec = s.add(provider=provider, kind=kind, input_name="a.mp4")
    s.update(rec.local_id, status=status, submitted_at=1000.0, finished_at=1000.0 + seconds)


def test_median_of_the_last_completed_jobs_of_the_kind(tmp_path: Path) -> None:
    s = JobStore(tmp_path / "jobs.db")
    assert typical_seconds(s, "face-swap") is None  # no history: nothing said
    for secs in (500, 500, 500):  # old, slow jobs: pushed out by the last 20
        _done(s, "face-swap", secs)
    for secs in [30.0] * 10 + [50.0] * 10:
        _done(s, "face-swap", secs)
    _done(s, "face-swap", 9999, status=LocalStatus.FAILED)   # failed: not a time to result
    _done(s, "video-enhance", 200)                           # another kind
    _done(s, "face-swap", 300, provider="vimmerse")          # another provider
    assert typical_seconds(s, "face-swap", provider="verging") == 40.0
    assert typical_seconds(s, "video-enhance") == 200.0
    assert typical_seconds(s, "face-swap", provider="verging", recent=3) == 50.0
    s.close()


def test_median_and_remaining() -> None:
    assert median_seconds([]) is None
    assert median_seconds([3, 1, 2]) == 2
    assert median_seconds([-1, 4]) == 4
    assert remaining_seconds(None, 5) is None
    assert remaining_seconds(40, 15) == 25
    assert remaining_seconds(40, 45) is None  # over the usual time: no figure
