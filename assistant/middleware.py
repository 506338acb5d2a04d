"""Model-call guard for the agent loop: fallback to the planner, repair, and a step cap."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from langchain.agents.middleware.types import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.errors import GraphBubbleUp

from assistant.planner.state import PlannerContext, derive_state, text_of
from assistant.planner.state_text import state_text
from prompts import load_yaml
from tools.context import ToolContext

log = logging.getLogger(__name__)
_LEAK = re.compile(r"<tool_call>\s*(\{.*?\})\s*</tool_call>|^\s*(\{.*\"name\".*\})\s*$", re.S)


def _steps_this_turn(messages: list[Any]) -> int:
    count = 0
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            break
        count += isinstance(message, ToolMessage)
    return count


def leaked_tool_calls(text: str, known: set[str]) -> list[dict[str, Any]]:
    """Tool calls written into the text instead of the tool_calls field (hermes/JSON style)."""
    calls = []
    for match in _LEAK.finditer(text or ""):
        try:
            data = json.loads(match.group(1) or match.group(2))
        except json.JSONDecodeError:
            continue
        name = data.get("name") if isinstance(data, dict) else None
        args = data.get("arguments", data.get("parameters", {})) if name else None
        if name in known and isinstance(args, dict):
            calls.append({"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:24]}"})
    return calls


class GuardedModel(AgentMiddleware):
    """Runs the primary model; on failure or unusable output, the offline planner answers."""

    def __init__(self, planner: BaseChatModel, max_steps: int, primary_is_planner: bool) -> None:
        super().__init__()
        self.planner = planner
        self.max_steps = max_steps
        self.primary_is_planner = primary_is_planner

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        """Cap the steps, call the model, repair or replace what it returns."""
        if _steps_this_turn(request.messages) >= self.max_steps:
            return AIMessage(content=load_yaml("fallback.yaml")["step_limit"])
        context: ToolContext = request.runtime.context
        planner = request.override(model=self._planner_for(context))
        if self.primary_is_planner or context.turn.fallback:
            return handler(planner)
        request = self._with_state(request, context)
        try:
            response = handler(request)
            message = self._repair(response, request)
            if message is None:
                feedback = HumanMessage(
                    "Your tool call had invalid JSON arguments. Call the tool again with a valid "
                    "JSON object of arguments."
                )
                retry = request.override(messages=[*request.messages, feedback])
                message = self._repair(handler(retry), request)
            if message is not None:
                return message
            reason = "invalid tool calls"
        except GraphBubbleUp:
            raise
        except Exception as exc:  # noqa: BLE001 - any LLM failure falls back to the planner
            reason = f"{type(exc).__name__}: {exc}"
        log.warning("LLM failed (%s); the offline planner answers this turn", reason[:200])
        context.turn.fallback = True
        context.turn.failures.append(reason)
        return handler(planner)

    def _with_state(self, request: ModelRequest, context: ToolContext) -> ModelRequest:
        """The LLM's request with the typed dialogue state appended to its system prompt (the
        same state the planner is handed), so both resolve "the second one" alike."""
        messages = list(request.messages)
        if not messages or not isinstance(messages[0], SystemMessage):
            return request
        state = derive_state(messages, self._context(context, classify=False))
        prompt = f"{text_of(messages[0])}\n\n{state_text(state)}"
        return request.override(messages=[SystemMessage(prompt), *messages[1:]])

    def _context(self, context: ToolContext, *, classify: bool = True) -> PlannerContext:
        """Who this session is and the shop's ids, as typed state (never read from text), and
        the intent classifier when the planner is to read a message (not to describe state)."""
        session = context.session
        return PlannerContext(
            role=session.role,
            customer_id=session.customer_id,
            ids=context.shop.index,
            verify_with=context.shop.verify_methods(),
            predict=context.shop.intents if classify else None,
            category=context.shop.category_of,
            kind=context.shop.kind_of,
        )

    def _planner_for(self, context: ToolContext) -> BaseChatModel:
        """The planner told who this session is and the shop's ids (typed, never from text)."""
        for_context = getattr(self.planner, "for_context", None)
        if for_context is None:  # a test double standing in for the planner
            return self.planner
        return for_context(self._context(context))

    @staticmethod
    def _repair(response: ModelResponse, request: ModelRequest) -> AIMessage | None:
        """The usable AI message, with leaked tool calls recovered; None if only invalid calls."""
        message = next(m for m in response.result if isinstance(m, AIMessage))
        if message.tool_calls:
            return message
        if message.invalid_tool_calls:
            return None
        known = {getattr(t, "name", None) for t in request.tools}
        calls = leaked_tool_calls(str(message.content), known)
        if calls:
            return AIMessage(content="", tool_calls=calls, id=message.id)
        return message
