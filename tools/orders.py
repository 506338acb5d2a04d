"""Identity and order tools: verify_customer, list_orders, get_order (bound to the session)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from retrieval.db import Customer, Order
from retrieval.schema import OrderStatus
from tools.context import ToolContext
from tools.registry import ToolError, tool

NEED_VERIFICATION = (
    "This visitor is not verified. Ask for the email address and ZIP code on the account "
    "and call verify_customer before looking up orders."
)


class VerifyCustomerArgs(BaseModel):
    """Arguments of verify_customer."""

    email: str = Field(min_length=3, max_length=320, description="Email on the account")
    zip: str = Field(min_length=3, max_length=20, description="ZIP code on the account")


class VerifyResult(BaseModel):
    """Who the session now belongs to."""

    verified: bool
    customer_id: str
    name: str


@tool(VerifyCustomerArgs)
def verify_customer(ctx: ToolContext, args: VerifyCustomerArgs) -> VerifyResult:
    """Verify an anonymous visitor by the email and ZIP code on their account; on success the
    conversation is bound to that customer. Attempts are limited."""
    session, limit = ctx.session, ctx.shop.settings.verify_max_attempts
    if session.is_agent:
        raise ToolError("Support agents don't need to verify; look orders up directly.")
    if session.verify_failures >= limit:
        raise ToolError(
            "Too many failed verification attempts. For security, a human agent must help "
            "with order questions in this conversation."
        )
    with Session(ctx.shop.engine) as db:
        customer = db.scalars(
            select(Customer).where(func.lower(Customer.email) == args.email.strip().lower())
        ).first()
    zip_ok = customer is not None and (customer.zip or "").strip() == args.zip.strip()
    if customer is None or not zip_ok:
        session.verify_failures += 1
        left = limit - session.verify_failures
        raise ToolError(
            "Those details don't match an account. "
            + (f"{left} attempt(s) left." if left else "No attempts left; offer a human agent.")
        )
    if session.customer_id and session.customer_id != customer.customer_id:
        raise ToolError(
            "This conversation already belongs to another customer; one customer per session."
        )
    session.customer_id, session.role = customer.customer_id, "customer"
    return VerifyResult(verified=True, customer_id=customer.customer_id, name=customer.name)


class ListOrdersArgs(BaseModel):
    """Arguments of list_orders."""

    status: OrderStatus | None = Field(default=None, description="Only orders in this status")
    customer_id: str | None = Field(
        default=None, description="Support agents only: whose orders to list"
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

    order_id: str = Field(min_length=1, max_length=64, description="An order id like O-10023")


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
    order_id = args.order_id.strip().upper()
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
