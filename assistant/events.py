"""Typed events yielded by `Agent.turn`: the one stream every front end consumes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter


class TextDelta(BaseModel):
    """A piece of the reply text, in order."""

    type: Literal["text_delta"] = "text_delta"
    text: str


class TextReset(BaseModel):
    """Discard the reply text streamed so far this turn; the deltas that follow replace it.

    Sent when the LLM broke off mid-reply and the offline planner answers instead."""

    type: Literal["text_reset"] = "text_reset"


class ToolCall(BaseModel):
    """The model asked for a tool; arguments are as the model gave them."""

    type: Literal["tool_call"] = "tool_call"
    id: str
    name: str
    args: dict[str, Any] = Field(default_factory=dict)


class ToolResult(BaseModel):
    """What a tool returned (JSON-able `result`), or the readable error sent back to the model."""

    type: Literal["tool_result"] = "tool_result"
    id: str
    name: str
    ok: bool
    result: Any = None
    error: str | None = None


class FinalReply(BaseModel):
    """The whole reply, with the facts it used and how it was produced."""

    type: Literal["final"] = "final"
    text: str
    backend: str
    fallback: bool = False
    facts: list[str] = Field(default_factory=list)
    usage: dict[str, int] | None = None
    suggestions: list[str] = Field(default_factory=list)
    handoff: str | None = Field(default=None, description="why a human should take over, if so")
    products: list[str] = Field(
        default_factory=list, description="ids of the products the reply presents, in its order"
    )


class ErrorEvent(BaseModel):
    """Something went wrong; `recoverable` means the turn still ends with a reply."""

    type: Literal["error"] = "error"
    message: str
    recoverable: bool = True


Event = Annotated[
    TextDelta | TextReset | ToolCall | ToolResult | FinalReply | ErrorEvent,
    Field(discriminator="type"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
