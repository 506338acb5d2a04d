"""The intent of a message: what to do this turn and the slots it needs (typed, never text
re-parsed later)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Intent:
    """What to do this turn and the slots it needs."""

    kind: str
    query: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    products: list[dict[str, Any]] = field(default_factory=list)
    aspect: str | None = None
    colour: str | None = None
    size: str | None = None
    ask: str | None = None
    order_ids: list[str] = field(default_factory=list)
    status: str | None = None
    open_only: bool = False
    pick: str | None = None
    customer_id: str | None = None
    month: int | None = None
    items: str | None = None
    asked: list[str] = field(default_factory=list)
    """The content words of a question about a product's attributes ("how long does the battery
    go"), matched against the attributes its details list."""
    email: str | None = None
    zip: str | None = None
    topic: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def product_ids(self) -> list[str]:
        """The ids of the products this intent is about."""
        return [str(p["product_id"]) for p in self.products if p.get("product_id")]
