"""Numbers written as words ("seventy five dollars", "a hundred bucks", "for six people") read
as digits, so price and unit limits are understood however a shopper types them."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join([*_UNITS, *_TENS, *_SCALES])
_RUN = re.compile(
    rf"\b(?:an?\s+(?=(?:hundred|thousand)\b))?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*\b",
    re.I,
)


def _value(words: list[str]) -> int:
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
    return total + current


def digits_for_words(text: str) -> str:
    """The text with spelled-out numbers as digits ("under seventy-five" → "under 75"); "one"
    alone stays a word (as in "the one with a timer")."""

    def replace(match: re.Match[str]) -> str:
        words = [
            w for w in re.split(r"[\s-]+", match.group(0).lower()) if w not in ("a", "an", "and")
        ]
        if words == ["one"] or words == ["zero"]:
            return match.group(0)
        return str(_value(words))

    return _RUN.sub(replace, text)
