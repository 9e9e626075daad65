"""varg's charges in the spend history: its own ``/usage`` list (cost in cents, cache hits free)
joined with this app's varg jobs, in cents, never added to Verging's or Vimmerse's credits."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import Any

from verging_desktop.api.varg.models import Usage, UsageRecord
from verging_desktop.core.errors import ApiError
from verging_desktop.jobs.store import JobRecord, LocalStatus
from verging_desktop.services.usage import (
    History,
    SpendEntry,
    aggregate,
    from_varg_usage,
    load_varg_history,
    provider_credits,
)

NOW = datetime(2026, 11, 20, 12, 0).astimezone()
ISO = NOW.isoformat()
ACCOUNT = "varg|api.varg.ai|user_1"


def rec(job_id: str, cents: float, *, cap: str = "video", model: str = "kling-v2.5", hit: bool = False,
        at: str = ISO) -> UsageRecord:
    return UsageRecord(job_id=job_id, model=model, capability=cap, cost_cents=cents, cache_hit=hit, created_at=at)


def vjob(local_id: int, remote: str | None, *, kind: str = "varg-video", est: float | None = 35.0,
         charged: float | None = None, status: LocalStatus = LocalStatus.COMPLETED, cache: str = "",
         model: str = "kling-v2.5", name: str = "beach.png") -> JobRecord:
    return JobRecord(local_id=local_id, provider="varg", kind=kind, status=status, remote_id=remote,
                     params={"model": model, "cache": cache}, input_name=name, estimated_credits=est,
                     charged_credits=charged, created_at=NOW.timestamp(), submitted_at=NOW.timestamp(),
                     account=ACCOUNT)


def test_varg_records_are_cents_and_a_cache_hit_is_free() -> None:
    records = [rec("job_a", 35), rec("job_b", 35, hit=True),                     # a hit costs 0 even if listed
               rec("job_c", 3, cap="image", model="flux-schnell"),
               rec("job_d", 12, cap="image", model="background-remover"),
               rec("job_e", 0.5, cap="transcription", model="whisper", at="2026-11-20T10:00:00Z")]
    local = [vjob(1, "job_a"), vjob(2, "job_d", kind="varg-background-removal", model="background-remover",
                                     name="portrait.jpg"),
             vjob(3, "job_f", est=20, status=LocalStatus.PROCESSING),      # not listed yet: its estimate, ~
             vjob(4, "job_g", est=35, cache="hit", charged=0),             # listed nowhere, but a hit: free
             vjob(5, None, est=9, status=LocalStatus.PREPARING),           # never reached varg
             vjob(6, "job_h", est=9, status=LocalStatus.CANCELLED)]        # not known to be charged
    es = {e.id: e for e in from_varg_usage(records, local)}
    assert set(es) == {"job:varg:job_a", "job:varg:job_b", "job:varg:job_c", "job:varg:job_d", "job:varg:job_e",
                       "job:varg:job_f", "job:varg:job_g"}
    assert all(e.provider == "varg" and e.kind == "job" for e in es.values())
    a, b = es["job:varg:job_a"], es["job:varg:job_b"]
    assert (a.credits_consumed, a.cache_hit, a.model, a.capability, a.status) == (35, False, "kling-v2.5", "video",
                                                                                  "completed")
    assert "beach.png" in a.detail and "job job_a" in a.detail
    # a hit: "cache hit" is the Cache column's (cache_hit); its status is the job's, never "cache hit"
    assert (b.credits_consumed, b.cache_hit, b.status) == (0, True, "completed")
    # the app's own kind wins over the capability: a background removal, not an image generation
    assert es["job:varg:job_d"].service_type == "background_removal" and "portrait.jpg" in es["job:varg:job_d"].detail
    assert es["job:varg:job_c"].service_type == "imagegen"
    assert es["job:varg:job_e"].created_at == datetime.fromisoformat("2026-11-20T10:00:00+00:00")
    f, g = es["job:varg:job_f"], es["job:varg:job_g"]
    assert (f.credits_consumed, f.counted_by_server, f.model, f.capability) == (20, False, "kling-v2.5", "video")
    assert "job job_f" in f.detail and "asset" not in f.detail
    assert (g.credits_consumed, g.cache_hit, g.counted_by_server, g.status) == (0, True, True, "completed")

    h = History(sorted(es.values(), key=lambda e: e.created_at.timestamp() if e.created_at else 0, reverse=True),
                provider="varg")
    assert h.total() == 35 + 3 + 12 + 0.5 + 20
    assert h.summary() == "Total: 70.5\u00a0¢ ($0.705) in 7 records (2 cache hits, free)"
    assert h.summary("imagegen") == "Total: 3\u00a0¢ ($0.03) in 1 record"


def test_varg_cents_are_never_added_to_other_providers_credits() -> None:
    assert provider_credits("varg", 35) == "35\u00a0¢ ($0.35)"
    assert provider_credits("varg", 1250) == "1,250\u00a0¢ ($12.50)"
    entries = [SpendEntry("g", "vimmerse_video", NOW, 35, "completed", kind="job", provider="varg",
                          model="kling-v2.5", capability="video"),
               SpendEntry("h", "imagegen", NOW, 0, "cache hit", kind="job", provider="varg", cache_hit=True),
               SpendEntry("v", "vimmerse-crop", NOW, 10, "completed", kind="job", provider="vimmerse"),
               SpendEntry("c", "chat", NOW, 2, "success")]
    today = NOW.date()
    varg = aggregate(entries, 7, today=today, provider="varg")
    assert varg.provider == "varg" and varg.grand_total == 35 and varg.services[0] == "vimmerse_video"
    assert aggregate(entries, 7, today=today).grand_total == 2
    assert aggregate(entries, 7, today=today, provider="vimmerse").grand_total == 10


class FakeUsage:
    def __init__(self, usage: Usage | None = None, error: Exception | None = None) -> None:
        self._usage, self._error = usage, error
        self.calls: list[tuple[Any, Any]] = []

    async def usage(self, start: Any = None, end: Any = None) -> Usage:
        self.calls.append((start, end))
        if self._error is not None:
            raise self._error
        assert self._usage is not None
        return self._usage


def test_load_varg_history_reads_usage_and_falls_back_to_the_app_s_records() -> None:
    usage = Usage(records=(rec("job_a", 35), rec("job_b", 0, hit=True)), total_cents=35)
    client = FakeUsage(usage)
    h = asyncio.run(load_varg_history(client, [vjob(1, "job_a"), vjob(3, "job_f", est=20,
                                                                         status=LocalStatus.PROCESSING)]))
    assert client.calls == [(None, None)]
    assert h.provider == "varg" and h.jobs_from_server
    assert [e.id for e in h.entries].count("job:varg:job_a") == 1
    assert h.total() == 35 + 20 and sum(e.cache_hit for e in h.entries) == 1

    down = FakeUsage(error=ApiError("varg is unavailable", status=503))
    h = asyncio.run(load_varg_history(down, [vjob(1, "job_a", charged=35), vjob(2, "job_x", est=12,
                                                                                status=LocalStatus.PROCESSING)]))
    assert not h.jobs_from_server and h.provider == "varg"
    assert sorted(e.credits_consumed for e in h.entries) == [12, 35]
    assert [e.counted_by_server for e in sorted(h.entries, key=lambda e: e.credits_consumed)] == [False, True]


def test_a_byok_job_not_listed_yet_counts_zero_not_its_estimate() -> None:
    """varg bills nothing for a job sent with your own provider key: until /usage lists it, it counts
    0 (counted, like a cache hit), not its ~35 ¢ estimate."""
    byok = vjob(7, "job_k", est=35, status=LocalStatus.PROCESSING, model="kling-v2.5")
    byok = replace(byok, params={**byok.params, "byok": "fal"})
    (e,) = from_varg_usage([], [byok])
    assert (e.credits_consumed, e.charged, e.counted_by_server) == (0, 0, True)
    assert not e.cache_hit and e.status != "cache hit"
    assert History([e], provider="varg").total() == 0


def test_a_listed_varg_job_s_status_is_the_app_s_record_cancelled_or_failed_never_completed() -> None:
    """varg's usage list says no status: a job the app cancelled (or that failed), refunded at 0 ¢, is
    listed as cancelled (failed), not completed; one still running says processing."""
    records = [rec("job_c", 0), rec("job_f", 0), rec("job_r", 35), rec("job_ok", 35), rec("job_hit", 0, hit=True)]
    local = [vjob(1, "job_c", status=LocalStatus.CANCELLED), vjob(2, "job_f", status=LocalStatus.FAILED),
             vjob(3, "job_r", status=LocalStatus.PROCESSING), vjob(4, "job_ok"),
             vjob(5, "job_hit", cache="hit", charged=0)]
    es = {e.id.split(":")[-1]: e for e in from_varg_usage(records, local)}
    assert {k: e.status for k, e in es.items()} == {"job_c": "cancelled", "job_f": "failed", "job_r": "processing",
                                                    "job_ok": "completed", "job_hit": "completed"}
    assert es["job_c"].credits_consumed == 0 and not es["job_c"].cache_hit
    assert es["job_hit"].cache_hit
    # a record this app does not know (made elsewhere): completed, as varg listed it
    (other,) = from_varg_usage([rec("job_x", 3, cap="image")], [])
    assert other.status == "completed"
