"""REST routes of the hand-off inbox: agents list, read, answer and close; customers poll."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from retrieval.handoffs import HandoffView, PersonReply, UnknownHandoffError
from ui.auth import Claims
from ui.server import Caller, Server

router = APIRouter(tags=["support"])


class RepliesView(BaseModel):
    """What a customer's front end polls for: the hand-off's state and the team's new messages."""

    handoff: HandoffView | None
    replies: list[PersonReply]
    cursor: int = Field(description="Pass as `after` next time")


class HandoffDetail(BaseModel):
    """A hand-off with its conversation, for the agent."""

    handoff: HandoffView
    messages: list[dict[str, Any]]


class AgentReply(BaseModel):
    """An agent's message to the customer."""

    text: str = Field(min_length=1, max_length=4000)


def _server(request: Request) -> Server:
    return request.app.state.server


def _agent(claims: Claims | None) -> str:
    """The agent's name; 403 for anyone else."""
    if claims is None or claims.role != "agent":
        raise HTTPException(403, "support agents only (an agent token)")
    return claims.sub


def _handoff(server: Server, handoff_id: str) -> HandoffView:
    try:
        return server.handoffs.get(handoff_id)
    except UnknownHandoffError as exc:
        raise HTTPException(404, "no such hand-off") from exc


@router.get("/v1/sessions/{session_id}/replies", response_model=RepliesView)
def session_replies(session_id: str, claims: Caller, request: Request, after: int = 0) -> Any:
    """The support team's messages in your conversation after message id `after`."""
    server = _server(request)
    state = server.open_session(session_id, claims)
    replies = server.handoffs.replies_since(state.id, after)
    cursor = max([after, *(r.id for r in replies)])
    return RepliesView(handoff=server.handoffs.active_for(state.id), replies=replies, cursor=cursor)


@router.get("/v1/handoffs", response_model=list[HandoffView])
def list_handoffs(claims: Caller, request: Request, closed: bool = False) -> Any:
    """Conversations waiting for (or being handled by) a person, the longest-waiting first."""
    _agent(claims)
    statuses = ("closed",) if closed else ("waiting", "open")
    return _server(request).handoffs.queue(statuses)  # type: ignore[arg-type]


@router.get("/v1/handoffs/{handoff_id}", response_model=HandoffDetail)
def read_handoff(handoff_id: str, claims: Caller, request: Request) -> Any:
    """One hand-off and its whole conversation."""
    _agent(claims)
    server = _server(request)
    view = _handoff(server, handoff_id)
    return HandoffDetail(handoff=view, messages=server.agent.sessions.transcript(view.session_id))


@router.post("/v1/handoffs/{handoff_id}/reply", response_model=PersonReply)
def reply_handoff(handoff_id: str, body: AgentReply, claims: Caller, request: Request) -> Any:
    """Answer the customer; the message appears in their chat, from a person."""
    agent = _agent(claims)
    server = _server(request)
    _handoff(server, handoff_id)
    try:
        return server.handoffs.reply(handoff_id, agent, body.text)
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.post("/v1/handoffs/{handoff_id}/close", response_model=HandoffView)
def close_handoff(handoff_id: str, claims: Caller, request: Request) -> Any:
    """Mark the conversation as handled."""
    agent = _agent(claims)
    server = _server(request)
    _handoff(server, handoff_id)
    return server.handoffs.close(handoff_id, agent)
