"""Product cards: the products a reply presents, read from the shop's database, as HTML."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import Product
from retrieval.money import format_money

MAX_CARDS = 6


class Card(BaseModel):
    """What a card shows; `image_url` and `url` only when the shop has them (http/https)."""

    product_id: str
    title: str
    price: float
    currency: str
    rating: float | None = None
    rating_count: int | None = None
    in_stock: bool = True
    image_url: str | None = None
    url: str | None = None
    note: str = ""


def web_url(value: Any) -> str | None:
    """The value if it is an absolute http(s) URL, else None (never javascript:, data:, …)."""
    if not isinstance(value, str) or len(value) > 2000:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def product_ids(engine: Engine, candidates: set[str]) -> set[str]:
    """Which of these strings are product ids of the shop."""
    candidates = {c for c in candidates if 0 < len(c) <= 64}
    if not candidates:
        return set()
    with Session(engine) as db:
        found = db.scalars(select(Product.product_id).where(Product.product_id.in_(candidates)))
        return set(found)


def load_cards(engine: Engine, ids: list[str], notes: dict[str, str] | None = None) -> list[Card]:
    """Cards for these product ids, in their order (unknown ids are skipped).

    The product page link is the optional `url` field of products.jsonl (kept in `extra`)."""
    ids = list(dict.fromkeys(ids))[:MAX_CARDS]
    if not ids:
        return []
    with Session(engine) as db:
        rows = {
            p.product_id: p for p in db.scalars(select(Product).where(Product.product_id.in_(ids)))
        }
    notes = notes or {}
    return [
        Card(
            product_id=p.product_id,
            title=p.title,
            price=p.price,
            currency=p.currency,
            rating=p.rating,
            rating_count=p.rating_count,
            in_stock=p.in_stock,
            image_url=web_url(p.image_url),
            url=web_url((p.extra or {}).get("url")),
            note=notes.get(p.product_id, ""),
        )
        for pid in ids
        if (p := rows.get(pid)) is not None
    ]


def _rating(card: Card) -> str:
    if card.rating is None:
        return "No ratings yet"
    count = f" ({card.rating_count})" if card.rating_count else ""
    return f"★ {card.rating:.1f}{count}"


def card_html(card: Card) -> str:
    """One card on one line (a blank line would end the HTML block in the chat's Markdown).

    Clicking it asks about the product (ui/widget.js, from the title: the chat's sanitizer keeps
    no data attributes)."""
    title = escape(card.title)
    if card.image_url:
        picture = f'<img class="sa-card-img" src="{escape(card.image_url, quote=True)}" alt="">'
    else:
        picture = f'<div class="sa-card-img sa-card-noimg" aria-hidden="true">{title[:1]}</div>'
    stock = "In stock" if card.in_stock else "Out of stock"
    stock_class = "sa-in" if card.in_stock else "sa-out"
    parts = [
        f'<div class="sa-card">{picture}<div class="sa-card-body">',
        f'<button type="button" class="sa-card-title">{title}</button>',
        f'<div class="sa-card-price">{escape(format_money(card.price, card.currency))}</div>',
        f'<div class="sa-card-meta">{escape(_rating(card))} · ',
        f'<span class="{stock_class}">{stock}</span></div>',
    ]
    if card.note:
        parts.append(f'<div class="sa-card-note">{escape(card.note)}</div>')
    if card.url:
        href = escape(card.url, quote=True)
        parts.append(
            f'<a class="sa-card-link" href="{href}" target="_blank" rel="noopener noreferrer">'
            f'View product<span class="sa-sr"> {title}</span></a>'
        )
    parts.append("</div></div>")
    return "".join(parts)


def cards_html(cards: list[Card]) -> str:
    """The cards of one reply as a row (empty when there are none)."""
    if not cards:
        return ""
    return '<div class="sa-cards">' + "".join(card_html(c) for c in cards) + "</div>"
