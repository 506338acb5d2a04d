"""Conversations persisted in SQL, so a session survives a restart and can be continued."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from langchain_core.messages import BaseMessage, message_to_dict, messages_from_dict
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from retrieval.db import ChatMessageRow, ChatSessionRow
from tools.context import Role, SessionState


class UnknownSessionError(KeyError):
    """No conversation has that id."""


class SessionStore:
    """Create, load and append to conversations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(
        self, role: Role = "visitor", customer_id: str | None = None, session_id: str | None = None
    ) -> SessionState:
        """Start a conversation (a signed-in customer, a support agent, or an anonymous visitor)."""
        state = SessionState(id=session_id or uuid.uuid4().hex, role=role, customer_id=customer_id)
        now = datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            if db.get(ChatSessionRow, state.id) is not None:
                raise ValueError(f"session {state.id} already exists")
            db.add(
                ChatSessionRow(
                    session_id=state.id,
                    role=role,
                    customer_id=customer_id,
                    state=state.model_dump(mode="json"),
                    created_at=now,
                    updated_at=now,
                )
            )
        return state

    def get(self, session_id: str) -> SessionState:
        """Load a conversation's state."""
        with Session(self.engine) as db:
            row = db.get(ChatSessionRow, session_id)
        if row is None:
            raise UnknownSessionError(session_id)
        return SessionState.model_validate(row.state)

    def save(self, state: SessionState, messages: list[BaseMessage] | None = None) -> None:
        """Store the state and append one turn's messages atomically."""
        now = datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            row = db.get(ChatSessionRow, state.id)
            if row is None:
                raise UnknownSessionError(state.id)
            row.role, row.customer_id = state.role, state.customer_id
            row.state, row.updated_at = state.model_dump(mode="json"), now
            if messages:
                last = db.scalar(
                    select(func.max(ChatMessageRow.turn)).where(
                        ChatMessageRow.session_id == state.id
                    )
                )
                turn = (last or 0) + 1
                db.add_all(
                    ChatMessageRow(
                        session_id=state.id, turn=turn, payload=message_to_dict(m), created_at=now
                    )
                    for m in messages
                )

    def end(self, session_id: str) -> None:
        """End a conversation ("New chat"): its verification is dropped and it cannot resume."""
        state = self.get(session_id)
        if state.role == "customer" and not state.token_bound:
            state.role, state.customer_id = "visitor", None
        state.ended = True
        self.save(state)

    def history(self, session_id: str, max_turns: int = 8) -> list[BaseMessage]:
        """The last turns of a conversation, oldest first, as LangChain messages."""
        with Session(self.engine) as db:
            last = db.scalar(
                select(func.max(ChatMessageRow.turn)).where(ChatMessageRow.session_id == session_id)
            )
            if last is None:
                return []
            rows = db.scalars(
                select(ChatMessageRow)
                .where(ChatMessageRow.session_id == session_id)
                .where(ChatMessageRow.turn > last - max_turns)
                .order_by(ChatMessageRow.id)
            ).all()
        return messages_from_dict([r.payload for r in rows])

    def transcript(self, session_id: str) -> list[dict[str, Any]]:
        """Every message of a conversation as plain dicts (for the API and the console)."""
        self.get(session_id)
        with Session(self.engine) as db:
            rows = db.scalars(
                select(ChatMessageRow)
                .where(ChatMessageRow.session_id == session_id)
                .order_by(ChatMessageRow.id)
            ).all()
        return [{"turn": r.turn, **r.payload} for r in rows]
