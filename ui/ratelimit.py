"""A per-key token bucket kept in SQL, so every worker process (API and widget) shares it."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import ColumnElement, Engine, case, delete, select, update

from retrieval.db import RateBucket, insert_missing

PRUNE_EVERY_S = 60.0


class RateLimiter:
    """Allows `burst` requests at once and `per_minute` sustained, per key of one kind.

    Each check is one transaction whose first statement writes (an atomic refill-and-take),
    so two processes can never both spend the same token.
    """

    def __init__(
        self,
        engine: Engine,
        kind: str,
        per_minute: float,
        burst: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.kind = kind
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._pruned = 0.0

    def _filled(self, now: float) -> ColumnElement[float]:
        """The bucket's tokens after refilling up to `now`, capped at the burst."""
        refilled = RateBucket.tokens + (now - RateBucket.stamp) * self.rate
        return case((refilled > self.burst, self.burst), else_=refilled)

    def check(self, key: str) -> float:
        """0 if the request may proceed (a token is taken), else the seconds to wait."""
        now = self.clock()
        bucket = f"{self.kind}:{key}"
        filled = self._filled(now)
        take = (
            update(RateBucket)
            .where(RateBucket.key == bucket, filled >= 1)
            .values(tokens=filled - 1, stamp=now)
        )
        with self.engine.begin() as conn:
            taken = conn.execute(take)
            if not taken.rowcount:  # a new key, or an empty bucket
                insert_missing(conn, RateBucket, key=bucket, tokens=self.burst, stamp=now)
                taken = conn.execute(take)
            left = (
                None
                if taken.rowcount
                else conn.scalar(select(filled).where(RateBucket.key == bucket))
            )
        self._prune(now)
        return 0.0 if left is None else max((1 - float(left)) / self.rate, 0.001)

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled completely (they equal a new one)."""
        if now - self._pruned < PRUNE_EVERY_S:
            return
        self._pruned = now
        full_after = self.burst / self.rate
        with self.engine.begin() as conn:
            conn.execute(
                delete(RateBucket).where(
                    RateBucket.key.startswith(f"{self.kind}:"), RateBucket.stamp < now - full_after
                )
            )
