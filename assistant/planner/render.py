"""Tool results written out as reply text, from the templates in prompts/replies.yaml."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from prompts import load_yaml
from retrieval.money import format_money

_QUOTE_CHARS = 160


def template(path: str) -> Any:
    """A template (or group of them) by dotted name, e.g. "products.line"."""
    node: Any = load_yaml("replies.yaml")
    for part in path.split("."):
        node = node[part]
    return node


def say(path: str, **values: Any) -> str:
    """A template filled in."""
    return str(template(path)).format(**values)


def counted(count: Any, unit: str) -> str:
    """A count with its noun: "1 review", "23 reviews"."""
    one, many = template(f"units.{unit}")
    return f"{count} {one if str(count) == '1' else many}"


def money(amount: Any, currency: Any = "USD") -> str:
    """An amount in its own currency: "$549.00", "€12.50", "₹1,299.00", "CHF 30.00"."""
    return format_money(amount, currency)


def number(value: Any) -> str:
    """A rating or share without rounding away what the data says (4.6, 4.55, 4.0)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:.1f}"
    return text if abs(float(text) - number) < 1e-9 else f"{number:.2f}"


def rating_text(rating: Any, count: Any = None) -> str:
    """A rating as "4.6★", "4.6★ from 23 reviews" or "no ratings yet"."""
    if isinstance(rating, dict):
        rating, count = rating.get("average"), rating.get("count")
    if rating is None:
        return say("products.no_rating")
    if count:
        return say("products.rating_count", rating=number(rating), reviews=counted(count, "review"))
    return say("products.rating", rating=number(rating))


def stock_text(in_stock: Any) -> str:
    """Stock as "in stock" or "out of stock"."""
    return say("products.in_stock" if in_stock else "products.out_of_stock")


def product_lines(products: list[dict[str, Any]], *, reasons: bool = False) -> list[str]:
    """A numbered list: title, id, price, rating and stock of each product."""
    lines = []
    for n, p in enumerate(products, 1):
        line = say(
            "products.line",
            n=n,
            title=p.get("title", ""),
            product_id=p.get("product_id", ""),
            price=money(p.get("price"), p.get("currency")),
            rating=rating_text(p.get("rating"), p.get("rating_count")),
            stock=stock_text(p.get("in_stock")),
        )
        if reasons and p.get("reason"):
            line += say("products.reason", reason=clip(str(p["reason"]), 80))
        lines.append(line)
    return lines


def filters_text(filters: dict[str, Any], currency: str = "USD") -> str:
    """The applied filters as words: " under $50 rated 4★ and up in stock"."""
    parts = []
    low, high = filters.get("min_price"), filters.get("max_price")
    if low is not None and high is not None:
        parts.append(say("filters.between", low=money(low, currency), high=money(high, currency)))
    elif high is not None:
        parts.append(say("filters.max_price", price=money(high, currency)))
    elif low is not None:
        parts.append(say("filters.min_price", price=money(low, currency)))
    if filters.get("min_rating") is not None:
        parts.append(say("filters.min_rating", rating=number(filters["min_rating"])))
    if filters.get("in_stock"):
        parts.append(say("filters.in_stock"))
    if filters.get("category"):
        parts.append(say("filters.category", category=str(filters["category"]).split(" > ")[-1]))
    return "".join(parts)


def search_notes(data: dict[str, Any]) -> list[str]:
    """What a search could not do, said first: a named product out of stock, constraints not
    applied (a currency the shop does not sell in, an attribute the products do not list)."""
    notes = []
    if named := data.get("named_out_of_stock"):
        price = money(named.get("price"), named.get("currency"))
        notes.append(
            say("products.named_out_of_stock", title=named.get("title"),
                product_id=named.get("product_id"), price=price)
        )  # fmt: skip
    shop_currency = str(data.get("currency") or "USD")
    for unmet in data.get("not_applied") or []:
        if unmet.get("reason") == "currency":
            notes.append(
                say("unmet.currency", constraint=unmet.get("constraint"),
                    currency=unmet.get("detail"), shop_currency=shop_currency)
            )  # fmt: skip
        elif unmet.get("detail"):
            notes.append(say("unmet.not_listed", constraint=unmet.get("constraint"),
                             category=unmet.get("detail")))  # fmt: skip
        else:
            notes.append(say("unmet.not_listed_anywhere", constraint=unmet.get("constraint")))
    return list(dict.fromkeys(notes))  # a word unmet both as a feature and as a narrowing: once


def not_carried_text(data: dict[str, Any]) -> str:
    """We don't carry it, and the nearest categories we do carry."""
    what = clip(str(data.get("not_carried") or data.get("query") or ""), 60)
    nearest = [str(c) for c in data.get("nearest_categories") or []]
    if nearest:
        return say("products.not_carried", what=what, categories=listing(nearest))
    return say("products.not_carried_none", what=what)


def clip(text: str, limit: int = _QUOTE_CHARS) -> str:
    """Text on one line, cut at a word boundary."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def first_sentence(text: str) -> str:
    """The first sentence of a description."""
    text = " ".join(str(text or "").split())
    match = re.match(r"(.{20,240}?[.!?])(?:\s|$)", text)
    return match.group(1) if match else clip(text, 200)


def listing(items: list[str]) -> str:
    """Items joined as "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def variant_text(variant: dict[str, Any], currency: Any) -> str:
    """A variant as "Blue / M ($59.99, available)"."""
    options = " / ".join(str(v) for v in (variant.get("options") or {}).values())
    return say(
        "details.variant",
        options=options or variant.get("item_id", ""),
        price=money(variant.get("price"), currency),
        availability=say(
            "details.available" if variant.get("available") else "details.unavailable"
        ),
    )


def status_text(order: dict[str, Any]) -> str:
    """The order's status in the shop's own word, with the canonical one when it means another
    thing ("invoiced (processing)"; "canceled" alone, as it only spells "cancelled" otherwise)."""
    status, own = str(order.get("status") or ""), order.get("source_status")
    if not own or SequenceMatcher(None, str(own).lower(), status).ratio() >= 0.8:
        return str(own or status)
    return f"{own} ({status})"


def order_text(order: dict[str, Any], *, agent: bool = False) -> str:
    """One order: status, items and total, carrier and tracking, estimated delivery."""
    currency = order.get("currency")
    parts = [say("order.status", order_id=order.get("order_id"), status=status_text(order))]
    items = [
        say("order.item", quantity=i.get("quantity", 1), title=i.get("title", i.get("product_id")))
        for i in order.get("items") or []
        if isinstance(i, dict)
    ]
    parts.append(
        say(
            "order.placed",
            placed_at=order.get("placed_at"),
            items=listing(items) or "no items listed",
            total=money(order.get("total"), currency),
        )
    )
    carrier, tracking = order.get("carrier"), order.get("tracking_id")
    if carrier and tracking:
        parts.append(say("order.shipping", carrier=carrier, tracking_id=tracking))
    elif carrier:
        parts.append(say("order.carrier_only", carrier=carrier))
    elif tracking:
        parts.append(say("order.tracking_only", tracking_id=tracking))
    if order.get("estimated_delivery"):
        parts.append(say("order.eta", eta=order["estimated_delivery"]))
    if order.get("ship_to"):
        parts.append(say("order.ship_to", ship_to=order["ship_to"]))
    events = [e for e in order.get("events") or [] if isinstance(e, dict) and e.get("note")]
    if events:
        latest = events[-1]
        parts.append(say("order.latest", at=str(latest.get("at", ""))[:10], note=latest["note"]))
    if agent and order.get("customer_id"):
        parts.append(say("order.agent_customer", customer_id=order["customer_id"]))
    return " ".join(parts)


def order_lines(orders: list[dict[str, Any]]) -> list[str]:
    """A numbered list of orders: id, status, date, item count, total, carrier."""
    return [
        say(
            "orders.line",
            n=n,
            order_id=o.get("order_id"),
            status=status_text(o),
            placed_at=o.get("placed_at"),
            items=counted(o.get("items"), "item"),
            total=money(o.get("total"), o.get("currency")),
            carrier=say("orders.carrier", carrier=o["carrier"]) if o.get("carrier") else "",
        )
        for n, o in enumerate(orders, 1)
    ]


def error_text(name: str, args: dict[str, Any], error: str) -> str:
    """A tool failure explained to the shopper, in our words (never the raw error)."""
    low = error.lower()
    if "not verified" in low or "verify_customer before" in low:
        return say("verify.ask")
    if "too many failed" in low or "no attempts left" in low:
        return say("handoff.locked")
    if "don't match an account" in low:
        left = re.search(r"(\d+) attempt", error)
        attempts = say("verify.left", attempts=counted(left.group(1), "attempt")) if left else ""
        return say("verify.failed", left=attempts)
    if "already belongs to another customer" in low:
        return say("verify.one_customer")
    if "support agents don't need" in low:
        return say("verify.agent")
    if "support agents must give" in low:
        return say("agent.need_id")
    if "no order" in low:
        return say("orders.not_found", order_id=str(args.get("order_id", "")))
    if "no product with id" in low:
        found = re.search(r"'([^']{1,64})'", error)
        return say("details.not_found", product_id=found.group(1) if found else "that")
    if "no customer" in low:
        return say("errors.not_found_customer")
    if "own account" in low:
        return say("errors.own_account")
    if name == "compare_products" and "compare 2 to 4" in low:
        return say("products.ask_compare")
    return say("errors.generic")
