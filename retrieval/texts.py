"""The text of each row that is embedded and indexed, and its fingerprint."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from retrieval.schema import ProductRow, ReviewRow


def fingerprint(value: Any) -> str:
    """A stable short hash of a JSON-able value or a string."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def product_text(row: ProductRow) -> str:
    """What a product is, in words: title, brand, category, description, features, attributes."""
    parts = [row.title]
    if row.brand:
        parts.append(f"Brand: {row.brand}.")
    parts.append(f"Category: {row.category}.")
    if row.description != row.title:  # a catalog without descriptions repeats the title
        parts.append(row.description)
    if row.features:
        parts.append(" ".join(f"{f.rstrip('.')}." for f in row.features))
    if row.attributes:
        parts.append(" ".join(f"{k.replace('_', ' ')}: {v}." for k, v in row.attributes.items()))
    return " ".join(parts)


def review_text(row: ReviewRow) -> str:
    """A review's title and body."""
    return f"{row.title}. {row.text}" if row.title else row.text


def name_text(row: ProductRow) -> str:
    """What a product is called: its title and brand (the field a known-item query names)."""
    return f"{row.title} {row.brand}" if row.brand else row.title
