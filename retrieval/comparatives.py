"""Comparative words relative to products already shown ("a bigger one", "anything quieter?"):
each becomes a limit on a measured attribute beyond what those products list.

The words, their direction and the dimensions they can mean are data
(retrieval/data/comparatives.yaml); the values come from the catalog's vocabulary, so "bigger"
means more quarts for an air fryer and more inches for a TV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import yaml

from retrieval.catalog import Catalog
from retrieval.query_parser import Unmet
from retrieval.units import UnitConstraint, base_unit, unit_dimension


@dataclass(frozen=True)
class Comparative:
    """A comparative word: more or less of the first of its dimensions a product lists."""

    word: str
    op: Literal["min", "max"]
    dimensions: tuple[str, ...]


@cache
def _table() -> dict[str, Any]:
    text = resources.files("retrieval").joinpath("data/comparatives.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _pattern() -> re.Pattern[str]:
    alternation = _alternation(_table()["words"])
    # "smaller than 10 inches" is a limit of its own (retrieval/units.py), not relative
    return re.compile(rf"\b({alternation})\b(?!\s+than\s+\d)", re.I)


def asked_dimensions(words: list[str]) -> list[str]:
    """The dimensions words of a question ask about ("heavy" → weight, "watts" → power), in
    order, each once."""
    table = _table().get("questions") or {}
    found = [d for w in words for d in (*table.get(w.lower(), ()), unit_dimension(w)) if d]
    return list(dict.fromkeys(found))


def comparatives(text: str) -> list[Comparative]:
    """The comparative words in the text, in order, each once."""
    found: dict[str, Comparative] = {}
    for match in _pattern().finditer(text):
        word = " ".join(match.group(1).lower().split())
        entry = _table()["words"][word]
        found.setdefault(word, Comparative(word, entry["op"], tuple(entry["dimensions"])))
    return list(found.values())


@cache
def _pick_patterns() -> tuple[re.Pattern[str], ...]:
    superlatives = _alternation(_table().get("superlatives") or {})
    words = _alternation(_table()["words"])
    return (
        re.compile(rf"\b(?P<word>{superlatives})\b", re.I),
        re.compile(  # "the bigger one", "the bigger bottle one"
            rf"\bthe (?P<word>{words}) (?:\w+ )?(?:one|of (?:the|them|these|those))\b", re.I
        ),
        re.compile(rf"^\W*(?:and |ok |so |i want )?the (?P<word>{words}) \w+\W*$", re.I),
        re.compile(rf"^\W*(?:and |ok |so |hmm )?(?P<word>{words}) one\W*$", re.I),  # "quieter
        # one?" of those shown, as "cheaper one?" is
        re.compile(rf"\b(?P<word>{words}) of (?:the|those|these) (?:two|2)\b", re.I),
        re.compile(  # "which one burns longer", "which of them is lighter", "what's quieter"
            rf"\b(?:which|what)(?:'s| one| of (?:them|these|those|the two))?"
            rf" (?!about\b|are\b|ones?\b)(?:\w+ )?(?:a |the )?(?P<word>{words})\b",
            re.I,
        ),
        re.compile(  # "the one that runs longer", "the one with the brighter light"
            rf"\bthe one (?:with|w/?|that|which) (?:a |the |\w+ )?(?P<word>{words})\b", re.I
        ),
    )


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def measure_pick(text: str) -> Comparative | None:
    """The measure a text picks one shown product by: a superlative ("the biggest one", "which
    is lightest") or a comparative said of one of them ("the brighter one", "which is quieter",
    "the one with longer battery"); None for one that asks for other products ("a bigger one",
    "anything quieter?")."""
    superlatives = _table().get("superlatives") or {}
    for pattern in _pick_patterns():
        if match := pattern.search(text):
            said = " ".join(match.group("word").lower().split())
            word = superlatives.get(said, said)
            entry = _table()["words"][word]
            return Comparative(word, entry["op"], tuple(entry["dimensions"]))
    if _BEYOND.search(text):
        return None  # "any with more power?": other products
    for match in _MORE_UNIT.finditer(text):  # "the one with more btu", "the best battery"
        if match.group(1).lower() in _GOOD and match.group(2).lower() in _NOT_MORE:
            continue  # "the best noise cancelling" is not the loudest
        if dimensions := asked_dimensions([match.group(2)]):
            op: Literal["min", "max"] = "min" if match.group(1).lower() in _MORE else "max"
            return Comparative(match.group(0).lower(), op, tuple(dimensions))
    for match in _VERB_MOST.finditer(text):  # "whichever weighs the least"
        if dimensions := asked_dimensions([match.group(1)]):
            op = "min" if match.group(2).lower() in _MORE else "max"
            return Comparative(match.group(0).lower(), op, tuple(dimensions))
    return None


_MORE = frozenset({"more", "most", "higher", "highest", "best", "better", "bigger", "biggest"})
_GOOD = frozenset({"best", "better"})
_NOT_MORE = frozenset({"noise", "sound", "loud", "noisy", "quiet", "weight", "heavy"})
"""Measures where the best is not the most ("the best noise cancelling", "better weight")."""
_BEYOND = re.compile(r"\b(?:any|anything|something|another|others)\b", re.I)
_VERB_MOST = re.compile(r"\b([a-z]+?)e?s\s+(?:the\s+)?(most|least|more|less)\b(?!\s+than)", re.I)
_MORE_UNIT = re.compile(
    r"\b(more|most|higher|highest|best|better|bigger|biggest|less|least|lower|lowest|fewer|"
    r"fewest)\s+([a-z]+)\b",
    re.I,
)


def without_comparatives(text: str) -> str:
    """The text with its comparative words taken out ("air fryers bigger" → "air fryers")."""
    return " ".join(_pattern().sub(" ", text).split())


def relative_limits(
    text: str, catalog: Catalog, product_ids: list[str]
) -> tuple[list[UnitConstraint], list[Unmet]]:
    """Limits that beat every one of the products for each comparative word in the text, and
    the words that cannot be applied because those products list no such measure."""
    rows = np.array([catalog.index[i] for i in product_ids if i in catalog.index], dtype=np.int64)
    numbers = catalog.vocabulary.numbers if catalog.vocabulary is not None else {}
    margin = float(_table().get("margin", 0.03))
    limits: list[UnitConstraint] = []
    unmet: list[Unmet] = []
    for comparative in comparatives(text):
        limit = None
        for dimension in comparative.dimensions:
            if dimension not in numbers or not rows.size:
                continue
            listed_rows, low, high = numbers[dimension]
            theirs = np.isin(listed_rows, rows)
            if not theirs.any():
                continue
            if comparative.op == "min":
                anchor = float(high[theirs].max())
                value = anchor * (1 + margin)
            else:
                anchor = float(low[theirs].min())
                value = anchor * (1 - margin)
            words = f"{comparative.word} than {anchor:.3g} {base_unit(dimension)}"
            limit = UnitConstraint(dimension=dimension, op=comparative.op, value=value, text=words)
            break
        if limit is not None:
            limits.append(limit)
        else:
            leaf = str(catalog.category[rows[0]]).split(" > ")[-1] if rows.size else ""
            unmet.append(Unmet(text=comparative.word, reason="not_listed", detail=leaf))
    return limits, unmet
