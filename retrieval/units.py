"""Quantities with units in text ("44 dBA", "6-Person", "5 quarts", "2-6 Players"), and the
limits a shopper puts on them ("at least 1000 W", "44 dBA or quieter", "bigger than 5 qt").

The unit table and the limit words are data (retrieval/data/units.yaml); values are converted
to each dimension's base unit, so "5 qt" and "4.7 L" compare, and "12 inches" never matches
"12 L".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel

Op = Literal["min", "max", "fits", "about", "between"]
_NUM = r"(?:\d+[ -])?\d+/\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
"""A number: a fraction ("1/2", "1-1/2", "1 1/2"), grouped ("1,875") or plain ("4.5", "4,5")."""


@cache
def table() -> dict[str, Any]:
    """The unit table: dimensions, limit words and number words."""
    text = resources.files("retrieval").joinpath("data/units.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _units() -> dict[str, tuple[str, float]]:
    """Every unit string (lower case) to its dimension and factor to the base unit."""
    found: dict[str, tuple[str, float]] = {}
    for dimension, entry in table()["dimensions"].items():
        for unit, factor in entry["units"].items():
            found[str(unit).lower()] = (dimension, float(factor))
    return found


def unit_dimension(word: str) -> str | None:
    """The dimension a unit word measures ("watts" → power, "BTUs" → heat), None for any other
    word; one-letter units ("w", "l") count only as symbols after a number, never as words."""
    if len(word) < 2:
        return None
    units, word = _units(), word.lower()
    found = units.get(word) or (units.get(word[:-1]) if len(word) > 3 and word[-1] == "s" else None)
    return found[0] if found else None


def _abbreviates(short: str, long: str) -> bool:
    """True when `short` is `long` shortened: same first letter, its letters in order ("ft" of
    "feet", "gal" of "gallon", "inch" of "inches")."""
    rest = iter(long)
    return short[:1] == long[:1] and all(c in rest for c in short)


@cache
def spellings() -> dict[str, frozenset[str]]:
    """Each one-word unit to the ways of writing the same unit (itself included): same
    dimension and factor, one an abbreviation of the other ("inch": "in", "inches"; "v":
    "volt", "volts"; not "pack" for "tablets", though the table counts both as items)."""
    units = {u: found for u, found in _units().items() if u.isalpha()}
    return {
        unit: frozenset(
            other
            for other, same in units.items()
            if same == found and (_abbreviates(other, unit) or _abbreviates(unit, other))
        )
        for unit, found in units.items()
    }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    number = rf"{_NUM}|{_alternation(list(table()['numbers']))}"
    unit = _alternation(list(_units()))
    return re.compile(
        rf"(?<![\w.,/])(?P<minus>-(?=\d))?(?P<low>{number})"
        rf"(?:(?:\s?(?:-|–|to)\s?|\s+(?:or|maybe|or maybe)\s+)(?P<high>{number}))?"
        rf"(?:(?P<plus>\+)|\s+(?P<or_more>{_alternation(_or_more_words())}))?"
        rf"\s?-?\s?"
        rf"(?P<unit>{unit})(?![\w\"])(?!\s+(?:stock|1|one)\b)",
        re.I,
    )


def _or_more_words() -> list[str]:
    """The limit words that may stand between a number and its unit ("4 or more people")."""
    return [w for w in table()["limits"]["at_least_after"] if w.startswith("or ")]


def _value(text: str) -> float:
    words = table()["numbers"]
    if text.lower() in words:
        return float(words[text.lower()])
    if fraction := re.fullmatch(r"(?:(\d+)[ -])?(\d+)/(\d+)", text):
        whole, top, bottom = fraction.groups()
        return int(whole or 0) + int(top) / max(int(bottom), 1)
    if re.fullmatch(r"\d+,\d{1,2}", text):  # "4,5": a decimal comma
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


@cache
def limit_words() -> frozenset[str]:
    """Every word that makes a number a limit ("at", "least", "higher", "or"...)."""
    phrases = [p for words in table()["limits"].values() for p in words]
    return frozenset(w.lower() for p in phrases for w in re.findall(r"[a-z]+", p, re.I))


def is_fits(dimension: str) -> bool:
    """True when a bare number asks whether the product holds that many (people, players)."""
    return bool(table()["dimensions"].get(dimension, {}).get("fits"))


def base_unit(dimension: str) -> str:
    """The unit values of a dimension are kept in; a measure named by a shop's attribute
    ("spf", "page") is written by its name."""
    return str(table()["dimensions"].get(dimension, {}).get("base", dimension))


@dataclass(frozen=True)
class Quantity:
    """A number (or range) with a unit, in the dimension's base unit, and where it stood."""

    dimension: str
    low: float
    high: float
    start: int
    end: int
    plus: bool = False  # written "1000+ pieces" or "4 or more people": that many or more


@cache
def _counted_before() -> re.Pattern[str]:
    verbs = _alternation(list(table().get("counted_before") or {}))
    number = rf"{_NUM}|{_alternation(list(table()['numbers']))}"
    return re.compile(
        rf"\b(?P<verb>{verbs})\s+(?P<low>{number})\b(?:\s+(?P<or_more>"
        rf"{_alternation(_or_more_words())}))?",
        re.I,
    )


def quantities(text: str) -> list[Quantity]:
    """Every number with a known unit in the text, and every number a verb says what it counts
    ("sleeps 4 or more")."""
    found = []
    verbs = table().get("counted_before") or {}
    counted = list(_counted_before().finditer(text)) if verbs else []
    for match in _pattern().finditer(text):
        dimension, factor = _units()[match.group("unit").lower()]
        low = _value(match.group("low")) * factor * (-1 if match.group("minus") else 1)  # -10 F
        high = _value(match.group("high")) * factor if match.group("high") else low
        found.append(
            Quantity(dimension, min(low, high), max(low, high), *match.span(),
                     plus=bool(match.group("plus") or match.group("or_more")))
        )  # fmt: skip
    for match in counted:  # unless a unit says it already ("sleeps 3-person")
        if any(f.start < match.end("low") and match.start("low") < f.end for f in found):
            continue
        value = _value(match.group("low"))
        found.append(
            Quantity(verbs[match.group("verb").lower()], value, value, match.start("low"),
                     match.end("low"), plus=bool(match.group("or_more")))
        )  # fmt: skip
    return found


@cache
def _named_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """A number next to the name of a numeric attribute, or one word apart: "300 pages", "spf
    50", "5 modes", "10 spray patterns"."""
    name = rf"(?P<name>{_alternation(list(names))})(?:e?s)?"
    number = rf"(?P<value>{_NUM})(?P<plus>\+)?"
    return (
        re.compile(rf"(?<![\w.,/]){number}\s?-?\s?(?:[a-z]+ )?{name}(?![\w\"])", re.I),
        re.compile(rf"\b{name}\s?(?:of\s+)?(?:(?:{_limits_before()})\s+)?{number}(?![\w.,])", re.I),
    )


def _limits_before() -> str:
    words = table()["limits"]
    return _alternation([*words["at_least_before"], *words["at_most_before"]])


def named_quantities(text: str, names: tuple[str, ...]) -> list[Quantity]:
    """Numbers of the shop's own numeric attributes (`names`, as `normal_words` writes them),
    each in a dimension of that name."""
    found: list[Quantity] = []
    for pattern in _named_patterns(names) if names else ():
        for match in pattern.finditer(text):
            if any(q.start < match.end() and match.start() < q.end for q in found):
                continue
            value = _value(match.group("value"))
            dimension = match.group("name").lower()  # one of `names`; a plural "s" is outside
            plus = bool(match.group("plus"))
            start = match.start("value")  # "spf of at least 40": the limit words stand before
            # the number, where `constraints` reads them
            found.append(Quantity(dimension, value, value, start, match.end(), plus))
    return found


class UnitConstraint(BaseModel):
    """A limit on a measured attribute, in its dimension's base unit."""

    dimension: str
    op: Op
    value: float
    high: float | None = None
    text: str

    def accepts(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """Which product values (or listed ranges low-high) satisfy the limit."""
        if self.op == "min":
            return high >= self.value
        if self.op == "max":
            return low <= self.value
        if self.op == "fits":
            return (high >= self.value) & ((low == high) | (low <= self.value))
        if self.op == "between":
            return (high >= self.value) & (low <= (self.high or self.value))
        slack = self.value * float(table().get("tolerance", 0.03))
        return (low - slack <= self.value) & (self.value <= high + slack)


@cache
def _limit_patterns() -> dict[str, re.Pattern[str]]:
    words = table()["limits"]
    larger, smaller = _alternation(words["larger"]), _alternation(words["smaller"])
    return {
        "min_before": re.compile(
            rf"(?:\b(?:{_alternation(words['at_least_before'])})|\b(?:{larger})\s+than)\s*$", re.I
        ),
        "max_before": re.compile(
            rf"(?:\b(?:{_alternation(words['at_most_before'])})|\b(?:{smaller})\s+than)\s*$", re.I
        ),
        "min_after": re.compile(
            rf"^\s*(?:(?:{_alternation(words['at_least_after'])})(?!\w)|or\s+(?:{larger})\b)",
            re.I,
        ),
        "max_after": re.compile(
            rf"^\s*(?:(?:{_alternation(words['at_most_after'])})\b|or\s+(?:{smaller})\b)", re.I
        ),
        "between": re.compile(r"\bbetween\s*$", re.I),
    }


def constraints(text: str, names: tuple[str, ...] = ()) -> list[tuple[UnitConstraint, int, int]]:
    """The unit limits in a query, each with the span of the words that state it; `names` are
    the shop's numeric attributes written without a unit ("spf 50 or higher")."""
    patterns = _limit_patterns()
    found = []
    for q in [*quantities(text), *named_quantities(text, names)]:
        before, after = text[max(0, q.start - 30) : q.start], text[q.end : q.end + 20]
        start, end, op = q.start, q.end, None
        for name, kind in (("min", "min"), ("max", "max")):
            if match := patterns[f"{name}_before"].search(before):
                op, start = kind, q.start - len(before) + match.start()
                break
        for name in ("min", "max"):
            if match := patterns[f"{name}_after"].search(after):
                op, end = name, q.end + match.end()
                break
        if op is None and q.plus:
            op = "min"
        if op is None:
            op = "between" if q.low != q.high else ("fits" if is_fits(q.dimension) else "about")
        high = q.high if op == "between" else None
        value = q.high if op == "max" else q.low
        found.append(
            (
                UnitConstraint(dimension=q.dimension, op=op, value=value, high=high,
                               text=" ".join(text[start:end].split())),
                start,
                end,
            )
        )  # fmt: skip
    return found
