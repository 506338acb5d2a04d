"""How a visitor proves an account is theirs: email or order id, plus the postal code.

Ids and postal codes are opaque strings in the shop's own format: nothing here knows a prefix,
a length or a country. An order id is looked up in SQL exactly as the shop spells it, after
removing what people add when typing one (a leading "#", spaces, a different case).
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from retrieval.audit import pseudonym
from retrieval.db import Customer, Order
from tools.context import ToolContext

MIN_PREFIX = 4
"""A stored postal code this long or longer also matches a longer typed code that starts with
it (a shop that keeps only ZIP or CEP prefixes; "19150" for "19150-1234")."""


def postal_key(code: str) -> str:
    """A postal code as compared: letters and digits only, case-folded ("SW1A 1AA" = "sw1a1aa")."""
    return "".join(c for c in code.casefold() if c.isalnum())


def postal_matches(stored: str | None, typed: str) -> bool:
    """True when the typed postal code is the stored one (or starts with a stored prefix)."""
    have, given = postal_key(stored or ""), postal_key(typed)
    if not have or not given:
        return False
    return given == have or (len(have) >= MIN_PREFIX and given.startswith(have))


def typed_id(text: str) -> str:
    """An id as typed, without surrounding space, a leading "#" or inner spaces."""
    return "".join(text.strip().lstrip("#").split())


def find_order(db: Session, raw: str) -> Order | None:
    """The order with this id: exact first, then ignoring case (None when unknown or ambiguous)."""
    wanted = typed_id(raw)
    if not wanted:
        return None
    order = db.get(Order, wanted)
    if order is not None:
        return order
    found = db.scalars(
        select(Order).where(func.upper(Order.order_id) == wanted.upper()).limit(2)
    ).all()
    return found[0] if len(found) == 1 else None


def claimed_account(
    ctx: ToolContext, email: str | None, order_id: str | None
) -> tuple[Customer | None, str | None, str]:
    """The customer the details point to, the postal code to check, and the throttle key.

    The key is the customer when the details name one, else a pseudonym of what was typed:
    an unknown account is counted and locked exactly like a known one.
    """
    with Session(ctx.shop.engine) as db:
        if email:
            typed = email.strip().casefold()
            customer = db.scalars(
                select(Customer).where(func.lower(Customer.email) == typed).limit(1)
            ).first()
            postal = customer.zip if customer else None
            fallback = pseudonym("email", typed)
        else:
            typed = typed_id(order_id or "").upper()
            order = find_order(db, typed)
            customer = db.get(Customer, order.customer_id) if order else None
            postal = (customer.zip if customer else None) or _order_postal(order)
            fallback = pseudonym("order", typed)
    key = pseudonym("customer", customer.customer_id) if customer else fallback
    return customer, postal, key


def _order_postal(order: Order | None) -> str | None:
    """The postal code of an order's shipping address, when the shop keeps one there."""
    address = (order.shipping or {}).get("address") if order else None
    if not isinstance(address, dict):
        return None
    for field in ("zip", "postal_code", "postcode", "zip_code"):
        if address.get(field):
            return str(address[field])
    return None


def verify_methods(engine: Engine, setting: str) -> tuple[str, ...]:
    """What this shop accepts with the postal code: ("email",), ("order",) or both.

    "auto" reads the shop: email when any customer has one, else an order id (Olist-like shops).
    """
    if setting == "both":
        return ("email", "order")
    if setting != "auto":
        return (setting,)
    with Session(engine) as db:
        has_email = db.scalar(
            select(Customer.customer_id)
            .where(Customer.email.is_not(None), Customer.email != "")
            .limit(1)
        )
    return ("email",) if has_email else ("order",)
