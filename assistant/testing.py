"""A scripted fake chat model that ships with the code, for tests and demos of the loop."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from pydantic import Field

from assistant.replying_model import ReplyingChatModel


def tool_call(name: str, **args: Any) -> AIMessage:
    """An AI message that calls one tool."""
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}"}]
    )


class ScriptedChatModel(ReplyingChatModel):
    """Replays queued replies (AIMessages, or exceptions to raise) and records what it was sent."""

    script: list[Any] = Field(default_factory=list, description="AIMessages or exceptions")
    received: list[list[BaseMessage]] = Field(default_factory=list)
    bound_tools: list[str] = Field(default_factory=list)
    position: int = 0

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        """Remember the tool names; the script decides what to call."""
        self.bound_tools = [getattr(t, "name", str(t)) for t in tools]
        return self

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        """The next scripted reply (raised, if it is an exception)."""
        self.received.append(list(messages))
        if self.position >= len(self.script):
            raise AssertionError(f"script exhausted after {self.position} replies")
        item = self.script[self.position]
        self.position += 1
        if isinstance(item, Exception):
            raise item
        return item

    def assert_all_used(self) -> None:
        """Fail if any scripted reply was never requested."""
        left = len(self.script) - self.position
        assert left == 0, f"{left} scripted repl{'y' if left == 1 else 'ies'} never used"
