"""An append-only audit trail of security and support events, kept in SQL."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import AuditEvent


def pseudonym(kind: str, value: str) -> str:
    """A stable, non-reversible key for an identifier typed by a visitor (no raw emails kept)."""
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"{kind}:{digest}"


def record(
    engine: Engine,
    kind: str,
    *,
    subject: str | None = None,
    client: str | None = None,
    session_id: str | None = None,
    **detail: Any,
) -> None:
    """Append one event (verify_failed, verify_locked, lockout, handoff_created, …)."""
    with Session(engine) as db, db.begin():
        db.add(
            AuditEvent(
                at=datetime.now(UTC),
                kind=kind,
                subject=subject,
                client=client,
                session_id=session_id,
                detail=detail,
            )
        )


def recent(engine: Engine, kind: str | None = None, limit: int = 100) -> list[AuditEvent]:
    """The newest events, newest first (optionally of one kind)."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if kind:
        query = query.where(AuditEvent.kind == kind)
    with Session(engine) as db:
        return list(db.scalars(query).all())
