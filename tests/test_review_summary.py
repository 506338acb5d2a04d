"""Review summaries on shops the tests write: mined aspects, honest counts, one rating."""

from __future__ import annotations

import pytest

from assistant.planner import render
from assistant.planner.reviews import reviews_text
from assistant.runtime import open_shop
from retrieval.aspect_mining import category_aspects
from tests.conftest import ingested
from tests.shops import product
from tools.context import SessionState, Shop, ToolContext
from tools.registry import call_tool

WATCHES = "Electronics > Wearables > Smart Watches"
# 70 reviews of P1: 12 talk about the battery (9 complain, 3 praise), 3 about the strap (all
# complaints: a rare complaint, 3 of 70 < 5%), 20 praise the screen; the rest say little.
BATTERY_BAD = [
    "The battery died after two days, very disappointing.",
    "Terrible, the battery drains overnight.",
    "The battery is awful and barely lasts half a day.",
    "I hate that the battery dies so fast.",
    "The battery stopped holding a charge within a week.",
    "Poor purchase: the battery is weak and unreliable.",
    "The battery is the worst I have owned.",
    "Disappointed, the battery fails every afternoon.",
    "The battery is useless, I regret buying it.",
]
BATTERY_GOOD = [
    "The battery lasts for days, excellent.",
    "Love it, the battery is fantastic.",
    "The battery is great and charges quickly.",
]
STRAP_BAD = [
    "The strap broke after a month, terrible.",
    "Awful, the strap snapped and fell apart.",
    "The strap is flimsy and cracked, disappointed.",
]
SCREEN_GOOD = [f"The screen is bright and beautiful, love it ({n})." for n in range(20)]
FILLER = [f"Arrived on a Tuesday, number {n} in my collection." for n in range(35)]
CHINESE = [
    ("电池非常好用，非常满意，推荐购买！", 5),
    ("电池太差了，一天要充两次电，非常失望。", 1),
    ("电池很好，屏幕也很清晰，物超所值。", 5),
]


def _review(n: int, pid: str, text: str, rating: int) -> dict:
    return {
        "review_id": f"R{n}",
        "product_id": pid,
        "rating": rating,
        "text": text,
        "created_at": f"2025-0{1 + n % 9}-0{1 + n % 9}T10:00:00Z",
    }


def _shop_rows() -> dict[str, list[dict]]:
    texts = (
        [(t, 1) for t in BATTERY_BAD]
        + [(t, 5) for t in BATTERY_GOOD]
        + [(t, 1) for t in STRAP_BAD]
        + [(t, 5) for t in SCREEN_GOOD]
        + [(t, 4) for t in FILLER]
    )
    reviews = [_review(n, "P1", t, r) for n, (t, r) in enumerate(texts)]
    reviews += [_review(100 + n, "P2", t, r) for n, (t, r) in enumerate(CHINESE)]
    reviews += [_review(200 + n, "P2", t, 5) for n, t in enumerate(BATTERY_GOOD)]
    reviews += [_review(300 + n, "P3", "Nice watch.", r) for n, r in enumerate([5, 4, 3, 3])]
    products = [
        product("P1", "Pulse Smart Watch", 199.0, WATCHES, attributes={"battery_life": "5 days"}),
        product("P2", "Orbit Smart Watch", 149.0, WATCHES),
        product("P3", "Glide Smart Watch", 99.0, WATCHES, rating=3.8, rating_count=4),
    ]
    return {"products": products, "reviews": reviews}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    settings = ingested(tmp_path_factory, "review-shop", embedder, **_shop_rows())
    return open_shop(settings)


def call(shop: Shop, name: str, **args) -> dict:
    context = ToolContext(shop=shop, session=SessionState(id="t", role="visitor"))
    outcome = call_tool(name, args, context)
    assert outcome.ok, outcome.error
    return outcome.result


def test_aspects_are_mined_from_the_shops_reviews_at_ingest(shop: Shop) -> None:
    aspects = category_aspects(shop.engine, WATCHES)
    assert {"battery life", "strap", "screen"} <= set(aspects)
    assert "battery" in aspects["battery life"]  # merged into the attribute-name seed
    assert "watch" not in aspects  # the product itself is not an aspect of it


def test_an_aspect_is_never_both_a_like_and_a_complaint(shop: Shop) -> None:
    summary = call(shop, "review_summary", product_id="P1")["summary"]
    liked = {t["aspect"] for t in summary["praised"]}
    disliked = {t["aspect"] for t in summary["criticised"]}
    assert "battery life" in disliked and "screen" in liked
    assert not liked & disliked
    for theme in summary["themes"]:
        assert theme["stance"] in {"like", "complaint", "mixed", "neutral"}
        assert (theme["aspect"] in liked) <= (theme["stance"] == "like")
        assert (theme["aspect"] in disliked) <= (theme["stance"] == "complaint")


def test_counts_and_shares_add_up(shop: Shop) -> None:
    summary = call(shop, "review_summary", product_id="P1")["summary"]
    count = summary["count"]
    assert count == 70 == sum(summary["stars"].values())
    split = summary["sentiment"]
    assert split["positive"] + split["neutral"] + split["negative"] == count
    themes = summary["themes"]
    assert [t["mentions"] for t in themes] == sorted((t["mentions"] for t in themes), reverse=True)
    for theme in themes:
        assert theme["of_reviews"] == count
        assert theme["praise"] + theme["complaints"] <= theme["mentions"] <= count
        assert theme["percent"] == int(100 * theme["mentions"] / count + 0.5)
    battery = next(t for t in themes if t["aspect"] == "battery life")
    assert (battery["mentions"], battery["percent"]) == (12, 17)
    assert battery["complaints"] >= 8 and battery["praise"] >= 2
    strap = next(t for t in themes if t["aspect"] == "strap")
    assert strap["stance"] == "complaint" and strap["rare"] and strap["mentions"] == 3
    assert not any(t["rare"] for t in themes if t["aspect"] != "strap")


def test_the_reply_states_the_tools_counts(shop: Shop) -> None:
    result = call(shop, "review_summary", product_id="P1")
    battery = next(t for t in result["summary"]["themes"] if t["aspect"] == "battery life")
    text = reviews_text(result)
    assert (
        f"battery life: 12 of 70 reviews (17%) mention it, {battery['complaints']} of them "
        "negatively" in text
    )
    assert "strap: 3 of 70 reviews (4%) mention it, 3 of them negatively (a rare complaint)" in text
    assert "Most criticised: battery life" in text  # the common complaint leads


def test_chinese_and_english_reviews_in_one_summary(shop: Shop) -> None:
    summary = call(shop, "review_summary", product_id="P2")["summary"]
    assert summary["count"] == 6
    assert summary["sentiment"]["positive"] == 5 and summary["sentiment"]["negative"] == 1
    focus = call(shop, "review_summary", product_id="P2", aspect="电池")["summary"]["focus"]
    assert (focus["reviews"], focus["praise"], focus["complaints"]) == (3, 2, 1)


def test_a_comparison_and_a_card_show_the_same_rating(shop: Shop) -> None:
    card = call(shop, "get_product", product_id="P3")["rating"]
    hit = next(
        p
        for p in call(shop, "search_products", query="Glide smart watch")["products"]
        if p["product_id"] == "P3"
    )
    column = next(
        c
        for c in call(shop, "compare_products", product_ids=["P3", "P1"])["products"]
        if c["product_id"] == "P3"
    )
    summary = call(shop, "review_summary", product_id="P3")["summary"]
    shown = {
        render.rating_text(card),
        render.rating_text(hit["rating"], hit["rating_count"]),
        render.rating_text(column["rating"], column["rating_count"]),
        render.rating_text(summary["average_rating"], summary["count"]),
    }
    assert shown == {"3.8★ from 4 reviews"}


def test_mining_again_without_changes_keeps_the_aspects(shop: Shop, embedder) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from retrieval.aspect_mining import mine_shop_aspects
    from retrieval.db import ReviewAspect

    before = category_aspects(shop.engine, WATCHES)
    with Session(shop.engine) as session:
        rows = session.scalar(select(func.count()).select_from(ReviewAspect))
    assert rows and mine_shop_aspects(shop.engine, embedder, changed=False) == rows
    assert category_aspects(shop.engine, WATCHES) == before
