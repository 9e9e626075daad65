"""varg's error answers, in both shapes, as typed errors with sentences (no server needed)."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from verging_desktop.api.varg.wire import FileTooLarge, VargBadRequest, error_from_response
from verging_desktop.core.errors import (
    AuthError,
    InsufficientCredits,
    NotFound,
    RateLimited,
    ServerError,
    UpstreamError,
    nothing_created,
)
from verging_desktop.core.redact import register_secret


def _resp(status: int, body=None, headers=None, raw: bytes | None = None, path: str = "/v1/video") -> httpx.Response:
    content = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
    return httpx.Response(status, content=content, headers=headers,
                          request=httpx.Request("POST", "https://api.varg.ai" + path))


def _both(status: int, tag: str, message: str, path: str = "/v1/video", **extra) -> list[httpx.Response]:
    """The same error in the OpenAPI shape and in the live gateway's object shape."""
    return [_resp(status, {"error": tag, "message": message, "statusCode": status, **extra}, path=path),
            _resp(status, {"error": {"message": message, "_tag": tag, **extra}}, path=path)]


@pytest.mark.parametrize("shape", [0, 1])
def test_validation_error_names_the_field(shape: int) -> None:
    e = error_from_response(_both(400, "ValidationError", "must be 5 or 10", field="duration")[shape])
    assert isinstance(e, VargBadRequest) and (e.tag, e.field, e.status) == ("ValidationError", "duration", 400)
    assert str(e) == "varg did not accept the request: must be 5 or 10 (duration)."
    assert nothing_created(e)


@pytest.mark.parametrize("shape", [0, 1])
def test_402_says_add_credits(shape: int) -> None:
    e = error_from_response(_both(402, "InsufficientBalanceError",
                                  "Insufficient balance. Add credits at varg.ai/dashboard.")[shape])
    assert isinstance(e, InsufficientCredits)
    assert str(e) == "Not enough varg balance: Insufficient balance. Add credits at varg.ai/dashboard."
    figures = error_from_response(_resp(402, {"error": "InsufficientBalanceError", "message": "low",
                                              "required_cents": 35, "balance_cents": 10}))
    assert isinstance(figures, InsufficientCredits) and (figures.required, figures.available) == (35, 10)
    assert "this costs 35\u00a0¢ and the balance is 10\u00a0¢" in str(figures)


@pytest.mark.parametrize("shape", [0, 1])
def test_413_says_over_50_mb(shape: int) -> None:
    e = error_from_response(_both(413, "FileTooLargeError", "File too large (max 50MB)")[shape])
    assert isinstance(e, FileTooLarge) and e.exit_code == 2 and "over 50 MB" in str(e)
    assert isinstance(error_from_response(_resp(413, raw=b"<html>too big</html>")), FileTooLarge)


@pytest.mark.parametrize("shape", [0, 1])
def test_404_429_401_502_500(shape: int) -> None:
    nf = error_from_response(_both(404, "NotFoundError", "Job not found", path="/v1/jobs/job_x")[shape])
    assert isinstance(nf, NotFound) and str(nf) == "varg has no such job: Job not found"
    rl = [_resp(429, {"error": "RateLimitError", "message": "Too many running jobs"}, {"Retry-After": "7"}),
          _resp(429, {"error": {"message": "Too many running jobs", "_tag": "RateLimitError"}}, {"Retry-After": "7"})]
    e = error_from_response(rl[shape])
    assert isinstance(e, RateLimited) and e.reset_at is not None and 5 < e.wait_seconds() <= 7
    assert "Too many running jobs" in str(e) and "Try again in 7 s." in str(e)
    said = error_from_response(_both(429, "RateLimitError", "Rate limit exceeded. Retry after 60 seconds.")[shape])
    assert isinstance(said, RateLimited) and said.reset_at is not None and said.reset_at > time.time() + 50
    auth = error_from_response(_both(401, "AuthError", "Invalid API key")[shape])
    assert isinstance(auth, AuthError) and "Invalid API key" in str(auth)
    up = error_from_response(_both(502, "ProviderError", "Provider returned an error", provider="fal")[shape])
    assert isinstance(up, UpstreamError) and up.transient
    assert str(up).startswith("fal.ai, the provider behind varg for this model, failed (502).")
    plain = error_from_response(_both(502, "ProviderError", "boom")[shape])
    assert str(plain).startswith("The AI provider behind varg failed (502).")
    internal = error_from_response(_both(500, "InternalError", "An unexpected error occurred")[shape])
    assert isinstance(internal, ServerError) and "An unexpected error occurred" in str(internal)


def test_a_tag_corrects_a_generic_status_and_text_is_redacted() -> None:
    e = error_from_response(_resp(400, {"error": {"message": "no money", "_tag": "InsufficientBalanceError"}}))
    assert isinstance(e, InsufficientCredits) and e.status == 400
    p = error_from_response(_resp(500, {"error": "ProviderError", "message": "x", "provider": "elevenlabs"}))
    assert isinstance(p, UpstreamError) and str(p).startswith("ElevenLabs")
    secret = "varg_" + "s" * 24
    register_secret(secret)
    leaked = error_from_response(_resp(400, {"error": "ValidationError", "message": f"bad key {secret}"}))
    assert secret not in str(leaked) and "[redacted]" in str(leaked)
    html = error_from_response(_resp(503, raw=b"<html>gateway down</html>"))
    assert "<html>" not in str(html) and html.transient
    text = error_from_response(_resp(400, raw=b"prompt is required"))
    assert str(text) == "varg did not accept the request: prompt is required."
