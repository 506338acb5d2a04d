"""Olist Brazilian E-Commerce (a real marketplace's orders) → products, customers and orders.

The customer is `customer_unique_id` (Olist gives each order its own `customer_id`); order lines
carry price and freight, so an order's total is its items plus shipping. Olist products have no
titles or list prices: a product is titled from its English category and a short id, and priced
at its latest sale. Status words are mapped onto the canonical set and kept as `source_status`;
the status dates become the order's events. Olist has no emails or names: customers verify with
an order id and the postal code (CEP prefix) the order went to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from retrieval.importers.common import (
    ImportReport,
    ShopWriter,
    SkipRow,
    Source,
    emit_row,
    parse_number,
)
from retrieval.importers.csv_source import csv_rows, find_file
from retrieval.importers.registry import register

CURRENCY = "BRL"
COUNTRY = "BR"
TIMEZONE = ZoneInfo("America/Sao_Paulo")
"""Olist's timestamps are local time in Brazil."""
FILES: dict[str, tuple[str, ...]] = {
    "orders": ("olist_orders_dataset.csv", "subset_orders.csv"),
    "customers": ("olist_customers_dataset.csv", "subset_customers.csv"),
    "items": ("olist_order_items_dataset.csv", "subset_order_items.csv"),
    "products": ("subset_products.csv", "olist_products_dataset.csv"),
    "categories": (
        "product_category_name_translation.csv",
        "subset_product_category_name_translation.csv",
    ),
}
STATUSES: dict[str, str] = {
    "created": "pending",
    "approved": "processing",
    "invoiced": "processing",
    "processing": "processing",
    "shipped": "shipped",
    "delivered": "delivered",
    "canceled": "cancelled",
    "unavailable": "cancelled",
}
"""Olist's order_status words → the canonical statuses (the word itself is kept)."""
EVENTS: tuple[tuple[str, str, str], ...] = (
    ("order_purchase_timestamp", "pending", "Order placed"),
    ("order_approved_at", "processing", "Payment approved"),
    ("order_delivered_carrier_date", "shipped", "Handed to the carrier"),
    ("order_delivered_customer_date", "delivered", "Delivered to the customer"),
)
_DIMENSIONS = (
    ("product_weight_g", "weight_g", "weight {} g"),
    ("product_length_cm", "length_cm", "length {} cm"),
    ("product_height_cm", "height_cm", "height {} cm"),
    ("product_width_cm", "width_cm", "width {} cm"),
    ("product_photos_qty", "photos", "{} photo(s)"),
)
"""Olist columns → (attribute name, how the description says it)."""


@dataclass
class _Line:
    """One Olist order line (one unit of a product)."""

    product_id: str
    price: float
    freight: float
    sold_at: str
    seller_id: str


@dataclass
class _Buyer:
    """An order's `customer_id` row: who (`customer_unique_id`) and where it went."""

    customer: str
    zip: str | None
    city: str
    state: str
    line: int


@dataclass
class _Customer:
    """A `customer_unique_id` with the orders seen so far (the latest gives the address)."""

    line: int
    ids: list[str] = field(default_factory=list)
    latest: tuple[datetime, _Buyer] | None = None


def _when(text: str, name: str) -> datetime | None:
    """A local Olist timestamp as an aware datetime; None when empty."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)
    except ValueError:
        raise SkipRow(name, f"not a date and time: {text!r}") from None


def _amount(row: dict[str, str], name: str) -> float:
    try:
        value = parse_number(row.get(name))
    except ValueError as exc:
        raise SkipRow(name, str(exc)) from None
    if value is None or value < 0:
        raise SkipRow(name, "missing" if value is None else "negative")
    return value


def postal_code(text: str) -> str | None:
    """A CEP prefix as the 5 digits Brazil writes ("4571" was "04571" before a CSV lost it)."""
    text = text.strip()
    return text.zfill(5) if text.isdigit() else (text or None)


def category_title(name: str) -> str:
    """ "Health beauty" from `health_beauty`."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _path(src: Path, kind: str, required: bool = True) -> Path | None:
    path = find_file(src, FILES[kind])
    if path is None and required:
        raise ValueError(f"{src}: no {' or '.join(FILES[kind])}")
    return path


def _categories(src: Path, out: ShopWriter, progress: bool) -> dict[str, str]:
    path = _path(src, "categories", required=False)
    if path is None:
        out.report.notes.append("no category translation file: Portuguese category names kept")
        return {}
    need = ("product_category_name", "product_category_name_english")
    return {r[need[0]]: r[need[1]] for _, r, _ in csv_rows(path, out, need, progress)}


def _buyers(src: Path, out: ShopWriter, progress: bool) -> dict[str, _Buyer]:
    path = _path(src, "customers")
    need = ("customer_id", "customer_unique_id", "customer_zip_code_prefix")
    buyers: dict[str, _Buyer] = {}
    for line, row, raw in csv_rows(path, out, need, progress):
        if not row["customer_unique_id"] or not row["customer_id"]:
            empty = "customer_id" if not row["customer_id"] else "customer_unique_id"
            out.reject(path.name, line, [(empty, "missing")], raw)
            continue
        zip_code = postal_code(row["customer_zip_code_prefix"])
        city, state = row.get("customer_city", ""), row.get("customer_state", "")
        buyers[row["customer_id"]] = _Buyer(row["customer_unique_id"], zip_code, city, state, line)
    return buyers


def _lines(src: Path, out: ShopWriter, progress: bool) -> tuple[dict[str, list[_Line]], set[str]]:
    """Order lines by order id, and the orders with a line that could not be read."""
    path = _path(src, "items")
    need = ("order_id", "product_id", "price", "freight_value")
    lines: dict[str, list[_Line]] = defaultdict(list)
    broken: set[str] = set()
    for number, row, raw in csv_rows(path, out, need, progress):
        try:
            if not row["product_id"]:
                raise SkipRow("product_id", "missing")
            line = _Line(
                row["product_id"],
                _amount(row, "price"),
                _amount(row, "freight_value"),
                row.get("shipping_limit_date", ""),
                row.get("seller_id", ""),
            )
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            broken.add(row["order_id"])
            continue
        lines[row["order_id"]].append(line)
    return lines, broken


def _product_rows(
    src: Path,
    out: ShopWriter,
    lines: dict[str, list[_Line]],
    categories: dict[str, str],
    progress: bool,
) -> dict[str, str]:
    """Write the products that were sold (priced at their latest sale); their titles by id."""
    latest: dict[str, _Line] = {}
    for order_lines in lines.values():
        for line in order_lines:
            if line.product_id not in latest or line.sold_at > latest[line.product_id].sold_at:
                latest[line.product_id] = line
    path = _path(src, "products")
    titles: dict[str, str] = {}
    seen: dict[str, int] = {}
    unsold = 0
    for number, row, raw in csv_rows(path, out, ("product_id", "product_category_name"), progress):
        sale = latest.get(row["product_id"])
        if sale is None:
            unsold += 1
            continue
        data = _product(row, sale, categories)
        if emit_row(out, "products", data, seen, Source(path.name, number, raw)):
            titles[data["product_id"]] = data["title"]
    if unsold:
        out.report.left_out += unsold
        out.report.notes.append(
            f"{unsold} product(s) never sold in these orders left out (no price)"
        )
    return titles


def _product(row: dict[str, str], sale: _Line, categories: dict[str, str]) -> dict[str, Any]:
    portuguese = row["product_category_name"]
    category = category_title(categories.get(portuguese) or portuguese or "other")
    title = f"{category} item {row['product_id'][:6]}"
    attributes: dict[str, str] = {}
    facts: list[str] = []
    for column, name, phrase in _DIMENSIONS:
        try:
            value = parse_number(row.get(column))
        except ValueError:
            value = None
        if value is not None:
            attributes[name] = f"{value:g}"
            facts.append(phrase.format(attributes[name]))
    if portuguese:
        attributes["category_pt"] = portuguese
    return {
        "product_id": row["product_id"],
        "title": title,
        "category": category,
        "description": f"{title}, {category.lower()}: " + ", ".join(facts) + ".",
        "attributes": attributes,
        "price": sale.price,
        "currency": CURRENCY,
        "price_source": "latest sale",
    }


def _items(lines: list[_Line], titles: dict[str, str]) -> list[dict[str, Any]]:
    """Olist's one-row-per-unit lines as items with quantities."""
    grouped: dict[tuple[str, float], int] = {}
    for line in lines:
        key = (line.product_id, line.price)
        grouped[key] = grouped.get(key, 0) + 1
    return [
        {
            "product_id": product_id,
            "title": titles.get(product_id) or f"Item {product_id[:6]}",
            "quantity": quantity,
            "unit_price": price,
        }
        for (product_id, price), quantity in grouped.items()
    ]


def olist_order(
    row: dict[str, str], buyer: _Buyer, lines: list[_Line], titles: dict[str, str]
) -> dict[str, Any]:
    """One `orders` row (with its customer's row and order lines) as an orders.jsonl row."""
    word = row["order_status"]
    status = STATUSES.get(word.lower())
    if status is None:
        raise SkipRow("order_status", f"unknown status {word!r} (known: {', '.join(STATUSES)})")
    placed_at = _when(row["order_purchase_timestamp"], "order_purchase_timestamp")
    if placed_at is None:
        raise SkipRow("order_purchase_timestamp", "missing")
    events = []
    for column, event_status, note in EVENTS:
        at = _when(row.get(column, ""), column)
        if at is not None:
            events.append({"at": at.isoformat(), "status": event_status, "note": note})
    items_total = round(sum(line.price for line in lines), 2)
    freight = round(sum(line.freight for line in lines), 2)
    estimated = _when(row.get("order_estimated_delivery_date", ""), "estimated_delivery")
    address = {"zip": buyer.zip, "city": buyer.city, "state": buyer.state, "country": COUNTRY}
    shipping: dict[str, Any] = {"address": {k: v for k, v in address.items() if v}}
    if estimated is not None:
        shipping["estimated_delivery"] = estimated.date().isoformat()
    return {
        "order_id": row["order_id"],
        "customer_id": buyer.customer,
        "status": status,
        "source_status": word,
        "placed_at": placed_at.isoformat(),
        "items": _items(lines, titles),
        "shipping_cost": freight,
        "total": round(items_total + freight, 2),
        "currency": CURRENCY,
        "shipping": shipping,
        "events": sorted(events, key=lambda e: e["at"]),
        "olist_customer_id": row["customer_id"],
    }


def _order_rows(
    src: Path,
    out: ShopWriter,
    buyers: dict[str, _Buyer],
    lines: dict[str, list[_Line]],
    broken: set[str],
    titles: dict[str, str],
    progress: bool,
) -> dict[str, _Customer]:
    """Write the orders; the customers they belong to, by `customer_unique_id`."""
    path = _path(src, "orders")
    need = ("order_id", "customer_id", "order_status", "order_purchase_timestamp")
    customers: dict[str, _Customer] = {}
    seen: dict[str, int] = {}
    for number, row, raw in csv_rows(path, out, need, progress):
        at = Source(path.name, number, raw)
        buyer = buyers.get(row["customer_id"])
        if buyer is None:
            problem = ("customer_id", f"unknown customer {row['customer_id']!r}")
            out.reject(path.name, number, [problem], raw)
            continue
        if row["order_id"] in broken:
            problem = ("items", "an order line of this order was rejected (see the items file)")
            out.reject(path.name, number, [problem], raw)
            continue
        try:
            data = olist_order(row, buyer, lines.get(row["order_id"], []), titles)
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            continue
        if not emit_row(out, "orders", data, seen, at):
            continue
        customer = customers.setdefault(buyer.customer, _Customer(buyer.line))
        customer.ids.append(row["customer_id"])
        placed_at = datetime.fromisoformat(data["placed_at"])
        if customer.latest is None or placed_at > customer.latest[0]:
            customer.latest = (placed_at, buyer)
    return customers


def _customer_rows(out: ShopWriter, customers: dict[str, _Customer], file: str) -> None:
    """One customer per `customer_unique_id`, at the address of their latest order."""
    seen: dict[str, int] = {}
    for unique_id, customer in customers.items():
        assert customer.latest is not None
        buyer = customer.latest[1]
        data = {
            "customer_id": unique_id,
            "zip": buyer.zip,
            "city": buyer.city or None,
            "state": buyer.state or None,
            "country": COUNTRY,
            "olist_customer_ids": sorted(set(customer.ids)),
        }
        data = {key: value for key, value in data.items() if value is not None}
        emit_row(out, "customers", data, seen, Source(file, customer.line))


@register("olist", "Olist Brazilian E-Commerce (a folder of its CSV files) into a shop.")
def import_olist(src: Path, out_dir: Path, show_progress: bool = False) -> ImportReport:
    """Convert an Olist folder (orders, customers, order items, products, categories)."""
    report = ImportReport(out_dir=out_dir)
    if not src.is_dir():
        raise ValueError(f"{src}: expected the Olist folder")
    with ShopWriter(out_dir, "olist", ["products", "customers", "orders"], report) as out:
        categories = _categories(src, out, show_progress)
        buyers = _buyers(src, out, show_progress)
        lines, broken = _lines(src, out, show_progress)
        titles = _product_rows(src, out, lines, categories, show_progress)
        customers = _order_rows(src, out, buyers, lines, broken, titles, show_progress)
        customers_file = (_path(src, "customers") or src).name
        _customer_rows(out, customers, customers_file)
    report.notes.append(
        f"{len(customers)} customer(s) by customer_unique_id; "
        "no emails or names: customers verify with an order id and postal code"
    )
    return report
