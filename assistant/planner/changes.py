"""Requests to change an order (cancel, return, new address…): check its status first.

The support team makes changes, not the assistant. Before handing a conversation over, the
planner looks the order up and hands over only when the shop's rules (prompts/order_changes.yaml)
still allow that change in the order's status; otherwise it says why not and what is possible.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from assistant.planner import render
from assistant.planner.render import say
from assistant.planner.state import ConversationState
from assistant.planner.steps import Call
from prompts import load_yaml

_LIFECYCLE = ("pending", "processing", "shipped", "delivered")
"""The order statuses an order moves through in turn (cancelled and returned end it)."""

if TYPE_CHECKING:
    from assistant.planner.intents import Intent


@cache
def allowed_statuses() -> dict[str, tuple[str, ...]]:
    """Per kind of change, the order statuses in which the team can still make it."""
    rules = load_yaml("order_changes.yaml") or {}
    return {str(kind): tuple(str(s) for s in statuses) for kind, statuses in rules.items()}


def is_change(topic: str | None) -> bool:
    """True for a hand-off topic that changes an order (not "human", "problem" or "locked")."""
    return topic in allowed_statuses()


def _order(state: ConversationState) -> dict[str, Any] | None:
    found = state.turn_ok("get_order")
    return found[-1].data if found else None


def _possible(topic: str, order: dict[str, Any]) -> bool:
    return str(order.get("status")) in allowed_statuses().get(topic, ())


def _too_early(topic: str, order: dict[str, Any]) -> bool:
    """True when the order is still on its way to the statuses the change needs (a return
    while it is shipped), not past them."""
    status = str(order.get("status"))
    if status not in _LIFECYCLE:
        return False
    later = [_LIFECYCLE.index(s) for s in allowed_statuses().get(topic, ()) if s in _LIFECYCLE]
    return bool(later) and _LIFECYCLE.index(status) < min(later)


def plan_change(intent: Intent, state: ConversationState) -> Call | None:
    """The next call for a change request of a verified customer: the order, then a hand-off."""
    topic = str(intent.topic)
    order = _order(state)
    if order is None:
        if state.turn_failed("get_order") or state.turn_failed("list_orders"):
            return None
        target = next(iter(intent.order_ids), None) or state.focus_order
        if target:
            return Call("get_order", {"order_id": target})
        listed = state.turn_ok("list_orders")
        if not listed:
            return Call("list_orders", {"containing": intent.items} if intent.items else {})
        orders = listed[-1].data.get("orders") or []
        if not orders and listed[-1].args.get("containing") and len(listed) == 1:
            return Call("list_orders", {})  # nothing had those words: every order, to pick from
        fits = [o for o in orders if _possible(topic, o)]
        chosen = orders[0] if len(orders) == 1 else fits[0] if len(fits) == 1 else None
        return Call("get_order", {"order_id": str(chosen["order_id"])}) if chosen else None
    handed = state.turn_ok("handoff") or state.turn_failed("handoff")
    if _possible(topic, order) and not handed:
        reason = f"{topic} order {order.get('order_id')} ({order.get('status')})"
        return Call("handoff", {"reason": reason[:300]})
    return None


def change_body(intent: Intent, state: ConversationState) -> list[str]:
    """What is possible for the order, and whether a colleague takes over."""
    topic = str(intent.topic)
    order = _order(state)
    done = say(f"change.done.{topic}")
    allowed = " or ".join(allowed_statuses().get(topic, ()))
    if order is None:
        listed = state.turn_ok("list_orders")
        orders = listed[-1].data.get("orders") or [] if listed else None
        if orders is None:
            return [say("change.which")]
        if not orders:
            return [say("orders.none", status="")]
        fits = [o for o in orders if _possible(topic, o)]
        if not fits:
            return [say("change.no_candidates", done=done, allowed=allowed), say("change.offer")]
        lines = render.order_lines(fits[:5])
        return [say("change.candidates", done=done), *lines, say("change.pick")]
    values = {"order_id": order.get("order_id"), "status": render.status_text(order)}
    if _possible(topic, order):
        handed = [say("change.handed")] if state.turn_ok("handoff") else []
        return [say("change.possible", done=done, **values), *handed]
    key = "change.not_yet" if _too_early(topic, order) else "change.not_possible"
    lines = [say(key, done=done, allowed=allowed, **values)]
    carrier, tracking = order.get("carrier"), order.get("tracking_id")
    if carrier and tracking:
        lines.append(say("order.shipping", carrier=carrier, tracking_id=tracking))
    return [*lines, say("change.offer")]
