"""Reading a product message against what the conversation has shown: its attributes, content
words and referents (`read`), and the follow-ups answered from the shown list or the product in
focus: a pick ("the cheaper teal one", "the brighter one", "the one that's in stock"), an
attribute question ("how heavy is it", "battery life?" of a list), a colour or size of the
product in focus, and the last question asked again of another product ("and the white one?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.planner import cues, slots
from assistant.planner.intent import Intent
from assistant.planner.references import (
    attributes_measuring,
    by_listed_value,
    by_listed_word,
    by_title,
    having,
    having_words,
    pick_by,
    pick_by_amount,
    pick_by_measure,
    picking_words,
    points_at_focus,
    referenced,
)
from assistant.planner.state import ConversationState
from retrieval.comparatives import comparatives, measure_pick, without_comparatives
from retrieval.shop_index import ID_KINDS
from retrieval.units import constraints as unit_limits


@dataclass
class Reading:
    """What a product message says besides its intent: attributes, content words, referents."""

    text: str
    colour: str | None
    size: str | None
    content: list[str]
    has_ref: bool
    aspect: str | None
    ask: str | None
    named: list[str]
    """Products of the catalog the text names by brand and model ("the Frostline W500")."""


_SAME_SIZE = re.compile(r"\b(?:same|that) size\b", re.I)


def read(text: str, state: ConversationState) -> Reading:
    colours, size = slots.colours(text), slots.size(text)
    if size is None and _SAME_SIZE.search(text):  # "olive then, same size": the size asked last
        size = next((s for t in reversed(state.history) if (s := slots.size(t.text))), None)
    colour = colours[0] if colours else None
    bare = cues.CUSTOMER_ID.sub(" ", state.masked(slots.query_text(text), *ID_KINDS))
    bare = without_comparatives(bare)  # "a bigger one": relative to what was shown, no subject
    content = slots.content_words(cues.REFERENCE_CUES.sub(" ", cues.PRODUCT_CUES.sub(" ", bare)))
    positions = slots.ordinals(text)
    has_ref = bool(
        state.find(text, "product")
        or (state.products and positions and not (len(positions) > 1 and content))
        or (bool(by_title(text, state)) and not points_at_focus(text, state))
        or (bool(cues.THE_ONE.search(text)) and bool(by_listed_word(text, state)))
        or (bool(cues.THE_PAIR.search(text)) and len(by_listed_word(text, state)) == 1)
        or (bool(cues.BRAND_ONES.search(text)) and len(by_listed_word(text, state)) == 1)
        or (bool(cues.WHICH_ONE.search(text)) and bool(by_listed_word(text, state)))
        or (bool(cues.THE_ONE.search(text)) and bool(by_listed_value(text, state)))
    )
    ask = cues.detail_question(text, colour, size)
    named = state.ids.names.named(text)
    return Reading(text, colour, size, content, has_ref, slots.aspect(text), ask, named)


def focus_attributes(r: Reading, state: ConversationState) -> Intent | None:
    """A question about attributes of the product in focus ("battery?", "how many presets",
    "is it waterproof at all"), answered from its details; None when the message names another
    product or kind of product, or asks about colours, sizes, stock or price."""
    focus = state.focus or {}
    attributes = focus.get("attributes")
    if not isinstance(attributes, dict) or not focus.get("product_id") or r.named:
        return None
    if r.ask in ("colour", "stock", "price") or state.find(r.text, "product"):
        return None
    named = state.category_of(r.text)
    if named and named != focus.get("category"):
        return None
    if cues.REVIEWS.search(r.text) or cues.COMPARE_WORD.search(r.text):
        return None
    if unit_limits(r.text) or comparatives(r.text) or slots.price_filters(r.text).max_price:
        return None  # "same thing but 15 lb?", "something shorter under $100?": a new search
    if cues.ONES.search(r.text) and not r.has_ref:
        return None  # "show me other long ones": other products
    pointed = r.has_ref or cues.OTHER.search(r.text)
    listed = referenced(r.text, state, default_first=False) if pointed else []
    product = listed[0] if listed else focus  # "go back to the arcwell one, how many presets"
    picking = picking_words(product, state) if listed else set()
    words = [w for w in r.content if w.rstrip("s") not in picking]  # not "va" of "the VA one"
    asked = words if slots.asked_attributes(words, attributes) else []
    asked = asked or _valued_keys(words, [focus, *state.products])  # "is it a mineral one?"
    if not asked:
        return None
    return Intent("details", products=[product], ask="attributes", asked=asked)


def _valued_keys(words: list[str], products: list[dict[str, Any]]) -> list[str]:
    """The attribute names whose value is one of the words for some of these products ("mineral"
    of type: Mineral): a yes/no question about that attribute ("is it a mineral one?")."""
    said = {w.lower() for w in words}
    return list(
        dict.fromkeys(
            str(k)
            for p in products
            for k, v in (p.get("attributes") or {}).items()
            if str(v).strip().lower() in said and str(k).lower() not in slots.VARIANT_KEYS
        )
    )


_OPINION = re.compile(r"\bhow(?:'?s| is| are| good| well)\b|\bany good\b|\bworth\b", re.I)
_VERDICTS = frozenset({"good", "bad", "decent", "great", "reliable", "ok", "okay", "legit"})


def focus_question(r: Reading, state: ConversationState) -> Intent | None:
    """A question about the product in focus that none of its attribute names answers
    ("warranty?", "what's the warranty on it", "does it mop too"): answered from its listing,
    never a new search. None when the message names another product or kind of product,
    narrows or changes the search ("for kids?", "under 50", "cheaper?"), or asks about colour,
    size, stock, price, reviews or a comparison."""
    focus = state.focus or {}
    if not focus.get("product_id") or not r.content or r.named or r.has_ref:
        return None
    if r.aspect and _OPINION.search(r.text):
        return None  # "how's the sound on it": what reviewers say
    if r.ask is not None or r.colour or r.size or re.search(r"\d", r.text):
        return None
    if state.find(r.text, "product") or state.category_of(r.text) or cues.ELLIPSIS.search(r.text):
        return None
    if cues.REVIEWS.search(r.text) or cues.COMPARE_WORD.search(r.text):
        return None
    if cues.SIMILAR.search(r.text):
        return None  # "show me more stuff like that one": recommendations
    if comparatives(r.text) or slots.superlative(r.text) or slots.price_direction(r.text):
        return None
    if any(p.get("product_id") != focus["product_id"] for p in by_listed_word(r.text, state)):
        return None  # "go back to the oled, …": another listed product
    bare = len(r.content) <= 2 and bool(
        cues.QUESTION.search(r.text)
    )  # "warranty?", "whats it like"
    other = referenced(r.text, state, default_first=False) if cues.OTHER.search(r.text) else []
    pointed = cues.IT.search(r.text) or len(other) == 1  # "whats the other one made of"
    pointed = pointed or (asks_of_listing(r.text, focus) and not cues.OTHER_PRODUCTS.search(r.text))
    own = {w.rstrip("s") for w in r.content} <= having_words(focus)  # "sweatproof?" of its title
    if not (pointed or (bare and (own or not state.ids.sold_words(r.content)))):
        return None  # ("peppermint tea too?": another product the shop sells)
    return Intent("details", products=other[:1] or [focus], ask="attributes", asked=r.content)


def asks_of_listing(text: str, product: dict[str, Any]) -> bool:
    """True for a question using a word (of four letters or more) the product's highlights or
    description use: it asks about that product ("can the door swing the other way?" of a
    fridge listing a "reversible door")."""
    if not cues.QUESTION.search(text):
        return False
    lines = [*map(str, product.get("features") or []), str(product.get("description") or "")]
    listing = " ".join(lines).lower()
    return any(
        re.search(rf"\b{re.escape(w.lower().rstrip('s'))}", listing)
        for w in slots.content_words(text)
        if len(w) >= 4
    )


def named_question(r: Reading, state: ConversationState) -> Intent | None:
    """A short question about one product named outright ("is the norvik buds air
    waterproof?"): its details, asked about the words besides its name; None for opinions
    ("is the sonara elite any good"), reviews, comparisons ("how does it stack up against"),
    price, stock, colour or size (answered their own way) and for a name alone."""
    if len(r.named) != 1 or r.ask is not None or r.colour or r.size:
        return None
    if cues.REVIEWS.search(r.text) or cues.CHOICE.search(r.text) or _OPINION.search(r.text):
        return None
    if cues.COMPLEMENT.search(r.text) or cues.SIMILAR.search(r.text):
        return None  # "what goes well with the caldera mill plus grinder?"
    asks = cues.ASPECT_QUESTION.search(r.text) or cues.QUESTION.search(r.text)  # "whats the burn
    # time on the harbor & pine vanilla bean candle"
    if not asks or slots.price_direction(r.text):
        return None
    rest = slots.content_words(state.ids.names.without(r.text, r.named))
    if not rest or len(rest) > 2 or set(rest) & _VERDICTS:
        return None
    product = {"product_id": r.named[0]}
    return Intent("details", products=[product], ask="attributes", asked=rest)


def list_attributes(r: Reading, state: ConversationState) -> Intent | None:
    """ "battery life?" right after a list, no product singled out: that attribute of each
    listed product side by side; None for a yes/no feature ("noise cancelling?" narrows the
    list) and for anything but a bare attribute question."""
    products = state.products
    if state.focus or state.last_shown != "products" or not 2 <= len(products) <= 4:
        return None
    if r.named or r.has_ref or r.ask is not None or state.category_of(r.text):
        return None
    if re.search(r"\d", r.text) or len(r.content) > 3:
        return None  # "one with 40 settings", "spf 50 or higher": a limit, not a question
    if cues.REVIEWS.search(r.text) or cues.COMPARE_WORD.search(r.text):
        return None
    values: dict[str, str] = {}
    for product in products:
        values |= {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
    keys = slots.asked_attributes(r.content, values)
    if not keys or all(slots.yes_no(values[k]) is not None for k in keys):
        return None
    return Intent("compare", products=products[:4], ask="attributes", asked=r.content)


def same_question(r: Reading, state: ConversationState) -> Intent | None:
    """ "and the white one?", "what about the other one?" right after a question about one
    product (its reviews, price, stock or an attribute): the same question about that one."""
    if not (cues.AND_THEN.search(r.text) and state.history) or r.aspect:
        return None
    if cues.REVIEWS.search(r.text) or cues.COMPARE_WORD.search(r.text):
        return None  # "and what do reviewers think of the sonara one": a question of its own
    if r.ask not in (None, "colour"):  # "and the white one?" names it by its colour
        return None
    if not (cues.THE_ONE.search(r.text) or cues.OTHER.search(r.text)):
        return None
    done = [rec for rec in state.history[-1].records if rec.ok]
    if not done or done[-1].name not in ("review_summary", "get_product"):
        return None
    asked_about = done[-1].args.get("product_id")
    products = referenced(r.text, state, default_first=False)
    if len(products) != 1 or products[0].get("product_id") == asked_about:
        return None
    if set(r.content) - having_words(products[0]) - set(slots.colours(r.text)):
        return None  # "the other one, how loud is it": a question of its own
    if done[-1].name == "review_summary":
        return Intent("reviews", products=products, aspect=done[-1].args.get("aspect"))
    before = read(state.history[-1].text, state)
    if before.ask in ("price", "stock", "features"):
        return Intent("details", products=products, ask=before.ask)
    asked = slots.asked_attributes(before.content, done[-1].data.get("attributes") or {})
    if asked:
        return Intent("details", products=products, ask="attributes", asked=before.content)
    picked_by = measure_pick(before.text)  # "which runs longer", then "and the bramble one?"
    for dimension in picked_by.dimensions if picked_by else ():  # its runtime, as asked before
        if measured := attributes_measuring(products[0], (dimension,)):
            return Intent("details", products=products, ask="measured", asked=measured)
    return None


def focus_variant(r: Reading, state: ConversationState) -> Intent | None:
    """ "in a medium?", "what about in black", "forest green in a medium?" about the product
    singled out: its variants, when the message asks for nothing else and names no other
    product or kind of product."""
    focus = state.focus or {}
    if not (r.colour or r.size) or not focus.get("product_id") or r.named or r.has_ref:
        return None
    if state.find(r.text, "product") or state.category_of(r.text) or cues.ONES.search(r.text):
        return None  # ("do u have lavender ones": other products)
    colours = slots.colours(r.text)
    shades = {  # "forest green": a shade of a colour, named by the word before it
        m.group(1).lower()
        for c in colours
        for m in re.finditer(rf"(\w+)\s+{re.escape(c)}\b", r.text, re.I)
    }
    asked = {"size", *shades, *slots.words(" ".join(colours)), *slots.words(r.size or "")}
    if [w for w in r.content if w not in asked]:
        return None
    ask = "size" if r.size else "colour"
    return Intent("details", products=[focus], colour=r.colour, size=r.size, ask=ask)


def list_pick(r: Reading, state: ConversationState) -> dict[str, Any] | None:
    """The listed product "which one is the cheapest", "the better rated one" or "the biggest
    one" picks, when the message asks nothing else (not its reviews, not a comparison, no new
    subject)."""
    how = slots.superlative(r.text)
    by_reviews = how in ("most_reviewed", "unreviewed")  # "the one with more reviews"
    reviews = cues.REVIEWS.search(slots.without_superlative(r.text))  # not "the best reviews"
    if (reviews and not by_reviews) or cues.COMPARE_WORD.search(r.text):
        return None
    if (measured := pick_by_measure(r.text, state) or pick_by_amount(r.text, state)) is not None:
        return measured  # "the lighter one", "which has more heel drop"
    picking = slots.superlative_words(r.text)
    others = {w for m in cues.OTHERS.finditer(r.text) for w in slots.words(m.group(0))}
    extra = [
        w for w in r.content if slots.superlative(w) is None and w not in picking | others
    ]  # ("of the remaining two which is cheaper": "remaining" says which, not what)
    if not (how and len(state.products) >= 2 and (cues.ONE_OF.search(r.text) or not extra)):
        return None  # (one shown: "cheaper one?" asks for others)
    kind = [p for p in state.products if p.get("category") == state.products[0].get("category")]
    comparable = kind if len(kind) >= 2 else state.products  # of the kind the list is about,
    # not a humidifier listed after air purifiers
    if cues.OTHERS.search(r.text) and state.focus:
        focus = state.focus.get("product_id")
        comparable = [p for p in comparable if p.get("product_id") != focus]
    if how != "in_stock" and slots.wants_in_stock(r.text):  # "cheapest one i can actually get"
        comparable = [p for p in comparable if p.get("in_stock")] or comparable
    if by_reviews or not (extra or r.colour):
        return pick_by(comparable, how)
    among = having(comparable, [*extra, *([r.colour] if r.colour else [])])
    if among:
        return pick_by(among, how)  # "the cheaper teal one": of the teal ones
    named = {str(k): v for p in comparable for k, v in (p.get("attributes") or {}).items()}
    if not r.colour and slots.asked_attributes(extra, named):
        return pick_by(comparable, how)  # "the cheaper one's field of view?": asked of it
    return None
