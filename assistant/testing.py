"""A scripted fake chat model that ships with the code, for tests and demos of the loop."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


def tool_call(name: str, **args: Any) -> AIMessage:
    """An AI message that calls one tool."""
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}"}]
    )


class ScriptedChatModel(BaseChatModel):
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

    def _next(self, messages: list[BaseMessage]) -> AIMessage:
        self.received.append(list(messages))
        if self.position >= len(self.script):
            raise AssertionError(f"script exhausted after {self.position} replies")
        item = self.script[self.position]
        self.position += 1
        if isinstance(item, Exception):
            raise item
        return item

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self._next(messages)
        if message.tool_calls:
            chunks = [(message.content, message.tool_calls)]
        else:
            words = str(message.content).split(" ")
            chunks = [(w if i == 0 else " " + w, []) for i, w in enumerate(words)]
        for n, (text, calls) in enumerate(chunks):
            last = n == len(chunks) - 1
            chunk = AIMessageChunk(
                content=text,
                tool_call_chunks=[
                    {"name": c["name"], "args": _json(c["args"]), "id": c["id"], "index": i}
                    for i, c in enumerate(calls)
                ],
                chunk_position="last" if last else None,
            )
            if run_manager and text:
                run_manager.on_llm_new_token(text, chunk=ChatGenerationChunk(message=chunk))
            yield ChatGenerationChunk(message=chunk)

    def assert_all_used(self) -> None:
        """Fail if any scripted reply was never requested."""
        left = len(self.script) - self.position
        assert left == 0, f"{left} scripted repl{'y' if left == 1 else 'ies'} never used"


def _json(args: dict[str, Any]) -> str:
    import json

    return json.dumps(args)
