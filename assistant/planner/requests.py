"""Several requests in one message ("show me air fryers under $80 and also where's my order?").

The message is split where a new request starts (a sentence end, "and also", "; ", "and" before
a question or command word); each part is read on its own, and when two parts ask for different
things, both are answered in one reply, in the order asked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.planner.intents import Intent, classify
from assistant.planner.state import ConversationState

MAX_REQUESTS = 2
_STARTS = (
    r"what|what's|whats|where|where's|wheres|when|how|which|who|show|find|search|get|can|could|"
    r"would|do|does|did|is|are|any|has|have|track|tell|compare|give|recommend|suggest|list|check|"
    r"look|i|i'd|i'm|im|my|please|also"
)
_SPLIT = re.compile(
    rf"(?<=[?.!])\s+(?=\S)|\s*;\s*|,?\s+(?:and\s+also|also|plus|and\s+then)\s+"
    rf"|,?\s+and\s+(?=(?:{_STARTS})\b)",
    re.I,
)
_ALONE = frozenset({"greeting", "thanks", "bye", "clarify", "help", "bot_identity"})
"""Kinds that are only courtesy or confusion next to a real request."""
_FAMILY = {
    "refine": "search",
    "details": "product",
    "orders": "order",
    "verify": "order",
}


def split_requests(text: str) -> list[str]:
    """The parts of a message where a new request starts (the whole text when there is one)."""
    parts = [p.strip(" ,") for p in _SPLIT.split(text) if p and p.strip(" ,")]
    return parts or [text]


def requests(state: ConversationState) -> list[tuple[Intent, ConversationState]]:
    """Each request of the message with the state to answer it in (the message being its part);
    one request when the parts ask for the same kind of thing."""
    whole = classify(state)
    parts = split_requests(state.message)
    if len(parts) < 2 or whole.kind in ("privacy", "other_language", "refuse"):
        return [(whole, state)]
    found: list[tuple[Intent, ConversationState]] = []
    for part in parts:
        scoped = replace(state, message=part)
        intent = classify(scoped)
        family = _FAMILY.get(intent.kind, intent.kind)
        if intent.kind in _ALONE or any(_FAMILY.get(i.kind, i.kind) == family for i, _ in found):
            continue
        found.append((intent, scoped))
    return found[:MAX_REQUESTS] if len(found) > 1 else [(whole, state)]
