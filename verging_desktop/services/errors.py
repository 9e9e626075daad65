"""One readable line for any error an AI tool can meet, and whether retrying makes sense."""

from __future__ import annotations

import asyncio
import time

from ..core.errors import (
    ApiError,
    AuthError,
    BadRequest,
    Cancelled,
    ContentPolicyRefused,
    InputError,
    InsufficientCredits,
    RateLimited,
    ServiceUnavailable,
    UpstreamError,
    VergingError,
)
from ..core.plural import credits
from ..core.redact import redact


class MinimumBalance(InsufficientCredits):
    """The balance is below what a service needs before a call (chat and vision: 5 credits).

    Raised before anything is sent; its message says so.
    """


def error_line(err: BaseException, *, now: float | None = None) -> str:
    """A single line a person can act on (never a traceback, never a key)."""
    if isinstance(err, (asyncio.CancelledError, Cancelled)):
        return "Cancelled."
    if isinstance(err, MinimumBalance):
        return err.message
    if isinstance(err, InsufficientCredits):
        if err.required is not None and err.available is not None:
            return (f"Not enough credits: this needs {credits(err.required)} and your balance is "
                    f"{err.available:g}. Buy credits on verging.ai, then retry.")
        return redact(" ".join(err.message.split()))
    if isinstance(err, RateLimited):
        wait = err.wait_seconds(now) if err.reset_at is not None else None
        if wait is not None and wait >= 0.5:
            return f"Too many requests (429): the server asks to wait {wait:.0f} s before retrying."
        return "Too many requests (429): the server asked us to slow down. Retry in a moment."
    if isinstance(err, UpstreamError) and err.status == 502:
        return "The AI provider behind Verging failed (502). Retry in a moment."
    if isinstance(err, ServiceUnavailable):
        return f"Verging is unavailable or timed out ({err.status or 503}). Retry in a moment."
    if isinstance(err, VergingError):
        return redact(" ".join(err.message.split())) or type(err).__name__
    text = redact(" ".join(str(err).split()))
    return f"Unexpected error: {type(err).__name__}{': ' + text if text else ''}"


def _cause(err: BaseException) -> BaseException:
    """The API error behind a part failure (``TtsChunkFailed.cause``, ``SttPartFailed.cause``)."""
    c = getattr(err, "cause", None)
    return c if isinstance(c, BaseException) else err


def retry_wait(err: BaseException, *, now: float | None = None) -> float:
    """Seconds the server asked to wait before a retry (0 when it did not say)."""
    err = _cause(err)
    if isinstance(err, RateLimited) and err.reset_at is not None:
        return err.wait_seconds(now if now is not None else time.time())
    return 0.0


def check_minimum_balance(service: str, minimum: float, balance: float | None) -> None:
    """Raise :class:`MinimumBalance` when a known ``balance`` is below ``minimum``."""
    if minimum and balance is not None and balance + 1e-9 < minimum:
        raise MinimumBalance(
            f"{service} needs a balance of at least {credits(minimum)} before sending; yours is {balance:g}. "
            "Nothing was sent. Buy credits on verging.ai, then retry.",
            required=minimum, available=balance, status=None, error_code=None)


def can_retry(err: BaseException) -> bool:
    """Whether offering a Retry button makes sense (input errors and refusals need a change first)."""
    err = _cause(err)
    if isinstance(err, (InputError, ContentPolicyRefused, AuthError)):
        return False
    if isinstance(err, BadRequest):
        return False
    return isinstance(err, (ApiError, VergingError, OSError))
