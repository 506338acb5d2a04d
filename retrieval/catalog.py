"""An in-memory snapshot of the products' filterable facts, read from SQL, and the constraints
of a query resolved against it (which can be applied, which cannot and why)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import Product
from retrieval.money import ShopMoney
from retrieval.query_parser import ParsedQuery, SearchFilters, TermConstraint, Unmet, parse_query
from retrieval.units import UnitConstraint
from retrieval.vocabulary import (
    KIND_PURITY,
    Vocabulary,
    fingerprint,
    load_vocabulary,
    normal_words,
    synonyms,
)


@dataclass
class Catalog:
    """Parallel arrays over every product, for masks and popularity."""

    ids: list[str]
    price: np.ndarray
    rating: np.ndarray
    rating_count: np.ndarray
    in_stock: np.ndarray
    category: np.ndarray
    index: dict[str, int]
    vocabulary: Vocabulary | None = None
    money: ShopMoney = field(default_factory=ShopMoney)
    _paths: list[str] = field(init=False, repr=False)  # distinct category paths, sorted
    _lower: list[str] = field(init=False, repr=False)
    _codes: np.ndarray = field(init=False, repr=False)  # each product's index into _paths

    def __post_init__(self) -> None:
        paths, codes = np.unique(self.category.astype(str), return_inverse=True)
        self._paths = paths.tolist()
        self._lower = [p.lower() for p in self._paths]
        self._codes = codes

    @classmethod
    def load(cls, engine: Engine, locale: str | None = None) -> Catalog:
        """Read the facts of every product, and the vocabulary the ingest built for them.

        `locale` is how the shop's customers write numbers; by default the usual one of the
        currency most products are priced in."""
        columns = (
            Product.product_id,
            Product.price,
            Product.rating,
            Product.rating_count,
            Product.in_stock,
            Product.category,
            Product.currency,
            Product.content_hash,
        )
        with Session(engine) as session:
            rows = session.execute(select(*columns).order_by(Product.product_id)).all()
        ids = [r[0] for r in rows]
        currencies = Counter(r[6] or "USD" for r in rows)
        currency = currencies.most_common(1)[0][0] if currencies else "USD"
        return cls(
            ids=ids,
            price=np.array([r[1] for r in rows], dtype=np.float64),
            rating=np.array([r[2] or 0.0 for r in rows], dtype=np.float64),
            rating_count=np.array([r[3] or 0 for r in rows], dtype=np.float64),
            in_stock=np.array([bool(r[4]) for r in rows], dtype=bool),
            category=np.array([r[5] for r in rows], dtype=object),
            index={id_: i for i, id_ in enumerate(ids)},
            vocabulary=load_vocabulary(engine, fingerprint((r[0], r[7]) for r in rows)),
            money=ShopMoney.for_shop(currency, locale),
        )

    @property
    def categories(self) -> list[str]:
        """Distinct category paths."""
        return self._paths

    def parse(self, query: str, filters: SearchFilters | None = None) -> ParsedQuery:
        """Parse a query in this shop's terms and resolve its constraints; explicit filters win."""
        measures = self.vocabulary.named_measures if self.vocabulary is not None else ()
        parsed = parse_query(query, self._paths, self.money, measures)
        if filters is not None:
            parsed.filters = parsed.filters.merged(filters)
        parsed.filters = self.resolve(parsed.filters, parsed.text)
        return parsed

    def resolve(self, filters: SearchFilters, text: str) -> SearchFilters:
        """The filters this catalog can apply; the others move to `unmet` with the reason.

        A price in a currency the shop does not sell in is not converted. A limit on a measured
        attribute applies where the products (of the query's category, if any) list that
        measure. A query that names no category but a product type only one category's titles
        use ("whey protein") is scoped to that category. A feature word of the shop's vocabulary
        is a constraint when the query's category lists it, and stays a ranking word otherwise.
        """
        unmet = list(filters.unmet or [])
        update: dict[str, object] = {}
        if filters.category is None and self.vocabulary is not None:
            category = self.vocabulary.kind_of(text) or self._qualified_category(text)
            filters = filters.model_copy(update={"category": category})
        priced = filters.min_price is not None or filters.max_price is not None
        if priced and filters.currency and filters.currency != self.money.currency:
            unmet.append(Unmet(text=_price_words(filters), reason="currency",
                               detail=filters.currency))  # fmt: skip
            update |= {"min_price": None, "max_price": None}
        scope = self._category_mask(filters.category)
        kept_units = []
        for limit in filters.units or []:
            if self.vocabulary is not None and limit.dimension not in self.vocabulary.measured:
                continue  # no attribute gives it (titles only): the words rank, nothing filters
            if self._unit_rows(limit, scope).size:
                kept_units.append(limit)
            else:
                unmet.append(
                    Unmet(text=limit.text, reason="not_listed", detail=self._leaf(filters))
                )
        update["units"] = kept_units or None
        if filters.terms is None and filters.category and self.vocabulary is not None:
            update["terms"] = self._terms(text, filters.category, scope, unmet) or None
        update["unmet"] = unmet or None
        return filters.model_copy(update=update)

    def _terms(
        self, text: str, category: str, scope: np.ndarray, unmet: list[Unmet]
    ) -> list[TermConstraint]:
        assert self.vocabulary is not None
        named = normal_words(self._leaf_of(category))
        words = normal_words(text)
        spans = [i for i in range(len(words)) if words[i : i + len(named)] == named]
        if spans:  # the category's own name is not a feature; the same word elsewhere is
            # ("hot sauce that's actually hot")
            words[spans[0] : spans[0] + len(named)] = ["|"]
        leaf = set() if spans else set(named)
        text = " ".join(words)
        found: list[tuple[TermConstraint, str]] = []
        for term, negated, typed in self.vocabulary.find_terms(text):
            if set(typed.split()) <= leaf or set(term.split()) <= leaf:
                continue
            listed = np.zeros(len(self.ids), dtype=bool)
            listed[self.vocabulary.listed.get(term, np.zeros(0, dtype=np.int64))] = True
            if (listed & scope).any():
                if found and not negated and f"{found[-1][1]} or {typed}" in text:
                    found[-1][0].alternatives.append(term)  # "salmon or chicken"
                    continue
                listed_only = bool(set(term.split()) & set(named))
                found.append(
                    (TermConstraint(term=term, negated=negated, listed=listed_only), typed)
                )
            elif not negated and not self._has(term, scope):
                unmet.append(Unmet(text=typed, reason="not_listed", detail=self._leaf_of(category)))
        return [constraint for constraint, _ in found]

    def _qualified_category(self, text: str) -> str | None:
        """The one category whose products list every multi-word feature of the query ("dark
        roast" lists only coffee beans), if the query has such a feature."""
        assert self.vocabulary is not None
        terms = self.vocabulary.find_terms(text)
        found = [term for term, negated, _ in terms if " " in term and not negated]
        codes = {
            int(code)
            for term in found
            for code in np.unique(self._codes[self.vocabulary.listed.get(term, [])])
        }
        return self._paths[codes.pop()] if len(codes) == 1 else None

    def type_words(self, text: str, category: str) -> list[str]:
        """Words of the query that titles of this category alone use, beyond the names in its
        path and its feature words ("santoku" of the chef knives, "gooseneck" of the kettles):
        what kind of it is asked."""
        if self.vocabulary is None:
            return []
        named = set(normal_words(category))  # "camping" of Camping > Tents is the kind itself
        leanings = self.vocabulary.leanings
        return [
            w
            for w in dict.fromkeys(normal_words(text))
            if w not in named
            and w not in self.vocabulary.listed  # a feature ("glass"): its constraint decides
            and w in leanings
            and leanings[w][0] == category
            and leanings[w][1] >= KIND_PURITY
        ]

    def has_title_words(self, title: str, words: list[str]) -> bool:
        """Whether a product title has every one of these words (as `type_words` writes them)."""
        return set(words) <= set(normal_words(title))

    def has_word(self, product_id: str, word: str) -> bool:
        """Whether the product's title, attributes, options or features have the feature word
        ("ipx7" in a "water: IPX7" attribute)."""
        if self.vocabulary is None or product_id not in self.index:
            return False
        term = " ".join(normal_words(word))
        rows = self.vocabulary.terms.get(synonyms().get(term, term))
        return rows is not None and bool((rows == self.index[product_id]).any())

    def _has(self, term: str, scope: np.ndarray) -> bool:
        """Whether any product in scope mentions the word at all (then it only ranks)."""
        assert self.vocabulary is not None
        rows = self.vocabulary.terms.get(term, np.zeros(0, dtype=np.int64))
        return bool(scope[rows].any())

    @staticmethod
    def _leaf_of(category: str) -> str:
        return category.split(" > ")[-1]

    @staticmethod
    def _leaf(filters: SearchFilters) -> str:
        return filters.category.split(" > ")[-1] if filters.category else ""

    def _category_mask(self, category: str | None) -> np.ndarray:
        if not category:
            return np.ones(len(self.ids), dtype=bool)
        needle = category.lower()
        matching = [i for i, path in enumerate(self._lower) if needle in path]
        return np.isin(self._codes, matching)

    def _unit_rows(self, limit: UnitConstraint, scope: np.ndarray) -> np.ndarray:
        """Rows in scope that list the limit's measure at all."""
        if self.vocabulary is None or limit.dimension not in self.vocabulary.numbers:
            return np.zeros(0, dtype=np.int64)
        rows = self.vocabulary.numbers[limit.dimension][0]
        return rows[scope[rows]]

    def _unit_mask(self, limit: UnitConstraint) -> np.ndarray:
        keep = np.zeros(len(self.ids), dtype=bool)
        if self.vocabulary is None or limit.dimension not in self.vocabulary.numbers:
            return keep
        rows, low, high = self.vocabulary.numbers[limit.dimension]
        keep[rows[limit.accepts(low, high)]] = True
        return keep

    def mask(self, filters: SearchFilters) -> np.ndarray:
        """True for every product that satisfies the filters."""
        keep = np.ones(len(self.ids), dtype=bool)
        if filters.min_price is not None:
            keep &= self.price >= filters.min_price
        if filters.max_price is not None:
            keep &= self.price <= filters.max_price
        if filters.min_rating is not None:
            keep &= self.rating >= filters.min_rating
        if filters.in_stock:
            keep &= self.in_stock
        if filters.category:
            keep &= self._category_mask(filters.category)
        for limit in filters.units or []:
            keep &= self._unit_mask(limit)
        for term in filters.terms or []:
            keep &= self._term_mask(term)
        return keep

    def _term_mask(self, term: TermConstraint) -> np.ndarray:
        """True for the products a feature word keeps (those without it when negated)."""
        members = np.zeros(len(self.ids), dtype=bool)
        if self.vocabulary is not None:
            rows = self.vocabulary.listed if term.listed else self.vocabulary.terms
            for word in term.words:
                members[rows.get(word, np.zeros(0, dtype=np.int64))] = True
        return ~members if term.negated else members

    def popularity(self) -> np.ndarray:
        """A Bayesian-smoothed rating weighted by review volume."""
        prior, weight = 3.5, 5.0
        smoothed = (self.rating * self.rating_count + prior * weight) / (self.rating_count + weight)
        return smoothed * np.log1p(self.rating_count)


def _price_words(filters: SearchFilters) -> str:
    """The price limits as the shopper gave them, for the unmet note."""
    low, high, code = filters.min_price, filters.max_price, filters.currency
    if low is not None and high is not None:
        return f"between {low:g} and {high:g} {code}"
    return f"under {high:g} {code}" if high is not None else f"over {low:g} {code}"
