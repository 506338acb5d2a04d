"""Orders as real shops keep them: totals with shipping, tax and discounts, the shop's own status
word next to the canonical one, customers without emails, postal codes of any country."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import inspect

from retrieval.db import make_engine
from retrieval.reader import read_shop
from retrieval.schema import CustomerRow, OrderRow
from tests.conftest import write_shop


def _order(**fields: Any) -> dict[str, Any]:
    row = {
        "order_id": "9f1c2e7a4b6d8e0f1a2b3c4d5e6f7a8b",
        "customer_id": "cust-1",
        "status": "shipped",
        "placed_at": "2024-03-05T10:00:00+01:00",
        "items": [{"product_id": "sku-1", "title": "Mug", "quantity": 2, "unit_price": 10.0}],
        "total": 20.0,
        "currency": "EUR",
    }
    return row | fields


def test_total_is_items_plus_shipping_and_tax_minus_discount() -> None:
    row = OrderRow.model_validate(
        _order(shipping_cost=4.99, tax=3.8, discount=5.0, total=23.79, source_status="Versendet")
    )
    assert (row.shipping_cost, row.tax, row.discount, row.total) == (4.99, 3.8, 5.0, 23.79)
    assert (row.status, row.source_status) == ("shipped", "Versendet")


def test_total_that_does_not_add_up_names_every_part() -> None:
    with pytest.raises(ValidationError) as caught:
        OrderRow.model_validate(_order(shipping_cost=4.99, total=20.0))
    error = caught.value.errors()[0]
    assert error["loc"] == ("total",)
    assert "20.0 does not equal items 20 + shipping_cost 4.99 = 24.99" in error["msg"]


def test_status_outside_the_canonical_set_is_refused_even_with_a_source_word() -> None:
    with pytest.raises(ValidationError):
        OrderRow.model_validate(_order(status="invoiced", source_status="invoiced"))


def test_only_orders_with_nothing_to_ship_may_have_no_items() -> None:
    cancelled = OrderRow.model_validate(
        _order(status="cancelled", source_status="unavailable", items=[], total=0)
    )
    assert cancelled.items == []
    with pytest.raises(ValidationError, match="a shipped order needs at least one item"):
        OrderRow.model_validate(_order(items=[], total=0))


@pytest.mark.parametrize("code", ["SW1A 1AA", "H2X 1Y4", "01310-100", "04571", "75008", "100-0001"])
def test_postal_codes_of_any_country(code: str) -> None:
    assert CustomerRow.model_validate({"customer_id": "c", "zip": code}).zip == code


@pytest.mark.parametrize("code", ["not a zip!", "1", "SW1A  1AA", "12345678901234"])
def test_text_that_is_no_postal_code_is_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="is not a postal code"):
        CustomerRow.model_validate({"customer_id": "c", "name": "Ana", "zip": code})


def test_shop_without_emails_or_names_reads_with_file_line_errors(tmp_path: Path) -> None:
    shop = write_shop(
        tmp_path / "shop",
        customers=[{"customer_id": "cust-1", "zip": "22041"}, {"customer_id": "x", "zip": "?!"}],
        orders=[
            _order(shipping_cost=5.0, total=25.0, source_status="em trânsito"),
            _order(order_id="o-2", total=99.0),
        ],
    )
    data = read_shop(shop)
    assert [r.customer_id for r in data.rows["customers"]] == ["cust-1"]
    assert [r.order_id for r in data.rows["orders"]] == ["9f1c2e7a4b6d8e0f1a2b3c4d5e6f7a8b"]
    assert [str(e).split(" is not")[0].split(" does not")[0] for e in data.errors] == [
        "customers.jsonl:2: zip: Value error, '?!'",
        "orders.jsonl:2: total: Value error, 99.0",
    ]


def test_a_state_database_from_before_gains_the_new_order_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE orders (order_id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), "
            "status VARCHAR(20), placed_at DATETIME, items JSON, total FLOAT, currency "
            "VARCHAR(3), shipping JSON, events JSON, extra JSON, content_hash VARCHAR(32))"
        )
    engine = make_engine(f"sqlite:///{path}")
    columns = {c["name"] for c in inspect(engine).get_columns("orders")}
    assert {"source_status", "shipping_cost", "tax", "discount"} <= columns
    engine.dispose()


def test_replies_show_the_shops_own_status_word() -> None:
    from assistant.planner.render import order_lines, order_text

    order = {"order_id": "90861ef1", "status": "processing", "source_status": "invoiced",
             "placed_at": "2017-04-25", "items": [], "total": 0, "currency": "BRL"}  # fmt: skip
    assert "invoiced (processing)" in order_text(order)
    (cancelled,) = order_lines([order | {"status": "cancelled", "source_status": "canceled"}])
    assert "canceled" in cancelled and "cancelled" not in cancelled
    assert "shipped" in order_text(order | {"status": "shipped", "source_status": None})
