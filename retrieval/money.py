"""Money in a shop's currency and locale: amounts read from shoppers' words, prices written out.

The currencies (symbols, codes, words) and the locales' number formats are data
(retrieval/data/currencies.yaml). Reading: "$40", "40 €", "Rs. 500", "R$ 39,90", "USD 25",
"40 bucks", "1.299,00 €" in a shop whose locale writes a decimal comma. Writing: every price in
its own currency ("€39.00", "₹1,299.00", "¥1,200"), English digit grouping, since replies are
in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

NUMBER = r"\d{1,3}(?:[,.\u00a0' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
"""A written number: grouped ("1,299.00", "1.299,00", "12 500") or plain ("39,90", "40")."""


@cache
def _table() -> dict[str, Any]:
    text = resources.files("retrieval").joinpath("data/currencies.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def currencies() -> dict[str, dict[str, Any]]:
    """Every currency the data file knows, by ISO 4217 code."""
    return _table()["currencies"]


def locale_of(currency: str, locale: str | None = None) -> tuple[str, str, str]:
    """(locale, decimal mark, thousands separator): the given locale, else the currency's."""
    locales = _table()["locales"]
    name = locale or currencies().get(currency, {}).get("locale") or "en-US"
    entry = locales.get(name) or locales["en-US"]
    return name, entry["decimal"], entry["group"]


def parse_number(text: str, decimal: str | None = None) -> float:
    """A written number as a float; `decimal` is the locale's decimal mark when known.

    A separator followed by one or two digits is a decimal mark in any locale ("39,90",
    "4,5"); one followed by three digits groups thousands ("1,500", "1.500") unless it is the
    locale's decimal mark and the only separator.
    """
    text = text.strip().replace("\u00a0", "").replace("'", "").replace(" ", "")
    seps = [i for i, c in enumerate(text) if c in ".,"]
    if not seps:
        return float(text)
    last = seps[-1]
    tail = len(text) - last - 1
    is_decimal = tail != 3 or (len(seps) == 1 and decimal is not None and text[last] == decimal)
    if is_decimal:
        whole = re.sub(r"[.,]", "", text[:last])
        return float(f"{whole}.{text[last + 1 :]}")
    return float(re.sub(r"[.,]", "", text))


@dataclass(frozen=True)
class Amount:
    """An amount of money found in a text: its value, currency and where it stood."""

    value: float
    currency: str
    start: int
    end: int
    text: str


@cache
def _names() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Marks (case-sensitive) and codes and words (lower-case) to the currencies using them."""
    marks: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    for code, entry in currencies().items():
        for mark in entry.get("marks") or []:
            marks.setdefault(mark, []).append(code)
        for word in [code, *(entry.get("words") or [])]:
            words.setdefault(word.lower(), []).append(code)
    return marks, words


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    marks, words = _names()
    mark = _alternation(list(marks))
    word = _alternation(list(words))
    code = _alternation([c.lower() for c in currencies()])  # only codes stand before a number

    def amount(n: int) -> str:
        return rf"(?P<num{n}>{NUMBER})(?P<k{n}>\s?[kK]\b)?"

    before = rf"(?<![\w$])(?:(?P<mark1>{mark})|(?i:(?P<word1>{code}))\b)\s?{amount(1)}"
    after = (
        rf"(?<![\w.,]){amount(2)}\s?"
        rf"(?:(?P<mark2>{mark})|(?i:(?P<word2>{word}))\b)(?![\w$])"
    )
    return re.compile(rf"{before}|{after}")


@dataclass(frozen=True)
class ShopMoney:
    """How one shop reads and writes money: its currency and its locale's number format."""

    currency: str = "USD"
    locale: str = "en-US"
    decimal: str = "."
    group: str = ","

    @classmethod
    def for_shop(cls, currency: str = "USD", locale: str | None = None) -> ShopMoney:
        """The shop's money rules; the locale defaults to the currency's usual one."""
        name, decimal, group = locale_of(currency, locale)
        return cls(currency=currency, locale=name, decimal=decimal, group=group)

    def number(self, text: str) -> float:
        """A number as this shop's locale writes it."""
        return parse_number(text, self.decimal)

    def resolve(self, name: str) -> str:
        """The currency a mark, code or word names, the shop's own when it is one of them."""
        marks, words = _names()
        options = marks.get(name) or words.get(name.lower()) or []
        if self.currency in options:
            return self.currency
        return options[0] if options else self.currency

    def amounts(self, text: str) -> list[Amount]:
        """Every amount written with a currency (symbol, code or word) in the text."""
        found = []
        for match in _pattern().finditer(text):
            n = "1" if match.group("num1") else "2"
            name = match.group(f"mark{n}") or match.group(f"word{n}")
            value = self.number(match.group(f"num{n}"))
            if match.group(f"k{n}"):
                value *= 1000
            found.append(
                Amount(value, self.resolve(name), match.start(), match.end(), match.group(0))
            )
        return found

    def format(self, value: float, currency: str | None = None) -> str:
        """An amount written out in its currency (the shop's unless given)."""
        return format_money(value, currency or self.currency)


def format_money(value: Any, currency: Any = "USD") -> str:
    """A price as replies show it: "$549.00", "€12.50", "₹1,299.00", "¥1,200", "CHF 30.00"."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return "price unavailable"
    code = str(currency or "USD").upper()
    entry = currencies().get(code, {})
    decimals = int(entry.get("decimals", 2))
    digits = f"{amount:,.{decimals}f}"
    symbol = entry.get("symbol") or code
    return f"{symbol} {digits}" if symbol[-1].isalpha() else f"{symbol}{digits}"
