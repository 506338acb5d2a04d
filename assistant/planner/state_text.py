"""The typed dialogue state written out for the LLM's system prompt (prompts/state.md), so the
model resolves references against the same state the planner uses."""

from __future__ import annotations

from typing import Any

from assistant.planner.state import ConversationState
from prompts import load

_NONE = "none"
_SHOWN = 10


def _product(product: dict[str, Any]) -> str:
    title = str(product.get("title") or "").strip()
    return f"{product.get('product_id')} {title}".strip()


def state_text(state: ConversationState) -> str:
    """The state block appended to the LLM's system prompt."""
    products = [f"{n}. {_product(p)}" for n, p in enumerate(state.products[:_SHOWN], 1)]
    orders = [
        f"{n}. {o.get('order_id')} ({o.get('status')})"
        for n, o in enumerate(state.orders[:_SHOWN], 1)
    ]
    pending = state.pending
    asked = {
        "handoff": "whether to connect the customer with a person ({topic})",
        "change": "which order the customer wants to {topic}",
    }
    return load("state.md").format(
        products="; ".join(products) or _NONE,
        focus=_product(state.focus) if state.focus else _NONE,
        orders="; ".join(orders) or _NONE,
        focus_order=state.focus_order or _NONE,
        pending=asked[pending.kind].format(topic=pending.topic) if pending else _NONE,
    )
