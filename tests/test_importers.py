"""Importers: Amazon Reviews 2023 and mapped CSV files become shop directories that ingest loads."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from retrieval.importers import import_amazon2023, import_csv, parse_mapping, plan_csv
from retrieval.ingest import ingest_shop

os.environ["HF_HUB_OFFLINE"] = "1"

TS = 1588687728923  # 2020-05-05T14:08:48.923Z


def _meta(asin: str, **fields: Any) -> dict[str, Any]:
    row = {
        "main_category": "All Beauty",
        "title": f"Product {asin}",
        "average_rating": 4.5,
        "rating_number": 12,
        "features": ["Gentle", "  ", "Vegan"],
        "description": ["A daily cleanser.", "Made in Spain."],
        "price": 9.99,
        "images": [
            {"thumb": "https://img/t.jpg", "large": f"https://img/{asin}.jpg", "variant": "MAIN"}
        ],
        "videos": [],
        "store": "Yes To",
        "categories": ["Beauty", "Skin Care"],
        "details": {"Item Form": "Powder", "Best Sellers Rank": {"Beauty": 12}, "Units": 3},
        "parent_asin": asin,
        "bought_together": None,
    }
    return row | fields


def _review(asin: str, user: str, **fields: Any) -> dict[str, Any]:
    row = {
        "rating": 5.0,
        "title": "Lovely",
        "text": "Works well on dry skin.",
        "images": [],
        "asin": asin + "-V",
        "parent_asin": asin,
        "user_id": user,
        "timestamp": TS,
        "helpful_vote": 2,
        "verified_purchase": True,
    }
    return row | fields


def _jsonl(path: Path, rows: list[Any], gz: bool = False) -> Path:
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _amazon_files(tmp_path: Path) -> tuple[Path, Path]:
    meta = _jsonl(
        tmp_path / "meta_All_Beauty.jsonl.gz",
        [
            _meta("B001"),
            _meta("B002", price=None),  # skipped unless --default-price
            _meta("B003", price="None", categories=[], description=[], store=None),
            "{not json",
            _meta("B004", categories=[], main_category=None, price="$1,299.00", subtitle="x"),
        ],
        gz=True,
    )
    reviews = _jsonl(
        tmp_path / "All_Beauty.jsonl",
        [
            _review("B001", "U1"),
            _review("B001", "U2", rating=2.0, text="", title="Too oily"),
            _review("B002", "U1"),  # its product was skipped (no price)
            _review("B999", "U1"),  # not in the meta file
            _review("B004", "U3", rating=4.5),  # not a whole star rating
            _review("B001", "U1"),  # same id as line 1
        ],
    )
    return meta, reviews


def test_amazon2023_converts_meta_and_reviews(tmp_path: Path) -> None:
    meta, reviews = _amazon_files(tmp_path)
    report = import_amazon2023(meta, reviews, tmp_path / "shop")

    products = {p["product_id"]: p for p in _rows(tmp_path / "shop" / "products.jsonl")}
    assert list(products) == ["B001", "B004"]
    first = products["B001"]
    assert first["category"] == "Beauty > Skin Care"
    assert first["description"] == "A daily cleanser. Made in Spain."
    assert first["features"] == ["Gentle", "Vegan"]
    assert first["attributes"] == {
        "Item Form": "Powder",
        "Best Sellers Rank": '{"Beauty": 12}',
        "Units": "3",
    }
    assert first["brand"] == "Yes To" and first["price"] == 9.99
    assert first["image_url"] == "https://img/B001.jpg"
    assert (first["rating"], first["rating_count"]) == (4.5, 12)
    assert first["main_category"] == "All Beauty" and first["videos"] == []  # kept as extra
    assert "bought_together" not in first  # null
    fourth = products["B004"]
    assert fourth["category"] == "All Beauty"  # from the file name
    assert fourth["price"] == 1299.0 and fourth["subtitle"] == "x"

    written = _rows(tmp_path / "shop" / "reviews.jsonl")
    assert [r["review_id"] for r in written] == [f"B001-U1-{TS}", f"B001-U2-{TS}"]
    assert written[0]["rating"] == 5 and written[0]["customer_id"] == "U1"
    assert written[0]["created_at"].startswith("2020-05-05T14:08:48.923")
    assert written[0]["verified_purchase"] is True
    assert written[0]["asin"] == "B001-V" and written[0]["helpful_vote"] == 2
    assert written[1]["text"] == "Too oily"  # empty text falls back to the title

    assert report.written == {"products.jsonl": 2, "reviews.jsonl": 2}
    assert report.read == {"meta_All_Beauty.jsonl.gz": 5, "All_Beauty.jsonl": 6}
    assert report.skipped == {"meta_All_Beauty.jsonl.gz": 3, "All_Beauty.jsonl": 4}
    shown = [str(p) for p in report.problems]
    assert shown[0].startswith("meta_All_Beauty.jsonl.gz:2: price: no price (None)")
    assert shown[1].startswith("meta_All_Beauty.jsonl.gz:3: price: no price ('None')")
    assert shown[2].startswith("meta_All_Beauty.jsonl.gz:4: row: invalid JSON")
    assert "All_Beauty.jsonl:3: product_id: product 'B002' was not imported (meta line 2)" in shown
    assert "All_Beauty.jsonl:4: product_id: unknown product 'B999'" in shown
    assert any(s.startswith("All_Beauty.jsonl:5: rating:") for s in shown)
    assert any(s.startswith("All_Beauty.jsonl:6: review_id: duplicate id") for s in shown)
    assert report.problems_file is not None
    assert report.problems_file.read_text().splitlines() == shown


def test_amazon2023_output_loads_with_ingest(tmp_path: Path, embedder) -> None:
    meta, reviews = _amazon_files(tmp_path)
    import_amazon2023(meta, reviews, tmp_path / "shop", default_price=0)
    report = ingest_shop(tmp_path / "shop", Settings(home=tmp_path / "home"), embedder=embedder)
    assert report.errors == []
    assert report.totals["products"] == 4 and report.totals["reviews"] == 3


def test_amazon2023_default_price_and_limit(tmp_path: Path) -> None:
    meta, reviews = _amazon_files(tmp_path)
    report = import_amazon2023(meta, reviews, tmp_path / "shop", default_price=0, limit=2)
    products = _rows(tmp_path / "shop" / "products.jsonl")
    assert [(p["product_id"], p["price"]) for p in products] == [("B001", 9.99), ("B002", 0.0)]
    assert products[1]["price_is_default"] is True and "price_is_default" not in products[0]
    assert report.defaulted_prices == 1
    assert report.read["meta_All_Beauty.jsonl.gz"] == 2  # stopped at the limit
    assert report.written["reviews.jsonl"] == 3
    assert report.left_out == 2  # B999 and B004: past the limit, not problems
    assert any("--limit" in note for note in report.notes)


PRODUCTS_CSV = """\
SKU,Name,Category,Price,In Stock,Features,Specs,Colour,Notes
K1,Kettle,Kitchen > Kettles,$1,299.50,yes,Fast|Quiet,"watts:2200|volume:1.7 l",red,
K2,"Toaster
with two slots",Kitchen > Toasters,twelve,no,,,,bad price
K3,Blender,Kitchen,49,maybe,Glass jar; 5 speeds,watts 800,blue,
K4,Mixer,Kitchen,"1,049.00",0,,,green,"said ""great"", twice"
K1,Kettle again,Kitchen,10,1,,,,duplicate
"""
PRODUCT_MAP = {
    "product_id": "SKU",
    "title": "Name",
    "description": "Name",
    "price": "Price",
    "in_stock": "In Stock",
    "features": "Features",
    "attributes": "Specs",
    "attributes.colour": "Colour",
}


def test_csv_products_with_a_mapping(tmp_path: Path) -> None:
    source = tmp_path / "products.csv"
    source.write_text(PRODUCTS_CSV.replace("$1,299.50", '"$1,299.50"'), encoding="utf-8")
    report = import_csv(source, "products", PRODUCT_MAP, tmp_path / "shop")

    rows = _rows(tmp_path / "shop" / "products.jsonl")
    assert [r["product_id"] for r in rows] == ["K1", "K4"]
    kettle, mixer = rows
    assert kettle["price"] == 1299.5 and kettle["in_stock"] is True
    assert kettle["category"] == "Kitchen > Kettles"  # same-named column maps by itself
    assert kettle["features"] == ["Fast", "Quiet"]
    assert kettle["attributes"] == {"watts": "2200", "volume": "1.7 l", "colour": "red"}
    assert mixer["in_stock"] is False and mixer["price"] == 1049.0
    assert mixer["Notes"] == 'said "great", twice'  # unmapped column kept as an extra field
    assert "Notes" not in kettle  # empty cells are left out

    shown = [str(p) for p in report.problems]
    assert "products.csv:3: price: not a number: 'twelve'" in shown  # quoted newline: 3 is right
    assert "products.csv:5: in_stock: not a yes/no value: 'maybe'" in shown
    assert "products.csv:5: attributes: expected key:value, got 'watts 800'" in shown
    assert any(s.startswith("products.csv:7: product_id: duplicate id 'K1'") for s in shown)
    assert report.read == {"products.csv": 5} and report.skipped == {"products.csv": 3}
    assert report.mapping["category"] == "Category"


def test_csv_reviews_customers_and_orders_load_with_ingest(tmp_path: Path, embedder) -> None:
    shop = tmp_path / "shop"
    products = tmp_path / "p.csv"
    products.write_text(PRODUCTS_CSV.replace("$1,299.50", "1299.50"), encoding="utf-8")
    import_csv(products, "products", PRODUCT_MAP, shop)

    reviews = tmp_path / "r.csv"
    reviews.write_text(
        "id;sku;stars;body;date;verified\n"
        "R1;K1;5.0;Boils fast;2024-03-01 10:00:00 +0100;Y\n"
        "R2;K4;4;Strong motor;1709287200;n\n",
        encoding="utf-8",
    )
    mapping = {
        "review_id": "id",
        "product_id": "sku",
        "rating": "stars",
        "text": "body",
        "created_at": "date",
        "verified_purchase": "verified",
    }
    assert import_csv(reviews, "reviews", mapping, shop).written == {"reviews.jsonl": 2}

    customers = tmp_path / "c.csv"
    customers.write_text("customer_id,name,email,zip\nC1,Ada,ada@example.com,02139\n")
    assert import_csv(customers, "customers", {}, shop).written == {"customers.jsonl": 1}
    assert _rows(shop / "customers.jsonl")[0]["zip"] == "02139"

    orders = tmp_path / "o.csv"
    orders.write_text(
        "Order,Customer,Status,Placed,SKU,Item,Qty,Unit price,Carrier\n"
        "O1,C1,Shipped,2024-03-02,K1,Kettle,2,1299.50,UPS\n"
        "O1,C1,Shipped,2024-03-02,K4,Mixer,1,1049.00,UPS\n"
        "O2,C1,delivered,2024-03-03,K1,Kettle,x,1299.50,\n"
        "O3,C1,pending,2024-03-04,K4,Mixer,1,1049.00,\n"
    )
    order_map = {
        "order_id": "Order",
        "customer_id": "Customer",
        "status": "Status",
        "placed_at": "Placed",
        "items.product_id": "SKU",
        "items.title": "Item",
        "items.quantity": "Qty",
        "items.unit_price": "Unit price",
        "shipping.carrier": "Carrier",
    }
    report = import_csv(orders, "orders", order_map, shop)
    assert [str(p) for p in report.problems] == [
        "o.csv:4: items.quantity: not a number: 'x' (order 'O2', lines 4-4 skipped)"
    ]
    written = _rows(shop / "orders.jsonl")
    assert [o["order_id"] for o in written] == ["O1", "O3"]
    assert written[0]["status"] == "shipped" and written[0]["total"] == 3648.0
    assert [i["product_id"] for i in written[0]["items"]] == ["K1", "K4"]
    assert written[0]["shipping"] == {"carrier": "UPS"}

    loaded = ingest_shop(shop, Settings(home=tmp_path / "home"), embedder=embedder)
    assert loaded.errors == []
    assert loaded.totals == {"products": 2, "reviews": 2, "customers": 1, "orders": 2}


def test_csv_mapping_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    header = ["SKU", "Name", "Price"]
    with pytest.raises(ValueError, match="'Nope' .* not in the header"):
        plan_csv(header, "products", {"product_id": "Nope"})
    with pytest.raises(ValueError, match="need .*category, description.*--map"):
        plan_csv(header, "products", {"product_id": "SKU", "title": "Name"})
    with pytest.raises(ValueError, match="'colour' is not a products field"):
        plan_csv(header, "products", {"colour": "Name"})
    with pytest.raises(ValueError, match="unknown kind"):
        plan_csv(header, "widgets", {})
    assert parse_mapping('{"a": 1}') == {"a": "1"}


def test_a_failed_import_leaves_the_old_files(tmp_path: Path) -> None:
    shop = tmp_path / "shop"
    shop.mkdir()
    (shop / "products.jsonl").write_text("old\n")
    source = tmp_path / "p.csv"
    source.write_bytes(
        b"product_id,title,category,description,price\nA,Alpha,Cat,Desc,1\nB,Caf\xe9,Cat,Desc,2\n"
    )
    with pytest.raises(ValueError, match=r"p.csv:3: not utf-8-sig .*--encoding"):
        import_csv(source, "products", {}, shop)
    assert (shop / "products.jsonl").read_text() == "old\n"
    assert sorted(p.name for p in shop.iterdir()) == ["products.jsonl"]
    import_csv(source, "products", {}, shop, encoding="cp1252")
    assert _rows(shop / "products.jsonl")[1]["title"] == "Café"


def test_cli_import_csv_and_amazon(tmp_path: Path) -> None:
    source = tmp_path / "products.csv"
    source.write_text(PRODUCTS_CSV.replace("$1,299.50", "1299.50"), encoding="utf-8")
    maps = [arg for field, column in PRODUCT_MAP.items() for arg in ("--map", f"{field}={column}")]
    out = tmp_path / "shop"
    args = ["import", "csv", str(source), "--kind", "products", *maps, "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "products.csv:3: price: not a number: 'twelve'" in result.output
    assert "3 row(s) skipped" in result.output
    assert f"next: shopassist ingest {out}" in result.output
    assert len(_rows(out / "products.jsonl")) == 2

    bad = CliRunner().invoke(app, [*args[:5], "--map", "product_id", "--out", str(out)])
    assert bad.exit_code == 2 and "expected FIELD=COLUMN" in bad.output

    meta, reviews = _amazon_files(tmp_path)
    args = ["import", "amazon2023", str(meta), str(reviews), "--out", str(out), "--limit", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "products.jsonl: 1 row(s), reviews.jsonl: 2 row(s)" in result.output
    assert "stopped after 1 products (--limit)" in result.output
    assert f"next: shopassist ingest {out}" in result.output
