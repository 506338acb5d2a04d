"""The Olist importer: a tiny folder written in Olist's CSV format becomes a shop that ingests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from retrieval.importers import IMPORTERS, run_import
from retrieval.importers.olist import import_olist
from retrieval.ingest import ingest_shop

OLIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "olist"
ALICE, BOB = "a" * 32, "b" * 32
ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "order_status",
    "order_purchase_timestamp",
    "order_approved_at",
    "order_delivered_carrier_date",
    "order_delivered_customer_date",
    "order_estimated_delivery_date",
]


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_olist(folder: Path, *, items: list[list[object]] | None = None) -> Path:
    """Five orders of two customers (one of them under two Olist customer_ids)."""
    folder.mkdir(parents=True, exist_ok=True)
    _csv(
        folder / "subset_customers.csv",
        ["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city",
         "customer_state"],
        [["c1", ALICE, "4571", "sao paulo", "SP"], ["c2", ALICE, "13023", "campinas", "SP"],
         ["c3", BOB, "22041", "rio de janeiro", "RJ"]],
    )  # fmt: skip
    _csv(
        folder / "subset_orders.csv",
        ORDER_COLUMNS,
        [["o1", "c1", "delivered", "2017-03-02 10:56:33", "2017-03-02 11:07:15",
          "2017-03-04 19:55:00", "2017-03-10 21:25:13", "2017-03-18 00:00:00"],
         ["o2", "c2", "invoiced", "2017-11-20 09:00:00", "2017-11-20 09:30:00", "", "",
          "2017-12-05 00:00:00"],
         ["o3", "c3", "shipped", "2017-12-01 08:00:00", "2017-12-01 09:00:00",
          "2017-12-03 10:00:00", "", "2017-12-20 00:00:00"],
         ["o4", "c3", "unavailable", "2017-06-01 08:00:00", "2017-06-01 09:00:00", "", "",
          "2017-06-20 00:00:00"],
         ["o5", "c3", "teleported", "2017-07-01 08:00:00", "", "", "", ""]],
    )  # fmt: skip
    _csv(
        folder / "subset_order_items.csv",
        ["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price",
         "freight_value"],
        items
        if items is not None
        else [["o1", 1, "p" * 32, "s1", "2017-03-06 11:07:15", "199.90", "18.14"],
              ["o1", 2, "p" * 32, "s1", "2017-03-06 11:07:15", "199.90", "18.14"],
              ["o2", 1, "q" * 32, "s2", "2017-11-24 09:30:00", "48.90", "16.60"],
              ["o3", 1, "q" * 32, "s2", "2017-12-05 09:00:00", "52.00", "10.00"],
              ["o5", 1, "q" * 32, "s2", "2017-07-05 09:00:00", "52.00", "10.00"]],
    )  # fmt: skip
    _csv(
        folder / "subset_products.csv",
        ["product_id", "product_category_name", "product_name_lenght",
         "product_description_lenght", "product_photos_qty", "product_weight_g",
         "product_length_cm", "product_height_cm", "product_width_cm"],
        [["p" * 32, "relogios_presentes", "40", "287", "1.0", "225.0", "16", "10", "14"],
         ["q" * 32, "cama_mesa_banho", "44", "276", "2", "1000", "30", "18", "20"],
         ["r" * 32, "perfumaria", "44", "276", "2", "1000", "30", "18", "20"]],
    )  # fmt: skip
    _csv(
        folder / "subset_product_category_name_translation.csv",
        ["product_category_name", "product_category_name_english"],
        [["relogios_presentes", "watches_gifts"], ["cama_mesa_banho", "bed_bath_table"]],
    )
    return folder


def _rows(folder: Path, kind: str) -> dict[str, dict]:
    lines = (folder / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()
    key = {"orders": "order_id", "customers": "customer_id", "products": "product_id"}[kind]
    return {row[key]: row for row in map(json.loads, lines)}


def test_olist_orders_keep_freight_status_words_and_dates(tmp_path: Path) -> None:
    out = tmp_path / "shop"
    report = import_olist(write_olist(tmp_path / "olist"), out)
    orders = _rows(out, "orders")
    assert set(orders) == {"o1", "o2", "o3", "o4"}
    o1 = orders["o1"]
    assert o1["customer_id"] == ALICE and o1["currency"] == "BRL"
    assert o1["items"] == [
        {"product_id": "p" * 32, "title": "Watches gifts item pppppp", "quantity": 2,
         "unit_price": 199.9}
    ]  # fmt: skip
    assert o1["shipping_cost"] == 36.28 and o1["total"] == 436.08
    assert [e["note"] for e in o1["events"]] == [
        "Order placed", "Payment approved", "Handed to the carrier", "Delivered to the customer"
    ]  # fmt: skip
    assert o1["placed_at"] == "2017-03-02T10:56:33-03:00"
    assert o1["shipping"]["address"]["zip"] == "04571"
    assert o1["shipping"]["estimated_delivery"] == "2017-03-18"
    assert (orders["o2"]["status"], orders["o2"]["source_status"]) == ("processing", "invoiced")
    assert (orders["o4"]["status"], orders["o4"]["source_status"]) == ("cancelled", "unavailable")
    assert orders["o4"]["items"] == [] and orders["o4"]["total"] == 0
    problems = [str(p) for p in report.problems]
    assert problems == [
        "subset_orders.csv:6: order_status: unknown status 'teleported' (known: created, "
        "approved, invoiced, processing, shipped, delivered, canceled, unavailable)"
    ]


def test_olist_customer_is_the_unique_id_at_the_latest_address(tmp_path: Path) -> None:
    out = tmp_path / "shop"
    import_olist(write_olist(tmp_path / "olist"), out)
    customers = _rows(out, "customers")
    assert set(customers) == {ALICE, BOB}
    alice = customers[ALICE]
    assert alice["zip"] == "13023" and alice["city"] == "campinas"
    assert alice["olist_customer_ids"] == ["c1", "c2"]
    assert "email" not in alice and "name" not in alice
    products = _rows(out, "products")
    assert set(products) == {"p" * 32, "q" * 32}  # the unsold perfume has no price
    assert products["q" * 32]["price"] == 52.0  # its latest sale
    assert products["q" * 32]["category"] == "Bed bath table"


def test_olist_bad_order_line_rejects_its_order_with_file_and_line(tmp_path: Path) -> None:
    items = [
        ["o1", 1, "p" * 32, "s1", "2017-03-06 11:07:15", "199.90", "18.14"],
        ["o1", 2, "p" * 32, "s1", "2017-03-06 11:07:15", "lots", "18.14"],
    ]
    out = tmp_path / "shop"
    report = import_olist(write_olist(tmp_path / "olist", items=items), out)
    problems = [str(p) for p in report.problems]
    assert "subset_order_items.csv:3: price: not a number: 'lots'" in problems
    assert any(p.startswith("subset_orders.csv:2: items: ") for p in problems)
    assert "o1" not in _rows(out, "orders")
    assert report.problems_file is not None and report.problems_file.exists()


def test_import_olist_command_and_ingest(tmp_path: Path, embedder) -> None:
    src, out = write_olist(tmp_path / "olist"), tmp_path / "shop"
    assert "olist" in IMPORTERS
    result = CliRunner().invoke(app, ["import", "olist", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert "orders.jsonl: 4 row(s)" in result.output
    assert "subset_orders.csv:6: order_status" in result.output
    report = ingest_shop(out, Settings(home=tmp_path / "home"), embedder=embedder)
    assert report.totals == {"products": 2, "reviews": 0, "customers": 2, "orders": 4}


def test_unknown_import_format_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown import format 'nope' .*olist"):
        run_import("nope", tmp_path, tmp_path / "out", show_progress=False)


def test_olist_real_folder_imports_every_order() -> None:
    if not OLIST.is_dir():
        pytest.skip("../shared/data/olist is not here")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report = import_olist(OLIST, Path(tmp) / "shop")
    assert report.problem_count == 0
    assert report.written == {
        "products.jsonl": 6123,
        "customers.jsonl": 9920,
        "orders.jsonl": 10000,
    }


def test_olist_import_shows_a_progress_bar_per_file(tmp_path: Path, capsys) -> None:
    import_olist(write_olist(tmp_path / "olist"), tmp_path / "shop", show_progress=True)
    shown = capsys.readouterr().err
    for name in ("subset_customers.csv", "subset_order_items.csv", "subset_orders.csv"):
        assert f"{name}:   0%" in shown
