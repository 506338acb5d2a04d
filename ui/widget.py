"""The turn's events rendered for Gradio: chat messages, tool "thoughts", product cards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.events import (
    ErrorEvent,
    Event,
    FinalReply,
    TextDelta,
    TextReset,
    ToolCall,
    ToolResult,
)

PRODUCT_TOOLS = {"search_products", "recommend_products"}
FRIENDLY_ERROR = "Sorry — something went wrong on our side. Please try again in a moment."
_TITLES = {
    "search_products": "Searching the catalog",
    "get_product": "Looking up the product",
    "compare_products": "Comparing products",
    "recommend_products": "Finding recommendations",
    "review_summary": "Reading the reviews",
    "verify_customer": "Verifying your account",
    "list_orders": "Checking your orders",
    "get_order": "Looking up your order",
}


def _summary(event: ToolResult) -> str:
    if not event.ok:
        return str(event.error)
    result = event.result if isinstance(event.result, dict) else {}
    if "products" in result:
        return f"{len(result['products'])} product(s) found"
    if "orders" in result:
        return f"{len(result['orders'])} order(s)"
    return "done"


def cards_of(event: ToolResult) -> list[dict[str, Any]] | None:
    """Product cards from a search or recommendation result."""
    if event.ok and event.name in PRODUCT_TOOLS and isinstance(event.result, dict):
        return list(event.result.get("products", []))
    return None


def card_label(product: dict[str, Any]) -> str:
    """The text of a clickable product card."""
    rating = f"{product['rating']:.1f}★" if product.get("rating") is not None else "no rating"
    stock = "in stock" if product.get("in_stock") else "out of stock"
    return f"{product['title']}\n${product['price']:,.2f} · {rating} · {stock}"


def render_turn(
    history: list[Any], events: Iterator[Event]
) -> Iterator[tuple[list[Any], list[dict[str, Any]] | None, list[str]]]:
    """Yield (chat messages, product cards or None, suggestions) as the turn streams."""
    messages = list(history)
    thoughts: dict[str, int] = {}
    reply_at: int | None = None
    cards: list[dict[str, Any]] | None = None
    for event in events:
        if isinstance(event, ToolCall):
            title = _TITLES.get(event.name, event.name)
            metadata = {"title": title, "status": "pending", "id": event.id}
            messages.append(gr.ChatMessage(role="assistant", content="", metadata=metadata))
            thoughts[event.id] = len(messages) - 1
        elif isinstance(event, ToolResult) and event.id in thoughts:
            old = messages[thoughts[event.id]]
            metadata = {**old.metadata, "status": "done"}
            messages[thoughts[event.id]] = gr.ChatMessage(
                role="assistant", content=_summary(event), metadata=metadata
            )
            cards = cards_of(event) or cards
        elif isinstance(event, TextDelta):
            if reply_at is None:
                messages.append(gr.ChatMessage(role="assistant", content=""))
                reply_at = len(messages) - 1
            current = messages[reply_at]
            messages[reply_at] = gr.ChatMessage(
                role="assistant", content=current.content + event.text
            )
        elif isinstance(event, TextReset) and reply_at is not None:
            messages[reply_at] = gr.ChatMessage(role="assistant", content="")
        elif isinstance(event, ErrorEvent) and not event.recoverable:
            messages.append(gr.ChatMessage(role="assistant", content=FRIENDLY_ERROR))
        elif isinstance(event, FinalReply):
            final = gr.ChatMessage(role="assistant", content=event.text)
            if reply_at is None:
                messages.append(final)
            else:
                messages[reply_at] = final
            yield messages, cards, event.suggestions
            return
        yield messages, cards, []
