"""Structured constraints parsed out of a shopper's words.

Prices ("under $80", "between 20 and 50 euros", "Rs. 500 max"; a bare number after "under" is
in the shop's currency), ratings ("4+ stars", "4,5 stars"), stock ("in stock") and limits on
measured attributes ("at least 1000 W", "44 dBA or quieter", "a tent for 6 people"). Only money
is a price: a number followed by a unit is never one. Currency words and units are data
(retrieval/data/currencies.yaml, units.yaml); feature words come from the shop's vocabulary
(retrieval/vocabulary.py) and are resolved against the catalog in retrieval/catalog.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from retrieval import units as unit_table
from retrieval.money import NUMBER, ShopMoney, currencies
from retrieval.number_words import digits_for_words
from retrieval.units import UnitConstraint


class TermConstraint(BaseModel):
    """A feature word of the shop's vocabulary the products must have (or, negated, lack)."""

    term: str
    negated: bool = False
    alternatives: list[str] = Field(
        default_factory=list, description='Words any one of which will do ("salmon or chicken")'
    )
    listed: bool = Field(
        default=False,
        description="Only an attribute value or option counts, not the title (the word is also "
        'in the name of the category: "hot sauce that\'s actually hot")',
    )

    @property
    def words(self) -> list[str]:
        """The term and its alternatives."""
        return [self.term, *self.alternatives]


class Unmet(BaseModel):
    """A constraint the search could not apply, and why (for an honest reply)."""

    text: str
    reason: Literal["currency", "not_listed"]
    detail: str = ""


class SearchFilters(BaseModel):
    """Structured constraints on a product search; None means no constraint."""

    min_price: float | None = Field(default=None, ge=0)
    max_price: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, description="Currency the price limits were in")
    category: str | None = None
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool | None = None
    units: list[UnitConstraint] | None = None
    terms: list[TermConstraint] | None = None
    unmet: list[Unmet] | None = None

    def merged(self, other: SearchFilters) -> SearchFilters:
        """These filters with every constraint `other` sets taking precedence."""
        return SearchFilters.model_validate(
            self.model_dump(exclude_none=True) | other.model_dump(exclude_none=True)
        )

    def is_empty(self) -> bool:
        """True when nothing is constrained."""
        return not self.model_dump(exclude_none=True, exclude={"unmet"})


class ParsedQuery(BaseModel):
    """The query's remaining words and the filters found in it."""

    text: str
    filters: SearchFilters


@cache
def _patterns(measures: tuple[str, ...] = ()) -> dict[str, re.Pattern[str]]:
    names = [*currencies()]
    marks = {m for entry in currencies().values() for m in entry.get("marks") or []}
    words = {w for entry in currencies().values() for w in entry.get("words") or []}
    mark = "|".join(re.escape(m) for m in sorted(marks | set(names), key=len, reverse=True))
    word = "|".join(re.escape(w) for w in sorted(words | marks | set(names), key=len, reverse=True))
    units = sorted(unit_table.table()["dimensions"].items())
    unit_words = {str(u) for _, entry in units for u in entry["units"]}
    unit_words |= {f"{m}s" for m in measures} | set(measures)  # "at least 300 pages": no price
    unit = "|".join(re.escape(u) for u in sorted(unit_words, key=len, reverse=True))
    num = (
        rf"(?:(?<![\w$])(?:{mark})\s?)?({NUMBER})(?!\d|[.,]\d)(?:\s?[kK]\b)?"
        rf"(?:\s?(?:{word})(?![\w$]))?"
    )
    measure = "|".join(re.escape(w) for w in unit_table.table().get("measure_words") or [])
    not_price = (
        rf"(?!\s?-?\s?(?:%|stars?\b|★|(?:{measure})\b|"
        rf"(?:{unit})(?![\w\"])(?!\s+(?:stock|1|one)\b)))(?<![\d.,][a-zA-Z])(?![a-zA-Z])"
    )
    return {
        "between": re.compile(
            rf"\b(?:between|from)\s+{num}\s*(?:and|to|-)\s*{num}{not_price}", re.I
        ),
        "range": re.compile(rf"{num}\s?(?:-|to)\s?{num}{not_price}", re.I),
        "max": re.compile(
            rf"(?:\b(?:under|below|less than|cheaper than|max(?:imum)?|at most|up to|"
            rf"no more than|within|budget(?: of)?|(?:nothing|not|never) (?:over|above|more than))"
            rf"|<=?)\s*{num}{not_price}|"
            rf"{num}{not_price}\s+(?:or less|or under|max|tops|at most|at the most)\b",
            re.I,
        ),
        "min": re.compile(
            rf"(?:(?<!\bnothing )(?<!\bnot )(?<!\bnever )(?<!\bno )(?<!\bsomeone )"
            rf"(?<!\banyone )(?<!\badults )(?<!\bpeople )(?<!\bseniors )(?<!\bwomen )"
            rf"(?<!\bmen )(?<!\bages )(?<!\bage )(?<!\bkids )"  # "for someone over 50": an age
            rf"\b(?:over|above|more than|at least|min(?:imum)?|starting at)|>=?)\s*"
            rf"{num}{not_price}",
            re.I,
        ),
    }


_STARS = re.compile(
    r"(?:\b(?:at least|min(?:imum)?|rated)\s+)?(\d(?:[.,]\d)?)\s?(?:\+|plus)?\s?(?:stars?|★)"
    r"(?:\s?(?:and up|or (?:more|higher|better|above)|\+))?|\brated\s+(\d(?:[.,]\d)?)\s?"
    r"(?:\+|or (?:more|higher|better|above)|and up)",
    re.I,
)
_TOP_RATED = re.compile(
    r"\b(?:top[- ]rated|highly[- ]rated|best[- ]rated|well[- ]reviewed)\b", re.I
)
_IN_STOCK = re.compile(r"\b(?:in[- ]stock|available (?:now|today)|ships? (?:now|today))\b", re.I)
_FILLER = re.compile(r"\b(?:for|with|and|that (?:is|are)|priced|costing|cost|a|an)\s*$", re.I)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _category_key(text: str) -> str:
    """Words as category names are matched: no hyphens or possessives, and plurals folded so
    that "hoodie" meets "Hoodies", "knife" "Knives", "ereader" "E-Readers"."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"'s\b|-", "", text.lower()))
    return " ".join(_folded(w) for w in words)


def _folded(word: str) -> str:
    for ending, stem in (("ies", "i"), ("ie", "i"), ("ves", "f"), ("fe", "f")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + stem
    word = _singular(word)
    return word[:-1] + "i" if word.endswith("y") and len(word) > 3 else word


@lru_cache(maxsize=8192)
def _leaf_keys(path: str) -> tuple[str, ...]:
    """The keys a category path is named by: its leaf's and each "&" part's (computed once a
    path; every query is matched against all of a shop's paths)."""
    leaf = path.split(" > ")[-1]
    return tuple(_category_key(name) for name in (leaf, *leaf.split(" & ")))


def match_category(text: str, categories: Iterable[str]) -> str | None:
    """The most specific category path whose leaf name appears in the text, if any."""
    words = f" {_category_key(text)} "
    best: tuple[int, str] | None = None
    for path in categories:
        for key in _leaf_keys(path):
            if key and f" {key} " in words and (best is None or len(key) > best[0]):
                best = (len(key), path)
    return best[1] if best else None


def _after_size_word(text: str, start: int) -> bool:
    """Whether the words just before `start` name a size ("a size between 10.5 and 11")."""
    before = re.findall(r"[a-z]+", text[:start].lower())[-2:]
    return bool(set(before) & set(unit_table.table().get("size_words") or []))


def _price(match: re.Match[str], money: ShopMoney, group: int) -> tuple[float, str | None]:
    """The amount a price match names, and its currency when one was written."""
    value = money.number(match.group(group))
    found = money.amounts(match.group(0))
    if re.search(rf"{re.escape(match.group(group))}\s?[kK]\b", match.group(0)):
        value *= 1000
    return value, (found[0].currency if found else None)


def parse_query(
    query: str,
    categories: Iterable[str] = (),
    money: ShopMoney | None = None,
    measures: tuple[str, ...] = (),
) -> ParsedQuery:
    """Split a query into free text and filters.

    Price, rating and stock phrases are removed from the text; unit phrases stay in it (they
    help ranking) and become `units` limits. `money` is the shop's currency and locale
    (default: US dollars); a price written in another currency keeps that currency in
    `filters.currency` so the search can say it does not sell in it. `measures` are the shop's
    numeric attributes without a unit ("spf", "page"): numbers with them are limits too.
    """
    money = money or ShopMoney()
    patterns = _patterns(measures)
    filters = SearchFilters()
    text = digits_for_words(query)

    def price_at(match: re.Match[str] | None) -> re.Match[str] | None:
        """The match in the text as it is now, unless it is the number of a measure ("spf of
        at least 40")."""
        if match is None:
            return None
        spans = [(q.start, q.end) for q in unit_table.named_quantities(text, measures)]
        return None if any(s < match.end() and match.start() < e for s, e in spans) else match

    stated: list[str | None] = []
    if (
        match := price_at(patterns["between"].search(text) or patterns["range"].search(text))
    ) and not (_after_size_word(text, match.start())):
        (low, c1), (high, c2) = _price(match, money, 1), _price(match, money, 2)
        if c1 or c2 or match.re is patterns["between"]:
            filters.min_price, filters.max_price = sorted((low, high))
            stated += [c1, c2]
            text = text.replace(match.group(0), " ")
    if (match := price_at(patterns["max"].search(text))) and filters.max_price is None:
        filters.max_price, currency = _price(match, money, 1 if match.group(1) else 2)
        stated.append(currency)
        text = text.replace(match.group(0), " ")
    if (match := price_at(patterns["min"].search(text))) and filters.min_price is None:
        filters.min_price, currency = _price(match, money, 1)
        stated.append(currency)
        text = text.replace(match.group(0), " ")
    if named := [c for c in stated if c]:
        filters.currency = named[0]
    if match := _STARS.search(text):
        value = float((match.group(1) or match.group(2)).replace(",", "."))
        if 0 < value <= 5:
            filters.min_rating = value
            text = text.replace(match.group(0), " ")
    elif match := _TOP_RATED.search(text):
        filters.min_rating = 4.0
    if match := _IN_STOCK.search(text):
        filters.in_stock = True
        text = text.replace(match.group(0), " ")
    text = _FILLER.sub("", " ".join(text.split())).strip(" ,.;-")
    if limits := [constraint for constraint, _, _ in unit_table.constraints(text, measures)]:
        filters.units = limits
    if categories:
        filters.category = match_category(text, categories)
    return ParsedQuery(text=text, filters=filters)
