"""Filters parsed from shoppers' words."""

from __future__ import annotations

import pytest

from retrieval.query_parser import parse_query

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
            {"max_price": 600, "category": "Appliances > Major Appliances > Dishwashers"},
        ),
        ("office chair under $400 in stock", "office chair", {"max_price": 400, "in_stock": True}),
        ("yoga mat between $20 and $50", "yoga mat", {"min_price": 20, "max_price": 50}),
        ("blender $30-$60", "blender", {"min_price": 30, "max_price": 60}),
        ("headphones 4+ stars", "headphones", {"min_rating": 4}),
        ("rated 4 or higher coffee maker", "coffee maker", {"min_rating": 4}),
        ("65 inch tv under 900", "65 inch tv", {"max_price": 900}),
        ("10 lbs dumbbells under 50", "10 lbs dumbbells", {"max_price": 50}),
        ("laptop over 1,200 dollars", "laptop", {"min_price": 1200}),
        ("gift for a runner", "gift for a runner", {}),
    ],
)
def test_filters_are_parsed_and_removed_from_the_text(query, text, filters) -> None:
    parsed = parse_query(query, CATEGORIES)
    assert parsed.text == text
    assert parsed.filters.model_dump(exclude_none=True) == filters
