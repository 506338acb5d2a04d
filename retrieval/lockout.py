"""Failed verification attempts counted per account and per client in SQL, with lockouts.

Every worker process and every conversation reads and writes the same rows, so guessing a
postal code across fresh sessions, processes or servers meets the same limit. Each counter
update is one transaction that writes first (SQLite takes its write lock, PostgreSQL its row
lock), so concurrent failures are never lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, case, select, update

from assistant.config import Settings
from retrieval.audit import record
from retrieval.db import VerifyThrottle, insert_missing

now: Callable[[], float] = time.time
"""The lockouts' clock, in epoch seconds (a test may replace it)."""


@dataclass(frozen=True)
class LockPolicy:
    """How many failures within `window_s` lock a key, and for how long (doubling each time)."""

    max_failures: int
    window_s: float
    lock_s: float
    max_lock_s: float

    def duration(self, lockouts: int) -> float:
        """The length of the `lockouts`-th lockout (1-based): exponential backoff, capped."""
        doublings = min(max(0, lockouts - 1), 64)  # past the cap already; no overflow
        return min(self.max_lock_s, self.lock_s * 2.0**doublings)


class VerifyGuard:
    """Locks accounts and clients that fail verification too often; audits every outcome."""

    def __init__(
        self, engine: Engine, settings: Settings, clock: Callable[[], float] | None = None
    ) -> None:
        self.engine = engine
        self.clock = clock or now
        common = {
            "window_s": settings.verify_window_s,
            "lock_s": settings.verify_lock_s,
            "max_lock_s": settings.verify_lock_max_s,
        }
        self.account = LockPolicy(settings.verify_account_failures, **common)
        self.client = LockPolicy(settings.verify_client_failures, **common)

    def locked_until(self, keys: Iterable[str | None]) -> float:
        """The latest lock expiry among these keys (epoch seconds), 0 when none is locked."""
        wanted = [k for k in keys if k]
        if not wanted:
            return 0.0
        with self.engine.connect() as conn:
            until = conn.scalars(
                select(VerifyThrottle.locked_until).where(VerifyThrottle.key.in_(wanted))
            ).all()
        latest = max(until, default=0.0)
        return latest if latest > self.clock() else 0.0

    def failed(self, account: str, client: str | None, session_id: str) -> None:
        """Count a failed attempt against the account and the client; lock either at its limit."""
        for key, policy in ((account, self.account), (client, self.client)):
            if key is None:
                continue
            until = self._count(key, policy)
            if until:
                record(
                    self.engine,
                    "verify_lockout",
                    subject=key,
                    client=client,
                    session_id=session_id,
                    locked_for_s=round(until - self.clock(), 1),
                )
        record(self.engine, "verify_failed", subject=account, client=client, session_id=session_id)

    def succeeded(self, account: str, client: str | None, session_id: str) -> None:
        """Clear the account's failures (a client's stay: its own account must not reset them)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(VerifyThrottle)
                .where(VerifyThrottle.key == account)
                .values(failures=0, lockouts=0, locked_until=0.0)
            )
        record(self.engine, "verify_ok", subject=account, client=client, session_id=session_id)

    def _count(self, key: str, policy: LockPolicy) -> float:
        """Add one failure to `key`; the new lock expiry if this failure locked it, else 0."""
        moment = self.clock()
        row = VerifyThrottle
        with self.engine.begin() as conn:
            insert_missing(
                conn, row, key=key, failures=0, last_failure=0.0, lockouts=0, locked_until=0.0
            )
            conn.execute(
                update(row)
                .where(row.key == key)
                .values(
                    failures=case(
                        (row.last_failure < moment - policy.window_s, 1), else_=row.failures + 1
                    ),
                    lockouts=case(
                        (row.locked_until < moment - policy.max_lock_s, 0), else_=row.lockouts
                    ),
                    last_failure=moment,
                )
            )
            failures, lockouts = conn.execute(
                select(row.failures, row.lockouts).where(row.key == key)
            ).one()
            if failures < policy.max_failures:
                return 0.0
            until = moment + policy.duration(lockouts + 1)
            conn.execute(
                update(row)
                .where(row.key == key)
                .values(failures=0, lockouts=lockouts + 1, locked_until=until)
            )
        return until
