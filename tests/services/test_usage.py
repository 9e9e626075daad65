"""The merged spend history below the UI: AI records and job charges, totals, pages, plurals, and
which usage record a stopped chat reply was billed as."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from verging_desktop.api.verging.models import Job, JobKind, JobStatus, UsageRecord
from verging_desktop.jobs.store import JobRecord, LocalStatus
from verging_desktop.services.usage import (
    History,
    aggregate,
    from_jobs,
    from_usage,
    match_chat_record,
    plural,
    service_label,
)

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def rec(i, svc="chat", credits=1.0, at=T0, status="success", out=10):
    return UsageRecord(str(i), svc, credits, 5, out, 100.0, status, at)


def job(local_id, kind="face-swap", status=LocalStatus.COMPLETED, remote="1", est=5.0, charged=None, name="a.mp4"):
    return JobRecord(local_id=local_id, provider="verging", kind=kind, status=status, remote_id=remote,
                     input_name=name, estimated_credits=est, charged_credits=charged,
                     created_at=T0.timestamp(), submitted_at=T0.timestamp())


def test_labels_by_tool_and_plurals():
    assert [service_label(s) for s in ("faceswap", "video_enhance", "background_removal", "imagegen", "tts",
                                       "stt", "vision", "chat")] == [
        "Face Swap", "Video Enhance", "Background Removal", "Image Generation", "Text to Speech",
        "Speech to Text", "Vision", "Chat"]
    assert plural(1, "credit") == "1 credit" and plural(0, "credit") == "0 credits"
    assert plural(2, "record") == "2 records" and plural(1.5, "credit") == "1.5 credits"
    assert plural(1200, "credit") == "1,200 credits"


def test_server_job_list_is_the_truth_and_failed_jobs_are_refunded():
    local = [job(1, remote="10", est=5, charged=None, name="holiday.mp4"),
             job(2, kind="background-removal", remote="11", est=1, status=LocalStatus.FAILED)]
    remote = [Job("10", JobStatus.COMPLETED, kind=JobKind.FACESWAP, credits=6, created_at=T0),
              Job("11", JobStatus.FAILED, kind=JobKind.BACKGROUND_REMOVAL, credits=1, created_at=T0),
              # made elsewhere (the command line, the website): the server knows it, so it counts
              Job("12", JobStatus.PROCESSING, kind=JobKind.VIDEO_ENHANCE, credits=9, created_at=T0,
                  file_name="other.mp4")]
    es = {e.id: e for e in from_jobs(local, remote)}
    fs = es["job:faceswap:10"]
    assert (fs.credits_consumed, fs.counted_by_server, fs.detail) == (6, True, "holiday.mp4 · job 10")
    bg = es["job:background_removal:11"]
    assert (bg.credits_consumed, bg.charged, bg.status) == (0, 1, "failed, refunded")
    assert es["job:video_enhance:12"].credits_consumed == 9 and "other.mp4" in es["job:video_enhance:12"].detail


def test_without_the_server_list_the_queue_records_count_and_estimates_are_marked():
    local = [job(1, remote="10", est=5, charged=6),
             job(2, remote="11", est=3, status=LocalStatus.PROCESSING),
             job(3, remote=None, status=LocalStatus.CANCELLED),  # never sent
             job(4, remote="13", status=LocalStatus.CANCELLED),  # no longer watched: not known charged
             job(5, remote="14", est=2, charged=2, status=LocalStatus.FAILED)]
    es = {e.id: e for e in from_jobs(local, None)}
    assert set(es) == {"job:faceswap:10", "job:faceswap:11", "job:faceswap:14"}
    assert es["job:faceswap:10"].counted_by_server and es["job:faceswap:10"].credits_consumed == 6
    assert not es["job:faceswap:11"].counted_by_server and es["job:faceswap:11"].credits_consumed == 3
    assert es["job:faceswap:14"].credits_consumed == 0


def test_history_pages_filters_and_totals_newest_first():
    ai = from_usage([rec(i, "chat" if i % 2 else "tts", 1, T0 - timedelta(minutes=i)) for i in range(5)])
    jobs = from_jobs([job(1, remote="7", charged=9)], [Job("7", JobStatus.COMPLETED, kind=JobKind.FACESWAP,
                                                          credits=9, created_at=T0 + timedelta(minutes=1))])
    h = History.merge(ai, jobs)
    assert h.entries[0].service_type == "faceswap"  # the newest
    assert h.total() == 14 and h.total("faceswap") == 9 and h.total("chat") == 2
    p = h.page(None, 2, 4)
    assert (p.total, p.page, p.pages, len(p.records)) == (6, 2, 2, 2)
    assert h.page("tts", 9, 20).page == 1  # a page past the end shows the last one
    assert h.summary() == "Total: 14 credits in 6 records (5 credits on AI calls, 9 credits on jobs)"
    assert h.summary("chat") == "Total: 2 credits in 2 records"
    assert h.services() == ["faceswap", "chat", "tts"]
    d = aggregate(h.entries, 3, today=T0.astimezone().date())
    assert d.grand_total == 14 and d.services[0] == "faceswap"


def test_aggregate_still_takes_usage_records():
    d = aggregate([rec(1, "chat", 2), rec(2, "vision", 3, T0 - timedelta(days=30))], 14,
                  today=T0.astimezone().date())
    assert d.services == ["chat"] and d.grand_total == 2 and d.days[-1] == T0.astimezone().date()
    assert isinstance(d.days[0], date)


def test_a_stopped_reply_is_matched_to_the_record_billed_after_the_stop():
    started, stopped = T0.timestamp(), T0.timestamp() + 3
    records = [
        rec(1, at=T0 - timedelta(seconds=30), out=200),                          # the previous reply
        rec(2, "tts", at=T0 + timedelta(seconds=4)),                             # not chat
        rec(3, at=T0 + timedelta(seconds=3.2), status="client_disconnected", out=52),
        rec(4, at=T0 - timedelta(hours=1)),                                      # long before
    ]
    m = match_chat_record(records, started, stopped)
    assert m is not None and m.id == "3" and m.output_tokens == 52
    # not written yet: the previous reply (billed before the send) is never taken for it
    assert match_chat_record(records, started, stopped, claimed={"3"}) is None
    assert match_chat_record([records[1], records[3]], started, stopped) is None
    # a server that marks a cut stream "success": the record nearest the stop
    late = [records[0], rec(5, at=T0 + timedelta(seconds=1)), rec(6, at=T0 + timedelta(seconds=3.1))]
    assert match_chat_record(late, started, stopped).id == "6"


def test_status_codes_read_as_words() -> None:
    from verging_desktop.services.usage import status_words

    assert status_words("client_disconnected") == "stopped by you"
    assert status_words("SUCCESS") == "done"
    assert status_words("failed, refunded") == "failed, refunded"
    assert status_words("upstream_quota_hit") == "upstream quota hit"
    assert status_words("") == ""
