"""The hand-off tool: put this conversation in the support team's inbox with a reason."""

from __future__ import annotations

from pydantic import BaseModel, Field

from retrieval.handoffs import HandoffStore
from tools.context import ToolContext
from tools.registry import ToolError, tool


class HandoffArgs(BaseModel):
    """Arguments of handoff."""

    reason: str = Field(
        min_length=2,
        max_length=300,
        description="Why a person should take over, in a few words for the support team "
        "(e.g. 'refund for a damaged kettle', 'asked for a human')",
    )


class HandoffResult(BaseModel):
    """The conversation's place in the support team's inbox."""

    handoff_id: str
    reason: str
    status: str
    waiting_ahead: int
    already_handed_off: bool


@tool(HandoffArgs)
def handoff(ctx: ToolContext, args: HandoffArgs) -> HandoffResult:
    """Hand this conversation to a person on the support team: when the customer asks for a
    human, wants an order cancelled, refunded, returned or changed, has a complaint you cannot
    resolve, or verification is locked. The team reads the conversation and replies in this
    chat; tell the customer a colleague will answer here."""
    session = ctx.session
    if session.is_agent:
        raise ToolError("This is a support agent's own conversation; there is no one to hand to.")
    store = HandoffStore(ctx.shop.engine)
    view, created = store.open(session.id, session.customer_id, args.reason, client=ctx.client)
    return HandoffResult(
        handoff_id=view.handoff_id,
        reason=view.reason,
        status=view.status,
        waiting_ahead=store.ahead_of(view.handoff_id),
        already_handed_off=not created,
    )
