"""Constraints read from a shop's own vocabulary, and honest search results, on a small shop."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.agent import Agent
from assistant.events import FinalReply
from assistant.planner.model import OfflinePlanner
from assistant.runtime import open_shop
from assistant.sessions import SessionStore
from retrieval.query_parser import SearchFilters
from tests.conftest import ingested
from tests.shops import product
from tests.shops import with_attributes as _p
from tests.talk import ids, search
from tools.context import Shop

TENTS = "Sports & Outdoors > Camping > Tents"
HEATERS = "Appliances > Heating > Space Heaters"
HEADPHONES = "Electronics > Audio > Headphones"
SHOES = "Shoes > Athletic Shoes > Running Shoes"
SKILLETS = "Home & Kitchen > Cookware > Skillets"
POTS = "Home & Kitchen > Cookware > Stock Pots"
SUNSCREEN = "Beauty & Personal Care > Skin Care > Sunscreen"


def constraint_shop() -> dict[str, list[dict[str, Any]]]:
    """Products whose attributes carry units, yes/no features and gendered values."""
    return {
        "products": [
            _p("T1", "Summit Forge Family Camping Tent", 349.0, TENTS, people="6-Person"),
            _p("T2", "Cairn Backpacking Tent", 199.0, TENTS, people="2-Person"),
            {
                **_p("T3", "Trailhawk Dome Camping Tent", 179.0, TENTS, people="4-Person"),
                "in_stock": False,
            },
            _p("H1", "Purewind Ceramic Heater", 76.0, HEATERS, watts="1,500 W", noise="35 dB"),
            _p("H2", "Aeris Mini Heater", 39.0, HEATERS, watts="750 W", noise="45 dB"),
            _p("H3", "Silvane Oil Radiator", 119.0, HEATERS, watts="1,200 W", noise="0 dB"),
            _p("E1", "Norvik Wireless Headphones", 163.0, HEADPHONES, noise_cancelling="Yes"),
            _p("E2", "Quillon Studio Headphones", 90.0, HEADPHONES, noise_cancelling="No"),
            _p("E3", "Sonara Bluetooth Headphones", 56.0, HEADPHONES, noise_cancelling="No"),
            _p("S1", "Stride Tempo Running Shoes", 105.0, SHOES, gender="Women's"),
            _p("S2", "Stride Pace Running Shoes", 99.0, SHOES, gender="Men's"),
            _p("K1", "Verano Cast Iron Skillet", 44.0, SKILLETS, size="12 in"),
            _p("K2", "Verano Small Cast Iron Skillet", 30.0, SKILLETS, size="10 in"),
            _p("K3", "Hearth Stock Pot", 12.0, POTS, capacity="12 L"),
            _p("U1", "Dewy Face Sunscreen SPF 50", 34.0, SUNSCREEN, spf="50"),
            _p("U2", "Clearwater Face Sunscreen SPF 30", 27.0, SUNSCREEN, spf="30"),
        ]
    }


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    settings = ingested(tmp_path_factory, "constraints", embedder, **constraint_shop())
    return open_shop(settings)


def reply(shop: Shop, message: str) -> str:
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    events = list(agent.turn(agent.new_session(), message))
    final = events[-1]
    assert isinstance(final, FinalReply)
    return final.text


def test_a_tent_for_6_people_is_a_capacity_not_a_price(shop: Shop) -> None:
    result = search(shop, "a tent for 6 people")
    assert ids(result) == {"T1"}
    assert "min_price" not in result["filters"] and "max_price" not in result["filters"]
    assert result["only"] == 1
    assert "I found only 1 product" in reply(shop, "a tent for 6 people")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a 2 or 3 person tent", {"T2"}),
        ("tent for 4 or more people", {"T1", "T3"}),
        ("a tent that sleeps 4 or more", {"T1", "T3"}),
    ],
)
def test_a_range_or_a_floor_of_people_said_in_words(shop: Shop, query, expected) -> None:
    assert ids(search(shop, query)) == expected


def test_the_ranking_puts_near_misses_after_the_matches_and_flags_them(shop: Shop) -> None:
    hits = shop.searcher.search("a tent for 6 people", k=3).hits
    assert [(h.product_id, h.matched) for h in hits][0] == ("T1", True)
    assert {h.product_id for h in hits[1:]} == {"T2", "T3"}  # the other tents, not a kettle
    assert not any(h.matched for h in hits[1:])
    explicit = SearchFilters(max_price=200.0)
    hits = shop.searcher.search("a tent for 6 people", k=3, filters=explicit).hits
    assert all(h.price <= 200.0 for h in hits)  # a limit given outright is never loosened


def test_at_least_1000_w_keeps_the_powerful_heaters(shop: Shop) -> None:
    assert ids(search(shop, "space heater with at least 1000 W")) == {"H1", "H3"}


def test_under_30_db_is_a_noise_limit_and_only_one_matches(shop: Shop) -> None:
    result = search(shop, "space heater under 30 dB")
    assert ids(result) == {"H3"}
    assert "max_price" not in result["filters"]
    assert result["only"] == 1


def test_a_numeric_attribute_without_a_unit_is_a_limit_the_search_applies(shop: Shop) -> None:
    result = search(shop, "sunscreen, spf 40 or higher")
    assert ids(result) == {"U1"} and result["only"] == 1
    assert any("spf" in applied for applied in result["applied"])
    assert ids(search(shop, "sunscreen spf 30")) == {"U2"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wireless headphones", {"E1", "E3"}),  # "Bluetooth" is wireless (synonyms data file)
        ("noise cancelling headphones", {"E1"}),  # a yes/no attribute
        ("women's running shoes", {"S1"}),
    ],
)
def test_feature_words_of_the_catalog_are_constraints(shop: Shop, query, expected) -> None:
    result = search(shop, query)
    assert ids(result) == expected
    assert result["filters"]["terms"]


def test_a_number_with_a_unit_is_not_a_price_and_inches_are_not_litres(shop: Shop) -> None:
    result = search(shop, "12 inch skillet")
    assert ids(result) == {"K1"}
    assert not {"min_price", "max_price"} & set(result["filters"])


def test_a_limit_no_product_of_the_kind_lists_is_reported_not_silently_dropped(shop) -> None:
    result = search(shop, "tent with at least 1000 W")
    assert ids(result) == {"T1", "T2", "T3"}
    assert [(n["constraint"], n["reason"]) for n in result["not_applied"]] == [
        ("at least 1000 W", "not_listed")
    ]
    assert 'None of our Tents lists "at least 1000 W"' in reply(shop, "tent with at least 1000 W")


def test_a_product_type_the_shop_does_not_sell_is_answered_honestly(shop: Shop) -> None:
    result = search(shop, "kayak paddle")
    assert result["carried"] is False and result["products"] == []
    assert result["nearest_categories"]
    text = reply(shop, "do you have a kayak paddle?")
    assert "we don't carry" in text and "P" not in text.split("carry")[1].split()[0]


def test_a_number_with_its_unit_is_a_measure_not_a_product_type_the_shop_lacks(shop: Shop) -> None:
    result = search(shop, "12in skillet")
    assert result["carried"] is True and "K1" in ids(result)


def test_a_named_product_out_of_stock_is_reported_with_alternatives(shop: Shop) -> None:
    result = search(shop, "Trailhawk Dome Camping Tent", in_stock=True)
    assert result["named_out_of_stock"]["product_id"] == "T3"
    assert "T3" not in ids(result) and ids(result)
    text = reply(shop, "is the Trailhawk Dome Camping Tent in stock?")
    assert "Trailhawk Dome Camping Tent (T3) is out of stock" in text


def test_a_currency_the_shop_does_not_sell_in_is_not_converted(shop: Shop) -> None:
    result = search(shop, "camping tent under £300")
    assert ids(result) == {"T1", "T2", "T3"}  # T1 costs $349: no silent 1:1 "conversion"
    assert result["not_applied"][0]["reason"] == "currency"
    text = reply(shop, "camping tent under £300")
    assert "Our prices are in USD" in text and "GBP" in text


def euro_shop() -> dict[str, list[dict[str, Any]]]:
    socks = "Apparel > Socks > Running Socks"
    return {
        "products": [
            {**product("X1", "Laufsocken Merino", 12.5, socks), "currency": "EUR", "rating": 4.6},
            {**product("X2", "Laufsocken Kompression", 39.0, socks), "currency": "EUR"},
            {**product("X3", "Laufsocken Premium", 45.0, socks), "currency": "EUR", "rating": 4.4},
        ]
    }


@pytest.fixture(scope="module")
def euro(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    settings = ingested(tmp_path_factory, "euro", embedder, **euro_shop())
    return open_shop(settings)


def test_under_40_euros_on_a_euro_shop_and_prices_in_euros(euro: Shop) -> None:
    result = search(euro, "running socks under €40")
    assert ids(result) == {"X1", "X2"} and result["filters"]["max_price"] == 40
    assert ids(search(euro, "running socks under 38,50 €")) == {"X1"}  # a decimal comma
    text = reply(euro, "running socks under €40")
    assert "€12.50" in text and "€39.00" in text and "$" not in text


def test_4_comma_5_stars_is_four_and_a_half(euro: Shop) -> None:
    result = search(euro, "running socks 4,5 stars")
    assert result["filters"]["min_rating"] == 4.5
    assert ids(result) == {"X1"}
