"""The turn's events rendered for Gradio: the console's chat with tool "thoughts", and the
customer widget's escaped, short replies with the product cards of each reply."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import gradio as gr
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from sqlalchemy import Engine

from assistant.events import (
    ErrorEvent,
    Event,
    FinalReply,
    TextDelta,
    TextReset,
    ToolCall,
    ToolResult,
)
from assistant.presented import presented_products, result_products
from prompts import load_yaml
from retrieval.handoffs import PERSON_KEY
from ui.cards import cards_html, load_cards, product_ids

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


# The customer widget: reply text escaped and shortened, the reply's products as cards.

_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+")
_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark
_PARENTHESISED = re.compile(r"\(([^()\s]{1,64})\)")
_FRAME_S = 0.05  # coalesce streamed words into at most one page update per 50 ms


def escape_text(text: str) -> str:
    """Text the chat shows literally: no HTML tag, entity, Markdown image, link or autolink from
    it is rendered, so nothing is fetched because of it (CommonMark lets any ASCII punctuation be
    backslash-escaped; ui/widget.js names each message by its shown text, not this source)."""
    return _MARKUP.sub(r"\\\1", text)


def user_message(text: str) -> gr.ChatMessage:
    """The customer's message, shown as typed."""
    return gr.ChatMessage(role="user", content=escape_text(text))


def person_message(author: str, text: str) -> gr.ChatMessage:
    """A reply a support person wrote (after a hand-off): their name and role above the text."""
    label = load_yaml("handoff.yaml")["person"].format(name=author)
    content = f"**{escape_text(label)}**\n\n{escape_text(text)}"
    return gr.ChatMessage(role="assistant", content=content)


@dataclass
class TurnProducts:
    """The products this turn's tools returned (by id) and what a card may add about them."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, tool: str, result: Any) -> None:
        """Take the products of one tool result."""
        for product in result_products(result):
            self.known.setdefault(product["product_id"], product)
            note = _note(tool, product)
            if note and product["product_id"] not in self.notes:
                self.notes[product["product_id"]] = note


def _note(tool: str, product: dict[str, Any]) -> str:
    """What a card says beyond the product's facts: why it is recommended, what reviews say."""
    if tool == "recommend_products" and product.get("reason"):
        return str(product["reason"])
    parts = []
    if product.get("praised"):
        parts.append("Praised: " + ", ".join(map(str, product["praised"][:3])))
    if product.get("criticised"):
        parts.append("Criticised: " + ", ".join(map(str, product["criticised"][:3])))
    return " · ".join(parts)


def short_text(text: str, turn: TurnProducts, carded: list[str], ids: set[str]) -> str:
    """The reply without what its cards show: a list line presenting one carded product is
    dropped, and product ids (internal: the turn's and `ids`) are taken out of the rest."""
    products = list(turn.known.values())
    hidden = "|".join(re.escape(pid) for pid in sorted({*turn.known, *ids}, key=len, reverse=True))
    lines = []
    for line in text.splitlines():
        named = presented_products(line, products)
        if _LIST_ITEM.match(line) and len(named) == 1 and named[0] in carded:
            continue
        lines.append(re.sub(rf"\s*\((?:{hidden})\)", "", line) if hidden else line)
    return "\n".join(lines).strip()


def _named_ids(engine: Engine | None, text: str) -> set[str]:
    """Product ids of the shop that the text gives in parentheses ("… (P00598)")."""
    return product_ids(engine, set(_PARENTHESISED.findall(text))) if engine is not None else set()


def reply_markdown(
    text: str, turn: TurnProducts, products: list[str], engine: Engine | None
) -> str:
    """A reply as the chat shows it: the short text, escaped, then the cards of its products."""
    cards = load_cards(engine, products, turn.notes) if engine is not None and products else []
    shown = short_text(text, turn, [c.product_id for c in cards], _named_ids(engine, text))
    body = escape_text(shown)
    return f"{body}\n\n{cards_html(cards)}" if cards else body


def customer_turn(
    events: Iterator[Event], engine: Engine
) -> Iterator[tuple[str, list[str] | None]]:
    """(the reply as the chat shows it, suggestions at the end) as the turn streams."""
    turn = TurnProducts()
    text, shown_at = "", 0.0
    for event in events:
        if isinstance(event, ToolResult) and event.ok:
            turn.add(event.name, event.result)
        elif isinstance(event, TextDelta | TextReset):
            text = text + event.text if isinstance(event, TextDelta) else ""
            now = time.monotonic()
            if text and now - shown_at >= _FRAME_S:
                shown_at = now
                shown = short_text(text, turn, list(turn.known), _named_ids(engine, text))
                yield escape_text(shown), None
        elif isinstance(event, ErrorEvent) and not event.recoverable:
            text = FRIENDLY_ERROR
        elif isinstance(event, FinalReply):
            yield reply_markdown(event.text, turn, event.products, engine), event.suggestions
            return
    yield escape_text(text or FRIENDLY_ERROR), []


def restore_chat(messages: list[BaseMessage], engine: Engine) -> list[gr.ChatMessage]:
    """A stored conversation as the chat showed it: messages, short replies and their cards."""
    shown: list[gr.ChatMessage] = []
    turn = TurnProducts()
    for message in messages:
        if isinstance(message, HumanMessage):
            turn = TurnProducts()
            shown.append(user_message(str(message.content)))
        elif isinstance(message, ToolMessage) and message.status != "error":
            try:
                turn.add(message.name or "", json.loads(str(message.content)))
            except json.JSONDecodeError:
                continue
        elif isinstance(message, AIMessage) and message.additional_kwargs.get(PERSON_KEY):
            author = str(message.additional_kwargs[PERSON_KEY])
            shown.append(person_message(author, str(message.content)))
        elif isinstance(message, AIMessage) and not message.tool_calls and message.content:
            products = list(message.additional_kwargs.get("products") or [])
            content = reply_markdown(str(message.content), turn, products, engine)
            shown.append(gr.ChatMessage(role="assistant", content=content))
    return shown
