"""Which language a customer message is in: by script (Han → zh, Hangul → ko, …), then, for the
Latin script, by common words and marks (`stopwords.yaml`).

English wins unless another language has clear evidence: product names, ids and short replies
("Bosch dishwasher", "P00012", "ok") are English, the language the assistant works in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STOPWORDS_PATH = Path(__file__).resolve().parent / "stopwords.yaml"
SHORTHAND_PATH = Path(__file__).resolve().parent / "shorthand.yaml"
ENGLISH = "en"
MIN_SCORE = 1.5
"""Another Latin-script language needs at least this much evidence (a word of three letters or
more, or a mark, counts 1; a shorter word ½) …"""
MIN_SHARE = 0.25
"""… and that evidence must reach this share of the message's words."""
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(STOPWORDS_PATH.read_text(encoding="utf-8"))


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _script_language(text: str) -> str | None:
    """The language of the non-Latin script with the most words, if it has at least as many
    words as the Latin script (each Han character is a word)."""
    scripts: dict[str, str] = _data()["scripts"]
    units: Counter[str] = Counter()
    for word in _WORD.findall(text):
        names = [_script(c) for c in word]
        han = names.count("CJK")
        units["CJK"] += han
        rest = [n for n in names if n != "CJK"]
        if rest:
            units[Counter(rest).most_common(1)[0][0]] += 1
    found = Counter()
    for script, count in units.items():
        if script in scripts:
            found[scripts[script]] += count
    if not found:
        return None
    for language, variant in _data()["variants"].items():
        base = variant["of"]
        letters = variant["letters"]
        if found[base] and (found[language] or any(c in letters for c in text if letters)):
            found[language] += found.pop(base)
    language, count = found.most_common(1)[0]
    return language if count >= units["LATIN"] else None


def _latin_language(text: str) -> str:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if not words:
        return ENGLISH
    phrase = " ".join(words)
    for language, entry in _data()["latin"].items():
        if phrase in entry["alone"]:
            return language
    scores: dict[str, float] = {}
    for language, entry in _data()["latin"].items():
        vocabulary = set(entry["words"])
        score = sum(1.0 if len(w) > 2 else 0.5 for w in words if w in vocabulary)
        score += sum(1.0 for mark in entry["marks"] if mark in text.lower())
        scores[language] = score
    best = max(scores, key=lambda lang: (scores[lang], lang == ENGLISH))
    if best == ENGLISH:
        return ENGLISH
    if scores[best] >= MIN_SCORE and scores[best] >= MIN_SHARE * len(words):
        return best
    return ENGLISH


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language a message is written in ("en" when unsure)."""
    return _script_language(text) or _latin_language(text)


@lru_cache(maxsize=1)
def _shorthand() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {str(k).lower(): str(v) for k, v in yaml.safe_load(
        SHORTHAND_PATH.read_text(encoding="utf-8")).items()}  # fmt: skip
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"(?<![\w/'’.@-])(?:{words})(?![\w/'’@-])", re.I)


def expand_shorthand(text: str) -> str:
    """The message with chat shorthand written out ("who made u" → "who made you")."""
    table, pattern = _shorthand()
    return pattern.sub(lambda m: table[m.group(0).lower()], text)
