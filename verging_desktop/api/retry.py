"""One retry policy for every provider.

Only requests that cannot charge twice are retried: GETs, the presigned PUT, downloads, and
requests that never reached the server (connect errors). A POST that creates a job or charges
credits is never retried automatically once its bytes may have reached the server.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

from ..core.errors import ApiError, ConnectionFailed, RateLimited, RequestTimeout, ServiceUnavailable, UpstreamError

log = logging.getLogger("verging_desktop.api.retry")
T = TypeVar("T")


class NotSent(ConnectionFailed):
    """The request could not be sent at all (connection refused, DNS, connect timeout).

    Safe to retry even for a charging POST: no byte reached the server.
    """


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    #: a 429 asking us to wait longer than this is raised to the caller instead
    max_rate_limit_wait: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff, capped (attempt counts from 0)."""
        cap = min(self.max_delay, self.base_delay * (2**attempt))
        return random.uniform(cap / 2, cap)

    def should_retry(self, err: ApiError, *, idempotent: bool) -> bool:
        if isinstance(err, NotSent):
            return True
        if not idempotent:
            return False
        return isinstance(err, (ConnectionFailed, RequestTimeout, UpstreamError, ServiceUnavailable, RateLimited))

    def delay_for(self, err: ApiError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to give up now."""
        if isinstance(err, RateLimited):
            wait = err.wait_seconds()
            if wait > self.max_rate_limit_wait:
                return None
            return wait + random.uniform(0.0, 0.2)
        return self.backoff(attempt)

    async def run(
        self,
        op: Callable[[], Awaitable[T]],
        *,
        idempotent: bool,
        what: str = "request",
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> T:
        attempt = 0
        while True:
            try:
                return await op()
            except ApiError as err:
                if attempt + 1 >= self.attempts or not self.should_retry(err, idempotent=idempotent):
                    raise
                delay = self.delay_for(err, attempt)
                if delay is None:
                    raise
                log.info("%s failed (%s); retry %d in %.1fs", what, type(err).__name__, attempt + 1, delay)
                attempt += 1
                await sleep(delay)


NO_RETRY = RetryPolicy(attempts=1)
