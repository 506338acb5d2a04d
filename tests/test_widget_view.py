"""The customer widget's rendering, without a browser: escaping, short replies, cards, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from assistant.config import Settings
from assistant.events import FinalReply, TextDelta, ToolCall, ToolResult
from assistant.sessions import SessionStore, UnknownSessionError
from retrieval.db import Product, make_engine
from ui.cards import card_html, load_cards, web_url
from ui.resume import sign_session, signed_session
from ui.widget import TurnProducts, customer_turn, escape_text, short_text

SEARCH = {
    "query": "dishwasher",
    "products": [
        {"product_id": "P1", "title": "Quiet Dishwasher 44 dBA", "price": 549.0},
        {"product_id": "P2", "title": "Budget Portable Dishwasher", "price": 299.0},
    ],
}
REPLY = (
    'Here\'s what I found for "dishwasher":\n'
    "1. Quiet Dishwasher 44 dBA (P1) — $549.00, 4.0★, in stock\n"
    "2. Budget Portable Dishwasher (P2) — $299.00, 4.0★, in stock"
)


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(Settings(home=tmp_path).sqlalchemy_url)
    rows = [
        dict(product_id="P1", title="Quiet Dishwasher 44 dBA", price=549.0, currency="EUR",
             image_url="https://shop.example/p1.png", extra={"url": "https://shop.example/p1"},
             rating=4.0, rating_count=3),
        dict(product_id="P2", title="Budget <b>Portable</b> Dishwasher", price=299.0,
             image_url="javascript:alert(1)", extra={"url": "data:text/html,hi"}, in_stock=False),
    ]  # fmt: skip
    with Session(engine) as db, db.begin():
        for row in rows:
            db.add(Product(category="Dishwashers", description="d", content_hash="h", **row))
    return engine


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_typed_html_and_markdown_are_escaped_and_read_back_as_typed() -> None:
    typed = '<img src="http://evil.example/x.png"> ![x](http://evil.example/y.png) **b** $$x$$'
    escaped = escape_text(typed)
    assert not re.search(r"(?<!\\)[<\[\]]", escaped)  # no tag, image or link can start
    assert _unescaped(escaped) == typed


def test_the_short_reply_leaves_carded_products_to_their_cards_and_hides_ids() -> None:
    turn = TurnProducts()
    turn.add("search_products", SEARCH)
    assert short_text(REPLY, turn, ["P1", "P2"], set()) == 'Here\'s what I found for "dishwasher":'
    # a product without a card keeps its line, without the internal id
    assert short_text(REPLY, turn, ["P1"], set()).splitlines()[-1] == (
        "2. Budget Portable Dishwasher — $299.00, 4.0★, in stock"
    )
    verdict = "If price matters most, Budget Portable Dishwasher (P2) is the better deal."
    assert short_text(verdict, turn, ["P1", "P2"], set()) == (
        "If price matters most, Budget Portable Dishwasher is the better deal."
    )
    anchor = "Similar picks to Old Dishwasher (P7) (for a quiet kitchen):"
    assert short_text(anchor, turn, [], {"P7"}) == (
        "Similar picks to Old Dishwasher (for a quiet kitchen):"
    )


def test_ids_the_shop_knows_are_found_in_parentheses(engine) -> None:
    from ui.widget import _named_ids

    assert _named_ids(engine, "Like Quiet (P1) (or P2) (P404) and (P2)") == {"P1", "P2"}


def test_cards_come_from_the_database_in_the_reply_order_with_safe_links(engine) -> None:
    first, second = load_cards(engine, ["P2", "P1", "P404"], {"P1": "Praised: noise"})
    assert (first.product_id, second.product_id) == ("P2", "P1")
    assert second.image_url == "https://shop.example/p1.png"
    assert second.url == "https://shop.example/p1" and second.note == "Praised: noise"
    assert first.image_url is None and first.url is None  # javascript:/data: never reach a page
    html = card_html(second)
    assert '<img class="sa-card-img" src="https://shop.example/p1.png"' in html
    assert 'href="https://shop.example/p1"' in html and "€549.00" in html and "P1" not in html
    assert "★ 4.0 (3)" in html and "In stock" in html and "\n" not in html
    escaped = card_html(first)
    assert "&lt;b&gt;Portable&lt;/b&gt;" in escaped and "<img" not in escaped
    assert "Out of stock" in escaped and "href" not in escaped
    assert [web_url(u) for u in ("http://a.b/c", "//a.b/c", "ftp://a.b", " https://x.y ")] == [
        "http://a.b/c", None, None, "https://x.y",
    ]  # fmt: skip


def test_a_streamed_turn_ends_with_the_short_reply_and_its_cards(engine) -> None:
    events = [
        ToolCall(id="c1", name="search_products", args={"query": "dishwasher"}),
        ToolResult(id="c1", name="search_products", ok=True, result=SEARCH),
        TextDelta(text=REPLY),
        FinalReply(text=REPLY, backend="offline", products=["P1", "P2"], suggestions=["Cheaper"]),
    ]
    views = list(customer_turn(iter(events), engine))
    streamed, (final, ideas) = views[:-1], views[-1]
    assert ideas == ["Cheaper"] and all(i is None for _, i in streamed)
    assert all("P1" not in text and "P2" not in text for text, _ in views)
    text, cards = final.split("\n\n", 1)
    assert _unescaped(text) == 'Here\'s what I found for "dishwasher":'
    assert cards.count('class="sa-card"') == 2 and cards.index("Quiet") < cards.index("Budget")


def test_a_session_link_is_signed_and_expires() -> None:
    key = b"k" * 32
    link = sign_session(key, "abc123", now=1000)
    assert signed_session(key, link, 60, now=1030) == "abc123"
    assert signed_session(key, link, 60, now=1061) is None
    assert signed_session(b"other" * 8, link, 60, now=1030) is None
    forged = link.replace("abc123", "abc124")
    assert signed_session(key, forged, 60, now=1030) is None
    assert signed_session(key, "", 60) is None and signed_session(key, "a.b", 60) is None


def test_ending_a_session_drops_its_verification_and_it_cannot_resume(engine) -> None:
    from types import SimpleNamespace

    from assistant.agent import Agent

    sessions = SessionStore(engine)
    state = sessions.create()
    state.role, state.customer_id = "customer", "C1"
    sessions.save(state)
    assert Agent.resume(SimpleNamespace(sessions=sessions), state.id).customer_id == "C1"
    sessions.end(state.id)
    stored = sessions.get(state.id)
    assert stored.ended and stored.customer_id is None and stored.role == "visitor"
    with pytest.raises(UnknownSessionError):
        Agent.resume(SimpleNamespace(sessions=sessions), state.id)
