"""A chat model built from one function: messages in, one AIMessage out (planner, fakes)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

_WORD_CHUNKS = re.compile(r"\s*\S+\s*|\s+")


class ReplyingChatModel(BaseChatModel):
    """Subclasses write `respond`; streaming sends its text word by word, and its tool calls and
    `additional_kwargs` with the last chunk, the way an OpenAI-compatible server streams them."""

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        """The whole next message for this conversation."""
        raise NotImplementedError

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.respond(messages))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self.respond(messages)
        calls = [
            {
                "name": c["name"],
                "args": json.dumps(c["args"]),
                "id": c["id"],
                "index": i,
                "type": "tool_call_chunk",
            }
            for i, c in enumerate(message.tool_calls)
        ]
        pieces = _WORD_CHUNKS.findall(str(message.content)) or [""]
        for n, piece in enumerate(pieces, 1):
            last = n == len(pieces)
            yield ChatGenerationChunk(
                message=AIMessageChunk(
                    content=piece,
                    tool_call_chunks=calls if last else [],
                    additional_kwargs=dict(message.additional_kwargs) if last else {},
                    chunk_position="last" if last else None,
                )
            )
