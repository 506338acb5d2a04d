"""Which products a reply presents: the turn's product results that the reply names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


def result_products(result: Any) -> Iterator[dict[str, Any]]:
    """The products a tool result describes: the result itself or its `products` list."""
    if not isinstance(result, dict):
        return
    if isinstance(result.get("product_id"), str) and isinstance(result.get("title"), str):
        yield result
    for item in result.get("products") or []:
        if isinstance(item, dict) and isinstance(item.get("product_id"), str):
            yield item


def _first_mention(reply: str, folded: str, product: dict[str, Any]) -> int | None:
    """Where the reply first names the product, by its id or its full title."""
    spots = []
    pid = re.escape(product["product_id"])
    if found := re.search(rf"(?<![\w-]){pid}(?![\w-])", reply):
        spots.append(found.start())
    title = str(product.get("title") or "").strip().casefold()
    if len(title) >= 3 and (at := folded.find(title)) >= 0:
        spots.append(at)
    return min(spots) if spots else None


def presented_products(reply: str, results: list[Any]) -> list[str]:
    """Ids of the products in this turn's tool results that the reply names, in reply order.

    A product is presented when the reply names it by id or by its whole title; a product a
    tool returned but the reply leaves out is not. Longer titles are matched first, so a title
    inside another ("Road Shoes" in "Road Shoes Pro") is not counted twice.
    """
    products: dict[str, dict[str, Any]] = {}
    for result in results:
        for product in result_products(result):
            products.setdefault(product["product_id"], product)
    folded = reply.casefold()
    spots: dict[str, int] = {}
    for pid, product in sorted(products.items(), key=lambda kv: -len(str(kv[1].get("title")))):
        at = _first_mention(reply, folded, product)
        if at is None:
            continue
        spots[pid] = at
        title = str(product.get("title") or "").casefold()
        if len(title) >= 3:  # mask the title so a shorter title inside it is not matched again
            folded = folded.replace(title, "\0" * len(title))
    return sorted(spots, key=lambda pid: spots[pid])
