"""The widget's session link: a signed session id the browser keeps to resume after a reload."""

from __future__ import annotations

import hashlib
import hmac
import time

_PURPOSE = b"widget-session:"


def _signature(key: bytes, body: str) -> str:
    return hmac.new(key, _PURPOSE + body.encode(), hashlib.sha256).hexdigest()[:32]


def sign_session(key: bytes, session_id: str, now: float | None = None) -> str:
    """`<session id>.<issued at>.<signature>`: only this server can make one."""
    body = f"{session_id}.{int(time.time() if now is None else now)}"
    return f"{body}.{_signature(key, body)}"


def signed_session(
    key: bytes, link: str | None, max_age_s: int, now: float | None = None
) -> str | None:
    """The session id of a genuine link issued within `max_age_s`, else None."""
    if not link or len(link) > 200:
        return None
    body, _, signature = link.strip().rpartition(".")
    session_id, _, issued = body.rpartition(".")
    if not session_id or not issued.isdigit():
        return None
    if not hmac.compare_digest(signature.encode(), _signature(key, body).encode()):
        return None
    age = (time.time() if now is None else now) - int(issued)
    return session_id if 0 <= age <= max_age_s else None
