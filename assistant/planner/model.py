"""OfflinePlanner: a chat model that plans tool calls by rules and replies from templates."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from pydantic import Field, ValidationError

from assistant.planner.plan import decide
from assistant.planner.render import say
from assistant.planner.state import ConversationState, PlannerContext, derive_state
from assistant.planner.steps import Call, Say
from assistant.replying_model import ReplyingChatModel

log = logging.getLogger(__name__)
_IDENTITY_ARGS = {"list_orders": "customer_id", "recommend_products": "for_customer"}


@cache
def _arg_models() -> dict[str, Any]:
    """Argument models of the registered tools, by name."""
    from tools.registry import all_tools

    return {name: spec.args_model for name, spec in all_tools().items()}


def _tool_message(call: Call, state: ConversationState) -> AIMessage | None:
    """The call as an AI message, scoped to the caller and validated against the tool's model."""
    args = dict(call.args)
    if not state.is_agent and call.name in _IDENTITY_ARGS:
        args.pop(_IDENTITY_ARGS[call.name], None)
    model = _arg_models().get(call.name)
    if model is None:
        log.warning("planner chose unknown tool %s", call.name)
        return None
    try:
        model.model_validate(args)
    except ValidationError as exc:
        log.warning("planner built invalid arguments for %s: %s", call.name, exc)
        return None
    tool_call = {"name": call.name, "args": args, "id": f"call_{uuid.uuid4().hex}"}
    return AIMessage(content="", tool_calls=[{**tool_call, "type": "tool_call"}])


def _reply_message(reply: Say) -> AIMessage:
    extra: dict[str, Any] = {"suggestions": reply.suggestions}
    if reply.handoff:
        extra["handoff"] = reply.handoff
    if reply.pending:
        extra["pending"] = {"kind": reply.pending.kind, "topic": reply.pending.topic}
    return AIMessage(content=reply.text, additional_kwargs=extra)


class OfflinePlanner(ReplyingChatModel):
    """A chat model with no weights: intent and slot rules choose tool calls; templates reply.

    Who is talking and the shop's ids come from `context`, set by the agent loop from the
    session for each call (`for_context`); nothing is read back out of the prompt. The rest of
    the conversation state is derived from the messages.
    """

    context: PlannerContext = Field(default_factory=PlannerContext, exclude=True)

    @property
    def _llm_type(self) -> str:
        return "offline-planner"

    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: str | None = None, **kwargs: Any
    ) -> OfflinePlanner:
        """The planner knows every registered tool already; binding changes nothing."""
        return self

    def for_context(self, context: PlannerContext) -> OfflinePlanner:
        """This planner, answering for the given session and shop."""
        return self.model_copy(update={"context": context})

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        """The next message of the turn: one tool call, or the reply with suggestions."""
        state = derive_state(messages, self.context)
        step = decide(state)
        if isinstance(step, Call):
            message = _tool_message(step, state)
            if message is not None:
                return message
            step = Say(say("errors.generic"))
        return _reply_message(step)
