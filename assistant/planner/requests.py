"""Several requests in one message ("show me air fryers under $80 and also where's my order?").

The message is split where a new request starts (a sentence end, "and also", "; ", " + ",
", plus", "and" before a question or command word); each part is read on its own, and when two
parts ask for different things, both are answered in one reply, in the order asked. A later part
can point at what an earlier one is about: "it", a colour or size alone, "the <brand> one" of
the results the earlier search shows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.planner import cues, slots
from assistant.planner.intents import Intent, classify
from assistant.planner.state import ConversationState, ToolRecord, fold

MAX_REQUESTS = 3
_STARTS = (
    r"what|what's|whats|where|where's|wheres|when|how|which|who|show|find|search|get|can|could|"
    r"would|do|does|did|is|are|any|has|have|track|tell|compare|give|recommend|suggest|list|check|"
    r"look|i|i'd|id|i'm|im|my|please|also"
)
_SPLIT = re.compile(
    rf"(?<=[?!])\s+(?=\S)|(?<!\bno\.)(?<!\bnr\.)(?<!\bvs\.)(?<=\.)\s+(?=\S)|\s*;\s*|\s+\+\s+"
    rf"|,?\s+(?:and\s+also|also|and\s+then)\s+|,\s*plus\s+|\s+plus\s+(?=(?:a|an|some|any)\s)"
    rf"|,?\s+and\s+(?:\w+ly\s+)?(?=(?:{_STARTS})\b)",
    re.I,
)
_ALONE = frozenset({"greeting", "thanks", "bye", "clarify", "help", "bot_identity"})
"""Kinds that are only courtesy or confusion next to a real request."""
_ORDER_KINDS = frozenset({"order", "orders"})
_PRODUCT_KINDS = frozenset({"search", "refine", "details", "compare", "reviews", "recommend"})
_FAMILY = {
    "refine": "search",
    "details": "product",
    "orders": "order",
    "verify": "order",
}


_LEAD = re.compile(r"^(?:(?:and|also|plus|oh|btw|then)\b[\s,]*)+", re.I)
"""Connecting words a part starts with ("… . also need a baby monitor")."""


def split_requests(text: str) -> list[str]:
    """The parts of a message where a new request starts (the whole text when there is one)."""
    parts = [p.strip(" ,") for p in _SPLIT.split(text) if p and p.strip(" ,")]
    if len(parts) > 1:
        parts = [_LEAD.sub("", p) or p for p in parts]
    return parts or [text]


_ADDED = re.compile(r"(?:\s\+|\bplus)\s+(?:an?|some|any|\d+)\s", re.I)
"""A new item added: "… + a 4mm mat", "a table + 4 grey chairs" (not "nectarine + coral scent")."""
_AND = re.compile(r",?\s+(?:and|plus)\s+", re.I)


def _by_kind(part: str, state: ConversationState) -> list[str]:
    """ "yoga blocks and foam rollers": a part for each kind of product, when the words on
    either side of an "and" name different categories of the shop (else the part whole)."""
    for match in _AND.finditer(part):
        left, right = part[: match.start()], part[match.end() :]
        kinds = state.kind_of(left), state.kind_of(right)
        if all(kinds) and kinds[0] != kinds[1]:
            return [left, right]
    return [part]


def _family(
    intent: Intent,
    part: str,
    state: ConversationState,
    found: list[tuple[Intent, ConversationState]],
) -> str:
    """What a request asks for, for telling two requests apart. Two searches: by category (a
    kind named after a search that named none is a detail of it: "hair extension tape …
    color: dark brown to chocolate brown"); a later one naming none goes on from the first ("i
    need a tent. something waterproof for 4", "… and i choose the caramel flavor") unless it is
    added with "+ a" or "plus a" and shares no word ("kettle + a 40 oz bottle"). On WebShop's
    real requests that split into parts, "also" and "and" as markers made 25 % and 45 % of them
    two searches; "+"/"plus" 7 %."""
    family = _FAMILY.get(intent.kind, intent.kind)
    if intent.kind == "orders":
        return f"order:{intent.status}"  # "my returned orders and my pending ones": two lists
    if intent.kind == "details" and intent.ask:
        return f"product:{intent.ask}"  # "how much is the k3 and is it in stock": two answers
    if intent.kind != "search":
        return family
    earlier = [i for i, _ in found if i.kind == "search"]
    kind = state.kind_of(part)
    if kind and (not earlier or state.kind_of(earlier[-1].query)):
        return f"search:{kind}"
    if not earlier:
        return "search:None"
    added = _ADDED.search(state.message) and _new_search(part, intent, earlier[-1], state)
    return f"search:{' '.join(sorted(slots.content_words(intent.query)))}" if added else "search"


def _own_subject(part: str, intent: Intent, state: ConversationState, after_search: bool) -> bool:
    """True when a product request names what it is about in its own words: a product (by id,
    name or position; after a search in the same message, "the <brand> one" of its results) or,
    for a search, words of what to find."""
    if _names_a_product(part, state) or slots.ordinals(part):
        return True
    if after_search and cues.THE_ONE.search(part):
        return True  # "humidifiers under 60? and how quiet is the purewind one"
    if after_search and intent.kind == "compare" and cues.PRONOUN_MANY.search(part):
        return True  # "8 L hydration vests, and compare them pls": the results
    return intent.kind == "search" and bool(slots.content_words(intent.query))


def _names_a_product(part: str, state: ConversationState) -> bool:
    """True when a part names one of the shop's products, by id or by brand and model."""
    return bool(state.find(part, "product") or state.ids.names.named(part))


def _variant_only(part: str, intent: Intent, state: ConversationState) -> bool:
    """A part that asks only for a colour or size ("is navy in M available"), naming no
    product or kind of product of its own."""
    if intent.kind not in _PRODUCT_KINDS or not (slots.colours(part) or slots.size(part)):
        return False
    return not (_names_a_product(part, state) or state.category_of(part))


def _pronoun_only(part: str, intent: Intent, state: ConversationState) -> bool:
    """A product part that points back only by a pronoun ("… + is it in stock", "and how much is
    that one") or asks reviewers about no product ("… also what do ppl say abt the battery"),
    naming no product or kind of product of its own."""
    if intent.kind not in _PRODUCT_KINDS:
        return False
    if not (cues.PRONOUN.search(part) or intent.kind == "reviews"):
        return False
    return not (
        _names_a_product(part, state)
        or slots.ordinals(part)
        or (state.category_of(part) and not intent.aspect)  # ("… say abt the battery")
    )


def _fetched(product: dict[str, Any], state: ConversationState) -> dict[str, Any]:
    """The product as this turn's details call returned it (attributes and all), if it did."""
    fetched = [
        r.data
        for r in state.turn_ok("get_product")
        if r.args.get("product_id") == product.get("product_id")
    ]
    return {**fetched[-1], **product} if fetched else product


def _attribute_only(
    part: str, intent: Intent, state: ConversationState, product: dict[str, Any]
) -> bool:
    """A product part that asks only for an attribute the product before it lists ("… and
    whats the field of view"), naming no product or kind of product of its own."""
    if intent.kind not in _PRODUCT_KINDS or _names_a_product(part, state):
        return False
    if cues.ONES.search(part) or cues.OTHER_PRODUCTS.search(part):
        return False  # "… if not show me other long ones": other products
    attributes = product.get("attributes")
    if not isinstance(attributes, dict) or state.category_of(part):
        return False
    return bool(slots.asked_attributes(slots.content_words(part), attributes))


def _others_only(part: str, intent: Intent, state: ConversationState) -> bool:
    """A search part asking for other ones of the product before it ("… if not show me other
    long ones"), naming no product or kind of product of its own."""
    if intent.kind != "search" or not cues.OTHER_ONES.search(part):
        return False
    return not (_names_a_product(part, state) or state.kind_of(part) or state.category_of(part))


def _about_an_order(
    part: str,
    intent: Intent,
    state: ConversationState,
    found: list[tuple[Intent, ConversationState]],
) -> bool:
    """A product request about "it" after an order question ("what did i buy in march, and is
    it still under warranty"): it asks about the order's items, not the catalog's words."""
    return (
        intent.kind in _PRODUCT_KINDS
        and any(i.kind in _ORDER_KINDS for i, _ in found)
        and bool(cues.PRONOUN.search(part))
        and not state.category_of(part)
        and not _names_a_product(part, state)
    )


def _new_search(part: str, intent: Intent, earlier: Intent, state: ConversationState) -> bool:
    """A search part after another search that looks for something else ("cork yoga block + a
    4mm mat"): a kind of product of its own, or no word in common and nothing pointed at (not
    "… and how quiet is the purewind one", read against the first one's results)."""
    if intent.kind != "search":
        return False
    if state.kind_of(part):
        return True
    pointed = cues.THE_ONE.search(part) or cues.PRONOUN.search(part) or cues.ONES.search(part)
    shared = set(slots.content_words(intent.query)) & set(slots.content_words(earlier.query))
    return not pointed and not shared


def _about_earlier_product(intent: Intent, found: list[tuple[Intent, ConversationState]]) -> bool:
    """True for a request about a product an earlier request of the message named."""
    earlier = {p.get("product_id") for i, _ in found for p in i.products}
    return bool(intent.products) and {p.get("product_id") for p in intent.products} <= earlier


def _with_results(state: ConversationState, search: ToolRecord | None) -> ConversationState:
    """The state as it is once this message's search has shown its results."""
    if search is None:
        return state
    shown = replace(state, focused=list(state.focused))
    fold(shown, search)
    return shown


def _reviews_of_question(
    intent: Intent, found: list[tuple[Intent, ConversationState]]
) -> tuple[Intent, ConversationState] | None:
    """ "is the sony comfortable? what do the reviews say": a question reviewers answer (a
    review aspect) asked of a product, then its reviews with no aspect of their own; one
    request, its reviews on that aspect."""
    if intent.kind != "reviews" or intent.aspect or not found:
        return None
    asked, scope = found[-1]
    aspect = slots.aspect(scope.message)
    if asked.kind != "details" or asked.ask != "attributes" or not aspect:
        return None
    if [p.get("product_id") for p in intent.products] != asked.product_ids:
        return None
    return Intent("reviews", products=asked.products, aspect=aspect), scope


def _ordered_items(state: ConversationState) -> dict[str, dict[str, Any]]:
    """The products of the orders this turn looked up, by id, with their titles."""
    return {
        str(item["product_id"]): {"product_id": str(item["product_id"]),
                                  "title": str(item.get("title") or "")}
        for record in state.turn_ok("get_order")
        for item in record.data.get("items") or []
        if isinstance(item, dict) and item.get("product_id")
    }  # fmt: skip


def _about_bought(intent: Intent, state: ConversationState) -> bool:
    """True for a product request about an item of an order this turn looked up."""
    return bool(intent.products) and set(intent.product_ids) <= set(_ordered_items(state))


def _bought_item(part: str, state: ConversationState) -> dict[str, Any] | None:
    """The one item of the orders this turn looked up that the part points back at by a word
    of its title ("that mower", "the santoku knife in it"), or the only item when it says "it";
    never for a request of its own ("… also need a dishwasher")."""
    if not cues.PRONOUN.search(part):
        return None
    items = _ordered_items(state)
    words = {w.rstrip("s") for w in slots.content_words(part)}
    named = [
        i
        for i in items.values()
        if words & {w.rstrip("s") for w in slots.words(i["title"].lower())}
    ]
    if len(named) == 1:
        return named[0]
    return next(iter(items.values())) if len(items) == 1 and cues.IT.search(part) else None


def _their_orders(intent: Intent, found: list[tuple[Intent, ConversationState]]) -> bool:
    """True for an agent's orders request about the customer the request before looks up."""
    return (
        intent.kind == "orders"
        and intent.customer_id is None
        and bool(found)
        and found[-1][0].kind == "find_customer"
        and found[-1][1].is_agent
    )


def _read_part(
    part: str, state: ConversationState, found: list[tuple[Intent, ConversationState]]
) -> tuple[Intent, ConversationState]:
    """One part's intent and state, read after the requests before it in the message: the
    results of their search, their product ("… and is navy in M available", "how does it
    compare to …") and their order listing ("… and my pending ones")."""
    scoped = replace(state, message=part)
    intent = classify(scoped)
    searches = [i for i, _ in found if i.kind == "search"]
    if searches and not _new_search(part, intent, searches[-1], state):
        scoped = _with_results(scoped, (state.turn_ok("search_products") or [None])[-1])
        intent = classify(scoped)  # "… and how quiet is the purewind one": of those results
    earlier = [_fetched(p, state) for i, _ in found for p in i.products]
    if earlier and (
        _variant_only(part, intent, scoped)
        or _pronoun_only(part, intent, scoped)
        or _attribute_only(part, intent, scoped, earlier[-1])
        or _others_only(part, intent, scoped)
    ):  # "… navy in M of that rain shell", "reviews for the 2nd one + is it in stock", "is the
        # lumetra 2k webcam in stock and whats the field of view"
        scoped = replace(scoped, focus=earlier[-1], products=[earlier[-1]], focused=[])
        intent = classify(scoped)
        if intent.kind in ("reviews", "details") and not intent.products:
            intent = replace(intent, products=[earlier[-1]], query="")  # "… the battery"
    ordered = any(i.kind in _ORDER_KINDS for i, _ in found) and intent.kind in _PRODUCT_KINDS
    if ordered and (item := _bought_item(part, state)) is not None:
        # "did my lawn mower order arrive? also does that mower come with a warranty": the
        # item of the order just looked up is what the product question is about
        scoped = replace(scoped, products=[item], focus=item, focused=[item], last_shown="products")
        intent = classify(scoped)
        if intent.kind in ("search", "refine"):
            named = set(slots.words(str(item.get("title")).lower()))
            rest = [w for w in slots.content_words(part) if w not in named]
            intent = Intent("details", products=[item], ask="attributes" if rest else None,
                            asked=rest)  # fmt: skip
    if (status := slots.order_status(part)) and found and found[-1][0].kind == "orders":
        intent = replace(found[-1][0], status=status, open_only=False)  # "… and my pending
        # ones": the same listing, another status
    if intent.kind == "compare" and earlier and cues.PRONOUN.search(part):  # "reviews of the
        # kelvar r9, and how does it compare to the arcwell r7": "it" is the kelvar
        own = [*state.find(part, "product"), *state.ids.names.named(part)]
        products = [earlier[-1], *({"product_id": i} for i in dict.fromkeys(own))]
        intent = replace(intent, products=products[:4])
    return intent, scoped


def requests(state: ConversationState) -> list[tuple[Intent, ConversationState]]:
    """Each request of the message with the state to answer it in (the message being its part);
    one request when the parts ask for the same kind of thing."""
    whole = classify(state)
    parts = [kind for part in split_requests(state.message) for kind in _by_kind(part, state)]
    if len(parts) < 2 or whole.kind in ("privacy", "other_language", "refuse"):
        return [(whole, state)]
    found: list[tuple[Intent, ConversationState]] = []
    families: list[str] = []
    alike = False
    for part in parts:
        intent, scoped = _read_part(part, state, found)
        family = _family(intent, part, state, found)
        if intent.kind in _ALONE:
            continue  # "hey there!", "perfect thanks!!": nothing to act on
        if family in families or family == "search":
            alike = True  # "where is my order? ada@example.com 10001": one request, read whole
            continue
        if (merged := _reviews_of_question(intent, found)) is not None:
            found[-1] = merged  # "is the sony comfortable? what do the reviews say": one answer
            continue
        if _their_orders(intent, found):  # "find <email> and list their pending orders"
            first, scope = found[-1]
            found[-1] = (replace(first, status=intent.status, month=intent.month), scope)
            continue
        if not intent.products and _about_an_order(part, intent, scoped, found):
            continue  # "… and is it still under warranty": the order answers what it can
        after_search = any(i.kind == "search" for i, _ in found)
        own = _own_subject(part, intent, scoped, after_search) or _about_bought(intent, state)
        if intent.kind in _PRODUCT_KINDS and not (own or _about_earlier_product(intent, found)):
            alike = True  # "… what do the reviews say?": more about the same thing, not a request
            continue
        found.append((intent, scoped))
        families.append(family)
    if len(found) == 1 and not alike:
        return found  # the one request, read without the courtesy or the aside around it
    return found[:MAX_REQUESTS] if len(found) > 1 else [(whole, state)]
