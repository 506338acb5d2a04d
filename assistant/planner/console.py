"""Support agents' catalog and customer questions: stock and rating reports, finding a customer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.planner import render
from assistant.planner.render import say
from assistant.planner.state import ConversationState
from assistant.planner.steps import Call

if TYPE_CHECKING:
    from assistant.planner.intents import Intent


def plan_report(intent: Intent, state: ConversationState) -> Call | None:
    """One catalog_report call with the subject, stock state and order the agent asked for."""
    if state.turn_ok("catalog_report") or state.turn_failed("catalog_report"):
        return None
    return Call("catalog_report", {"about": intent.query or None, **intent.filters})


def report_body(intent: Intent, state: ConversationState) -> list[str]:
    """ "3 of 40 products in "dishwashers" are out of stock:" and the products."""
    found = state.turn_ok("catalog_report")
    if not found:
        return [render.error_text(r.name, r.args, r.error) for r in state.turn] or [say("clarify")]
    data = found[-1].data
    scope = str(data.get("scope"))
    if scope == "none":
        return [say("report.none", about=data.get("about") or "")]
    asked = ((key, intent.filters.get(key)) for key in ("stock", "sort"))
    what = "".join(say(f"report.{key}_{value}") for key, value in asked if value)
    header = say(
        "report.header",
        matched=data.get("matched", 0),
        total=data.get("of_total", 0),
        scope=say(f"report.scope_{scope}", about=data.get("about") or ""),
        what=what,
    )
    products = [p for p in data.get("products") or [] if isinstance(p, dict)]
    return [header, *render.product_lines(products)]


def plan_find_customer(intent: Intent, state: ConversationState) -> Call | None:
    """Find the customer by id (their orders), or by email or name, then their orders if one."""
    if state.turn_failed("list_orders") or state.turn_ok("list_orders"):
        return None
    which = {k: v for k, v in (("status", intent.status), ("month", intent.month)) if v}
    if intent.customer_id:
        return Call("list_orders", {"customer_id": intent.customer_id} | which)
    if not (intent.email or intent.topic) or state.turn_failed("find_customer"):
        return None
    found = state.turn_ok("find_customer")
    if not found:
        return Call("find_customer", {"email": intent.email, "name": intent.topic})
    customers = found[-1].data.get("customers") or []
    if len(customers) == 1:
        return Call("list_orders", {"customer_id": str(customers[0].get("customer_id"))} | which)
    return None


def customers_body(intent: Intent, state: ConversationState) -> list[str]:
    """The customers found (or that none matched); their orders come after when only one did."""
    found = state.turn_ok("find_customer")
    if not found:
        return []
    what = intent.email or f'"{intent.topic}"'
    customers: list[dict[str, Any]] = found[-1].data.get("customers") or []
    if not customers:
        return [say("customers.none", what=what)]
    lines = [say("customers.header", count=render.counted(len(customers), "customer"), what=what)]
    for n, customer in enumerate(customers, 1):
        lines.append(
            say(
                "customers.line",
                n=n,
                name=customer.get("name") or "",
                customer_id=customer.get("customer_id"),
                email=customer.get("email") or "",
                orders=render.counted(customer.get("orders", 0), "order"),
            )
        )
    return lines
