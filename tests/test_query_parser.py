"""Filters parsed from shoppers' words."""

from __future__ import annotations

import pytest

from retrieval.query_parser import match_category, parse_query


def _unit(dimension: str, op: str, value: float, text: str) -> dict:
    return {"dimension": dimension, "op": op, "value": value, "text": text}


CATEGORIES = [
    "Shoes > Athletic Shoes > Running Shoes",
    "Appliances > Major Appliances > Dishwashers",
]


@pytest.mark.parametrize(
    ("query", "text", "filters"),
    [
        (
            "running shoes under 80",
            "running shoes",
            {"max_price": 80, "category": "Shoes > Athletic Shoes > Running Shoes"},
        ),
        (
            "quiet dishwasher under $600",
            "quiet dishwasher",
            {
                "max_price": 600,
                "currency": "USD",
                "category": "Appliances > Major Appliances > Dishwashers",
            },
        ),
        (
            "office chair under $400 in stock",
            "office chair",
            {"max_price": 400, "currency": "USD", "in_stock": True},
        ),
        (
            "yoga mat between $20 and $50",
            "yoga mat",
            {"min_price": 20, "max_price": 50, "currency": "USD"},
        ),
        ("blender $30-$60", "blender", {"min_price": 30, "max_price": 60, "currency": "USD"}),
        ("blender, nothing over $60", "blender", {"max_price": 60, "currency": "USD"}),
        ("blender not over $60", "blender", {"max_price": 60, "currency": "USD"}),
        ("blender, 60 tops", "blender", {"max_price": 60}),
        ("headphones 4+ stars", "headphones", {"min_rating": 4}),
        ("rated 4 or higher coffee maker", "coffee maker", {"min_rating": 4}),
        (
            "65 inch tv under 900",
            "65 inch tv",
            {"max_price": 900, "units": [_unit("length", "about", 165.1, "65 inch")]},
        ),
        (
            "10 lbs dumbbells under 50",
            "10 lbs dumbbells",
            {"max_price": 50, "units": [_unit("weight", "about", 4536.0, "10 lbs")]},
        ),
        ("laptop over 1,200 dollars", "laptop", {"min_price": 1200, "currency": "USD"}),
        ("a watch over 250, the good stuff", "a watch , the good stuff", {"min_price": 250}),
        ("gift for a runner", "gift for a runner", {}),
    ],
)
def test_filters_are_parsed_and_removed_from_the_text(query, text, filters) -> None:
    parsed = parse_query(query, CATEGORIES)
    assert parsed.text == text
    assert parsed.filters.model_dump(exclude_none=True) == filters


@pytest.mark.parametrize(
    ("query", "units"),
    [
        ("a tent for 6 people", [("people", "fits", 6.0)]),
        ("heater with at least 1000 W", [("power", "min", 1000.0)]),
        ("fan under 30 dB", [("sound", "max", 30.0)]),
        ("44 dBA or quieter dishwasher", [("sound", "max", 44.0)]),
        ("stand mixer bigger than 5 quarts", [("volume", "min", 5 * 0.946)]),
        ("board game for 2-4 players", [("players", "between", 2.0)]),
        ("a seventy centimeter mirror", [("length", "about", 70.0)]),
        ("building set with 1000+ pieces", [("pieces", "min", 1000.0)]),
    ],
)
def test_numbers_with_units_are_limits_never_prices(query: str, units: list) -> None:
    filters = parse_query(query).filters
    assert filters.min_price is None and filters.max_price is None
    assert [(u.dimension, u.op, pytest.approx(u.value)) for u in filters.units or []] == units


def test_a_price_next_to_a_unit_limit_is_still_a_price() -> None:
    filters = parse_query("tent for 6 people under 300").filters
    assert filters.max_price == 300 and filters.units and filters.units[0].dimension == "people"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("socks under €40", {"max_price": 40, "currency": "EUR"}),
        ("kurta under Rs. 500", {"max_price": 500, "currency": "INR"}),
        ("sandals under R$ 89,90", {"max_price": 89.9, "currency": "BRL"}),
        ("lamp under 40 bucks", {"max_price": 40, "currency": "USD"}),
        ("earbuds 4,5 stars", {"min_rating": 4.5}),
    ],
)
def test_money_in_any_currency_and_a_decimal_comma(query: str, expected: dict) -> None:
    assert parse_query(query).filters.model_dump(exclude_none=True) == expected


@pytest.mark.parametrize(
    ("query", "max_price"),
    [
        ("cheap air fryer, under seventy five dollars", 75.0),
        ("headphones under a hundred bucks", 100.0),
        ("a blender for less than two hundred and fifty dollars", 250.0),
    ],
)
def test_prices_written_in_words_are_price_limits(query: str, max_price: float) -> None:
    assert parse_query(query).filters.max_price == max_price


def test_the_word_one_alone_stays_a_word() -> None:
    assert "one" in parse_query("the one with a timer").text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("hoodie made of organic cotton", "Apparel > Tops > Hoodies"),
        ("a chef knife under 60", "Home & Kitchen > Cutlery > Chef's Knives"),
        ("ereader with 16gb of storage", "Electronics > Tablets > E-Readers"),
        ("spare battery", "Electronics > Power > Batteries"),
    ],
)
def test_a_category_is_named_in_the_singular_and_without_hyphens(text: str, category: str) -> None:
    categories = [
        "Apparel > Tops > Hoodies",
        "Home & Kitchen > Cutlery > Chef's Knives",
        "Electronics > Tablets > E-Readers",
        "Electronics > Power > Batteries",
    ]
    assert match_category(text, categories) == category


def test_a_number_of_a_named_measure_is_a_limit_and_never_a_price() -> None:
    filters = parse_query("under $50, spf of at least 40", measures=("spf",)).filters
    assert filters.max_price == 50 and filters.min_price is None
    assert [(u.dimension, u.op, u.value) for u in filters.units or []] == [("spf", "min", 40.0)]
    filters = parse_query("a novel with at least 300 pages", measures=("page",)).filters
    assert filters.min_price is None
    assert [(u.dimension, u.op, u.value) for u in filters.units or []] == [("page", "min", 300.0)]


def test_over_an_age_is_not_a_price() -> None:
    filters = parse_query("multivitamin for someone over 50").filters
    assert filters.min_price is None and filters.max_price is None
