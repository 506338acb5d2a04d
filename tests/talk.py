"""Talking to a small shop the tests ingested: one tool call, or a conversation with the
offline planner (what each turn answered and which tools it called)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.agent import Agent
from assistant.events import FinalReply, ToolCall
from assistant.planner.model import OfflinePlanner
from assistant.planner.understand.intent_model import IntentPrediction
from assistant.sessions import SessionStore
from tools.context import SessionState, Shop, ToolContext
from tools.registry import call_tool


def search(shop: Shop, query: str, **args: Any) -> dict[str, Any]:
    """search_products called directly, as an anonymous session; fails the test on an error."""
    context = ToolContext(shop=shop, session=SessionState(id="t"))
    outcome = call_tool("search_products", {"query": query, **args}, context)
    assert outcome.ok, outcome.error
    return outcome.result


def ids(result: dict[str, Any]) -> set[str]:
    """The product ids a search result lists."""
    return {p["product_id"] for p in result["products"]}


def turns(shop: Shop, *messages: str) -> list[tuple[FinalReply, list[ToolCall]]]:
    """One visitor's conversation: each turn's final reply and the tool calls it made."""
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    session = agent.new_session()
    said = []
    for message in messages:
        events = list(agent.turn(session, message))
        final = events[-1]
        assert isinstance(final, FinalReply)
        said.append((final, [e for e in events if isinstance(e, ToolCall)]))
    return said


def sure(label: str) -> Callable[[str], IntentPrediction]:
    """A classifier double that reads every message as `label`, confidently."""
    return lambda text: IntentPrediction(label=label, confidence=0.99, ranked=[(label, 0.99)])
