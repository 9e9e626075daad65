"""Tolerant parsing and error mapping (pure functions; the HTTP paths are in test_client.py)."""

import time

import httpx
import pytest

from verging_desktop.api.base import reset_at
from verging_desktop.api.verging.models import ApiKeyInfo, Job, JobKind, JobStatus, STTResult, parse_time
from verging_desktop.api.verging.wire import as_list, error_from_body, unwrap
from verging_desktop.core.errors import (
    AuthError,
    BadRequest,
    ContentPolicyRefused,
    InsufficientCredits,
    RateLimited,
    ServiceUnavailable,
    UpstreamError,
)


def test_envelope_or_bare() -> None:
    env = {"code": 10000, "result": {"job_id": 295}, "message": {"en": "Request Success", "zh": "成功"}}
    assert unwrap(env) == {"job_id": 295}
    assert unwrap({"code": 100000, "result": {"url": "u"}}) == {"url": "u"}
    assert unwrap({"email": "a@b"}) == {"email": "a@b"}
    with pytest.raises(InsufficientCredits):
        unwrap({"code": 40001, "result": None, "message": {"en": "Insufficient credits. Required: 5, available: 2"}})


def test_job_lists_bare_or_wrapped() -> None:
    item = {"id": 295, "status": "COMPLETED", "progress": 100, "result_url": "https://x/r.mp4"}
    assert as_list([item]) == [item]
    assert as_list({"code": 10000, "result": [item]}) == [item]
    assert as_list({"code": 10000, "result": {"jobs": [item], "total": 1}}) == [item]
    assert as_list({"items": [item]}) == [item]
    assert as_list({"nothing": 1}) == []


def test_job_parse_is_tolerant() -> None:
    j = Job.parse({"id": 295, "status": "completed", "progress": "100", "result_url": "u", "extra": {"x": 1},
                   "created_at": "2026-03-20T10:30:00", "job_type": "video_enhance"})
    assert j.id == "295" and j.status is JobStatus.COMPLETED and j.progress == 100.0
    assert j.kind is JobKind.VIDEO_ENHANCE and j.created_at is not None and j.created_at.tzinfo is not None
    j2 = Job.parse({"job_id": "abc", "status": "Processing"}, JobKind.FACESWAP)
    assert j2.id == "abc" and j2.status is JobStatus.PROCESSING and j2.progress is None and j2.kind is JobKind.FACESWAP
    assert Job.parse({"id": 1, "status": "weird"}).status is JobStatus.UNKNOWN
    assert Job.parse({"id": 1}).status is JobStatus.UNKNOWN
    with pytest.raises(ValueError):
        Job.parse({"status": "PENDING"})


def test_times() -> None:
    assert parse_time("2026-03-20T10:30:00Z").hour == 10
    assert parse_time(1_700_000_000_000).year == 2023
    assert parse_time("garbage") is None


def test_error_mapping() -> None:
    e = error_from_body(402, 40001, "Insufficient credits. Required: 5, available: 2", None)
    assert isinstance(e, InsufficientCredits) and e.required == 5 and e.available == 2 and e.shortfall == 3
    assert "needs 5" in str(e) and "balance is 2" in str(e)
    e = error_from_body(402, None, "no money", None)
    assert isinstance(e, InsufficientCredits) and e.required is None
    assert isinstance(error_from_body(401, None, "", None), AuthError)
    assert isinstance(error_from_body(400, 40000, "bad", None), BadRequest)
    assert isinstance(error_from_body(400, 40000, "safety", None, path="/api/v1/ai/imagegen"), ContentPolicyRefused)
    assert isinstance(error_from_body(502, None, "", None), UpstreamError)
    assert isinstance(error_from_body(503, None, "", None), ServiceUnavailable)
    assert error_from_body(502, None, "", None).transient


def test_rate_limit_reset_seconds_or_epoch() -> None:
    now = time.time()
    assert reset_at(httpx.Headers({"X-RateLimit-Reset": "7"}), now) == pytest.approx(now + 7)
    assert reset_at(httpx.Headers({"X-RateLimit-Reset": str(int(now) + 30)}), now) == pytest.approx(int(now) + 30)
    assert reset_at(httpx.Headers({"X-RateLimit-Reset": str(int(now * 1000) + 5000)}), now) == pytest.approx(now + 5, abs=1)
    assert reset_at(httpx.Headers({}), now) is None
    e = error_from_body(429, None, "", httpx.Headers({"X-RateLimit-Reset": "3"}))
    assert isinstance(e, RateLimited) and 2 < e.wait_seconds() <= 3.1 and "3 s" in str(e)


def test_key_prefix_matching() -> None:
    k = ApiKeyInfo.parse({"id": 3, "prefix": "vrg_sk_abcd…", "created_at": None})
    assert k.matches("vrg_sk_abcdefgh") and not k.matches("vrg_sk_zzzz")


def test_stt_segments() -> None:
    r = STTResult.parse({"text": "hi", "segments": [{"start": 0, "end": 1.5, "text": " hi "}, {"bad": 1}]})
    assert len(r.segments) == 1 and r.segments[0].text == "hi"
