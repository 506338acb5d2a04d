"""Identity and order tools: verify_customer, list_orders, get_order (bound to the session)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from retrieval.audit import record
from retrieval.db import Order, Product
from retrieval.lockout import VerifyGuard
from retrieval.schema import OrderStatus
from retrieval.shop_index import title_stems
from tools.context import ToolContext
from tools.registry import ToolError, tool
from tools.verification import claimed_account, postal_matches, verify_methods

NEED_VERIFICATION = (
    "This visitor is not verified. Ask for the details the shop verifies with (see "
    "verify_customer) and call verify_customer before looking up orders."
)
LOCKED = (
    "Too many failed verification attempts. For security, a human agent must help "
    "with order questions in this conversation."
)
NO_MATCH = "Those details don't match an account."
_BY = {"email": "the account's email", "order": "one of their order ids"}


class VerifyCustomerArgs(BaseModel):
    """Arguments of verify_customer: the postal code with the email or an order id."""

    email: str | None = Field(
        default=None, min_length=3, max_length=320, description="Email on the account"
    )
    order_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="An order id on the account, as the customer typed it",
    )
    zip: str = Field(min_length=2, max_length=20, description="Postal (ZIP) code on the account")

    @model_validator(mode="after")
    def _one_identifier(self) -> VerifyCustomerArgs:
        if not (self.email or self.order_id):
            raise ValueError("give the email or an order id, with the postal code")
        return self


class VerifyResult(BaseModel):
    """Who the session now belongs to."""

    verified: bool
    customer_id: str
    name: str


@tool(VerifyCustomerArgs)
def verify_customer(ctx: ToolContext, args: VerifyCustomerArgs) -> VerifyResult:
    """Verify an anonymous visitor by the postal code on their account together with the
    account's email or one of their order ids (whichever the shop accepts); on success the
    conversation is bound to that customer. Failures are counted per account and per client
    and lock both for a while, so ask before retrying."""
    session, settings = ctx.session, ctx.shop.settings
    if session.is_agent:
        raise ToolError("Support agents don't need to verify; look orders up directly.")
    allowed = verify_methods(ctx.shop.engine, settings.verify_by)
    method = "email" if args.email else "order"
    if method not in allowed:
        accepted = " or ".join(_BY[m] for m in allowed)
        raise ToolError(
            f"This visitor is not verified: this shop verifies with {accepted} and the postal "
            "code; ask for those."
        )
    if session.verify_failures >= settings.verify_max_attempts:
        raise ToolError(LOCKED)
    customer, postal, account = claimed_account(ctx, args.email, args.order_id)
    guard = VerifyGuard(ctx.shop.engine, settings)
    if guard.locked_until([account, ctx.client]):
        session.verify_failures = settings.verify_max_attempts
        record(
            ctx.shop.engine,
            "verify_refused",
            subject=account,
            client=ctx.client,
            session_id=session.id,
        )
        raise ToolError(LOCKED)
    if customer is None or not postal_matches(postal, args.zip):
        session.verify_failures += 1
        guard.failed(account, ctx.client, session.id)
        left = settings.verify_max_attempts - session.verify_failures
        if guard.locked_until([account, ctx.client]):
            left = 0
        raise ToolError(
            f"{NO_MATCH} "
            + (f"{left} attempt(s) left." if left else "No attempts left; offer a human agent.")
        )
    if session.customer_id and session.customer_id != customer.customer_id:
        raise ToolError(
            "This conversation already belongs to another customer; one customer per session."
        )
    guard.succeeded(account, ctx.client, session.id)
    session.customer_id, session.role = customer.customer_id, "customer"
    return VerifyResult(verified=True, customer_id=customer.customer_id, name=customer.name or "")


class ListOrdersArgs(BaseModel):
    """Arguments of list_orders."""

    status: OrderStatus | None = Field(default=None, description="Only orders in this status")
    customer_id: str | None = Field(
        default=None, description="Support agents only: whose orders to list"
    )
    month: int | None = Field(
        default=None, ge=1, le=12, description="Only orders placed in this month (1-12), any year"
    )
    containing: str | None = Field(
        default=None,
        max_length=200,
        description="Only orders with an item whose title has one of these words",
    )
    limit: int = Field(default=10, ge=1, le=50)


class OrderSummary(BaseModel):
    """One line of an order list."""

    order_id: str
    status: str
    source_status: str | None = Field(default=None, description="The shop's own status word")
    placed_at: str
    total: float
    currency: str
    items: int
    carrier: str | None = None


class OrderList(BaseModel):
    """Orders of one customer, newest first."""

    customer_id: str
    orders: list[OrderSummary]
    total_orders: int


def _caller_customer(ctx: ToolContext, requested: str | None) -> str:
    """Whose orders this call may read: the session's own customer, or any for an agent."""
    session = ctx.session
    if session.is_agent:
        if not requested:
            raise ToolError("Support agents must give customer_id (or use get_order).")
        return requested
    if session.customer_id is None:
        raise ToolError(NEED_VERIFICATION)
    if requested and requested != session.customer_id:
        raise ToolError("You can only see the orders on your own account.")
    return session.customer_id


def _matched(items: list[dict[str, Any]], words: str, kinds: dict[str, str]) -> int:
    """How many of the words (plural or singular) the best-matching item's title or kind of
    product has ("the book i bought": an item in Books)."""
    wanted = title_stems(words)
    return max(
        (
            len(wanted & title_stems(f"{i.get('title', '')} {kinds.get(i.get('product_id'), '')}"))
            for i in items or []
        ),
        default=0,
    )


def _kinds(db: Session, orders: list[Order]) -> dict[str, str]:
    """The category names of the products in these orders, by product id."""
    ids = {str(i.get("product_id")) for o in orders for i in o.items or [] if i.get("product_id")}
    rows = db.execute(
        select(Product.product_id, Product.category).where(Product.product_id.in_(ids))
    )
    return {pid: category.replace(">", " ") for pid, category in rows}


@tool(ListOrdersArgs)
def list_orders(ctx: ToolContext, args: ListOrdersArgs) -> OrderList:
    """List the orders on the verified customer's own account, newest first, optionally by
    status. Support agents may name any customer_id."""
    customer_id = _caller_customer(ctx, args.customer_id)
    query = select(Order).where(Order.customer_id == customer_id)
    if args.status:
        query = query.where(Order.status == args.status)
    with Session(ctx.shop.engine) as db:
        orders = db.scalars(query.order_by(Order.placed_at.desc())).all()
        kinds = _kinds(db, orders) if args.containing else {}
    if args.month:
        orders = [o for o in orders if o.placed_at.month == args.month]
    if args.containing:  # orders with an item that has all the words, else any of them
        matched = {o.order_id: _matched(o.items, args.containing, kinds) for o in orders}
        best = max(matched.values(), default=0)
        orders = [o for o in orders if best and matched[o.order_id] == best]
    return OrderList(
        customer_id=customer_id,
        total_orders=len(orders),
        orders=[
            OrderSummary(
                order_id=o.order_id,
                status=o.status,
                source_status=o.source_status,
                placed_at=o.placed_at.date().isoformat(),
                total=o.total,
                currency=o.currency,
                items=sum(int(i.get("quantity", 1)) for i in o.items),
                carrier=(o.shipping or {}).get("carrier"),
            )
            for o in orders[: args.limit]
        ],
    )


class GetOrderArgs(BaseModel):
    """Arguments of get_order."""

    order_id: str = Field(
        min_length=1, max_length=64, description="The order's id, as the shop or customer wrote it"
    )


class OrderDetails(BaseModel):
    """One order: status, items, shipping and history."""

    order_id: str
    customer_id: str
    status: str
    source_status: str | None = Field(default=None, description="The shop's own status word")
    placed_at: str
    items: list[dict[str, Any]]
    shipping_cost: float | None = None
    tax: float | None = None
    discount: float | None = None
    total: float
    currency: str
    carrier: str | None = None
    tracking_id: str | None = None
    estimated_delivery: str | None = None
    ship_to: str | None = None
    events: list[dict[str, Any]]


def _ship_to(address: Any) -> str | None:
    if isinstance(address, dict):
        parts = [address.get("city"), address.get("state")]
        return ", ".join(str(p) for p in parts if p) or None
    return None


@tool(GetOrderArgs)
def get_order(ctx: ToolContext, args: GetOrderArgs) -> OrderDetails:
    """Status, items, carrier, tracking id, estimated delivery and history of one order on the
    verified customer's own account (support agents: any order)."""
    session = ctx.session
    if not session.is_agent and session.customer_id is None:
        raise ToolError(NEED_VERIFICATION)
    typed = args.order_id.strip().lstrip("#").strip()
    order_id = ctx.shop.index.canonical(typed, "order") or typed
    with Session(ctx.shop.engine) as db:
        order = db.get(Order, order_id)
    if order is None or (not session.is_agent and order.customer_id != session.customer_id):
        raise ToolError(f"No order {order_id} was found on this account. Check the number.")
    shipping = order.shipping or {}
    return OrderDetails(
        order_id=order.order_id,
        customer_id=order.customer_id,
        status=order.status,
        source_status=order.source_status,
        placed_at=order.placed_at.date().isoformat(),
        items=order.items,
        shipping_cost=order.shipping_cost,
        tax=order.tax,
        discount=order.discount,
        total=order.total,
        currency=order.currency,
        carrier=shipping.get("carrier"),
        tracking_id=shipping.get("tracking_id"),
        estimated_delivery=shipping.get("estimated_delivery"),
        ship_to=_ship_to(shipping.get("address")),
        events=[{k: v for k, v in e.items() if v is not None} for e in order.events or []],
    )
