"""Signed session tokens (HMAC-SHA256): who a caller is, minted by the shop's own login."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from assistant.config import Settings


class TokenError(ValueError):
    """The token is malformed, forged or expired."""


class Claims(BaseModel):
    """What a token asserts: a customer or a support agent, until `exp`."""

    sub: str
    role: Literal["customer", "agent"]
    exp: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def secret_key(settings: Settings) -> bytes:
    """SHOPASSIST_SECRET_KEY, or (demo mode only) a random key kept under HOME."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    if not settings.demo_mode:
        raise RuntimeError(
            "SHOPASSIST_SECRET_KEY is required outside demo mode: set it to a long random string "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(48))").'
        )
    path: Path = settings.ensure_home() / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def mint_token(key: bytes, subject: str, role: str = "customer", ttl_s: int = 3600) -> str:
    """A signed token for a customer id (or an agent's name with role="agent")."""
    claims = Claims(sub=subject, role=role, exp=int(time.time()) + ttl_s)  # type: ignore[arg-type]
    body = _b64(claims.model_dump_json().encode())
    signature = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def verify_token(key: bytes, token: str) -> Claims:
    """The claims of a genuine, unexpired token."""
    body, _, signature = token.partition(".")
    expected = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    if not signature or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise TokenError("invalid token signature")
    try:
        claims = Claims.model_validate(json.loads(_unb64(body)))
    except (ValueError, ValidationError) as exc:
        raise TokenError("malformed token") from exc
    if claims.exp < time.time():
        raise TokenError("token expired")
    return claims
