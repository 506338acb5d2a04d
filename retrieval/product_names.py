"""Products named in a customer's words ("the Frostline W500 washer", "Bosch 300 vs the Kelvar").

Built from the shop's own titles and brands at load time. A mention resolves to one product
only when it is clear: it names the brand or a model number (letters with digits, "W500"), and
one product scores highest on the rare words named; anything ambiguous names nothing, so the
planner asks or searches instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from retrieval.vocabulary import stopwords

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SEPARATORS = re.compile(
    r"\b(?:and|vs\.?|versus|or|with|against|compared to|than)\b|[,/;]", re.I
)  # not "&": brands have it ("Harbor & Pine")
_MIN_WORDS = 2


def name_words(text: str) -> list[str]:
    """Words as names are compared: lower case, a plural "s" dropped from words of 4+ letters;
    a dashed word counts whole and by its parts ("W-500" → "w500", "w", "500")."""
    words = []
    for raw in _WORD.findall(text.lower().replace("'", "")):
        parts = raw.split("-")
        for part in [*parts, "".join(parts)] if len(parts) > 1 else parts:
            if len(part) > 3 and part.endswith("s") and not part.endswith("ss"):
                part = part[:-1]
            words.append(part)
    return [w for w in words if w]


def _brand_keys(brands: list[str | None]) -> list[str]:
    """Each brand's first word when no other brand uses it and it has four letters or more:
    enough to name the brand ("the Oakridge acacia one" of "Oakridge Kitchen"); "" otherwise."""
    words = [name_words(b or "") for b in brands]
    users: dict[str, set[str]] = {}
    for brand, said in zip(brands, words, strict=True):
        for word in said:
            users.setdefault(word, set()).add(str(brand).lower())
    return [w[0] if w and len(w[0]) >= 4 and len(users[w[0]]) == 1 else "" for w in words]


def _is_model(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


@dataclass(repr=False)
class ProductNames:
    """Products by the words of their titles and brands, with how rare each word is."""

    ids: list[str] = field(default_factory=list)
    words: list[frozenset[str]] = field(default_factory=list)
    brands: list[frozenset[str]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    brand_words: frozenset[str] = frozenset()  # every word some brand uses
    brand_keys: list[str] = field(default_factory=list)  # a brand's own first word, or ""

    def __repr__(self) -> str:
        return f"ProductNames({len(self.ids)} products)"

    @classmethod
    def build(cls, products: Iterable[tuple[str, str, str | None]]) -> ProductNames:
        """Index (product id, title, brand) rows."""
        index = cls()
        rows = list(products)
        for product_id, title, brand in rows:
            brand_words = frozenset(name_words(brand or ""))
            words = frozenset(name_words(title)) | brand_words
            position = len(index.ids)
            index.ids.append(product_id)
            index.words.append(words)
            index.brands.append(brand_words)
            for word in words:
                index.postings.setdefault(word, []).append(position)
        index.brand_words = frozenset().union(*index.brands)
        index.brand_keys = _brand_keys([brand for _, _, brand in rows])
        total = max(len(index.ids), 1)
        index.idf = {w: math.log(1 + total / len(p)) for w, p in index.postings.items()}
        return index

    def named(self, text: str) -> list[str]:
        """The products the text names, in order, each once (an ambiguous mention names none)."""
        parts = [set(name_words(part or "")) for part in _SEPARATORS.split(text)]
        whole = set().union(*parts)
        kind = next((k for part in reversed(parts) if (k := self._kind_words(part))), set())
        # "hammerstone vs torqwell smart thermostat", "the hammerstone thermostat and the torqwell"
        found: list[str] = []
        for words in parts:
            product = self._resolve(words, whole)
            if product is None and kind and not kind <= words:
                product = self._resolve(words | kind, whole)
            if product is not None and product not in found:
                found.append(product)
        return found

    def alike(self, text: str) -> list[str]:
        """The products one mention names alike ("the two Trailpup orthopedic dog beds"): those
        tied at the top score, when two to four are; none otherwise."""
        scores = self._scores(set(name_words(text)))
        best = max(scores.values(), default=0.0)
        top = [self.ids[i] for i, score in sorted(scores.items()) if score == best]
        return top if 2 <= len(top) <= 4 else []

    def without(self, text: str, product_ids: list[str]) -> str:
        """The text without the words of these products' names ("Pour Plus" is no French)."""
        wanted = set(product_ids)
        words = set().union(*(w for i, w in zip(self.ids, self.words, strict=True) if i in wanted))
        return " ".join(t for t in text.split() if not set(name_words(t)) & words)

    def _kind_words(self, words: set[str]) -> set[str]:
        """The words of a mention that no brand uses: what kind of product it is."""
        excluded = self.brand_words | stopwords()
        return {w for w in words if w in self.postings and w not in excluded}

    def _resolve(self, words: set[str], whole: set[str]) -> str | None:
        """The one product these words name; words elsewhere in the message break a tie."""
        scores = self._scores(words)
        if not scores:
            return None
        best = max(scores.values())
        top = [i for i, s in scores.items() if s == best]
        if len(top) > 1:
            context = {i: sum(self.idf[w] for w in (whole - words) & self.words[i]) for i in top}
            most = max(context.values())
            top = [i for i in top if context[i] == most]
        return self.ids[top[0]] if len(top) == 1 else None

    def _scores(self, words: set[str]) -> dict[int, float]:
        """Candidates that share the brand or a model number and 2+ words, scored by rarity."""
        known = [w for w in words if w in self.postings]
        candidates: set[int] = {i for w in known if _is_model(w) for i in self.postings[w]}
        candidates |= {
            i
            for w in known
            for i in self.postings[w]
            if self.brands[i] and (self.brands[i] <= words or self.brand_keys[i] in words)
        }
        scores: dict[int, float] = {}
        for i in candidates:
            shared = (words & self.words[i]) - stopwords()  # "the Trailhawk one in stock"
            if len(shared) >= _MIN_WORDS:
                scores[i] = sum(self.idf[w] for w in shared)
        return scores
