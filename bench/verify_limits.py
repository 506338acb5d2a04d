"""What the SQL-kept limits cost per request, and what they leave an attacker.

Times the message rate limiter (one atomic SQL refill-and-take per check) against the
in-memory token bucket it replaced (the baseline, run in the same process), the verification
guard's failure count and lock check, and prints how long guessing a postal code takes under
the default lockout policy (computed from the settings, not measured).

    .venv/bin/python bench/verify_limits.py [--checks 2000] [--smoke]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import banner, fmt, print_table, ratio, summarize

from assistant.config import Settings
from retrieval.db import make_engine
from retrieval.lockout import LockPolicy, VerifyGuard
from ui.ratelimit import RateLimiter


class MemoryBucket:
    """The per-process token bucket of before (the baseline): a dict, no sharing."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate, self.burst = per_minute / 60.0, float(burst)
        self.buckets: dict[str, tuple[float, float]] = {}

    def check(self, key: str) -> float:
        now = time.monotonic()
        tokens, stamp = self.buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        self.buckets[key] = (tokens - 1, now) if tokens >= 1 else (tokens, now)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate


def _times_ms(fn, keys: list[str]) -> list[float]:  # noqa: ANN001 - a bench helper
    out = []
    for key in keys:
        start = time.perf_counter()
        fn(key)
        out.append((time.perf_counter() - start) * 1000)
    return out


def brute_force_days(policy: LockPolicy, guesses: int) -> float:
    """Days one attacker needs for `guesses` wrong codes on one account under the policy."""
    seconds, lockouts, left = 0.0, 0, guesses
    while left > 0:
        left -= policy.max_failures
        lockouts += 1
        if left > 0:
            seconds += policy.duration(lockouts)
    return seconds / 86400


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checks", type=int, default=2000)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    checks = 50 if args.smoke else args.checks
    banner("verification and rate limits kept in SQL", args.smoke)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'shop.db'}")
        keys = [f"s{n % 50}" for n in range(checks)]
        memory = MemoryBucket(6000, 1000)
        sql = RateLimiter(engine, "session", 6000, 1000)
        base = summarize(_times_ms(memory.check, keys))
        ours = summarize(_times_ms(sql.check, keys))
        guard = VerifyGuard(engine, settings.model_copy(update={"verify_account_failures": 10**9}))
        failed = summarize(_times_ms(lambda k: guard.failed(f"customer:{k}", "ip:x", "b"), keys))
        locked = summarize(_times_ms(lambda k: guard.locked_until([k, "ip:x"]), keys))
    rows = [
        ["in-memory token bucket (baseline)", base.n, fmt(base.median, 3), fmt(base.p95, 3),
         "1.00x"],
        ["SQL token bucket (SQLite file)", ours.n, fmt(ours.median, 3), fmt(ours.p95, 3),
         ratio(ours.median, base.median)],
        ["verify: count a failure + audit", failed.n, fmt(failed.median, 3),
         fmt(failed.p95, 3), "-"],
        ["verify: lock check (account, client)", locked.n, fmt(locked.median, 3),
         fmt(locked.p95, 3), "-"],
    ]  # fmt: skip
    print_table(
        "cost per call (ms)", ["what", "calls", "median", "p95", "median vs baseline"], rows
    )
    policy = VerifyGuard(engine, settings).account
    space = 100_000  # a five-digit postal code
    print_table(
        "guessing one account's five-digit postal code, default settings",
        ["failures per lock", "first lock", "longest lock", "days for half the codes"],
        [[policy.max_failures, f"{policy.lock_s / 60:.0f} min", f"{policy.max_lock_s / 3600:.0f} h",
          fmt(brute_force_days(policy, space // 2), 0)]],
    )  # fmt: skip


if __name__ == "__main__":
    main()
