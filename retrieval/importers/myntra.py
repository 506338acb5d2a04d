"""Myntra's product catalog (an Indian fashion retailer, prices in INR) → products.jsonl.

Myntra has no category column: the kind of item ends its name ("… Slim Fit Casual Shirt"), so a
product's category is its gender and the name's last word before any "with …" ("Men > Shirt").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from retrieval.importers.common import ImportReport, SkipRow, parse_number
from retrieval.importers.csv_source import import_catalog
from retrieval.importers.registry import register

CURRENCY = "INR"
NAMES = ("myntra_products_catalog.csv",)
REQUIRED = ("Product_ID", "Product_Name", "Price")


def item_kind(name: str) -> str | None:
    """The kind of item a Myntra name ends with: "Jeans", "Bag"; None for an empty name."""
    head = re.split(r"\s+with\s+", name, maxsplit=1, flags=re.I)[0]
    words = re.findall(r"[A-Za-z][\w-]*", head)
    return words[-1].capitalize() if words else None


def myntra_product(row: dict[str, str]) -> dict[str, Any]:
    """One catalog row as a products.jsonl row."""
    title = row["Product_Name"]
    try:
        price = parse_number(row["Price"])
    except ValueError as exc:
        raise SkipRow("Price", str(exc)) from None
    if price is None:
        raise SkipRow("Price", "missing")
    gender, kind = row.get("Gender") or None, item_kind(title)
    category = " > ".join(part for part in (gender, kind) if part) or "Other"
    attributes = {
        name: value
        for name, value in (
            ("gender", gender),
            ("colour", row.get("Primary_Color") or None),
            ("images", row.get("Num_Images") or None),
        )
        if value
    }
    return {
        "product_id": row["Product_ID"],
        "title": title,
        "brand": row.get("Product_Brand") or None,
        "category": category,
        "description": row.get("Description") or title,
        "attributes": attributes,
        "price": price,
        "currency": CURRENCY,
    }


@register("myntra", "Myntra's product catalog CSV (INR) into a shop's products.")
def import_myntra(src: Path, out_dir: Path, show_progress: bool = False) -> ImportReport:
    """Convert `myntra_products_catalog.csv` (or a folder holding it)."""
    return import_catalog(src, out_dir, "myntra", NAMES, REQUIRED, myntra_product, show_progress)
