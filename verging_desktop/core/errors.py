"""The error hierarchy every layer uses.

Each error carries a message a person can act on. None of them ever contains an API key:
messages are built from server text and local facts only, and :func:`core.redact.redact`
is applied to server text before it is stored here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


class VergingError(Exception):
    """Base of every error this application raises on purpose."""

    #: exit code used by the ``verging`` command for this kind of error
    exit_code: int = 5

    def __init__(self, message: str, *, status: int | None = None, error_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_code = error_code

    def __str__(self) -> str:
        return self.message


class InputError(VergingError):
    """Bad local input (a missing file, a wrong format, a value out of range).

    Raised before anything is uploaded or charged.
    """

    exit_code = 2


class ApiError(VergingError):
    """An error answered by the API (or the network on the way to it).

    The hierarchy, mapped from status codes by ``api/base.py``::

        ApiError
          BadRequest (400) > ContentPolicyRefused;  NotFound (404);  AuthError (401/403)
          InsufficientCredits (402);  RateLimited (429, transient)
          UpstreamError (502, transient);  ServiceUnavailable (503/504, transient);  ServerError (other 5xx)
          TransportError (no status, transient) > ConnectionFailed > NotSent;  RequestTimeout
          UnreadableAnswer (a 2xx answer the client cannot read: the request was carried out)
    """

    #: True when repeating the request may succeed: the retry policy (``api/retry.py``) repeats
    #: a transient error of a request that cannot charge twice, and nothing else
    transient: bool = False


class BadRequest(ApiError):
    exit_code = 2


class ContentPolicyRefused(BadRequest):
    """Image generation refused the prompt (HTTP 400 on /ai/imagegen)."""


class NotFound(ApiError):
    pass


class AuthError(ApiError):
    exit_code = 4


class InsufficientCredits(ApiError):
    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        required: float | None = None,
        available: float | None = None,
        status: int | None = 402,
        error_code: int | None = 40001,
    ) -> None:
        super().__init__(message, status=status, error_code=error_code)
        self.required = required
        self.available = available

    @property
    def shortfall(self) -> float | None:
        if self.required is None or self.available is None:
            return None
        return max(0.0, self.required - self.available)


class RateLimited(ApiError):
    transient = True

    def __init__(self, message: str, *, reset_at: float | None = None, status: int | None = 429) -> None:
        super().__init__(message, status=status)
        #: epoch seconds when a retry is allowed (None when the server did not say)
        self.reset_at = reset_at

    def wait_seconds(self, now: float | None = None) -> float:
        if self.reset_at is None:
            return 1.0
        return max(0.0, self.reset_at - (time.time() if now is None else now))


class UpstreamError(ApiError):
    transient = True


class ServiceUnavailable(ApiError):
    transient = True


class ServerError(ApiError):
    """Any other 5xx."""


class TransportError(ApiError):
    """The request or its answer was lost on the way: no HTTP status came back.

    Base of every network failure (openai-python's ``APIConnectionError``): catch this, not a
    tuple of its subclasses. Whether the request reached the server is unknown, except for
    :class:`NotSent`.
    """

    transient = True


class ConnectionFailed(TransportError):
    """The connection failed or dropped; the request may have reached the server."""


class RequestTimeout(TransportError):
    """No answer in time; the request may have reached the server."""


class NotSent(ConnectionFailed):
    """The request could not be sent at all (connection refused, DNS, connect timeout).

    Safe to retry even for a charging POST: no byte reached the server.
    """


class UnreadableAnswer(ApiError):
    """The server answered success (2xx) in a way the client cannot read (not JSON, no id).

    The request was carried out: for a charging request the job may exist and may be charged,
    so it is never repeated and never reported as refused.
    """


def nothing_created(e: BaseException) -> bool:
    """Whether a charging request that failed with ``e`` certainly created nothing: it never left
    this computer (:class:`NotSent`, a local check such as a missing key) or the server refused it
    (a 4xx). Anything else (an answer lost, a 5xx, a 2xx the client cannot read, an error of any
    other kind) may have created the job, which is then never sent again automatically."""
    if isinstance(e, (NotSent, InputError)):
        return True
    if isinstance(e, AuthError) and e.status is None:  # no key: refused before sending
        return True
    return (isinstance(e, ApiError) and not isinstance(e, UnreadableAnswer) and e.status is not None
            and 400 <= e.status < 500)


class JobFailed(VergingError):
    """A job ended in FAILED on the server."""


class Cancelled(VergingError):
    """The user cancelled an operation."""

    exit_code = 130


class KeyringUnavailable(VergingError):
    """The OS keyring cannot store or read secrets (no secret service, locked, refused)."""

    exit_code = 4


@dataclass(frozen=True)
class Progress:
    """A plain progress snapshot handed from logic to UI (Picard style)."""

    done: float
    total: float | None = None
    stage: str = ""

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return max(0.0, min(1.0, self.done / self.total))
