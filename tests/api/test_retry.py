"""The one retry policy: it reads ``ApiError.transient`` (and ``NotSent``), and never repeats a
charging request that may have reached the server."""

from __future__ import annotations

import asyncio

import pytest

from verging_desktop.api.retry import NO_RETRY, RetryPolicy
from verging_desktop.core.errors import (
    ApiError,
    AuthError,
    BadRequest,
    ConnectionFailed,
    InsufficientCredits,
    NotSent,
    RateLimited,
    RequestTimeout,
    ServerError,
    ServiceUnavailable,
    TransportError,
    UpstreamError,
)

POLICY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.02)


class MadeUpTransient(ApiError):
    """An error a later provider might add: transient, and in no list anywhere."""

    transient = True


def test_transient_errors_are_retried_only_when_the_request_cannot_charge_twice() -> None:
    transient = [ConnectionFailed("x"), RequestTimeout("x"), UpstreamError("x"), ServiceUnavailable("x"),
                 RateLimited("x"), MadeUpTransient("x")]
    for err in transient:
        assert err.transient
        assert POLICY.should_retry(err, idempotent=True), type(err).__name__
        assert not POLICY.should_retry(err, idempotent=False), type(err).__name__
    for err in (AuthError("x"), BadRequest("x"), InsufficientCredits("x"), ServerError("x"), ApiError("x")):
        assert not err.transient
        assert not POLICY.should_retry(err, idempotent=True), type(err).__name__
        assert not POLICY.should_retry(err, idempotent=False), type(err).__name__


def test_a_request_that_sent_nothing_is_retried_even_when_it_charges() -> None:
    err = NotSent("Could not connect")
    assert isinstance(err, ConnectionFailed) and isinstance(err, TransportError)
    assert POLICY.should_retry(err, idempotent=False)
    assert POLICY.should_retry(err, idempotent=True)


def test_the_decision_follows_the_flag_not_the_class() -> None:
    flipped = ServerError("x")
    flipped.transient = True
    assert POLICY.should_retry(flipped, idempotent=True)
    calm = ConnectionFailed("x")
    calm.transient = False
    assert not POLICY.should_retry(calm, idempotent=True)


def _flaky(errors: list[ApiError]):
    calls = []

    async def op() -> str:
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return "ok"

    return op, calls


async def _no_sleep(_s: float) -> None:
    return None


def test_run_repeats_until_success_or_attempts_run_out() -> None:
    op, calls = _flaky([MadeUpTransient("a"), ConnectionFailed("b")])
    assert asyncio.run(POLICY.run(op, idempotent=True, sleep=_no_sleep)) == "ok"
    assert len(calls) == 3

    op, calls = _flaky([RequestTimeout("a")] * 10)
    with pytest.raises(RequestTimeout):
        asyncio.run(POLICY.run(op, idempotent=True, sleep=_no_sleep))
    assert len(calls) == POLICY.attempts

    op, calls = _flaky([ConnectionFailed("dropped")])
    with pytest.raises(ConnectionFailed):
        asyncio.run(POLICY.run(op, idempotent=False, sleep=_no_sleep))
    assert len(calls) == 1  # a charging request is sent once

    op, calls = _flaky([NotSent("refused")])
    assert asyncio.run(POLICY.run(op, idempotent=False, sleep=_no_sleep)) == "ok"
    assert len(calls) == 2

    op, calls = _flaky([NotSent("refused")])
    with pytest.raises(NotSent):
        asyncio.run(NO_RETRY.run(op, idempotent=True, sleep=_no_sleep))


def test_a_long_rate_limit_wait_is_given_to_the_caller() -> None:
    import time

    op, calls = _flaky([RateLimited("slow", reset_at=time.time() + 3600)])
    with pytest.raises(RateLimited):
        asyncio.run(POLICY.run(op, idempotent=True, sleep=_no_sleep))
    assert len(calls) == 1
