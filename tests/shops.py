"""Small hand-written shops for tests (the demo shop is used where size matters)."""

from __future__ import annotations

from typing import Any


def product(pid: str, title: str, price: float, category: str, **extra: Any) -> dict[str, Any]:
    """A valid product row."""
    row = {
        "product_id": pid,
        "title": title,
        "brand": "Acme",
        "category": category,
        "description": f"{title}. A dependable choice for everyday use.",
        "features": ["Solid build"],
        "attributes": {"color": "Black"},
        "price": price,
        "rating": 4.0,
        "rating_count": 1,
        "in_stock": True,
    }
    return row | extra


def with_attributes(
    pid: str, title: str, price: float, category: str, **attributes: str
) -> dict[str, Any]:
    """A valid product row whose attributes are these (no features)."""
    return product(pid, title, price, category, attributes=attributes, features=[])


def tiny_shop() -> dict[str, list[dict[str, Any]]]:
    """Four products, three reviews, two customers, two orders."""
    products = [
        product("P1", "Quiet Dishwasher 44 dBA", 549.0, "Appliances > Dishwashers"),
        product("P2", "Budget Portable Dishwasher", 299.0, "Appliances > Dishwashers"),
        product("P3", "Trail Running Shoes", 79.99, "Sports & Outdoors > Running > Running Shoes"),
        product("P4", "Road Running Shoes", 139.0, "Sports & Outdoors > Running > Running Shoes"),
    ]
    reviews = [
        {
            "review_id": "R1",
            "product_id": "P1",
            "rating": 5,
            "text": "Whisper quiet at night.",
            "created_at": "2025-01-02T10:00:00Z",
        },
        {
            "review_id": "R2",
            "product_id": "P3",
            "rating": 4,
            "text": "Great grip on mud.",
            "created_at": "2025-02-02T10:00:00Z",
        },
        {
            "review_id": "R3",
            "product_id": "P4",
            "rating": 2,
            "text": "Sole wore out fast.",
            "created_at": "2025-03-02T10:00:00Z",
        },
    ]
    customers = [
        {"customer_id": "C1", "name": "Ada Shopper", "email": "ada@example.com", "zip": "10001"},
        {"customer_id": "C2", "name": "Bo Buyer", "email": "bo@example.com", "zip": "94110"},
    ]
    orders = [
        {
            "order_id": "O-1",
            "customer_id": "C1",
            "status": "shipped",
            "placed_at": "2025-05-01T09:00:00Z",
            "items": [
                {
                    "product_id": "P1",
                    "title": "Quiet Dishwasher 44 dBA",
                    "quantity": 1,
                    "unit_price": 549.0,
                }
            ],
            "total": 549.0,
            "currency": "USD",
            "shipping": {"carrier": "UPS", "tracking_id": "1Z999AA10123456784"},
        },
        {
            "order_id": "O-2",
            "customer_id": "C2",
            "status": "delivered",
            "placed_at": "2025-04-01T09:00:00Z",
            "items": [
                {
                    "product_id": "P3",
                    "title": "Trail Running Shoes",
                    "quantity": 2,
                    "unit_price": 79.99,
                }
            ],
            "total": 159.98,
            "currency": "USD",
            "shipping": {"carrier": "USPS"},
        },
    ]
    return {"products": products, "reviews": reviews, "customers": customers, "orders": orders}
