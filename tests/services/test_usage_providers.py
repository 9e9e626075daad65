"""Vimmerse's charges in the spend history: from the credits its assets reported (it publishes no
usage list and no balance), in Vimmerse credits, never added to Verging's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from verging_desktop.jobs.store import JobRecord, JobStore, LocalStatus
from verging_desktop.services.usage import (
    History,
    SpendEntry,
    aggregate,
    from_provider_jobs,
    month_spend,
    provider_credits,
    provider_history,
    service_label,
)

NOW = datetime(2026, 11, 20, 12, 0).astimezone()
ACCOUNT = "vimmerse|api.vimmerse.net|studio"


def vjob(local_id: int, *, kind: str = "vimmerse-crop", status: LocalStatus = LocalStatus.COMPLETED,
         remote: str | None = "a1", est: float | None = 5.0, charged: float | None = None,
         at: datetime = NOW, provider: str = "vimmerse") -> JobRecord:
    return JobRecord(local_id=local_id, provider=provider, kind=kind, status=status, remote_id=remote,
                     input_name="clip.mp4", estimated_credits=est, charged_credits=charged,
                     created_at=at.timestamp(), submitted_at=at.timestamp(), account=ACCOUNT)


def test_a_provider_s_charges_are_the_credits_its_assets_reported_and_estimates_are_marked() -> None:
    jobs = [vjob(1, remote="a1", charged=12),                           # the asset said 12
            vjob(2, remote="a2", est=7, status=LocalStatus.PROCESSING),  # not reported yet: ~7
            vjob(3, remote="a3", est=9, status=LocalStatus.FAILED),      # failed, nothing reported: 0
            vjob(4, remote="a4", charged=4, status=LocalStatus.FAILED),  # failed: refunded, whatever it reported
            vjob(5, remote=None, est=3, status=LocalStatus.PREPARING),   # never reached Vimmerse
            vjob(6, remote="a6", est=3, status=LocalStatus.UNKNOWN),     # looked for after a crash
            vjob(7, remote="a7", est=3, status=LocalStatus.CANCELLED),
            vjob(8, remote="10", charged=50, provider="verging", kind="face-swap")]
    es = {e.id: e for e in from_provider_jobs(jobs, "vimmerse")}
    assert set(es) == {"job:vimmerse:a1", "job:vimmerse:a2", "job:vimmerse:a3", "job:vimmerse:a4"}
    assert (es["job:vimmerse:a1"].credits_consumed, es["job:vimmerse:a1"].counted_by_server) == (12, True)
    assert (es["job:vimmerse:a2"].credits_consumed, es["job:vimmerse:a2"].counted_by_server) == (7, False)
    assert es["job:vimmerse:a3"].credits_consumed == 0 and es["job:vimmerse:a4"].credits_consumed == 0
    assert es["job:vimmerse:a4"].status == es["job:vimmerse:a3"].status == "failed, refunded"
    assert es["job:vimmerse:a4"].charged == 4 and es["job:vimmerse:a4"].counted_by_server
    assert all(e.provider == "vimmerse" for e in es.values())
    assert "clip.mp4" in es["job:vimmerse:a1"].detail and "asset a1" in es["job:vimmerse:a1"].detail

    h = provider_history(jobs, "vimmerse")
    assert h.provider == "vimmerse" and not h.jobs_from_server
    assert h.total() == 12 + 7 + 0 + 0
    assert h.summary() == "Total: 19 Vimmerse credits in 4 records"


def test_vimmerse_credits_are_never_added_to_verging_credits() -> None:
    assert provider_credits("verging", 3) == "3 credits"
    assert provider_credits("vimmerse", 1) == "1 Vimmerse credit"
    assert provider_credits("vimmerse", 1200) == "1,200 Vimmerse credits"
    entries = [SpendEntry("v", "vimmerse-crop", NOW, 10, "completed", kind="job", provider="vimmerse"),
               SpendEntry("g", "chat", NOW, 2, "success")]
    today = NOW.date()
    verging = aggregate(entries, 7, today=today)
    vimmerse = aggregate(entries, 7, today=today, provider="vimmerse")
    assert verging.grand_total == 2 and verging.services == ["chat"]
    assert vimmerse.grand_total == 10 and vimmerse.services == ["vimmerse-crop"] and vimmerse.provider == "vimmerse"
    # a Verging history's summary is unchanged
    assert History([entries[1]]).summary() == "Total: 2 credits in 1 record"
    # a Vimmerse job kind no tool claims yet still reads as words
    assert service_label("vimmerse-crop") == "Crop"


def test_this_month_counts_only_what_vimmerse_reported_since_the_first(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    try:
        def add(kind: str, charged: float | None, est: float, at: datetime, status: LocalStatus,
                account: str = ACCOUNT, provider: str = "vimmerse") -> None:
            r = store.add(provider=provider, kind=kind, estimated_credits=est, account=account)
            store.update(r.local_id, remote_id=f"x{r.local_id}", status=status, charged_credits=charged,
                         submitted_at=at.timestamp())

        add("vimmerse-crop", 10, 10, NOW, LocalStatus.COMPLETED)
        add("vimmerse-reframe", 24, 20, NOW - timedelta(days=3), LocalStatus.COMPLETED)
        add("vimmerse-enhance", None, 6, NOW, LocalStatus.PROCESSING)            # not charged yet
        add("vimmerse-reframe", 20, 20, NOW, LocalStatus.FAILED)                 # failed: refunded, counts 0
        add("vimmerse-crop", 99, 99, datetime(2026, 10, 31, 23, 0).astimezone(), LocalStatus.COMPLETED)  # October
        add("vimmerse-crop", 55, 55, NOW, LocalStatus.COMPLETED, account="vimmerse|api.vimmerse.net|other")
        add("face-swap", 70, 70, NOW, LocalStatus.COMPLETED, account="verging|verging.ai|a@b", provider="verging")
        records = store.list(include_hidden=True, account=ACCOUNT)
    finally:
        store.close()
    spend = month_spend(records, "vimmerse", now=NOW)
    assert (spend.charged, spend.charged_jobs, spend.pending, spend.pending_jobs) == (34, 2, 6, 1)
    assert spend.since == datetime(2026, 11, 1).astimezone()
    assert spend.text() == "Vimmerse: 34 credits charged this month"
    tip = spend.tooltip()
    assert "does not publish your balance" in tip and "34 Vimmerse credits charged since November 1" in tip
    assert "1 job not charged yet, estimated at 6 Vimmerse credits" in tip and "vimmerse.net" in tip
    # nothing this month: a true zero, not an invented balance
    empty = month_spend([], "vimmerse", now=NOW)
    assert empty.text() == "Vimmerse: 0 credits charged this month" and "not charged yet" not in empty.tooltip()


def test_month_start_is_the_local_first_of_the_month() -> None:
    from verging_desktop.services.usage import month_start

    t = datetime(2026, 3, 31, 23, 59, tzinfo=UTC)
    start = month_start(t)
    assert start.day == 1 and start.hour == 0 and start.minute == 0
    assert start <= t.astimezone()
