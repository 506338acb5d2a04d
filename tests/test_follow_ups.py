"""Follow-ups on a list, as customers type them: a pick by price or rating ("which one of
those is the cheapest"), a listed product by a word only it has ("the Silvane one"), and a
request that leaves the kind of product out ("one with a built-in grinder"), on a small shop."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.config import Settings
from assistant.planner import policy
from assistant.planner.intents import classify
from assistant.planner.references import by_listed_word
from assistant.planner.state import ConversationState
from assistant.runtime import open_shop
from retrieval.ingest import ingest_shop
from retrieval.product_names import ProductNames
from retrieval.shop_index import ShopIndex
from tests.conftest import write_shop
from tests.shops import product
from tests.talk import ids, search, sure, turns
from tools.context import Shop

ESPRESSO = "Home & Kitchen > Coffee > Espresso Machines"
GRINDERS = "Home & Kitchen > Coffee > Coffee Grinders"
KETTLES = "Home & Kitchen > Small Appliances > Electric Kettles"
BOTTLES = "Sports & Outdoors > Hydration > Water Bottles"
SOCKS = "Apparel > Socks > Hiking Socks"
CHARGERS = "Electronics > Power > Power Banks"


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
        _p("K1", "Silvane Gooseneck Electric Kettle, Stainless Steel", 98.0, KETTLES, "Silvane")
        | {
            "features": ["Backed by a 2-year warranty", "1,500 W element"],
            "attributes": {"color": "Silver"},
        },
        _p("K2", "Kelvar Gooseneck Electric Kettle, Glass", 72.0, KETTLES, "Kelvar"),
        _p("K3", "Hearthstone Gooseneck Electric Kettle", 56.0, KETTLES, "Hearthstone")
        | {"attributes": {"color": "Black", "body": "Glass"}},
        _p("K4", "Kelvar Classic Electric Kettle, Glass", 39.0, KETTLES, "Kelvar"),
        _p("B1", "Trailhawk 24 oz Insulated Water Bottle", 20.0, BOTTLES, "Trailhawk")
        | {"attributes": {"capacity": "24 oz"}},
        _p("B2", "Trailhawk 32 oz Insulated Water Bottle", 30.0, BOTTLES, "Trailhawk")
        | {"attributes": {"capacity": "32 oz"}},
        _p("B3", "Basecamp 40 oz Insulated Water Bottle", 35.0, BOTTLES, "Basecamp")
        | {"attributes": {"capacity": "40 oz"}},
        _p("S1", "Basecamp Anti-Blister Running Socks, 6 pairs", 25.0, SOCKS, "Basecamp"),
        _p("C1", "Lumetra Portable Charger 20,000 mAh", 49.0, CHARGERS, "Lumetra")
        | {"description": "Keeps phones topped up. Airline-safe for carry-on bags."},
        _p("C2", "Corvex Portable Charger 10,000 mAh", 29.0, CHARGERS, "Corvex")
        | {"attributes": {"color": "Black"}, "in_stock": False},
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


def _shown(*rows: dict[str, Any]) -> ConversationState:
    """A conversation that has just shown these products (search results with attributes)."""
    products = [{"price": 50.0, "in_stock": True, "attributes": {}} | row for row in rows]
    state = ConversationState(products=products, last_shown="products", list_tool="search_products")
    state.last_search = {"query": "lamp", "filters": {}, "k": None}
    return state


LAMPS = (
    {"product_id": "L1", "title": "Ergonova LED Desk Lamp", "price": 37.99,
     "attributes": {"brightness": "400 lumens", "battery_life": "4 hours", "color": "Teal"}},
    {"product_id": "L2", "title": "Workloft LED Desk Lamp", "price": 38.99, "in_stock": False,
     "attributes": {"brightness": "600 lumens", "battery_life": "9 hours", "color": "White"}},
    {"product_id": "L3", "title": "Deskwise LED Desk Lamp", "price": 44.99,
     "attributes": {"brightness": "500 lumens", "weight": "480 g", "color": "Teal"}},
)  # fmt: skip


@pytest.mark.parametrize(
    ("message", "picked"),
    [
        ("the brighter one", "L2"),  # by an attribute the titles do not state
        ("the one with longer battery", "L2"),
        ("cheaper of those", "L1"),
        ("which ones cheaper", "L1"),
        ("the less pricey one", "L1"),
        ("the pricier teal one", "L3"),
    ],
)
def test_a_pick_among_the_shown_products_by_their_attributes_price_or_colour(
    message: str, picked: str
) -> None:
    state = _shown(*LAMPS)
    state.message = message
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("details", [picked])


def test_the_one_in_stock_is_picked_and_several_in_stock_narrow_the_list() -> None:
    state = _shown(*LAMPS[:2])
    state.message = "the one thats in stock"
    assert (classify(state).kind, classify(state).product_ids) == ("details", ["L1"])
    state = _shown(*LAMPS)
    state.message = "the one thats in stock"
    intent = classify(state)
    assert intent.kind == "refine" and "in_stock" in intent.notes


@pytest.mark.parametrize("message", ["how heavy is it", "how much does it weigh"])
def test_how_heavy_asks_for_the_attribute_in_a_weight_unit(message: str) -> None:
    state = _shown(*LAMPS)
    state.focus = state.products[2]
    state.message = message
    intent = classify(state)
    assert (intent.kind, intent.ask, intent.product_ids) == ("details", "attributes", ["L3"])


def test_a_word_only_some_titles_of_the_kind_have_keeps_those(shop: Shop) -> None:
    result = search(shop, "gooseneck kettle")
    assert ids(result) == {"K1", "K2", "K3"}  # not the classic kettle
    assert "gooseneck" in result["applied"] and result["only"] == 3


def test_filler_words_narrow_nothing(shop: Shop) -> None:
    _, (narrowed, calls) = turns(shop, "electric kettles", "which are actually glass rn")
    assert calls[0].args.get("require") == ["glass"]
    assert set(narrowed.products) == {"K2", "K3", "K4"}


def test_the_brand_one_after_a_search_in_the_same_message(shop: Shop) -> None:
    [(reply, calls)] = turns(shop, "got any gooseneck kettles? is the silvane one any good")
    assert [c.name for c in calls] == ["search_products", "review_summary"]
    assert calls[1].args["product_id"] == "K1" and "K1" in reply.products


def test_it_in_a_second_request_is_the_product_of_the_first(shop: Shop) -> None:
    [(_, calls)] = turns(
        shop,
        "reviews of the silvane gooseneck kettle, and how does it compare to the kelvar classic",
    )
    assert [c.name for c in calls] == ["review_summary", "compare_products"]
    assert calls[1].args["product_ids"] == ["K1", "K4"]


def test_a_second_request_after_a_comma_and_plus(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "a burr grinder, plus an espresso machine")
    assert [c.name for c in calls] == ["search_products", "search_products"]


def test_a_pick_compares_the_products_of_the_kind_the_list_is_about() -> None:
    purifiers = "Appliances > Air Purifiers"
    state = _shown(
        {"product_id": "A1", "title": "Purewind HEPA Air Purifier", "price": 95.99,
         "category": purifiers},
        {"product_id": "A2", "title": "Silvane HEPA Air Purifier", "price": 149.99,
         "category": purifiers},
        {"product_id": "H1", "title": "Aeris Humidifier for Bedroom", "price": 33.99,
         "category": "Appliances > Humidifiers"},
    )  # fmt: skip
    state.message = "which one's cheaper"
    assert classify(state).product_ids == ["A1"]


def test_and_the_other_product_asks_the_last_question_again(shop: Shop) -> None:
    *_, (priced, calls) = turns(
        shop, "gooseneck kettles", "the silvane one, how much is it", "and the hearthstone one?"
    )
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K3"})]
    assert "costs" in priced.text and "K3" in priced.text
    *_, (_, calls) = turns(
        shop, "gooseneck kettles", "reviews of the silvane one?", "what about the hearthstone one"
    )
    assert [(c.name, c.args["product_id"]) for c in calls] == [("review_summary", "K3")]


def test_the_other_one_with_a_question_of_its_own_asks_that_of_the_other() -> None:
    state = _shown(*LAMPS[:2])
    state.focus = state.products[0]
    state.focused = [state.products[0]]
    state.message = "ok what about the other one then, how bright is it"
    intent = classify(state)
    assert (intent.kind, intent.ask, intent.product_ids) == ("details", "attributes", ["L2"])


def test_a_bare_attribute_question_after_a_list_sets_the_products_side_by_side() -> None:
    state = _shown(*LAMPS)
    state.message = "battery life?"
    intent = classify(state)
    assert (intent.kind, intent.ask, intent.product_ids) == (
        "compare",
        "attributes",
        ["L1", "L2", "L3"],
    )
    state.products[0]["attributes"]["dimmable"] = "Yes"
    state.message = "dimmable?"  # a yes/no feature narrows the list instead
    assert classify(state).kind != "compare"


def test_the_attribute_asked_of_a_list_is_answered_for_each_product(shop: Shop) -> None:
    _, (reply, calls) = turns(shop, "gooseneck kettles", "body?")
    assert [c.name for c in calls] == ["compare_products"]
    assert "Side by side" in reply.text and "body: " in reply.text and "Glass" in reply.text


def test_a_part_that_points_back_by_pronoun_asks_about_the_earlier_parts_product(
    shop: Shop,
) -> None:
    _, (reply, calls) = turns(
        shop, "gooseneck kettles", "ok and the reviews for the 2nd one + is it in stock"
    )
    second = calls[0].args["product_id"]
    assert [c.name for c in calls] == ["review_summary", "get_product"]
    assert calls[1].args == {"product_id": second}
    assert "no reviews yet" in reply.text and "is in stock" in reply.text


def test_a_position_ruled_out_is_not_picked(shop: Shop) -> None:
    (first, _), (_, calls) = turns(shop, "gooseneck kettles", "not the first one, the second")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": first.products[1]})]


def test_cheaper_alternatives_to_that_searches_below_its_price(shop: Shop) -> None:
    *_, (reply, calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "cheaper alternatives to that?"
    )
    assert [c.name for c in calls] == ["search_products"]
    assert calls[0].args["max_price"] < 98.0 and "same" not in calls[0].args["query"]
    assert "K1" not in reply.products and set(reply.products) <= {"K2", "K3", "K4"}


def test_same_but_under_a_price_keeps_the_search_and_changes_the_limit(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "gooseneck kettles", "same but under 80")
    assert [c.name for c in calls] == ["search_products"]
    assert calls[0].args["max_price"] == 80.0 and "same" not in calls[0].args["query"]


def test_a_word_no_product_lists_is_not_carried_into_the_next_refinement(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "gooseneck kettles", "the brooks ones?", "under 80")
    assert [c.name for c in calls] == ["search_products"]
    assert "brooks" not in calls[0].args["query"] and calls[0].args["max_price"] == 80.0


def test_a_question_about_the_product_in_focus_is_answered_from_its_listing(shop: Shop) -> None:
    *_, (warranty, calls), (watts, _), (unsaid, unsaid_calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "warranty?", "how many watts is it",
        "does it have a keep warm mode"
    )  # fmt: skip
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]
    assert "2-year warranty" in warranty.text
    assert "1,500 W element" in watts.text
    assert [c.name for c in unsaid_calls] == ["get_product"]
    assert "doesn't say anything about" in unsaid.text and "keep warm" in unsaid.text


def test_a_new_limit_on_a_measure_replaces_the_old_one(shop: Shop) -> None:
    *_, (bigger, calls) = turns(shop, "insulated water bottle around 24 oz", "a bigger one?")
    assert "24 oz" not in calls[0].args["query"]
    assert set(bigger.products) == {"B2", "B3"}
    *_, (other, calls) = turns(shop, "insulated water bottle around 24 oz", "same but 32 oz?")
    assert [c.name for c in calls] == ["search_products"]
    assert "24 oz" not in calls[0].args["query"] and other.products[0] == "B2"


def test_a_refinement_that_finds_nothing_searches_its_own_words_in_that_category(
    shop: Shop,
) -> None:
    *_, (reply, calls) = turns(shop, "gooseneck kettles", "the kelvar ones", "hearthstone too?")
    assert [c.name for c in calls] == ["search_products", "search_products"]
    assert calls[1].args["category"] == KETTLES and "kelvar" not in calls[1].args["query"]
    assert "on its own" in reply.text and reply.products == ["K3"]


def test_the_other_one_after_two_were_narrowed_to_one_is_the_one_left_out() -> None:
    four = {"product_id": "N1", "title": "Little Nest Baby Bottles, 4 pack",
            "attributes": {"count": "4 pack"}}  # fmt: skip
    six = {"product_id": "T1", "title": "Tiny Steps Baby Bottles, 6 pack",
           "attributes": {"count": "6 pack"}}  # fmt: skip
    state = ConversationState(products=[four], earlier=[four, six], focus=four, focused=[four])
    state.message = "whats in the other pack, how many bottles"
    assert classify(state).product_ids == ["T1"]


def test_a_listed_product_by_its_brand_comes_before_one_named_elsewhere(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "insulated water bottles", "the basecamp one in orange size 6.5?")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B3"})]


def test_a_colour_that_picks_a_listed_product_is_not_asked_again(shop: Shop) -> None:
    *_, (reply, calls) = turns(shop, "gooseneck kettles", "is the silver one in stock")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]
    assert "is in stock" in reply.text and "listed with" not in reply.text


def test_cheaper_one_after_a_list_picks_the_cheapest_listed(shop: Shop) -> None:
    (listed, _), (_, calls) = turns(shop, "gooseneck kettles", "cheaper one?")
    cheapest = {"K1": 98.0, "K2": 72.0, "K3": 56.0}
    pick = min(listed.products, key=lambda p: cheapest.get(p, 1e9))
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": pick})]


def test_a_second_search_for_another_thing_is_read_on_its_own(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "gooseneck kettle + a 40 oz bottle")
    assert [c.name for c in calls] == ["search_products", "search_products"]
    assert "bottle" in calls[1].args["query"] and "kettle" not in calls[1].args["query"]


def test_a_number_and_its_word_pick_the_listed_product_that_states_them(shop: Shop) -> None:
    (listed, _), (_, calls) = turns(shop, "insulated water bottles", "the one with 32 oz")
    assert {"B1", "B2", "B3"} <= set(listed.products)
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B2"})]


def test_side_by_side_compares_the_list(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "gooseneck kettles", "ok put them side by side for me")
    assert [c.name for c in calls] == ["compare_products"]


def test_more_like_this_one_recommends_similar_products(shop: Shop) -> None:
    *_, (_, calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "show me more like this one"
    )
    assert [(c.name, c.args) for c in calls] == [
        ("recommend_products", {"for_product_id": "K1", "kind": "similar"})
    ]


def test_a_listed_product_singled_out_with_a_question_answers_it(shop: Shop) -> None:
    *_, (reply, calls) = turns(shop, "gooseneck kettles", "does the silvane one have a warranty")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]
    assert "says: Backed by a 2-year warranty" in reply.text


def test_more_of_an_attribute_named_picks_by_its_value(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "insulated water bottles", "which has more capacity")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B3"})]


def test_the_cheapest_of_the_other_two_leaves_the_one_in_focus_out(shop: Shop) -> None:
    *_, (_, calls) = turns(
        shop,
        "insulated water bottles",
        "the trailhawk 24 oz one",
        "ugh. priciest of the other two then",
    )
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B3"})]


def test_compare_them_after_a_search_in_the_same_message_compares_its_results(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "insulated water bottles, and compare them pls")
    assert [c.name for c in calls] == ["search_products", "compare_products"]


def test_a_second_sentence_that_goes_on_from_the_search_is_the_same_search(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "looking for a gooseneck kettle. glass, under 80")
    assert [c.name for c in calls] == ["search_products"]
    assert "kettle" in calls[0].args["query"] and calls[0].args["max_price"] == 80.0


def test_a_pick_by_a_measure_says_the_value_that_picked_it(shop: Shop) -> None:
    *_, (reply, calls) = turns(shop, "insulated water bottles", "the bigger one pls")
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B3"})]
    assert "capacity: 40 oz" in reply.text


def test_a_kind_named_by_title_words_in_a_second_part_is_a_search_of_its_own(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "cheapest coffee grinder you have, also any gooseneck kettle?")
    assert [c.name for c in calls] == ["search_products", "search_products"]
    assert "kettle" in calls[1].args["query"] and "grinder" not in calls[1].args["query"]


def test_a_kind_named_after_a_search_that_named_none_is_a_detail_of_it(shop: Shop) -> None:
    [(_, calls)] = turns(shop, "a gift for my dad under 50. it should go with his gooseneck kettle")
    assert [c.name for c in calls] == ["search_products"]


def test_the_cheapest_one_that_can_be_bought_now_is_the_cheapest_in_stock() -> None:
    readers = "Electronics > E-Readers"
    state = _shown(
        {"product_id": "R1", "title": "Zentro Page E-Reader", "price": 192.99,
         "category": readers, "in_stock": False},
        {"product_id": "R2", "title": "Lumetra Page E-Reader", "price": 193.99,
         "category": readers, "in_stock": True},
    )  # fmt: skip
    state.message = "cheapest one i can actually get"
    assert classify(state).product_ids == ["R2"]
    state.message = "which one's cheaper"
    assert classify(state).product_ids == ["R1"]


@pytest.mark.parametrize(
    "message", ["the one w/ better ratings?", "better reviewed one?", "which do people rate higher"]
)
def test_a_pick_by_ratings_in_other_words(message: str) -> None:
    state = _shown(*LAMPS[:2])
    state.products[1]["rating"] = 4.8
    state.message = message
    assert classify(state).product_ids == ["L2"]


def test_a_short_question_about_the_picked_product_is_answered_from_its_listing(
    shop: Shop,
) -> None:
    *_, (reply, calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "whats the warranty like"
    )
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]
    assert "2-year warranty" in reply.text


def test_more_stuff_like_the_picked_one_is_a_recommendation(shop: Shop) -> None:
    *_, (_, calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "show me more stuff like that one"
    )
    assert [(c.name, c.args) for c in calls] == [
        ("recommend_products", {"for_product_id": "K1", "kind": "similar"})
    ]


def test_a_number_and_unit_written_another_way_picks_the_product_that_states_it() -> None:
    state = _shown(*LAMPS)
    state.message = "the 9 hour one"
    assert classify(state).product_ids == ["L2"]


def test_a_question_about_the_picked_product_is_not_out_of_scope(shop: Shop) -> None:
    *_, (reply, calls) = turns(
        shop, "gooseneck kettles", "the silvane one", "can i take it on a plane"
    )
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "K1"})]
    assert "outside what I can help with" not in reply.text


def test_words_of_the_clause_that_picked_by_a_measure_are_not_a_question_of_their_own() -> None:
    state = _shown(*LAMPS[:2])
    state.message = "the one that runs longer between charges?"
    intent = classify(state)
    assert (intent.product_ids, intent.ask, intent.asked) == (["L2"], "measured", ["battery_life"])


def test_ones_of_a_colour_after_a_pick_are_other_products(shop: Shop) -> None:
    *_, (_, calls) = turns(shop, "gooseneck kettles", "the silvane one", "do u have black ones")
    assert [c.name for c in calls] == ["search_products"]


def test_a_type_word_of_the_titles_tells_requests_apart_but_not_a_question_of_the_focus() -> None:
    state = _shown(*LAMPS[:2])
    state.categories = lambda text: None
    state.kinds = lambda text: "Kitchen > Food Storage" if "storage" in text else None
    state.focus = {**state.products[0], "attributes": {"storage": "8 GB"}}
    state.message = "storage?"
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("details", ["L1"])
    assert state.category_of("storage?") is None and state.kind_of("storage?")


def test_a_question_in_words_of_the_focus_listing_is_about_it() -> None:
    fridges = "Appliances > Refrigerators > Mini Fridges"
    state = _shown(
        {"product_id": "F1", "title": "Frostline 2.7 cu ft Mini Fridge", "category": fridges},
        {"product_id": "F2", "title": "Arcwell 2.7 cu ft Mini Fridge", "category": fridges},
    )
    state.focus = state.products[0] | {"features": ["Quiet compressor", "Reversible door"]}
    state.message = "does the door open both ways?"
    intent = classify(state)
    assert (intent.kind, intent.ask, intent.product_ids) == ("details", "attributes", ["F1"])
    state.message = "any with a glass door?"  # other products
    assert classify(state).kind != "details"


def test_the_other_before_a_full_stop_is_the_other_product() -> None:
    state = _shown(*LAMPS[:2])
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.message = "not that one then, the other. how bright is it"
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("details", ["L2"])


def test_which_one_with_a_word_only_one_listed_product_has_picks_it() -> None:
    cams = "Automotive > Dash Cams"
    state = _shown(
        {"product_id": "D1", "title": "Drivex 2K Dash Cam Front and Rear", "category": cams},
        {"product_id": "D2", "title": "Highway 1440p Dash Cam Front and Rear", "category": cams},
    )
    state.message = "which one does 2k"
    assert (classify(state).kind, classify(state).product_ids) == ("details", ["D1"])


def test_and_the_other_product_after_a_pick_by_measure_asks_its_measure(shop: Shop) -> None:
    *_, (reply, calls) = turns(
        shop, "insulated water bottles", "the smaller one pls", "and the basecamp one?"
    )
    assert [(c.name, c.args) for c in calls] == [("get_product", {"product_id": "B3"})]
    assert "capacity: 40 oz" in reply.text


def test_is_it_a_value_another_listed_product_has_asks_that_attribute() -> None:
    screens = "Beauty > Sun Care > Sunscreen"
    state = _shown(
        {"product_id": "S1", "title": "Lumiere Face Sunscreen", "category": screens,
         "attributes": {"type": "Hybrid", "size": "5 oz"}},
        {"product_id": "S2", "title": "Clearwater Face Sunscreen", "category": screens,
         "attributes": {"type": "Mineral", "size": "1.7 oz"}},
    )  # fmt: skip
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.message = "is it a mineral one?"
    intent = classify(state)
    assert (intent.kind, intent.product_ids, intent.asked) == ("details", ["S1"], ["type"])


def test_a_hyphenated_value_picks_by_its_parts_but_x_large_is_not_large() -> None:
    tights = "Apparel > Activewear > Leggings"
    state = _shown(
        {"product_id": "G1", "title": "Alder Buttery Leggings", "category": tights,
         "attributes": {"material": "Nylon-spandex", "sizes": "X-Large"}},
        {"product_id": "G2", "title": "Threadline Buttery Leggings", "category": tights,
         "attributes": {"material": "Nylon-elastane", "sizes": "Large"}},
    )  # fmt: skip
    state.message = "which one is nylon spandex"
    assert classify(state).product_ids == ["G1"]
    assert by_listed_word("the large one", state)[0]["product_id"] == "G2"


def test_the_one_with_the_wider_angle_picks_by_the_field_of_view() -> None:
    cams = "Electronics > Webcams"
    state = _shown(
        {"product_id": "W1", "title": "Lumetra Webcam", "category": cams,
         "attributes": {"field_of_view": "85 degrees"}},
        {"product_id": "W2", "title": "Zentro Webcam", "category": cams,
         "attributes": {"field_of_view": "90 degrees"}},
    )  # fmt: skip
    state.message = "the one with the wider angle?"
    assert classify(state).product_ids == ["W2"]


BAGS = (
    {"product_id": "Z1", "title": "Cairn Mummy Sleeping Bag, 30 F", "category": "Sleeping Bags",
     "attributes": {"rating": "30 F", "fill": "Synthetic", "weight": "1.4 kg"}},
    {"product_id": "Z2", "title": "Basecamp Mummy Sleeping Bag, 20 F", "category": "Sleeping Bags",
     "attributes": {"rating": "20 F", "fill": "650-fill down", "weight": "1.1 kg"}},
)  # fmt: skip


def test_a_pick_by_measure_then_a_question_of_it_answers_the_question() -> None:
    state = _shown(*BAGS)
    state.message = "the lighter one, is it down?"
    intent = classify(state)
    assert (intent.kind, intent.product_ids, intent.ask) == ("details", ["Z2"], "attributes")
    assert intent.asked == ["down"]


BOOTS = (
    {"product_id": "W1", "title": "Trailhawk Men's Work Boot, Steel Toe", "category": "Work Boots",
     "brand": "Trailhawk", "attributes": {"colors": "Teal, Orange", "sizes": "7-13"}},
    {"product_id": "W2", "title": "Alder Supply Men's Waterproof Work Boots",
     "category": "Work Boots", "brand": "Alder Supply",
     "attributes": {"colors": "Navy, Brown", "upper": "Full-grain leather", "sizes": "7-13"}},
)  # fmt: skip


@pytest.mark.parametrize(
    ("message", "label", "expected"),
    [
        ("the trailhawk ones in orange, size 11?", "refine", ("W1", "orange", "11")),
        ("alder supply ones in navy, medium?", "refine", ("W2", "navy", "medium")),
        ("the other pair in navy 9", "refine", ("W2", "navy", "9")),
        ("the waterproof ones in navy 10.5", "refine", ("W2", "navy", "10.5")),
        ("the full grain leather pair, how much", "search", ("W2", None, None)),
    ],
)
def test_a_pair_singled_out_by_its_words_is_that_product(message, label, expected) -> None:
    state = _shown(*BOOTS)
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.classifier = sure(label)
    state.message = message
    intent = classify(state)
    assert intent.kind == "details"
    assert (intent.product_ids[0], intent.colour, intent.size) == expected


def test_a_hyphenated_word_singles_out_the_product_with_both_words() -> None:
    fridges = "Appliances > Mini Fridges"
    state = _shown(
        {"product_id": "F1", "title": "Frostline Mini Fridge", "category": fridges,
         "attributes": {"color": "White"}},
        {"product_id": "F2", "title": "Arcwell Mini Fridge", "category": fridges,
         "attributes": {"color": "Stainless Look"}},
    )  # fmt: skip
    assert by_listed_word("the stainless-look one, how loud is it", state)[0]["product_id"] == "F2"


def test_a_change_word_about_a_product_shown_is_no_order_change() -> None:
    state = _shown(*BOOTS)
    asked = "hmm back to the alder one - can the laces be switched to the other colour?"
    assert policy.handoff_topic("order_change", asked, state) is None
    assert policy.handoff_topic("order_change", "can i switch my order to express?", state)


def test_a_second_request_asking_only_an_attribute_is_about_the_first_ones_product(
    shop: Shop,
) -> None:
    [(reply, calls)] = turns(
        shop, "is the basecamp insulated water bottle in stock and whats the capacity"
    )
    assert [c.name for c in calls] == ["get_product"]
    assert "in stock" in reply.text and "capacity: 40 oz" in reply.text


def test_a_question_in_other_words_than_the_listing_finds_its_line(shop: Shop) -> None:
    [(reply, _)] = turns(shop, "is the lumetra portable charger ok to bring on a flight?")
    assert "Airline-safe for carry-on bags" in reply.text


def test_is_that_rated_worse_asks_for_its_rating_not_a_listing_word(shop: Shop) -> None:
    state = _shown(*LAMPS[:2])
    state.message = "and the workloft, is that rated worse?"
    intent = classify(state)
    assert (intent.kind, intent.product_ids, intent.ask) == ("details", ["L2"], "rating")
    [(reply, _)] = turns(shop, "the silvane gooseneck kettle, is that rated worse?")
    assert "has no reviews yet" in reply.text  # no rating made up


def test_after_a_pick_a_question_in_its_own_clause_is_answered() -> None:
    state = _shown(*LAMPS)
    state.message = "what about the deskwise one, is there a warranty on that"
    intent = classify(state)
    assert (intent.product_ids, intent.ask, intent.asked) == (["L3"], "attributes", ["warranty"])


def test_the_cheaper_one_with_filler_words_is_still_a_pick() -> None:
    state = _shown(*LAMPS[:2])
    state.message = "the cheaper one is in stock yeah?"
    intent = classify(state)
    assert (intent.kind, intent.product_ids, intent.ask) == ("details", ["L1"], "stock")


def test_of_the_remaining_two_leaves_out_the_one_in_focus() -> None:
    state = _shown(*LAMPS)
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.message = "of the remaining two which is cheaper"
    assert (classify(state).kind, classify(state).product_ids) == ("details", ["L2"])


def test_the_best_battery_picks_the_longest_battery_life() -> None:
    state = _shown(*LAMPS)
    state.message = "which has the best battery"
    assert (classify(state).kind, classify(state).product_ids) == ("details", ["L2"])


def test_a_colour_a_product_is_listed_in_says_when_it_is_out_of_stock(shop: Shop) -> None:
    *_, (reply, _) = turns(shop, "corvex portable charger", "do u have it in black")
    assert "listed with color Black, but it's currently out of stock" in reply.text


def test_the_word_that_picks_a_product_is_not_the_question_asked_of_it() -> None:
    monitors = "Electronics > Monitors"
    state = _shown(
        {"product_id": "M1", "title": "Corvex 27 in OLED Monitor", "category": monitors,
         "attributes": {"panel": "OLED"}},
        {"product_id": "M2", "title": "Voltra 27 in VA Monitor", "category": monitors,
         "attributes": {"panel": "VA", "ports": "HDMI, USB-C 65 W"}},
    )  # fmt: skip
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.message = "ok then the VA one - can it charge my laptop over usb-c"
    intent = classify(state)
    assert intent.product_ids == ["M2"] and "panel" not in intent.asked


def test_the_two_products_one_mention_names_alike_are_compared() -> None:
    rows = [
        ("D1", "Trailpup Orthopedic Dog Bed, Large, Washable Cover", "Trailpup"),
        ("D2", "Trailpup Orthopedic Dog Bed, Large, Memory Foam", "Trailpup"),
        ("D3", "Trailpup Reflective Dog Leash", "Trailpup"),
    ]
    index = ShopIndex.build(
        {"product": [r[0] for r in rows]},
        {},
        titles=[r[1] for r in rows],
        names=ProductNames.build(rows),
    )
    state = ConversationState(ids=index)
    state.message = "whats the difference between the two Trailpup orthopedic dog beds"
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("compare", ["D1", "D2"])


@pytest.mark.parametrize(
    "messages",
    [
        ("is the silvane gooseneck kettle in stock? if not show me other glass ones",),
        ("is the silvane gooseneck kettle in stock?", "if not, other glass ones?"),
    ],
)
def test_other_ones_after_a_product_are_other_products_of_its_kind(shop: Shop, messages) -> None:
    *_, (reply, calls) = turns(shop, *messages)
    searched = [c.args for c in calls if c.name == "search_products"]
    assert searched and "Electric Kettles" in searched[-1]["query"]
    assert {"K2", "K3", "K4"} & set(reply.products)


def test_is_the_cheaper_one_in_stock_asks_about_the_cheaper_one_whatever_its_stock() -> None:
    vacuums = "Home > Vacuums > Robot Vacuums"
    state = _shown(
        {"product_id": "V1", "title": "Kelvar R9 Robot Vacuum", "category": vacuums,
         "price": 479.99},
        {"product_id": "V2", "title": "Hearthstone R5 Robot Vacuum", "category": vacuums,
         "price": 259.99, "in_stock": False},
    )  # fmt: skip
    state.message = "is the cheaper one in stock"
    assert (classify(state).product_ids, classify(state).ask) == (["V2"], "stock")
    state.message = "the cheapest one in stock pls"  # a pick among those in stock
    assert classify(state).product_ids == ["V1"]


def test_which_of_them_is_the_leather_one_picks_it_rather_than_asking_reviewers() -> None:
    state = _shown(*BOOTS)
    state.message = "ok which of them is the leather one"
    intent = classify(state)
    assert (intent.kind, intent.product_ids) == ("details", ["W2"])


def test_sweatproof_asks_about_the_water_rating() -> None:
    from assistant.planner import slots

    assert slots.asked_attributes(["sweatproof"], {"water": "IPX5", "color": "White"}) == ["water"]


def test_which_of_those_has_the_better_reviews_picks_by_rating() -> None:
    feeders = "Garden > Bird Feeders"
    state = _shown(
        {"product_id": "F1", "title": "Gardenly Bird Feeder", "category": feeders, "rating": 4.5},
        {"product_id": "F2", "title": "Greenthumb Bird Feeder", "category": feeders, "rating": 3.9},
    )
    for message in ("hmm which of those has the better reviews", "which one has the best reviews"):
        state.message = message
        assert (classify(state).kind, classify(state).product_ids) == ("details", ["F1"])


def test_is_it_full_size_asks_the_product_in_focus_not_the_one_titled_full_size() -> None:
    keyboards = "Electronics > Keyboards"
    state = _shown(
        {"product_id": "B1", "title": "Nexbyte K5 Keyboard, Full Size", "category": keyboards,
         "attributes": {"layout": "Full Size"}},
        {"product_id": "B2", "title": "Nexbyte K3 Keyboard, 75%", "category": keyboards,
         "attributes": {"layout": "75%"}},
    )  # fmt: skip
    state.focus, state.focused = state.products[1], [state.products[1]]
    state.message = "is it full size or smaller"
    assert classify(state).product_ids == ["B2"]
    state.message = "what about the full size one"  # singled out: that one
    assert classify(state).product_ids == ["B1"]


def test_a_size_letter_right_after_a_colour_is_its_size() -> None:
    from assistant.planner import slots

    assert slots.size("burgundy M?") == "M"
    assert slots.size("red L please") is None  # a capital letter mid-sentence is no size


def test_same_size_is_the_size_asked_last() -> None:
    from assistant.planner.state import PastTurn

    state = _shown(*BOOTS)
    state.focus, state.focused = state.products[0], [state.products[0]]
    state.history = [PastTurn("the trailhawk ones in orange, size 11?", [])]
    state.message = "teal then, same size"
    intent = classify(state)
    assert (intent.product_ids, intent.colour, intent.size) == (["W1"], "teal", "11")


@pytest.mark.parametrize("message", ["any navy ones?", "navy ones?", "got any navy ones"])
def test_colour_ones_after_a_list_asks_for_more_not_the_one_listed_in_it(message) -> None:
    state = _shown(*BOOTS)
    state.classifier = sure("refine")
    state.message = message
    assert classify(state).kind == "refine"


def test_a_number_after_a_colour_is_a_size_only_where_the_request_ends() -> None:
    from assistant.planner import slots

    assert slots.size("navy 10.5 in stock?") == "10.5"
    assert slots.size("black 4 slice toaster") is None
