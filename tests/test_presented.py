"""Which products a reply presents: named by id or whole title, in the reply's order."""

from __future__ import annotations

from assistant.presented import presented_products

SEARCH = {
    "query": "shoes",
    "products": [
        {"product_id": "P1", "title": "Road Running Shoes", "price": 139.0},
        {"product_id": "P2", "title": "Road Running Shoes Pro", "price": 189.0},
        {"product_id": "P3", "title": "Trail Running Shoes", "price": 79.99},
    ],
}
DETAILS = {"product_id": "P9", "title": "Quiet Dishwasher 44 dBA", "price": 549.0}


def test_ids_named_in_the_reply_in_its_order() -> None:
    reply = "Here you go:\n1. Trail Running Shoes (P3) — $79.99\n2. Road Running Shoes (P1) — $139"
    assert presented_products(reply, [SEARCH]) == ["P3", "P1"]


def test_a_title_without_its_id_counts_and_a_title_inside_a_longer_one_does_not() -> None:
    reply = "The road running shoes pro are the lighter pick; the Quiet Dishwasher 44 dBA too."
    assert presented_products(reply, [SEARCH, DETAILS]) == ["P2", "P9"]


def test_products_the_tools_returned_but_the_reply_leaves_out_are_not_presented() -> None:
    assert presented_products("I found nothing under $50.", [SEARCH]) == []
    assert presented_products("P12 and XP1 are not P1-ish", [SEARCH]) == []


def test_only_product_results_count() -> None:
    order = {"order_id": "O-1", "items": [{"product_id": "P1", "title": "Road Running Shoes"}]}
    assert presented_products("Order O-1 holds Road Running Shoes (P1).", [order]) == []
