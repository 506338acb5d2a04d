"""The next step of a turn: one tool call, or the reply once the tool results are in."""

from __future__ import annotations

import re
from typing import Any

from assistant.planner import replies, slots
from assistant.planner.changes import plan_change
from assistant.planner.console import plan_find_customer, plan_report
from assistant.planner.intents import Intent
from assistant.planner.references import referenced
from assistant.planner.requests import requests
from assistant.planner.state import ConversationState
from assistant.planner.steps import Call, Step
from retrieval.comparatives import comparatives, without_comparatives
from retrieval.units import constraints as unit_limits
from retrieval.units import limit_words

MAX_STEPS = 5


def decide(state: ConversationState) -> Step:
    """The next step for the conversation: a tool call not yet made this turn, or the reply
    (to each request of the message, in the order asked)."""
    asked = requests(state)
    for intent, scoped in asked:
        if (step := _next_call(intent, scoped)) is not None:
            return step
    return replies.compose_all([(intent, scoped) for intent, scoped in asked])


def _next_call(intent: Intent, state: ConversationState) -> Call | None:
    """The request's next tool call not yet made this turn, if it needs one."""
    handler = _HANDLERS.get(intent.kind)
    step = handler(intent, state) if handler else None
    if step is None:
        step = _locked_handoff(intent, state)
    if isinstance(step, Call):
        step.args = {k: v for k, v in step.args.items() if v is not None}
        if len(state.turn) < MAX_STEPS and not state.called(step.name, step.args):
            return step
    return None


def _search(intent: Intent, state: ConversationState) -> Call | None:
    args = slots.search_args(intent.query)  # one per request: a message's two differ in words
    if any(r.name == "search_products" and r.args == args for r in state.turn):
        return None
    return Call("search_products", args)


def _refine(intent: Intent, state: ConversationState) -> Call | None:
    if searched := state.turn_ok("search_products"):
        return _on_its_own(intent, state, searched)
    if state.last_search is None:
        return None
    base = state.last_search
    filters: dict[str, Any] = {
        k: v
        for k, v in (base.get("filters") or {}).items()
        if k in ("min_price", "max_price", "category", "min_rating", "in_stock")
    }
    compared = comparatives(state.message)
    text = without_comparatives(slots.query_text(str(base.get("query") or "")))
    changed = {c.dimension for c, _, _ in unit_limits(state.message)}
    text = _without_limits(text, changed | {d for c in compared for d in c.dimensions})
    searched = text
    said = slots.price_filters(state.message).model_dump(exclude_none=True)
    filters.update(said)
    anchors = _anchors(state)
    anchor = _anchor_prices(anchors)
    direction = (
        None if {"min_price", "max_price"} & set(said) else slots.price_direction(state.message)
    )
    if direction == "down" and anchor:
        filters["max_price"] = round(max(min(anchor) - 0.01, 0), 2)
        if (filters.get("min_price") or 0) >= filters["max_price"]:
            filters.pop("min_price", None)
    elif direction == "up" and anchor:
        filters["min_price"] = round(max(anchor) + 0.01, 2)
        if filters.get("max_price") is not None and filters["max_price"] <= filters["min_price"]:
            filters.pop("max_price")
    if "better_rated" in intent.notes:
        current = float(filters.get("min_rating") or 0)
        filters["min_rating"] = 4.5 if current < 4.5 else min(5.0, current + 0.3)
    if "in_stock" in intent.notes:
        filters["in_stock"] = True
    if intent.colour:
        kept = [w for w in text.split() if w.lower() not in slots.COLOURS]
        text = " ".join([intent.colour, *kept])
    if intent.query:
        extra = [w for w in intent.query.split() if w.lower() not in text.lower().split()]
        text = " ".join([text, *extra]).strip()
    for _, start, end in unit_limits(state.message):  # "one for 4 people or more"
        if state.message[start:end].lower() not in text.lower():
            text = f"{text} {state.message[start:end]}"
    narrowing = _narrowing(intent, state, searched) if "narrow" in intent.notes else []
    args: dict[str, Any] = {"query": (text or str(base.get("query") or "products"))[:500]}
    args |= filters
    if "more" in intent.notes:
        args["k"] = min(20, int(base.get("k") or 5) + 5)
    if narrowing:
        args["require"] = narrowing[:5]
    if compared:
        words = [c.word for c in compared if c.word not in args["query"].lower()]
        args["query"] = " ".join([args["query"], *words])[:500]
        args["than"] = [str(p["product_id"]) for p in anchors if p.get("product_id")][:5] or None
    return Call("search_products", args)


def _on_its_own(intent: Intent, state: ConversationState, searched: list[Any]) -> Call | None:
    """When a refinement found nothing, the words it added searched alone (in the same category
    and price range), if they name something the shop sells ("chamomile tea", then "peppermint
    tea too?"; "mens trail running shoes", then "in women's?")."""
    data = searched[-1].data
    unmet = any(n.get("reason") == "not_listed" for n in data.get("not_applied") or [])
    if len(searched) > 1 or (data.get("products") and not unmet) or intent.colour:
        return None
    if searched[-1].args.get("than"):
        return None  # "thats small, something bigger?": relative to what was shown
    if not state.ids.sold_words(intent.query.split()):
        return None
    args = slots.search_args(intent.query)
    kept = {
        k: v for k, v in searched[-1].args.items() if k in ("category", "max_price", "min_price")
    }
    if state.category_of(intent.query) not in (None, kept.get("category")):
        kept.pop("category", None)  # its words name another kind of product
    return Call("search_products", kept | args)


def _without_limits(text: str, dimensions: set[str]) -> str:
    """The search text less its limits on these dimensions ("around 24oz" when a bigger one or
    a 32 oz one is asked for next): a new limit replaces the old one."""
    for limit, start, end in sorted(unit_limits(text), key=lambda found: -found[1]):
        if limit.dimension in dimensions:
            text = f"{text[:start]} {text[end:]}"
    return " ".join(text.split())


def _narrowing(intent: Intent, state: ConversationState, base: str) -> list[str]:
    """The words a list is narrowed by ("which are ipx7", "the quillon ones"): the request's
    own words, less limits on measures and words the search already had."""
    message = state.message
    limits = {w for _, start, end in unit_limits(message) for w in slots.words(message[start:end])}
    known = limits | limit_words() | set(slots.words(base)) | set(slots.COLOURS)
    content = set(intent.query.lower().split()) - known
    tokens = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", message.lower())  # "ipx7" whole, not "ipx"
    phrases: list[list[str]] = [[]]
    for token in tokens:  # adjacent words stay one phrase: "a room sensor", not "room", "sensor"
        if set(slots.words(token)) & content:
            phrases[-1].append(token)
        elif phrases[-1]:
            phrases.append([])
    return list(dict.fromkeys(" ".join(p) for p in phrases if p))


def _anchors(state: ConversationState) -> list[dict[str, Any]]:
    """What "cheaper" or "bigger" is relative to: a product named now, the one discussed, else
    the list."""
    if state.find(state.message, "product") or slots.ordinals(state.message):
        return referenced(state.message, state, default_first=False)
    if state.focus and state.focus.get("price") is not None:
        return [state.focus]
    return state.products


def _anchor_prices(anchors: list[dict[str, Any]]) -> list[float]:
    prices = []
    for product in anchors:
        try:
            prices.append(float(product.get("price")))
        except (TypeError, ValueError):
            continue
    return prices


def _details(intent: Intent, state: ConversationState) -> Call | None:
    done = {r.args.get("product_id") for r in state.turn if r.name == "get_product"}
    for pid in intent.product_ids[:3]:
        if pid not in done:
            return Call("get_product", {"product_id": pid})
    return None


def _compare(intent: Intent, state: ConversationState) -> Call | None:
    ids = list(dict.fromkeys(intent.product_ids))
    if len(ids) < 2 or state.turn_ok("compare_products") or state.turn_failed("compare_products"):
        return None
    return Call("compare_products", {"product_ids": ids[:4]})


def _reviews(intent: Intent, state: ConversationState) -> Call | None:
    asked = [r.args.get("product_id") for r in state.turn if r.name == "review_summary"]
    if len(intent.product_ids) > 1:  # "what do reviewers say about the S6 and the S8"
        todo = [i for i in intent.product_ids if i not in asked]
        return (
            Call("review_summary", {"product_id": todo[0], "aspect": intent.aspect})
            if todo
            else None
        )
    if asked:
        return None
    ids = intent.product_ids
    if not ids and intent.query:
        found = state.turn_ok("search_products")
        if not found:
            return Call("search_products", {"query": intent.query[:500], "k": 3})
        hits = found[-1].data.get("products") or []
        ids = [str(hits[0].get("product_id"))] if hits else []
    if not ids:
        return None
    return Call("review_summary", {"product_id": ids[0], "aspect": intent.aspect})


def _recommend(intent: Intent, state: ConversationState) -> Call | None:
    if state.turn_ok("recommend_products") or state.turn_failed("recommend_products"):
        return None
    if intent.topic == "personal":
        customer = intent.customer_id if state.is_agent else None
        if state.is_agent and customer is None:
            customer = next(iter(state.find(state.message, "customer")), None)
        return Call("recommend_products", {"for_customer": customer})
    if not intent.product_ids:
        return None
    kind = "similar" if intent.topic == "similar" else None  # None: the tool's "together"
    return Call("recommend_products", {"for_product_id": intent.product_ids[0], "kind": kind})


def _verify_gate(intent: Intent, state: ConversationState) -> Call | bool:
    """Before order data: a verify_customer call, True to go on, or False to reply now."""
    if state.is_agent or state.verified_now():
        return True
    if state.locked or state.turn_failed("verify_customer"):
        return False
    if intent.email and intent.zip:
        return Call("verify_customer", {"email": intent.email, "zip": intent.zip})
    if intent.order_ids and intent.zip:  # shops that verify by order id (SHOPASSIST_VERIFY_BY)
        return Call("verify_customer", {"order_id": intent.order_ids[0], "zip": intent.zip})
    return state.role is None


def _verify(intent: Intent, state: ConversationState) -> Call | None:
    if state.is_agent or state.verified:
        return None
    gate = _verify_gate(intent, state)
    return gate if isinstance(gate, Call) else None


def _orders(intent: Intent, state: ConversationState) -> Call | None:
    gate = _verify_gate(intent, state)
    if gate is not True:
        return gate if isinstance(gate, Call) else None
    if state.is_agent and not intent.customer_id:
        return None
    if state.turn_failed("list_orders"):
        return None
    status = None if intent.open_only else intent.status
    listed = [r for r in state.turn_ok("list_orders") if r.args.get("status") == status]
    if listed:  # (another request of the message may have listed other statuses)
        return _only_match(intent, listed[-1].data, state)
    args = {"status": status, "customer_id": _agent_only(intent, state)}
    return Call("list_orders", args | _which(intent))


def _which(intent: Intent) -> dict[str, Any]:
    """Which of the customer's orders the question means: by month, by what was in them."""
    return {k: v for k, v in (("month", intent.month), ("containing", intent.items)) if v}


_CONTENTS = re.compile(
    r"\bwhat (?:was|were|is|'s) in\b|\bwhich items?\b|\bwhat items?\b"
    r"|\bwhat (?:was|were) (?:it|they|that)\b|\bwhat did (?:i|we) (?:buy|order|get)\b",
    re.I,
)


def _only_match(intent: Intent, listed: dict[str, Any], state: ConversationState) -> Call | None:
    """The details of the one order a month or an item narrowed the list to."""
    orders = listed.get("orders") or []
    narrowed = _which(intent) or (intent.status and _CONTENTS.search(state.message))
    if not narrowed or len(orders) != 1 or state.turn_ok("get_order"):
        return None  # ("what was in the order i sent back": the one returned order's items)
    return Call("get_order", {"order_id": str(orders[0].get("order_id"))})


def _order(intent: Intent, state: ConversationState) -> Call | None:
    gate = _verify_gate(intent, state)
    if gate is not True:
        return gate if isinstance(gate, Call) else None
    if any(not r.ok for r in state.turn if r.name in ("get_order", "list_orders")):
        return None
    fetched = {r.args.get("order_id") for r in state.turn if r.name == "get_order"}
    wanted = intent.order_ids or ([state.focus_order] if state.focus_order else [])
    about_other = intent.customer_id or intent.items or intent.month  # a new question, not "it"
    if intent.order_ids or (state.focus_order and not about_other):
        missing = [o for o in wanted[:3] if o not in fetched]
        return Call("get_order", {"order_id": missing[0]}) if missing else None
    if state.is_agent and not intent.customer_id:
        return None
    listed = state.turn_ok("list_orders")
    if not listed:
        return Call("list_orders", {"customer_id": _agent_only(intent, state)} | _which(intent))
    target = pick_order(listed[-1].data.get("orders") or [], intent.pick, intent.status)
    if target and target not in fetched:
        return Call("get_order", {"order_id": target})
    return None


def pick_order(
    orders: list[dict[str, Any]], pick: str | None, status: str | None = None
) -> str | None:
    """The order a question without an id means: the newest in the status it names, else the
    newest, or the newest still on its way."""
    if not orders:
        return None
    if named := [o for o in orders if status and o.get("status") == status]:
        return str(named[0].get("order_id"))
    if pick == "track":
        for status in slots.OPEN_ORDER_STATUSES:
            for order in orders:
                if order.get("status") == status:
                    return str(order.get("order_id"))
    still_open = [
        o for o in orders if o.get("status") in slots.OPEN_ORDER_STATUSES and pick != "latest"
    ]
    return str((still_open or orders)[0].get("order_id"))


def _agent_only(intent: Intent, state: ConversationState) -> str | None:
    """A customer id goes into a tool call only in a support agent's conversation."""
    return intent.customer_id if state.is_agent else None


def _handoff(intent: Intent, state: ConversationState) -> Call | None:
    """The support team's inbox gets the conversation (the same tool the LLM calls)."""
    if state.is_agent or state.turn_ok("handoff") or state.turn_failed("handoff"):
        return None
    return Call("handoff", {"reason": intent.topic or "human"})


def _locked_handoff(intent: Intent, state: ConversationState) -> Call | None:
    """Verification locked while asking about orders: hand the conversation to a person."""
    if intent.kind not in ("order", "orders", "verify"):
        return None
    locked = state.locked or any("too many failed" in r.error.lower() for r in state.turn)
    return _handoff(Intent("handoff", topic="locked"), state) if locked else None


_HANDLERS = {
    "handoff": _handoff,
    "search": _search,
    "refine": _refine,
    "details": _details,
    "compare": _compare,
    "reviews": _reviews,
    "recommend": _recommend,
    "verify": _verify,
    "orders": _orders,
    "order": _order,
    "find_customer": plan_find_customer,
    "report": plan_report,
    "change": plan_change,
}
