"""Worker-process bodies of the cross-process counter test (kept light: spawned processes
import only this module and what it needs)."""

from __future__ import annotations

from assistant.config import Settings
from retrieval.db import make_engine
from retrieval.lockout import VerifyGuard
from ui.ratelimit import RateLimiter


def fail_many(url: str, settings_json: str, key: str, times: int) -> None:
    """Count `times` failed verifications of one account."""
    guard = VerifyGuard(make_engine(url), Settings.model_validate_json(settings_json))
    for _ in range(times):
        guard.failed(key, None, "worker")


def take_many(url: str, times: int) -> int:
    """Ask the session rate limiter `times` times; how many were allowed."""
    limiter = RateLimiter(make_engine(url), "session", per_minute=0.001, burst=50)
    return sum(limiter.check("s1") == 0 for _ in range(times))
