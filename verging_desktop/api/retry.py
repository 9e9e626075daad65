"""One retry policy for every provider.

Only requests that cannot charge twice are retried: GETs, the presigned PUT, downloads, and
requests that never reached the server (:class:`~verging_desktop.core.errors.NotSent`). A POST
that creates a job or charges credits is never retried automatically once its bytes may have
reached the server. Which errors are worth repeating is said by the errors themselves
(``ApiError.transient``), not by a list kept here.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from ..core.errors import ApiError, NotSent, RateLimited

log = logging.getLogger("verging_desktop.api.retry")
T = TypeVar("T")


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
        """Repeat a request that sent nothing (:class:`NotSent`), or a transient failure of a
        request that cannot charge twice; a charging request that may have reached the server
        is never repeated."""
        if isinstance(err, NotSent):
            return True
        return idempotent and err.transient

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
