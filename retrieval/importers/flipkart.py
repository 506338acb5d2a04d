"""Flipkart's product catalog (prices in INR) → products.jsonl.

The price is what a shopper pays (`discounted_price`; `retail_price` is kept as `list_price`).
The category tree is a Python-list string whose last entry is usually the product itself; a
rating of 0 means "no rating yet" and is left out.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from retrieval.importers.common import ImportReport, SkipRow, parse_number
from retrieval.importers.csv_source import import_catalog
from retrieval.importers.registry import register

CURRENCY = "INR"
NAMES = ("product.csv", "flipkart_com-ecommerce_sample.csv")
REQUIRED = ("pid", "product_name", "product_category_tree", "discounted_price", "retail_price")


def _literal(text: str, name: str) -> Any:
    """A Python/JSON literal cell (lists and dicts); None when empty."""
    if not text:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise SkipRow(name, f"not a list: {text[:60]!r}") from None


def category_path(tree: Any, title: str) -> str:
    """The tree joined with " > ", without a last entry that names the product itself."""
    parts = [" ".join(str(p).split()) for p in (tree if isinstance(tree, list) else [tree])]
    parts = [p for p in parts if p]
    if len(parts) > 1 and parts[-1].lower().startswith(title.lower()[:20]):
        parts = parts[:-1]
    return " > ".join(parts) or "Other"


def _specifications(value: Any) -> dict[str, str]:
    """`[{'key': 'Color', 'value': 'Red'}, …]` as attributes (entries without a key skipped)."""
    items = value.get("product_specification") if isinstance(value, dict) else value
    if isinstance(items, dict):
        items = [items]
    return {
        str(item["key"]): str(item["value"])
        for item in items or []
        if isinstance(item, dict) and item.get("key") and item.get("value") is not None
    }


def _amount(row: dict[str, str], name: str) -> float | None:
    try:
        return parse_number(row.get(name))
    except ValueError as exc:
        raise SkipRow(name, str(exc)) from None


def flipkart_product(row: dict[str, str]) -> dict[str, Any]:
    """One catalog row as a products.jsonl row."""
    title = row["product_name"]
    price, list_price = _amount(row, "discounted_price"), _amount(row, "retail_price")
    if price is None:
        price = list_price
    if price is None:
        raise SkipRow("discounted_price", "missing (and no retail_price)")
    rating = _amount(row, "product_rating")
    images = _literal(row.get("image", ""), "image")
    data = {
        "product_id": row["pid"] or row.get("uniq_id"),
        "title": title,
        "brand": row.get("brand") or None,
        "category": category_path(_literal(row["product_category_tree"], "category"), title),
        "description": row.get("description") or title,
        "attributes": _specifications(
            _literal(row.get("product_specifications", ""), "product_specifications")
        ),
        "price": price,
        "currency": CURRENCY,
        "rating": rating or None,
        "image_url": images[0] if isinstance(images, list) and images else None,
        "list_price": list_price,
        "product_url": row.get("product_url") or None,
    }
    return {key: value for key, value in data.items() if value is not None}


@register("flipkart", "Flipkart's product catalog CSV (INR) into a shop's products.")
def import_flipkart(src: Path, out_dir: Path, show_progress: bool = False) -> ImportReport:
    """Convert Flipkart's `product.csv` (or a folder holding it)."""
    return import_catalog(
        src, out_dir, "flipkart", NAMES, REQUIRED, flipkart_product, show_progress
    )
