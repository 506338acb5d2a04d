"""Pydantic models of the import data contract (one per JSONL file)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

OrderStatus = Literal["pending", "processing", "shipped", "delivered", "cancelled", "returned"]
ORDER_STATUSES: tuple[str, ...] = OrderStatus.__args__  # type: ignore[attr-defined]
"""The canonical statuses the assistant reasons with; the source's own word is `source_status`."""
NOTHING_TO_SHIP: tuple[str, ...] = ("pending", "cancelled")
"""Statuses an order may have with no items (created but not yet filled, or never filled)."""
MAX_TEXT = 20_000
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_POSTAL_CODE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|[ -](?=[A-Za-z0-9])){1,11}$")
"""Postal codes of any country: 2-12 letters and digits, single spaces or dashes between
("15265", "SW1A 1AA", "H2X 1Y4", "01310-100", "04571" as a Brazilian CEP prefix)."""


class Row(BaseModel):
    """Base for contract rows: unknown fields are kept and moved into `extra`."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the contract does not name, kept as they came."""
        return dict(self.__pydantic_extra__ or {})

    def core(self) -> dict[str, Any]:
        """The contract fields only, JSON-ready."""
        return self.model_dump(mode="json", exclude=set(self.extra))


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _not_future(value: datetime) -> datetime:
    now = datetime.now(value.tzinfo) if value.tzinfo else datetime.now()
    if value > now:
        raise ValueError("date is in the future")
    return value


class Variant(BaseModel):
    """One purchasable variant of a product (size, colour…)."""

    item_id: str = Field(min_length=1, max_length=64)
    options: dict[str, str] = Field(default_factory=dict)
    price: float = Field(ge=0)
    available: bool = True


class ProductRow(Row):
    """A line of products.jsonl."""

    product_id: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=500)
    brand: str | None = Field(default=None, max_length=200)
    category: str = Field(min_length=1, max_length=500)
    description: str = Field(min_length=1, max_length=MAX_TEXT)
    features: list[str] = Field(default_factory=list, max_length=100)
    attributes: dict[str, str] = Field(default_factory=dict)
    price: float = Field(ge=0)
    currency: str = "USD"
    rating: float | None = Field(default=None, ge=0, le=5)
    rating_count: int | None = Field(default=None, ge=0)
    in_stock: bool = True
    image_url: str | None = Field(default=None, max_length=1000)
    variants: list[Variant] = Field(default_factory=list)

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if not _CURRENCY.match(value):
            raise ValueError("must be an ISO 4217 code such as USD")
        return value

    @field_validator("attributes", mode="before")
    @classmethod
    def _stringify_attributes(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                for k, v in value.items()
            }
        return value


class ReviewRow(Row):
    """A line of reviews.jsonl."""

    review_id: str = Field(min_length=1, max_length=64)
    product_id: str = Field(min_length=1, max_length=64)
    customer_id: str | None = Field(default=None, max_length=64)
    rating: int = Field(ge=1, le=5)
    title: str | None = Field(default=None, max_length=500)
    text: str = Field(max_length=MAX_TEXT)
    created_at: datetime
    verified_purchase: bool | None = None

    _text = field_validator("text")(_non_empty)
    _date = field_validator("created_at")(_not_future)


class CustomerRow(Row):
    """A line of customers.jsonl."""

    customer_id: str = Field(min_length=1, max_length=64)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)
    zip: str | None = Field(default=None, max_length=20)

    @field_validator("zip", mode="before")
    @classmethod
    def _zip_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("zip")
    @classmethod
    def _postal_code(cls, value: str | None) -> str | None:
        if value is not None and not _POSTAL_CODE.match(value):
            raise ValueError(f"{value!r} is not a postal code (letters and digits, 2-12)")
        return value


class OrderItem(BaseModel):
    """One line of an order."""

    product_id: str = Field(min_length=1)
    item_id: str | None = None
    title: str = Field(min_length=1)
    quantity: int = Field(ge=1)
    unit_price: float = Field(ge=0)


class Shipping(BaseModel):
    """Where and how an order travels."""

    model_config = ConfigDict(extra="allow")

    carrier: str | None = None
    tracking_id: str | None = None
    estimated_delivery: str | None = None
    address: str | dict[str, Any] | None = None


class OrderEvent(BaseModel):
    """A step in an order's history."""

    at: datetime
    status: str
    note: str | None = None


class OrderRow(Row):
    """A line of orders.jsonl."""

    order_id: str = Field(min_length=1, max_length=64)
    customer_id: str = Field(min_length=1, max_length=64)
    status: OrderStatus
    source_status: str | None = Field(
        default=None, min_length=1, max_length=40, description="The shop's own word for status"
    )
    placed_at: datetime
    items: list[OrderItem]
    shipping_cost: float | None = Field(default=None, ge=0)
    tax: float | None = Field(default=None, ge=0)
    discount: float | None = Field(default=None, ge=0)
    total: float = Field(ge=0)
    currency: str = "USD"
    shipping: Shipping = Field(default_factory=Shipping)
    events: list[OrderEvent] = Field(default_factory=list)

    _date = field_validator("placed_at")(_not_future)

    @field_validator("items")
    @classmethod
    def _items_unless_nothing_to_ship(cls, value: list[OrderItem], info: ValidationInfo) -> Any:
        status = info.data.get("status")
        if not value and status is not None and status not in NOTHING_TO_SHIP:
            raise ValueError(f"a {status} order needs at least one item")
        return value

    @field_validator("total")
    @classmethod
    def _total_matches_parts(cls, value: float, info: ValidationInfo) -> float:
        """total = items + shipping + tax - discount, for the parts the source gives."""
        items = info.data.get("items")
        if items is None:
            return value
        parts = [("items", round(sum(i.quantity * i.unit_price for i in items), 2))]
        for name in ("shipping_cost", "tax", "discount"):
            amount = info.data.get(name)
            if amount is not None:
                parts.append((name, -amount if name == "discount" else amount))
        expected = round(sum(amount for _, amount in parts), 2)
        if abs(expected - value) > 0.011:
            if len(parts) == 1:
                raise ValueError(f"{value} does not equal the sum of the items ({expected})")
            shown = " + ".join(f"{name} {amount:g}" for name, amount in parts)
            raise ValueError(f"{value} does not equal {shown} = {expected}")
        return value


ROW_MODELS: dict[str, type[Row]] = {
    "products": ProductRow,
    "reviews": ReviewRow,
    "customers": CustomerRow,
    "orders": OrderRow,
}
ID_FIELDS: dict[str, str] = {
    "products": "product_id",
    "reviews": "review_id",
    "customers": "customer_id",
    "orders": "order_id",
}
