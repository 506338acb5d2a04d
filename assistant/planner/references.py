"""Which products a message points at: ids, positions, "the cheapest one", "the biggest one", a
word only one listed product has ("the Silvane one", "the 4k one"), "the other one", "it"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.planner import cues, slots
from assistant.planner.state import ConversationState
from retrieval.comparatives import measure_pick
from retrieval.shop_index import ID_KINDS
from retrieval.units import quantities
from retrieval.vocabulary import measures


def _title_words(product: dict[str, Any]) -> set[str]:
    words = slots.words(f"{product.get('title', '')} {product.get('brand') or ''}")
    return {w.rstrip("s") for w in words if _distinct(w) and w not in slots.STOPWORDS}


def _distinct(word: str) -> bool:
    """A word that can tell products apart: three letters or more, or letters with digits ("4k")."""
    return len(word) > 2 or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))


def by_title(text: str, state: ConversationState) -> list[dict[str, Any]]:
    """The one listed product every content word of the text names ("the Bosch one")."""
    masked = cues.REFERENCE_CUES.sub(" ", state.masked(text, *ID_KINDS))
    wanted = {w.rstrip("s") for w in slots.content_words(masked)}
    products = state.products
    named = [p for p in products if p.get("title") and str(p["title"]).lower() in text.lower()]
    if named:  # a listed product named by its whole title (a clicked card), the longest one
        return [max(named, key=lambda p: len(str(p["title"])))]
    if not wanted or not products:
        return []
    matches = [p for p in products if wanted <= _title_words(p)]
    return matches[:1] if len(matches) == 1 else []


def points_at_focus(text: str, state: ConversationState) -> bool:
    """True for a yes/no question about "it", the product in focus, that singles out no other
    ("is it full size or smaller"): the words of a listed title in it are then the question,
    not a pick (not "is it better than the arcwell", "is it the walnut one")."""
    singled = cues.THE_ONE.search(text) or cues.WHICH_ONE.search(text) or cues.THE_PAIR.search(text)
    focus = state.focus or {}
    asked = _ASKS_OF_IT.search(text) and not (cues.COMPARE_WORD.search(text) or _THAN.search(text))
    return bool(asked and focus.get("product_id") and not singled)


_ASKS_OF_IT = re.compile(r"^\W*(?:(?:ok|so|and|but|hmm)\W+)*(?:is|does|do|can|will|has) it\b", re.I)
_THAN = re.compile(r"\bthan\b|\bvs\.?\b|\bversus\b|\bor the\b|\bbeats?\b", re.I)


def by_listed_word(text: str, state: ConversationState) -> list[dict[str, Any]]:
    """The one listed product the text singles out by a word only some listed products have in
    their title or attribute values ("the Silvane one", "the meridian", "the stainless one"),
    its brand counting double; none when it is a tie. With "ones" only brands count ("alder
    supply ones"; "black ones?" narrows the list instead), unless "the … ones" or "the … one"
    singles one out ("the alpine ones in navy 10.5", "which of them is the leather one")."""
    products = [p for p in state.products if p.get("title")]
    if len(products) < 2:
        return []
    singled = cues.THE_PAIR.search(text) or cues.THE_ONE.search(text)
    brands_only = bool(cues.ONES.search(text)) and not singled
    masked = cues.REFERENCE_CUES.sub(" ", state.masked(text, *ID_KINDS))
    said = slots.content_words(masked)
    wanted = {w.rstrip("s") for w in [*said, *(p for w in said for p in w.split("-") if p)]}
    words = [having_words(p) for p in products]  # ("the stainless-look one": "Stainless Look")
    common = set.intersection(*words)
    scores = []
    for product, have in zip(products, words, strict=True):
        brand = {w.rstrip("s") for w in slots.words(str(product.get("brand") or ""))}
        matched = (wanted & have) - common
        scores.append(
            sum(2 for w in matched if w in brand)
            if brands_only
            else sum(2 if w in brand else 1 for w in matched)
        )
    best = max(scores)
    return [products[scores.index(best)]] if best and scores.count(best) == 1 else []


_COUNTED = re.compile(r"\b\d+(?:[.,]\d+)?\s?[a-z]+\b", re.I)


def by_listed_value(text: str, state: ConversationState) -> list[dict[str, Any]]:
    """The one listed product a number and its word in the text single out, as its title or an
    attribute value states them ("the one with 2 ports", "the 40 oz one")."""
    phrases = {" ".join(m.group(0).lower().split()) for m in _COUNTED.finditer(text)}
    if not phrases or len(state.products) < 2:
        return []

    def states(product: dict[str, Any], phrase: str) -> bool:
        values = [
            str(product.get("title") or ""),
            *map(str, (product.get("attributes") or {}).values()),
        ]
        spaced = " ".join(" ".join(values).lower().split())
        if re.search(rf"(?<![\w.,]){re.escape(phrase)}(?:e?s)?\b", spaced):
            return True  # "the 20 hour one": "20 hours playtime"
        said = quantities(phrase)  # "the 1.5 liter one": "1500 ml"
        stated = measures(values[0], product.get("attributes") or {})
        return bool(said) and abs(stated.get(said[0].dimension, -1.0) - said[0].low) < 1e-6

    for phrase in phrases:
        matches = [p for p in state.products if states(p, phrase)]
        if len(matches) == 1:
            return matches
    return []


def having_words(product: dict[str, Any]) -> set[str]:
    """The words of a product's title, brand and attribute values (a plural "s" dropped; a
    hyphenated value also by its parts of three letters or more: "nylon-spandex", not the
    "large" of "X-Large")."""
    values = " ".join(str(v) for v in (product.get("attributes") or {}).values())
    words = slots.words(values)
    parts = [
        p for w in words if "-" in w and all(len(p) > 2 for p in w.split("-")) for p in w.split("-")
    ]
    return _title_words(product) | {w.rstrip("s") for w in [*words, *parts]}


def picking_words(product: dict[str, Any], state: ConversationState) -> set[str]:
    """The words only this listed product has: what a message picks it by ("the VA one")."""
    others = [
        having_words(p) for p in state.products if p.get("product_id") != product.get("product_id")
    ]
    return having_words(product) - set().union(*others)


def having(products: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    """The products whose title, brand or attribute values have every one of the words."""
    wanted = {w.rstrip("s") for w in words}
    return [p for p in products if wanted <= having_words(p)]


def _other(state: ConversationState) -> dict[str, Any] | None:
    """ "The other one": the product singled out before the current one, else the one of two
    listed products that is not in focus (or of two narrowed to one, the one left out)."""
    if len(state.focused) >= 2:
        return state.focused[-2]
    focus = (state.focus or {}).get("product_id")
    pair = state.products
    if len(pair) == 1 and len(state.earlier) == 2:  # two narrowed to one: the one left out
        pair, focus = state.earlier, pair[0].get("product_id")
    others = [p for p in pair if p.get("product_id") != focus]
    return others[0] if focus and len(pair) == 2 and len(others) == 1 else None


def pick_by(products: list[dict[str, Any]], how: str) -> dict[str, Any] | None:
    def price(p: dict[str, Any]) -> float:
        return float(p.get("price") or 0)

    def rating(p: dict[str, Any]) -> float:
        value = p.get("rating")
        value = value.get("average") if isinstance(value, dict) else value
        return float(value or 0)

    def reviews(p: dict[str, Any]) -> int:
        value = p.get("rating")
        count = value.get("count") if isinstance(value, dict) else p.get("rating_count")
        return int(count or 0)

    if not products:
        return None
    if how == "most_reviewed":
        return _unique_best(products, reviews)
    if how == "unreviewed":
        unrated = [p for p in products if reviews(p) == 0]
        return unrated[0] if len(unrated) == 1 else None
    if how == "in_stock":
        stocked = [p for p in products if p.get("in_stock")]
        return stocked[0] if len(stocked) == 1 else None
    if how == "cheapest":
        return min(products, key=price)
    if how == "priciest":
        return max(products, key=price)
    return max(products, key=rating)


def referenced(
    text: str, state: ConversationState, *, bare_pairs: bool = False, default_first: bool = True
) -> list[dict[str, Any]]:
    """Products the text points at: ids, ordinals, "the cheapest one", a title word, or "it"."""
    listed = {str(p.get("product_id")): p for p in state.products}
    picked = [listed.get(i, {"product_id": i}) for i in state.find(text, "product")]
    if state.products:
        for position in slots.ordinals(text, bare_pairs=bare_pairs):
            if -len(state.products) <= position < len(state.products):
                picked.append(state.products[position])
    if picked:
        return list({str(p.get("product_id")): p for p in picked}.values())
    if slots.ordinals(text, bare_pairs=bare_pairs):
        return []
    if cues.OTHER.search(text) and (other := _other(state)):
        return [other]
    how = slots.superlative(text)
    if how and cues.ONE_OF.search(text) and (choice := pick_by(state.products, how)):
        return [choice]
    if measured := pick_by_measure(text, state) or pick_by_amount(text, state):
        return [measured]  # "the one with more btu, reviews?"
    if points_at_focus(text, state) and state.focus:
        return [state.focus]  # "is it full size or smaller": asked of it, whatever else is
    if titled := by_title(text, state) or by_listed_value(text, state):
        return titled
    named = state.ids.names.named(text)  # the shop's products named anywhere in the catalog
    if not set(named) & set(listed) and (titled := by_listed_word(text, state)):
        return titled  # "the alder supply one in orange size 6.5?": the listed alder supply one
    if named:
        return [listed.get(i, {"product_id": i}) for i in named]
    if not (default_first or cues.PRONOUN.search(text)):
        return []
    if state.focus and state.focus.get("product_id"):
        return [state.focus]
    return state.products[:1]


def _unique_best(
    products: list[dict[str, Any]], key: Callable[[dict[str, Any]], float]
) -> dict[str, Any] | None:
    """The one product with the highest key; None on a tie."""
    values = [key(p) for p in products]
    best = max(values)
    return products[values.index(best)] if values.count(best) == 1 else None


_AMOUNT = re.compile(
    r"\b(more|most|higher|highest|bigger|biggest|wider|widest|less|least|fewer|fewest|lower|"
    r"lowest|narrower|narrowest)"
    r"((?:\s+[a-z]+){1,2})",
    re.I,
)
_MORE_WORDS = frozenset(
    {"more", "most", "higher", "highest", "bigger", "biggest", "wider", "widest"}
)
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def pick_by_amount(text: str, state: ConversationState) -> dict[str, Any] | None:
    """The listed product with the most (or least) of an attribute the text names by its name
    ("which has more heel drop": drop 8 mm against 6 mm); None on a tie or no such attribute."""
    products = state.products
    if len(products) < 2 or state.last_shown != "products":
        return None
    for match in _AMOUNT.finditer(text):
        more = match.group(1).lower() in _MORE_WORDS
        values: dict[str, float] = {}
        for product in products:
            attributes = {str(k): str(v) for k, v in (product.get("attributes") or {}).items()}
            keys = slots.asked_attributes(match.group(2).split(), attributes)
            number = _NUMBER.search(attributes[keys[0]]) if keys else None
            if number:
                values[str(product.get("product_id"))] = float(number.group(0).replace(",", ""))
        if len(values) >= 2:
            keyed = [p for p in products if str(p.get("product_id")) in values]
            sign = 1 if more else -1
            return _unique_best(keyed, lambda p, v=values, s=sign: s * v[str(p.get("product_id"))])
    return None


def pick_by_measure(text: str, state: ConversationState) -> dict[str, Any] | None:
    """The listed product "the biggest one", "the brighter one" or "which is lighter" picks, by
    the measure its attributes or title state; None when they do not tell them apart."""
    measured = measured_pick(text, state)
    return measured[0] if measured else None


def attributes_measuring(product: dict[str, Any], dimensions: tuple[str, ...]) -> list[str]:
    """The product's attributes whose values are in one of these dimensions ("size": "5 oz" of
    weight), the ones that state what a measure picked it by."""
    attributes = product.get("attributes") or {}
    return [str(k) for k, v in attributes.items() if set(dimensions) & set(measures("", {k: v}))]


def measured_pick(text: str, state: ConversationState) -> tuple[dict[str, Any], str] | None:
    """The product `pick_by_measure` picks and the dimension that told the products apart."""
    comparative = measure_pick(text)
    products = state.products
    if comparative is None or len(products) < 2 or state.last_shown != "products":
        return None
    named = state.category_of(text)
    if named and all(named != p.get("category") for p in products):
        return None  # a new subject ("the biggest tent you have" after sleeping bags)
    stated = {  # what each product's attributes or title state ("600 lumens", "6 qt")
        str(p.get("product_id")): measures(str(p.get("title") or ""), p.get("attributes") or {})
        for p in products
    }
    for dimension in comparative.dimensions:
        sign = 1 if comparative.op == "min" else -1
        values = {i: sign * m[dimension] for i, m in stated.items() if dimension in m}
        if len(values) >= 2:
            keyed = [p for p in products if str(p.get("product_id")) in values]
            best = _unique_best(keyed, lambda p, v=values: v[str(p.get("product_id"))])
            return (best, dimension) if best is not None else None
    return None
    named = state.category_of(text)
    if named and all(named != p.get("category") for p in products):
        return None  # a new subject ("the biggest tent you have" after sleeping bags)
    stated = {  # what each product's attributes or title state ("600 lumens", "6 qt")
        str(p.get("product_id")): measures(str(p.get("title") or ""), p.get("attributes") or {})
        for p in products
    }
    for dimension in comparative.dimensions:
        sign = 1 if comparative.op == "min" else -1
        values = {i: sign * m[dimension] for i, m in stated.items() if dimension in m}
        if len(values) >= 2:
            keyed = [p for p in products if str(p.get("product_id")) in values]
            return _unique_best(keyed, lambda p, v=values: v[str(p.get("product_id"))])
    return None
