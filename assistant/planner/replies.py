"""Replies written only from this turn's tool results, plus suggested follow-ups."""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING, Any

from assistant.planner import render, slots
from assistant.planner.changes import change_body
from assistant.planner.console import customers_body, report_body
from assistant.planner.render import say, template
from assistant.planner.reviews import reviews_text
from assistant.planner.state import ConversationState, ToolRecord
from assistant.planner.steps import Pending, Say
from prompts import load_yaml
from retrieval.comparatives import asked_dimensions
from retrieval.units import quantities

if TYPE_CHECKING:
    from assistant.planner.intents import Intent

_FIXED = (
    "greeting", "thanks", "bye", "help", "clarify", "out_of_scope", "privacy", "refuse",
    "bot_identity", "data_policy",
)  # fmt: skip
_SUGGEST = {
    "greeting": "start", "help": "start", "clarify": "start", "out_of_scope": "start",
    "privacy": "start", "refuse": "start", "thanks": "start", "bye": "none",
    "search": "products", "refine": "products", "recommend": "products", "details": "product",
    "compare": "compare", "reviews": "reviews", "orders": "orders", "order": "order",
    "verify": "verify", "handoff": "handoff", "find_customer": "order", "bot_identity": "start",
    "change": "order", "report": "agent", "data_policy": "start",
    "other_language": "language",
}  # fmt: skip


def compose(intent: Intent, state: ConversationState) -> Say:
    """The reply for this turn: notes, what the tools returned, and what went wrong."""
    handoff = intent.topic if intent.kind == "handoff" else None
    if intent.kind == "change" and state.turn_ok("handoff"):
        handoff = intent.topic
    if intent.kind in _FIXED:
        body = [say(intent.kind)]
    elif intent.kind == "other_language":
        body = [load_yaml("other_language.yaml").get(intent.topic) or say("other_language")]
    elif intent.kind == "handoff":
        body = [say(f"handoff.{intent.topic}")]
    else:
        body = _BODIES[intent.kind](intent, state)
    locked = state.locked or any("too many failed" in r.error.lower() for r in state.turn)
    if locked and intent.kind in ("order", "orders", "verify"):
        handoff = handoff or "locked"
    notes = [say(f"notes.{n}") for n in intent.notes if n in template("notes")]
    text = "\n".join(p for p in [" ".join(notes[:2]), *body] if p).strip()
    group = _SUGGEST.get(intent.kind, "none")
    if state.is_agent and group in ("orders", "order", "verify", "handoff", "start"):
        group = "agent"
    suggestions = list(template(f"suggestions.{group}"))
    pending = None if handoff else _pending(intent, state)
    return Say(
        text=text or say("clarify"), suggestions=suggestions[:3], handoff=handoff, pending=pending
    )


def _pending(intent: Intent, state: ConversationState) -> Pending | None:
    """The question this reply asks that "yes" (or an order number) answers next turn."""
    if intent.kind in ("other_language", "bot_identity"):
        return Pending("handoff", "human")
    if intent.kind == "change" and not state.turn_ok("handoff"):
        fetched = bool(state.turn_ok("get_order"))
        return Pending("handoff" if fetched else "change", str(intent.topic))
    return None


def compose_all(asked: list[tuple[Intent, ConversationState]]) -> Say:
    """One reply to every request of the message: each answer in turn, the last one's
    suggestions, and a hand-off if any answer hands over."""
    answers = [compose(intent, state) for intent, state in asked]
    if len(answers) == 1:
        return answers[0]
    return Say(
        text="\n\n".join(a.text for a in answers),
        suggestions=answers[-1].suggestions,
        handoff=next((a.handoff for a in answers if a.handoff), None),
    )


def _errors(state: ConversationState, *names: str) -> list[str]:
    """The failures of these tools (of any tool when none of them failed), explained once each."""
    failed = [r for r in state.turn if not r.ok]
    chosen = [r for r in failed if r.name in names] or failed
    return list(dict.fromkeys(render.error_text(r.name, r.args, r.error) for r in chosen))


def _latest(state: ConversationState, name: str) -> ToolRecord | None:
    found = state.turn_ok(name)
    return found[-1] if found else None


def _search_record(intent: Intent, state: ConversationState) -> ToolRecord | None:
    """This request's search: the one made with its arguments, else the turn's latest."""
    if intent.kind == "search":
        args = slots.search_args(intent.query)
        mine = [r for r in state.turn_ok("search_products") if r.args == args]
        if mine:
            return mine[-1]
    return _latest(state, "search_products")


def _products_body(intent: Intent, state: ConversationState) -> list[str]:
    record = _search_record(intent, state)
    if record is None:
        return _errors(state) or [say("clarify")]
    data = record.data
    products = [p for p in data.get("products") or [] if isinstance(p, dict)]
    query = render.clip(str(data.get("query") or record.args.get("query") or ""), 80)
    currency = str(data.get("currency") or "USD")
    filters = render.filters_text(data.get("filters") or {}, currency)
    if data.get("carried") is False:
        return [render.not_carried_text(data)]
    notes = render.search_notes(data)
    alone = intent.kind == "refine" and len(state.turn_ok("search_products")) > 1
    if alone:  # the refinement found nothing; its own words did
        notes.append(say("products.on_its_own", query=query))
    if intent.kind == "refine" and not alone:
        refined = _refinement(intent, state)
        if refined == "stock":  # "options in stock", not "options in stock in stock"
            filters = render.filters_text({**(data.get("filters") or {}), "in_stock": None})
        what = say(f"refined.{refined}", colour=intent.colour)
        if not products:
            return [*notes, say("products.none_refined", what=what, query=query, filters=filters)]
        lines = [say("products.header_refined", what=what, filters=filters)]
    elif not products:
        return [*notes, say("products.none", query=query, filters=filters)]
    elif data.get("named_out_of_stock"):
        lines = [say("products.alternatives")]
    elif data.get("only") is not None:
        count = render.counted(data["only"], "product")
        lines = [say("products.only", count=count, query=query, filters=filters)]
    else:
        lines = [say("products.header", query=query, filters=filters)]
    return notes + lines + render.product_lines(products)


def _refinement(intent: Intent, state: ConversationState) -> str:
    """Which `refined.*` phrase names what changed: down, up, colour, rated, stock, more, other."""
    if direction := slots.price_direction(state.message):
        return direction
    if intent.colour:
        return "colour"
    for note, key in (("better_rated", "rated"), ("in_stock", "stock"), ("more", "more")):
        if note in intent.notes:
            return key
    return "other"


def _details_body(intent: Intent, state: ConversationState) -> list[str]:
    records = state.turn_ok("get_product")
    if not records and not state.turn:
        return [say("products.ask_which")]
    lines = [_product_details(r.data, intent) for r in records]
    return lines + _errors(state, "get_product")


def _product_details(data: dict[str, Any], intent: Intent) -> str:
    currency = data.get("currency")
    facts = {
        "title": data.get("title", ""),
        "product_id": data.get("product_id", ""),
        "price": render.money(data.get("price"), currency),
    }
    variants = [v for v in data.get("variants") or [] if isinstance(v, dict)]
    shown = "; ".join(render.variant_text(v, currency) for v in variants[:6])
    if answer := _answer(data, intent, facts):
        if intent.ask == "stock" and shown:
            answer += " " + say("details.variants", variants=shown)
        return answer
    brand = say("details.brand", brand=data["brand"]) if data.get("brand") else ""
    parts = [
        say("details.head", brand=brand, stock=render.stock_text(data.get("in_stock")), **facts)
    ]
    rated = _rated(data)
    parts.append(say("details.rated", **rated) if rated else say("details.unrated"))
    if description := render.first_sentence(str(data.get("description") or "")):
        parts.append(description)
    if features := [render.clip(str(f), 70) for f in (data.get("features") or [])[:3]]:
        parts.append(say("details.features", features="; ".join(features)))
    if shown:
        parts.append(say("details.variants", variants=shown))
    return " ".join(parts)


def _rated(data: dict[str, Any]) -> dict[str, str] | None:
    """A product's average rating and review count as a reply writes them; None if unrated."""
    rating = data.get("rating") if isinstance(data.get("rating"), dict) else {}
    if not (rating.get("count") and rating.get("average") is not None):
        return None
    return {
        "average": render.number(rating["average"]),
        "reviews": render.counted(rating["count"], "review"),
    }


def _answer(data: dict[str, Any], intent: Intent, facts: dict[str, str]) -> str:
    """The direct answer to "does it come in blue?", "is it in stock?", "how much is it?"."""
    if intent.ask == "stock":
        return say("details.in_stock" if data.get("in_stock") else "details.out_of_stock", **facts)
    if intent.ask == "price":
        return say("details.price", **facts)
    if intent.ask == "rating":
        rated = _rated(data)
        return (
            say("details.rating", **rated, **facts) if rated else say("details.no_rating", **facts)
        )
    if intent.ask in ("attributes", "measured"):  # measured: the attributes a pick went by
        listed = {str(k): str(v) for k, v in (data.get("attributes") or {}).items()}
        keys = (
            [k for k in intent.asked if k in listed]
            if intent.ask == "measured"
            else slots.asked_attributes(intent.asked, listed)
        )
        pairs = [(k.replace("_", " "), listed[k]) for k in keys]
        values = "; ".join(
            say("details.counted" if re.fullmatch(r"\d+", v.strip()) else "details.attribute",
                key=k, value=v.strip())
            for k, v in pairs
        )  # fmt: skip
        if values:
            return say("details.attributes", values=values, **facts)
        return _from_listing(data, intent.asked, listed, facts)
    if intent.ask not in ("colour", "size"):
        return ""
    asked = [w for w in (intent.colour, intent.size) if w]  # "size 12 in black": both
    key_word = "colo" if intent.ask == "colour" else "size"
    variants = [v for v in data.get("variants") or [] if isinstance(v, dict)]
    attributes = {str(k): str(v) for k, v in (data.get("attributes") or {}).items()}
    if not asked:
        values = _option_values(variants, attributes, key_word)
        return say("details.options_for", values=", ".join(values), **facts) if values else ""
    wanted = " ".join(asked)
    matching = [v for v in variants if all(_has_option(v, w) for w in asked)]
    if matching:
        shown = "; ".join(render.variant_text(v, data.get("currency")) for v in matching[:4])
        key = "has_option" if any(v.get("available") for v in matching) else "option_sold_out"
        return say(f"details.{key}", wanted=wanted, variants=shown, **facts)
    if len(asked) == 1:
        for key, value in attributes.items():
            if _same(wanted, value):  # (no options: the product's own stock answers)
                key_said = "has_attribute" if data.get("in_stock") else "has_attribute_sold_out"
                return say(f"details.{key_said}", key=key, value=value, **facts)
    answer = say("details.no_option", wanted=wanted, **facts)
    if len(asked) > 1 and (near := [v for v in variants if _has_option(v, asked[0])]):
        shown = "; ".join(render.variant_text(v, data.get("currency")) for v in near[:10])
        return answer + " " + say("details.options_in", wanted=asked[0], variants=shown)
    if values := _option_values(variants, attributes, key_word):
        answer += " " + say("details.options_are", values=", ".join(values))
    return answer


def _from_listing(
    data: dict[str, Any], asked: list[str], listed: dict[str, str], facts: dict[str, str]
) -> str:
    """What the listing's highlights and description say of the words asked about ("warranty":
    "2-year warranty"), quoted; else that it does not say, with the specs it does list."""
    if not asked:
        return ""
    words = [*asked, *sorted(slots.meant_words(asked))]  # "flight": "airline-safe"
    stems = [w.lower().rstrip("s") for w in words if len(w) > 2]

    dimensions = set(asked_dimensions(asked))  # "watts?": "30 W USB-C output"

    def mentions(line: str) -> bool:
        if dimensions & {q.dimension for q in quantities(line)}:
            return True
        return any(re.search(rf"\b{re.escape(stem)}", line, re.I) for stem in stems)

    lines = [str(f).strip() for f in data.get("features") or []]
    lines += re.split(r"(?<=[.!?])\s+", str(data.get("description") or ""))
    said = [line.rstrip(".") for line in lines if line and mentions(line)]
    if not said and mentions(str(data.get("title") or "")):
        return say("details.listing_title", **facts)  # "does it mop too": "… Vacuum and Mop"
    if said:
        return say("details.listing_says", lines="; ".join(said[:2]), **facts)
    specs = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in list(listed.items())[:6])
    answer = say("details.listing_silent", asked=" ".join(asked), **facts)
    return f"{answer} {say('details.listing_specs', specs=specs)}" if specs else answer


def _has_option(variant: dict[str, Any], wanted: str) -> bool:
    return any(_same(wanted, str(value)) for value in (variant.get("options") or {}).values())


def _same(wanted: str, value: str) -> bool:
    want, have = wanted.lower().strip(), value.lower().strip()
    if (code := slots.size_code(want)) is not None and code == slots.size_code(have):
        return True
    if want.replace("gray", "grey") in have.replace("gray", "grey"):
        return len(want) > 2 or want == have
    return False


def _option_values(
    variants: list[dict[str, Any]], attributes: dict[str, str], key_word: str
) -> list[str]:
    values = [
        str(value)
        for v in variants
        for key, value in (v.get("options") or {}).items()
        if key_word in str(key).lower()
    ]
    if not values:  # the attribute lists what the options already say, when there are some
        values = [v for k, v in attributes.items() if key_word in k.lower()]
    return list(dict.fromkeys(values))[:10]


def _compare_body(intent: Intent, state: ConversationState) -> list[str]:
    record = _latest(state, "compare_products")
    if record is None:
        return _errors(state, "compare_products") or [say("products.ask_compare")]
    data = record.data
    columns = [c for c in data.get("products") or [] if isinstance(c, dict)]
    by_id = {c.get("product_id"): c for c in columns}
    lines = [say("compare.header")]
    for c in columns:
        line = say(
            "compare.line",
            title=c.get("title", ""),
            product_id=c.get("product_id", ""),
            price=render.money(c.get("price"), c.get("currency")),
            rating=render.rating_text(c.get("rating"), c.get("rating_count")),
            stock=render.stock_text(c.get("in_stock")),
        )
        if c.get("praised"):
            line += say("compare.praised", aspects=", ".join(map(str, c["praised"][:3])))
        if c.get("criticised"):
            line += say("compare.criticised", aspects=", ".join(map(str, c["criticised"][:3])))
        lines.append(line)
    lines += _compare_verdict(data, by_id, intent)
    return lines


def _name(column: dict[str, Any] | None) -> dict[str, Any]:
    column = column or {}
    return {"title": column.get("title", ""), "product_id": column.get("product_id", "")}


def _compare_verdict(
    data: dict[str, Any], by_id: dict[Any, dict[str, Any]], intent: Intent
) -> list[str]:
    cheapest, best = by_id.get(data.get("cheapest")), by_id.get(data.get("best_rated"))
    lines = []
    aspects = [a for a in data.get("review_aspects") or [] if isinstance(a, dict)]
    if intent.aspect:
        for row in aspects:
            shares = {k: v for k, v in (row.get("positive_share") or {}).items() if v is not None}
            if row.get("aspect") == intent.aspect and shares:
                top = max(shares, key=lambda k: shares[k])
                lines.append(say("compare.aspect_lead", aspect=intent.aspect, **_name(by_id[top])))
    if cheapest and best and cheapest is best:
        lines.append(say("compare.same_best", **_name(best)))
    elif cheapest and best:
        lines.append(
            say(
                "compare.verdict",
                best=say("recommend.anchor", **_name(best)),
                cheapest=say("recommend.anchor", **_name(cheapest)),
            )
        )
    elif cheapest:
        lines.append(say("compare.cheapest", **_name(cheapest)))
    if aspects and not intent.aspect:
        names = [str(a.get("aspect")) for a in aspects[:3] if a.get("aspect")]
        lines.append(say("compare.differs", aspects=", ".join(names)))
    table = {k: v for k, v in (data.get("attributes") or {}).items() if isinstance(v, dict)}
    first = {k: str(next(iter(v.values()), "")) for k, v in table.items()}
    asked = slots.asked_attributes(intent.asked, first) if intent.ask == "attributes" else []
    rows = []  # the attributes asked about ("battery life?"), then those that differ
    for key in [*asked, *(k for k in table if k not in asked)]:
        values = table[key]
        if key in asked or len(set(map(str, values.values()))) > 1:
            shown = " vs ".join(str(v) for v in values.values())
            rows.append(say("compare.attribute_row", key=key.replace("_", " "), values=shown))
    if rows:
        header = "compare.asked" if asked else "compare.attributes"
        lines.append(say(header, rows="; ".join(rows[:3])))
    return lines


def _reviews_body(intent: Intent, state: ConversationState) -> list[str]:
    records = state.turn_ok("review_summary")
    named = [r for r in records if r.args.get("product_id") in intent.product_ids]
    if records:  # each product's when it named several ("the S6 and the S8"), else the latest
        chosen = named if len(intent.product_ids) > 1 and named else records[-1:]
        return [reviews_text(r.data, complaints=_complaints(state)) for r in chosen]
    search = _latest(state, "search_products")
    if search is not None and not search.data.get("products"):
        return _products_body(intent, state)
    return _errors(state) or [say("products.ask_which")]


def _complaints(state: ConversationState) -> bool:
    """True when the shopper asks for the downsides rather than the overall picture."""
    low = state.message.lower()
    return any(w in low for w in ("complain", "downside", "problem", "issue", "negative", "cons"))


def _recommend_body(intent: Intent, state: ConversationState) -> list[str]:
    record = _latest(state, "recommend_products")
    if record is None:
        return _errors(state) or [say("products.ask_which")]
    data = record.data
    products = [p for p in data.get("products") or [] if isinstance(p, dict)]
    if not products:
        return [say("recommend.none")]
    basis, kind = str(data.get("basis") or ""), data.get("basis_kind")
    if kind == "product":
        named = say("recommend.anchor", title=data.get("basis_title") or "it", product_id=basis)
        header = say(f"recommend.{intent.topic or 'similar'}", anchor=named)
    elif kind == "popular":
        header = say("recommend.popular")
    elif state.is_agent:
        header = say("recommend.customer", customer=basis)
    else:
        header = say("recommend.personal")
    return [header, *render.product_lines(products, reasons=True)]


def _verify_body(intent: Intent, state: ConversationState) -> list[str]:
    if state.is_agent:
        return [say("verify.agent")]
    verified = _latest(state, "verify_customer")
    if verified is not None:
        return [say("verify.ok", name=verified.data.get("name", "")), say("verify.next")]
    if state.turn:
        return _errors(state)
    if state.locked:
        return [say("handoff.locked")]
    if state.verified:
        return [say("verify.already")]
    return [_ask_credentials(intent, state)]


def _ask_credentials(intent: Intent, state: ConversationState) -> str:
    """Ask for what this shop verifies with (email and/or an order id, and the postal code)."""
    by_email, by_order = "email" in state.verify_with, "order" in state.verify_with
    given = (by_email and intent.email) or (by_order and intent.order_ids)
    if given and not intent.zip:
        return say("verify.ask_zip")
    if intent.zip and not given:
        return say("verify.ask_email" if not by_order else "verify.ask_order_id")
    if by_order:
        return say("verify.ask_either" if by_email else "verify.ask_order")
    return say("verify.ask")


def _orders_body(intent: Intent, state: ConversationState) -> list[str]:
    lines = _verified_prefix(state)
    if not state.is_agent and not state.verified_now():
        if state.locked:
            return [say("handoff.locked")]
        return lines + (_errors(state) if state.turn else [_ask_credentials(intent, state)])
    if state.is_agent and not intent.customer_id and not state.turn:
        return [say("agent.need_id")]
    status = None if intent.open_only else intent.status
    lists = state.turn_ok("list_orders")
    mine = [r for r in lists if intent.kind != "orders" or r.args.get("status") == status]
    details = state.turn_ok("get_order")
    if intent.kind == "orders":  # only the orders its own listing found ("… and list my
        # cancelled orders too" after another order's status)
        listed = {o.get("order_id") for r in mine for o in r.data.get("orders") or []}
        details = [r for r in details if r.args.get("order_id") in listed]
    if details:
        if intent.kind == "order" and not intent.order_ids and state.turn_ok("list_orders"):
            key = f"picked_{intent.pick}" if intent.pick else "picked"
            if intent.status and any(r.data.get("status") == intent.status for r in details):
                key = "picked_status"  # "the blender i sent back": the returned order
            elif key != "picked_latest" and not any(
                r.data.get("status") in slots.OPEN_ORDER_STATUSES for r in details
            ):
                key = "picked_none_open"
            lines.append(say(f"orders.{key}", status=intent.status))
        lines += [render.order_text(r.data, agent=state.is_agent) for r in details]
        return lines + _errors(state, "get_order")
    listed = (mine or lists)[-1] if lists else None
    if listed is None:
        return lines + (_errors(state) or [say("agent.need_id" if state.is_agent else "clarify")])
    return lines + _order_list(intent, state, listed.data)


def _order_list(intent: Intent, state: ConversationState, data: dict[str, Any]) -> list[str]:
    orders = [o for o in data.get("orders") or [] if isinstance(o, dict)]
    status = say("orders.status", status=intent.status) if intent.status else ""
    if intent.month:
        status += say("orders.in_month", month=calendar.month_name[intent.month])
    if intent.items:
        status += say("orders.with_items", items=intent.items)
    agent = state.is_agent
    customer = data.get("customer_id", "")
    if intent.open_only:
        still = [o for o in orders if o.get("status") in ("pending", "processing", "shipped")]
        if still:
            return [say("orders.header_open"), *render.order_lines(still), say("orders.more")]
        if not orders:
            return [say("orders.none", status="")]
        return [say("orders.none_open"), *render.order_lines(orders[:3])]
    if not orders:
        key = "orders.none_agent" if agent else "orders.none"
        return [say(key, status=status, customer_id=customer)]
    key = "orders.header_agent" if agent else "orders.header"
    total = render.counted(data.get("total_orders", len(orders)), "order")
    header = say(key, orders=total, status=status, customer_id=customer)
    return [header, *render.order_lines(orders), say("orders.more")]


def _verified_prefix(state: ConversationState) -> list[str]:
    record = _latest(state, "verify_customer")
    return [say("verify.ok", name=record.data.get("name", ""))] if record else []


def _find_customer_body(intent: Intent, state: ConversationState) -> list[str]:
    found = customers_body(intent, state)
    listed = _latest(state, "list_orders")
    if listed is not None:
        return found + _order_list(intent, state, listed.data)
    if found or state.turn:
        return found + _errors(state)
    return [say("agent.find_customer")]


_BODIES = {
    "search": _products_body,
    "refine": _products_body,
    "details": _details_body,
    "compare": _compare_body,
    "reviews": _reviews_body,
    "recommend": _recommend_body,
    "verify": _verify_body,
    "orders": _orders_body,
    "order": _orders_body,
    "find_customer": _find_customer_body,
    "report": report_body,
    "change": change_body,
}
