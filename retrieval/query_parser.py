"""Structured filters parsed out of a shopper's words ("under $80", "4+ stars", "in stock")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

_NUM = r"\$?\s?(\d{1,6}(?:,\d{3})*(?:\.\d{1,2})?)(?![\d.,])\s?(?:dollars|bucks|usd)?"
_UNIT = r"(?!\s?(?:%|lbs?|pounds?|kg|g\b|oz|ounces?|inch|inches|\"|mm|cm|ft|feet|db|dba|w\b|"
_UNIT += (
    r"watts?|hours?|hrs?|h\b|minutes?|mins?|mah|gb|tb|pack|count|pcs|pieces|stars?|qt|quarts?))"
)
_BETWEEN = re.compile(rf"\b(?:between|from)\s+{_NUM}\s*(?:and|to|-)\s*{_NUM}{_UNIT}", re.I)
_RANGE = re.compile(
    r"(?<![\w.])\$(\d{1,6}(?:\.\d{1,2})?)\s?(?:-|to)\s?\$?(\d{1,6}(?:\.\d{1,2})?)", re.I
)
_MAX = re.compile(
    rf"(?:\b(?:under|below|less than|cheaper than|max(?:imum)?|at most|up to|no more than|"
    rf"within|budget(?: of)?)|<=?)\s*{_NUM}{_UNIT}|{_NUM}\s+(?:or less|or under|max)\b",
    re.I,
)
_MIN = re.compile(
    rf"(?:\b(?:over|above|more than|at least|min(?:imum)?|starting at)|>=?)\s*{_NUM}{_UNIT}",
    re.I,
)
_STARS = re.compile(
    r"(?:\b(?:at least|min(?:imum)?|rated)\s+)?(\d(?:\.\d)?)\s?(?:\+|plus)?\s?(?:stars?|★)"
    r"(?:\s?(?:and up|or (?:more|higher|better|above)|\+))?|\brated\s+(\d(?:\.\d)?)\s?"
    r"(?:\+|or (?:more|higher|better|above)|and up)",
    re.I,
)
_TOP_RATED = re.compile(
    r"\b(?:top[- ]rated|highly[- ]rated|best[- ]rated|well[- ]reviewed)\b", re.I
)
_IN_STOCK = re.compile(r"\b(?:in[- ]stock|available (?:now|today)|ships? (?:now|today))\b", re.I)
_FILLER = re.compile(r"\b(?:for|with|and|that (?:is|are)|priced|costing|cost|a|an)\s*$", re.I)


class SearchFilters(BaseModel):
    """Structured constraints on a product search; None means no constraint."""

    min_price: float | None = Field(default=None, ge=0)
    max_price: float | None = Field(default=None, ge=0)
    category: str | None = None
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool | None = None

    def merged(self, other: SearchFilters) -> SearchFilters:
        """These filters with every constraint `other` sets taking precedence."""
        return self.model_copy(update=other.model_dump(exclude_none=True))

    def is_empty(self) -> bool:
        """True when nothing is constrained."""
        return not self.model_dump(exclude_none=True)


class ParsedQuery(BaseModel):
    """The query's remaining words and the filters found in it."""

    text: str
    filters: SearchFilters


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _normal(text: str) -> str:
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()))


def match_category(text: str, categories: Iterable[str]) -> str | None:
    """The most specific category path whose leaf name appears in the text, if any."""
    words = f" {_normal(text)} "
    best: tuple[int, str] | None = None
    for path in categories:
        leaf = path.split(" > ")[-1]
        for name in (leaf, *leaf.split(" & ")):
            key = _normal(name)
            if key and f" {key} " in words and (best is None or len(key) > best[0]):
                best = (len(key), path)
    return best[1] if best else None


def parse_query(query: str, categories: Iterable[str] = ()) -> ParsedQuery:
    """Split a query into free text and filters; the filter phrases are removed from the text."""
    filters = SearchFilters()
    text = query
    match = _BETWEEN.search(text) or _RANGE.search(text)
    if match:
        low, high = sorted((_number(match.group(1)), _number(match.group(2))))
        filters.min_price, filters.max_price = low, high
        text = text.replace(match.group(0), " ")
    if (match := _MAX.search(text)) and filters.max_price is None:
        filters.max_price = _number(match.group(1) or match.group(2))
        text = text.replace(match.group(0), " ")
    if (match := _MIN.search(text)) and filters.min_price is None:
        filters.min_price = _number(match.group(1))
        text = text.replace(match.group(0), " ")
    if match := _STARS.search(text):
        value = float(match.group(1) or match.group(2))
        if 0 < value <= 5:
            filters.min_rating = value
            text = text.replace(match.group(0), " ")
    elif match := _TOP_RATED.search(text):
        filters.min_rating = 4.0
    if match := _IN_STOCK.search(text):
        filters.in_stock = True
        text = text.replace(match.group(0), " ")
    text = _FILLER.sub("", " ".join(text.split())).strip(" ,.;-")
    if categories:
        filters.category = match_category(text, categories)
    return ParsedQuery(text=text, filters=filters)
