"""The shop's own ids and emails, so any text is read for them whatever format the shop uses.

Ids are opaque strings: nothing here knows a prefix or a length. A token of a message is an id
when its key (letters and digits only, upper-cased) is the key of one of the shop's ids, so
"#o-10023", "O 10023" and "o10023" all find "O-10023", and "112 4567890 1234567" finds
"112-4567890-1234567". Two guards keep ordinary words and numbers from reading as ids: a short
all-digit id (under five digits) needs a leading "#", and an id without digits (a handle such
as "blue-denim-jacket") must be typed exactly, as one token. An id of letters then digits
("O-10023") may be typed as its number alone after "#" or a word such as "order".

A token that is not one of the shop's ids but has the shape of a kind's ids (learned from them:
per position a letter, a digit, or the same separator or letter in every id) is read as an
unknown id of that kind, so "P99999" in a shop of "P00012"-style products gets "no such
product" instead of a keyword search.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import Customer, Meta, Order, Product
from retrieval.product_names import ProductNames

IdKind = Literal["product", "item", "order", "customer"]
ID_KINDS: tuple[IdKind, ...] = ("product", "item", "order", "customer")
VERSION_KEY = "shop_version"
"""Meta key the ingest bumps whenever it changes the shop (so caches know to refresh)."""

_CHUNK = re.compile(r"\S+")
_LEAD = "\"'([{<*"
_TRAIL = ".,;:!?\"')]}>*"
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_MAX_SPAN = 5
_MIN_BARE_DIGITS = 5
_MEMO_TEXTS = 256
"""Texts whose matches an index remembers (the planner reads one message many times a turn)."""
_PREFIXED = re.compile(r"^([A-Z]+)(\d{4,})$")
_NUMBER_CUES = frozenset(
    "order orders item product customer account number no nr num id ref reference".split()
)
"""Words after which a bare number may be an id typed without its prefix ("order 10023")."""


def id_key(text: str) -> str:
    """The form ids are compared in: letters and digits only, upper-case."""
    return "".join(c for c in text.upper() if c.isalnum())


class IdMatch(NamedTuple):
    """One id found in a text: its kind, the shop's own spelling (as typed when unknown), where
    it stood, and whether the shop has it."""

    kind: IdKind
    id: str
    start: int
    end: int
    known: bool = True


Template = tuple[str, ...]
"""An id shape: per position a literal character, "L" for any letter or "D" for any digit."""
_MAX_SHAPES = 4


def _symbol(chars: set[str]) -> str | None:
    if all(c.isdigit() for c in chars):
        return "D"
    if len(chars) == 1:
        return next(iter(chars))
    if all(c.isalpha() for c in chars):
        return "L"
    if all(c.isalnum() for c in chars):
        return "A"
    return None


def _templates(values: Iterable[str]) -> list[Template]:
    """The shapes of a kind's ids (none when they come in too many lengths to have a shape)."""
    by_length: dict[int, list[str]] = {}
    for value in values:
        by_length.setdefault(len(value), []).append(value.upper())
    if len(by_length) > _MAX_SHAPES:
        return []
    shapes = []
    for length, group in by_length.items():
        symbols = [_symbol({v[i] for v in group}) for i in range(length)]
        if None in symbols or not {"D", "A"} & set(symbols):
            continue
        shapes.append(tuple(s for s in symbols if s is not None))
    return shapes


def _fits(token: str, shape: Template) -> bool:
    if len(token) != len(shape):
        return False
    for char, symbol in zip(token, shape, strict=True):
        ok = (
            (symbol == "D" and char.isdigit())
            or (symbol == "L" and char.isalpha())
            or (symbol == "A" and char.isalnum())
            or char == symbol
        )
        if not ok:
            return False
    return any(c.isdigit() for c in token)


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    hashed: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for chunk in _CHUNK.finditer(text):
        word, start = chunk.group(), chunk.start()
        stripped = word.lstrip(_LEAD)
        start += len(word) - len(stripped)
        stripped = stripped.rstrip(_TRAIL)
        if stripped.lower().endswith("'s"):
            stripped = stripped[:-2]
        hashed = stripped.startswith("#")
        if hashed:
            stripped, start = stripped[1:], start + 1
        if stripped:
            tokens.append(_Token(stripped, start, start + len(stripped), hashed))
    return tokens


@dataclass(repr=False)
class ShopIndex:
    """Every id of the shop by its key, and customers by email."""

    def __repr__(self) -> str:  # short: LangChain writes the planner's fields into every call
        return f"ShopIndex({len(self.by_key)} ids, version={self.version!r})"

    by_key: dict[str, list[tuple[IdKind, str]]] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    version: str = ""
    shapes: dict[IdKind, list[Template]] = field(default_factory=dict)
    numbers: dict[str, list[tuple[IdKind, str]]] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    names: ProductNames = field(default_factory=ProductNames)
    """Products by the words of their titles and brands ("the Frostline W500 washer")."""

    def __post_init__(self) -> None:
        # Derived once per index (an ingest that changes the shop builds a new one).
        by_length: dict[int, list[tuple[IdKind, list[Template]]]] = {}
        for kind, shapes in self.shapes.items():
            for length in dict.fromkeys(len(s) for s in shapes):
                same = [s for s in shapes if len(s) == length]
                by_length.setdefault(length, []).append((kind, same))
        self._shapes_by_length = by_length
        self._memo = lru_cache(maxsize=_MEMO_TEXTS)(self._scan)

    @classmethod
    def build(
        cls,
        ids: Mapping[IdKind, Iterable[str]],
        emails: Mapping[str, str] | None = None,
        version: str = "",
        titles: Iterable[str] = (),
        names: ProductNames | None = None,
    ) -> ShopIndex:
        """An index over the given ids (by kind), email → customer id, and the words of product
        titles (and category names) given as `titles`."""
        by_key: dict[str, list[tuple[IdKind, str]]] = {}
        numbers: dict[str, list[tuple[IdKind, str]]] = {}
        shapes: dict[IdKind, list[Template]] = {}
        for kind, values in ids.items():
            values = [str(v) for v in values]
            for value in values:
                key = id_key(value)
                if key and (kind, value) not in by_key.get(key, []):
                    by_key.setdefault(key, []).append((kind, value))
                    if prefixed := _PREFIXED.match(key):
                        numbers.setdefault(prefixed.group(2), []).append((kind, value))
            shapes[kind] = _templates(values)
        mails = {e.strip().lower(): c for e, c in (emails or {}).items() if e}
        words = frozenset(w for title in titles for w in title_stems(title))
        return cls(by_key, mails, version, shapes, numbers, words, names or ProductNames())

    @classmethod
    def from_db(cls, engine: Engine) -> ShopIndex:
        """The index of the shop in this database."""
        with Session(engine) as db:
            products, items, titles, brands, kinds = [], [], [], [], set()
            rows = db.execute(
                select(
                    Product.product_id,
                    Product.title,
                    Product.brand,
                    Product.variants,
                    Product.category,
                )
            )
            for product_id, title, brand, variants, category in rows:
                products.append(product_id)
                titles.append(title)
                brands.append(brand)
                kinds.add(category.replace(">", " "))
                items += [str(v["item_id"]) for v in variants or [] if v.get("item_id")]
            customers = db.execute(select(Customer.customer_id, Customer.email)).all()
            orders = db.scalars(select(Order.order_id)).all()
            version = shop_version(engine)
        return cls.build(
            {
                "product": products,
                "item": items,
                "order": orders,
                "customer": [c for c, _ in customers],
            },
            {email: c for c, email in customers if email},
            version,
            [*titles, *kinds],  # "the book i bought": a word of its category is sold too
            ProductNames.build(zip(products, titles, brands, strict=True)),
        )

    def matches(self, text: str) -> list[IdMatch]:
        """Every id in the text, in order; the longest reading of adjacent tokens wins."""
        return list(self._memo(text))

    def _scan(self, text: str) -> tuple[IdMatch, ...]:
        tokens = _tokens(text)
        keys = [id_key(t.text) for t in tokens]
        # reach[i]: how many tokens from i are joined by nothing but spaces and dashes
        reach = [1] * len(tokens)
        for i in range(len(tokens) - 2, -1, -1):
            if not text[tokens[i].end : tokens[i + 1].start].strip(" -"):
                reach[i] = reach[i + 1] + 1
        found: list[IdMatch] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            for span in range(min(_MAX_SPAN, reach[i]), 0, -1):
                hits = self._lookup("".join(keys[i : i + span]), token, span)
                if hits:
                    found += [IdMatch(k, v, token.start, tokens[i + span - 1].end) for k, v in hits]
                    i += span
                    break
            else:
                if numbered := self._numbered(tokens, i):
                    found += [IdMatch(k, v, token.start, token.end) for k, v in numbered]
                elif kinds := self._shaped(token.text):
                    found += [IdMatch(k, token.text, token.start, token.end, False) for k in kinds]
                i += 1
        return tuple(found)

    def _lookup(self, key: str, first: _Token, span: int) -> list[tuple[IdKind, str]]:
        """The ids whose key is `key`, typed as `span` tokens starting with `first`."""
        if len(key) < 2 or key not in self.by_key:
            return []
        if key.isdigit() and len(key) < _MIN_BARE_DIGITS and not first.hashed:
            return []
        if not any(c.isdigit() for c in key):
            if len(key) < 3:
                return []
            word = first.text.lower()
            return [(k, v) for k, v in self.by_key[key] if span == 1 and v.lower() == word]
        return list(self.by_key[key])

    def _numbered(self, tokens: list[_Token], i: int) -> list[tuple[IdKind, str]]:
        """Ids typed as their number alone, after "#" or a cue word ("order 10023")."""
        token = tokens[i]
        if not token.text.isdigit() or token.text not in self.numbers:
            return []
        cue = i > 0 and tokens[i - 1].text.lower().rstrip(".:") in _NUMBER_CUES
        return list(self.numbers[token.text]) if token.hashed or cue else []

    def _shaped(self, token: str) -> list[IdKind]:
        """Kinds whose id shape this (unknown) token has; never a bare number (a ZIP, a price)."""
        if len(token) < 4 or token.isdigit():
            return []
        upper = token.upper()
        candidates = self._shapes_by_length.get(len(upper), [])
        return [k for k, shapes in candidates if any(_fits(upper, s) for s in shapes)]

    def find(self, text: str, kind: IdKind) -> list[str]:
        """The ids of one kind in the text, in order of appearance, each once."""
        return list(dict.fromkeys(m.id for m in self.matches(text) if m.kind == kind))

    def mask(self, text: str, kinds: Iterable[IdKind], placeholder: str = "{kind}_ref") -> str:
        """The text with ids of these kinds replaced by a placeholder word ("customer_ref")."""
        wanted = set(kinds)
        pieces, last = [], 0
        for match in self.matches(text):
            if match.kind in wanted and match.start >= last:
                pieces += [text[last : match.start], placeholder.format(kind=match.kind)]
                last = match.end
        return "".join([*pieces, text[last:]])

    def kind_of(self, value: str) -> IdKind | None:
        """The kind of an id of this shop given in any spelling, or None."""
        hits = self.by_key.get(id_key(value), [])
        return hits[0][0] if hits else None

    def canonical(self, value: str, kind: IdKind) -> str | None:
        """The shop's own spelling of an id typed differently ("#o 10023" → "O-10023")."""
        return next((v for k, v in self.by_key.get(id_key(value), []) if k == kind), None)

    def sold_words(self, words: Iterable[str]) -> list[str]:
        """The words that occur in some product title or category name of the shop (what an
        order could hold), a word the titles write as two kept as those two ("lawnmower" →
        "lawn mower")."""
        found = []
        for word in words:
            if title_stems(word) & self.title_words:
                found.append(word)
            elif split := self._split(word):
                found.append(split)
        return found

    def _split(self, word: str) -> str | None:
        """The two title words a compound is made of, if the titles have both."""
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            if title_stems(head) & self.title_words and title_stems(tail) & self.title_words:
                return f"{head} {tail}"
        return None

    def customer_by_email(self, text: str) -> str | None:
        """The customer whose email is in the text, if any."""
        match = _EMAIL.search(text)
        return self.emails.get(match.group(0).strip(".").lower()) if match else None


def title_stems(text: str) -> set[str]:
    """Words of a title as they are compared: lower-case, plural "s" dropped, 3+ letters."""
    return {w.lower().rstrip("s") for w in re.findall(r"[^\W\d_]{3,}", text)}


_VERSION_QUERY = select(Meta.value).where(Meta.key == VERSION_KEY)


def shop_version(engine: Engine) -> str:
    """The version stamp the last ingest that changed the shop wrote ("" before any)."""
    with engine.connect() as connection:  # Core, not an ORM session: a server reads it per turn
        value = connection.execute(_VERSION_QUERY).scalar()
    return value or ""


def bump_version(session: Session) -> str:
    """Mark the shop as changed (inside the ingest's transaction); returns the new stamp."""
    stamp = uuid.uuid4().hex
    row = session.get(Meta, VERSION_KEY)
    if row is None:
        session.add(Meta(key=VERSION_KEY, value=stamp))
    else:
        row.value = stamp
    return stamp
