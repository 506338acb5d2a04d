"""Follow-ups on a list, as customers type them: a pick by price or rating ("which one of
those is the cheapest"), a listed product by a word only it has ("the Silvane one"), and a
request that leaves the kind of product out ("one with a built-in grinder"), on a small shop."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.config import Settings
from assistant.planner.intents import classify
from assistant.planner.state import ConversationState
from assistant.runtime import open_shop
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.shops import product
from tests.talk import turns
from tools.context import Shop

ESPRESSO = "Home & Kitchen > Coffee > Espresso Machines"
GRINDERS = "Home & Kitchen > Coffee > Coffee Grinders"
KETTLES = "Home & Kitchen > Small Appliances > Electric Kettles"


def _p(pid: str, title: str, price: float, category: str, brand: str) -> dict[str, Any]:
    return product(pid, title, price, category, brand=brand, features=[])


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    products = [
        _p("E1", "Caldera Barista Espresso Machine with Milk Frother", 349.0, ESPRESSO, "Caldera"),
        _p("E2", "Caldera Duo Espresso Machine with Built-In Grinder", 399.0, ESPRESSO, "Caldera"),
        _p("E3", "Brightmill Classic Espresso Machine", 199.0, ESPRESSO, "Brightmill"),
        _p("G1", "Verano Conical Burr Coffee Grinder", 89.0, GRINDERS, "Verano"),
        _p("G2", "Verano Blade Coffee Grinder", 29.0, GRINDERS, "Verano"),
        _p("K1", "Silvane Gooseneck Electric Kettle, Stainless Steel", 98.0, KETTLES, "Silvane"),
        _p("K2", "Kelvar Gooseneck Electric Kettle, Glass", 72.0, KETTLES, "Kelvar"),
        _p("K3", "Hearthstone Gooseneck Electric Kettle", 56.0, KETTLES, "Hearthstone")
        | {"attributes": {"color": "Black", "body": "Glass"}},
        _p("K4", "Kelvar Classic Electric Kettle, Glass", 39.0, KETTLES, "Kelvar"),
    ]
    root = tmp_path_factory.mktemp("follow_ups")
    settings = Settings(home=root / "home")
    ingest_shop(write_shop(root / "shop", products=products), settings, embedder=embedder)
    return open_shop(settings)


def test_which_one_is_the_cheapest_picks_it_and_it_is_then_what_it_means(shop: Shop) -> None:
    _, (pick, pick_calls), (_, review_calls) = turns(
        shop,
        "espresso machines",
        "which one of those is the cheapest",
        "what do reviewers say about it",
    )
    assert [(c.name, c.args) for c in pick_calls] == [("get_product", {"product_id": "E3"})]
    assert pick.products == ["E3"]
    assert [(c.name, c.args) for c in review_calls] == [("review_summary", {"product_id": "E3"})]


def test_the_brand_one_is_the_listed_product_of_that_brand(shop: Shop) -> None:
    _, (_, calls) = turns(shop, "gooseneck kettles", "the silvane one, is it glass or steel?")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]


def test_a_request_without_its_kind_of_product_narrows_the_last_search(shop: Shop) -> None:
    _, (narrowed, calls) = turns(shop, "espresso machines", "i want one with a built in grinder")
    assert calls[0].name == "search_products" and calls[0].args.get("category") == ESPRESSO
    assert narrowed.products[0] == "E2" and not {"G1", "G2"} & set(narrowed.products)


def test_a_request_naming_another_kind_of_product_is_a_new_search(shop: Shop) -> None:
    _, (fresh, calls) = turns(shop, "espresso machines", "and a coffee grinder")
    assert "category" not in calls[0].args
    assert set(fresh.products) == {"G1", "G2"}


def test_two_kinds_of_product_in_one_message_are_two_searches(shop: Shop) -> None:
    ((reply, calls),) = turns(shop, "show me espresso machines and coffee grinders under $50")
    assert [c.name for c in calls] == ["search_products", "search_products"]
    assert {"E1", "E2", "E3"} & set(reply.products) and "G2" in reply.products
    assert "G1" not in reply.products  # $89: over the limit said with the grinders


def test_which_are_narrows_the_list_to_the_products_that_say_so(shop: Shop) -> None:
    _, (narrowed, calls) = turns(shop, "electric kettles", "which are glass")
    assert calls[0].args.get("require") == ["glass"]
    assert set(narrowed.products) == {"K2", "K3", "K4"}  # K3 says so in its attributes only


def test_a_narrowing_word_no_product_has_is_said_not_applied(shop: Shop) -> None:
    _, (narrowed, _) = turns(shop, "electric kettles", "which are copper")
    assert 'lists "copper", so I couldn\'t apply that' in narrowed.text
    assert set(narrowed.products) == {"K1", "K2", "K3", "K4"}


def _listed(*rows: tuple[str, str, int]) -> ConversationState:
    """A conversation that has just shown these (id, title, number of reviews) products."""
    products = [
        {"product_id": pid, "title": title, "price": 50.0, "rating": {"average": 4.0, "count": n}}
        for pid, title, n in rows
    ]
    return ConversationState(products=products, last_shown="products", list_tool="search_products")


@pytest.mark.parametrize(
    ("message", "picked"),
    [
        ("the biggest one", "A2"),
        ("which has the biggest jar", "A2"),
        ("i need the smaller one of those", "A1"),
        ("the one w more reviews", "A1"),
        ("the one with no reviews yet", "A3"),
    ],
)
def test_a_pick_by_a_measure_the_titles_state_or_by_reviews(message: str, picked: str) -> None:
    state = _listed(
        ("A1", "Kelvar Blender, 48 oz Jar, 1000 W", 12),
        ("A2", "Arcwell Blender, 72 oz Jar, 1400 W", 3),
        ("A3", "Silvane Blender, 64 oz Jar, 1200 W", 0),
    )
    state.message = message
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("details", [picked])


def test_a_bigger_one_asks_for_other_products_not_a_pick() -> None:
    state = _listed(("A1", "Kelvar Blender, 48 oz Jar", 1), ("A2", "Arcwell Blender, 72 oz Jar", 1))
    state.last_search = {"query": "blender", "filters": {}, "k": None}
    state.message = "a bigger one?"
    assert classify(state).kind == "refine"


def test_a_listed_product_by_a_short_word_with_a_digit_only_it_has() -> None:
    state = _listed(("W1", "Lumetra 1080p Webcam", 3), ("W2", "Zentro 4K Webcam", 3))
    state.message = "the 4k one"
    assert classify(state).product_ids == ["W2"]
