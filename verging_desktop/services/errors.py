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
from ..core.i18n import _, n_
from ..core.plural import number
from ..core.redact import redact


def credits_text(v: float) -> str:
    """``1 credit``, ``15 credits``, ``0.5 credits`` in the interface's language."""
    if v < 0:
        return "-" + credits_text(-v)
    if abs(v - round(v)) < 1e-9:
        return n_("%n credit(s)", round(v))
    return _("{n} credits").format(n=number(v))


class MinimumBalance(InsufficientCredits):
    """The balance is below what a service needs before a call (chat and vision: 5 credits).

    Raised before anything is sent; its message says so.
    """


def error_line(err: BaseException, *, now: float | None = None) -> str:
    """A single line a person can act on (never a traceback, never a key)."""
    if isinstance(err, (asyncio.CancelledError, Cancelled)):
        return _("Cancelled.")
    if isinstance(err, MinimumBalance):
        return err.message
    if isinstance(err, InsufficientCredits):
        if err.required is not None and err.available is not None:
            return _("Not enough credits: this needs {required} and your balance is {available:g}. Buy credits on "
                     "verging.ai, then retry.").format(required=credits_text(err.required), available=err.available)
        return redact(" ".join(err.message.split()))
    if isinstance(err, RateLimited):
        wait = err.wait_seconds(now) if err.reset_at is not None else None
        if wait is not None and wait >= 0.5:
            return _("Too many requests (429): the server asks to wait {wait:.0f} s before retrying.").format(wait=wait)
        return _("Too many requests (429): the server asked us to slow down. Retry in a moment.")
    if isinstance(err, UpstreamError) and err.status == 502:
        return _("The AI provider behind Verging failed (502). Retry in a moment.")
    if isinstance(err, ServiceUnavailable):
        return _("Verging is unavailable or timed out ({status}). Retry in a moment.").format(status=err.status or 503)
    if isinstance(err, VergingError):
        return redact(" ".join(err.message.split())) or type(err).__name__
    text = redact(" ".join(str(err).split()))
    if text:
        return _("Unexpected error: {error}: {details}").format(error=type(err).__name__, details=text)
    return _("Unexpected error: {error}").format(error=type(err).__name__)


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
            _("{service} needs a balance of at least {minimum} before sending; yours is {balance:g}. Nothing was "
              "sent. Buy credits on verging.ai, then retry.").format(service=_(service), minimum=credits_text(minimum),
                                                                     balance=balance),
            required=minimum, available=balance, status=None, error_code=None)


def can_retry(err: BaseException) -> bool:
    """Whether offering a Retry button makes sense (input errors and refusals need a change first)."""
    err = _cause(err)
    if isinstance(err, (InputError, ContentPolicyRefused, AuthError)):
        return False
    if isinstance(err, BadRequest):
        return False
    return isinstance(err, (ApiError, VergingError, OSError))
