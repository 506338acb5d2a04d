"""Conversations handed to a person: the queue, the agent's replies and closing.

A hand-off points at its conversation (the transcript is the session's messages). An agent's
reply is appended to that conversation as an assistant message marked with the person's
name, so the widget, a reload, the REST transcript and the assistant's own history all see it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from langchain_core.messages import AIMessage, message_to_dict
from pydantic import BaseModel
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from retrieval.audit import record
from retrieval.db import ChatMessageRow, Handoff

Status = Literal["waiting", "open", "closed"]
ACTIVE: tuple[Status, ...] = ("waiting", "open")
PERSON_KEY = "person"
"""additional_kwargs key of an assistant message written by a person: their display name."""


class UnknownHandoffError(KeyError):
    """No hand-off has that id."""


class HandoffView(BaseModel):
    """A hand-off as the console and the API show it."""

    handoff_id: str
    session_id: str
    customer_id: str | None
    reason: str
    status: Status
    agent: str | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    waiting_s: float
    """Seconds since the hand-off while nobody has answered, else since the last change."""


class PersonReply(BaseModel):
    """A message a person on the support team wrote into a conversation."""

    id: int
    author: str
    text: str
    at: datetime


def _utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _view(row: Handoff, now: datetime) -> HandoffView:
    since = row.created_at if row.status == "waiting" else row.updated_at
    end = row.closed_at or now
    return HandoffView(
        handoff_id=row.handoff_id,
        session_id=row.session_id,
        customer_id=row.customer_id,
        reason=row.reason,
        status=row.status,  # type: ignore[arg-type]
        agent=row.agent,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        closed_at=_utc(row.closed_at) if row.closed_at else None,
        waiting_s=max(0.0, (_utc(end) - _utc(since)).total_seconds()),
    )


def person_of(payload: dict[str, Any]) -> str | None:
    """The person's name when a stored message was written by the support team."""
    if payload.get("type") != "ai":
        return None
    name = (payload.get("data") or {}).get("additional_kwargs", {}).get(PERSON_KEY)
    return str(name) if name else None


class HandoffStore:
    """Create, list, answer and close hand-offs."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open(
        self, session_id: str, customer_id: str | None, reason: str, client: str | None = None
    ) -> tuple[HandoffView, bool]:
        """The conversation's active hand-off, or a new waiting one; True when created."""
        now = datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            row = db.scalars(
                select(Handoff).where(Handoff.session_id == session_id, Handoff.status.in_(ACTIVE))
            ).first()
            created = row is None
            if row is None:
                row = Handoff(
                    handoff_id=uuid.uuid4().hex,
                    session_id=session_id,
                    customer_id=customer_id,
                    reason=reason,
                    status="waiting",
                    created_at=now,
                    updated_at=now,
                )
                db.add(row)
            elif customer_id and not row.customer_id:
                row.customer_id = customer_id
            view = _view(row, now)
        if created:
            record(
                self.engine,
                "handoff_created",
                subject=view.handoff_id,
                client=client,
                session_id=session_id,
                reason=reason,
            )
        return view, created

    def queue(self, statuses: tuple[Status, ...] = ACTIVE) -> list[HandoffView]:
        """Hand-offs in these states, the longest-waiting first."""
        now = datetime.now(UTC)
        with Session(self.engine) as db:
            rows = db.scalars(
                select(Handoff).where(Handoff.status.in_(statuses)).order_by(Handoff.created_at)
            ).all()
            return [_view(r, now) for r in rows]

    def get(self, handoff_id: str) -> HandoffView:
        """One hand-off."""
        with Session(self.engine) as db:
            row = db.get(Handoff, handoff_id)
            if row is None:
                raise UnknownHandoffError(handoff_id)
            return _view(row, datetime.now(UTC))

    def active_for(self, session_id: str) -> HandoffView | None:
        """The conversation's hand-off that is not closed yet, if any."""
        with Session(self.engine) as db:
            row = db.scalars(
                select(Handoff).where(Handoff.session_id == session_id, Handoff.status.in_(ACTIVE))
            ).first()
            return _view(row, datetime.now(UTC)) if row else None

    def ahead_of(self, handoff_id: str) -> int:
        """How many waiting hand-offs came in before this one."""
        mine = self.get(handoff_id)
        with Session(self.engine) as db:
            return int(
                db.scalar(
                    select(func.count())
                    .select_from(Handoff)
                    .where(Handoff.status == "waiting", Handoff.created_at < mine.created_at)
                )
                or 0
            )

    def reply(self, handoff_id: str, agent: str, text: str) -> PersonReply:
        """Write an agent's message into the conversation; the hand-off becomes open."""
        text = text.strip()
        if not text:
            raise ValueError("the reply is empty")
        now = datetime.now(UTC)
        message = AIMessage(content=text, additional_kwargs={PERSON_KEY: agent})
        with Session(self.engine) as db, db.begin():
            row = db.get(Handoff, handoff_id)
            if row is None:
                raise UnknownHandoffError(handoff_id)
            if row.status == "closed":
                raise ValueError("this conversation was closed; it can't be answered any more")
            row.status, row.agent, row.updated_at = "open", agent, now
            last = db.scalar(
                select(func.max(ChatMessageRow.turn)).where(
                    ChatMessageRow.session_id == row.session_id
                )
            )
            stored = ChatMessageRow(
                session_id=row.session_id,
                turn=(last or 0) + 1,
                payload=message_to_dict(message),
                created_at=now,
            )
            db.add(stored)
            db.flush()
            reply = PersonReply(id=stored.id, author=agent, text=text, at=now)
            session_id = row.session_id
        record(self.engine, "handoff_reply", subject=handoff_id, session_id=session_id, agent=agent)
        return reply

    def close(self, handoff_id: str, agent: str) -> HandoffView:
        """Mark the hand-off done; the customer can go on chatting with the assistant."""
        now = datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            row = db.get(Handoff, handoff_id)
            if row is None:
                raise UnknownHandoffError(handoff_id)
            if row.status != "closed":
                row.status, row.closed_at, row.updated_at = "closed", now, now
                row.agent = row.agent or agent
            view = _view(row, now)
        record(
            self.engine,
            "handoff_closed",
            subject=handoff_id,
            session_id=view.session_id,
            agent=agent,
        )
        return view

    def replies_since(self, session_id: str, after: int = 0) -> list[PersonReply]:
        """The support team's messages in a conversation after message id `after`, oldest first."""
        with Session(self.engine) as db:
            rows = db.scalars(
                select(ChatMessageRow)
                .where(ChatMessageRow.session_id == session_id, ChatMessageRow.id > after)
                .order_by(ChatMessageRow.id)
            ).all()
        replies = []
        for row in rows:
            if author := person_of(row.payload):
                text = str((row.payload.get("data") or {}).get("content") or "")
                replies.append(
                    PersonReply(id=row.id, author=author, text=text, at=_utc(row.created_at))
                )
        return replies

    def last_message_id(self, session_id: str) -> int:
        """The id of the conversation's newest stored message (0 when none): a reply cursor."""
        with Session(self.engine) as db:
            last = db.scalar(
                select(func.max(ChatMessageRow.id)).where(ChatMessageRow.session_id == session_id)
            )
        return int(last or 0)
