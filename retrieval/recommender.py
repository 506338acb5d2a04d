"""Hybrid recommendations: item-item co-purchase, content similarity and popularity.

Built once per process from SQL (orders, and reviews that name their customer) and, when
given, the product vectors in Chroma. Co-occurrence is a cosine over the customers who
interacted with two products (a purchase counts fully, a review alone counts REVIEW_WEIGHT),
kept as the TOP_NEIGHBOURS best neighbours per product in a sparse matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel
from scipy import sparse
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.catalog import Catalog
from retrieval.db import Customer, Order, Product, Review
from retrieval.vector_matrix import VectorMatrix
from retrieval.vectors import VectorStore

Source = Literal["co_purchase", "content", "popular"]
PURCHASE_WEIGHT = 1.0
REVIEW_WEIGHT = 0.5
TOP_NEIGHBOURS = 100
SHRINK = 1.0  # added to the cosine denominator: pairs seen together once count for less
MAX_CO_HISTORY = 500  # customers with more products (resellers, bots) do not count as co-buyers
PAIR_BUDGET = 5_000_000  # co-occurrence entries held in memory at once while building


class Recommendation(BaseModel):
    """A recommended product, its blended score and why it was chosen."""

    product_id: str
    score: float
    reason: str
    source: Source


@dataclass(frozen=True)
class ProductInfo:
    """What the recommender knows about a product besides who bought it."""

    product_id: str
    title: str = ""
    category: str = ""
    prior: float = 0.0  # catalog popularity (ratings); only breaks ties between equal counts
    available: bool = True


@dataclass(frozen=True)
class HybridWeights:
    """How much each signal counts in the blend (each signal is scaled to [0, 1] first)."""

    cf: float = 0.5
    content: float = 0.3
    popular: float = 0.2


POPULARITY_ONLY = HybridWeights(cf=0.0, content=0.0, popular=1.0)
CF_ONLY = HybridWeights(cf=1.0, content=0.0, popular=0.0)
CONTENT_ONLY = HybridWeights(cf=0.0, content=1.0, popular=0.0)
ALTERNATIVES = HybridWeights(cf=0.1, content=1.0, popular=0.05)
"""For "anything similar?": products like this one, co-purchases and popularity only break ties."""


@dataclass
class Components:
    """Each signal's score of every product for a batch of histories (rows), in [0, 1]."""

    cf: np.ndarray
    content: np.ndarray
    popular: np.ndarray
    seen: np.ndarray

    def blend(self, weights: HybridWeights) -> np.ndarray:
        """Weighted sum of the signals; products already in the history score -inf."""
        score = weights.cf * self.cf + weights.content * self.content
        score += weights.popular * self.popular
        score[self.seen] = -np.inf
        return score


def _leaf(category: str) -> str:
    return category.rsplit(">", 1)[-1].strip()


def _collect(
    index: Mapping[str, int],
    purchases: Mapping[str, Sequence[str]],
    reviews: Mapping[str, Sequence[str]],
    customers: Iterable[str],
) -> tuple[dict[str, dict[int, float]], dict[str, set[int]]]:
    """Each customer's products with their strongest interaction weight, and what they bought."""
    histories: dict[str, dict[int, float]] = {c: {} for c in customers}
    for customer, product_ids in reviews.items():
        history = histories.setdefault(customer, {})
        for item in (index[p] for p in product_ids if p in index):
            history.setdefault(item, REVIEW_WEIGHT)
    bought: dict[str, set[int]] = {}
    for customer, product_ids in purchases.items():
        history = histories.setdefault(customer, {})
        items = bought.setdefault(customer, set())
        for item in (index[p] for p in product_ids if p in index):
            history[item] = PURCHASE_WEIGHT
            items.add(item)
    return histories, bought


def _popularity(history: sparse.csr_matrix, prior: np.ndarray) -> np.ndarray:
    """Weighted customer counts, log-scaled to [0, 1]; the catalog prior only breaks ties."""
    prior = prior / prior.max() if prior.size and prior.max() > 0 else np.zeros(prior.size)
    counts = np.log1p(np.asarray(history.sum(axis=0)).ravel() + 1e-3 * prior)
    return counts / counts.max() if counts.size and counts.max() > 0 else counts


def _history_matrix(histories: Sequence[Mapping[int, float]], n_items: int) -> sparse.csr_matrix:
    """Customers x products, the weight of each interaction."""
    indptr = np.zeros(len(histories) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(h) for h in histories])
    indices = np.fromiter((i for h in histories for i in h), dtype=np.int32, count=indptr[-1])
    data = np.fromiter((w for h in histories for w in h.values()), np.float32, count=indptr[-1])
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(histories), n_items))
    matrix.sort_indices()
    return matrix


def _blocks(work: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Consecutive item ranges whose co-occurrence work stays under the budget."""
    total = np.cumsum(work)
    bounds, start = [], 0
    while start < work.size:
        limit = (total[start - 1] if start else 0) + budget
        stop = max(start + 1, int(np.searchsorted(total, limit, side="right")))
        bounds.append((start, min(stop, work.size)))
        start = stop
    return bounds


def _neighbours(
    weighted: sparse.csr_matrix, bought: sparse.csr_matrix, top_n: int, shrink: float
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Top-n cosine neighbours of every product, and which of them were co-purchased."""
    n = weighted.shape[1]
    by_item = weighted.T.tocsr()
    bought_by_item = bought.T.tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=0)).ravel())
    work = (by_item != 0).astype(np.int64) @ np.diff(weighted.indptr)
    sims, flags = [], []
    for start, stop in _blocks(work, PAIR_BUDGET):
        co = (by_item[start:stop] @ weighted).tocoo()
        rows, cols = co.row.astype(np.int64), co.col.astype(np.int64)
        sim = co.data / (norms[rows + start] * norms[cols] + shrink)
        keep = (cols != rows + start) & (sim > 0)
        rows, cols, sim = rows[keep], cols[keep], sim[keep]
        order = np.lexsort((-sim, rows))
        rows, cols, sim = rows[order], cols[order], sim[order]
        keep = np.arange(rows.size) - np.searchsorted(rows, rows, side="left") < top_n
        rows, cols, sim = rows[keep], cols[keep], sim[keep]
        block = sparse.csr_matrix((sim.astype(np.float32), (rows, cols)), shape=(stop - start, n))
        sims.append(block)
        flags.append((bought_by_item[start:stop] @ bought).multiply(block).tocsr() > 0)
    if not sims:
        return sparse.csr_matrix((n, n), dtype=np.float32), sparse.csr_matrix((n, n), dtype=bool)
    return sparse.vstack(sims, format="csr"), sparse.vstack(flags, format="csr")


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _scale_max(scores: np.ndarray) -> np.ndarray:
    top = scores.max(axis=1, keepdims=True) if scores.size else scores
    return np.divide(scores, top, out=np.zeros_like(scores), where=top > 0)


def _scale_min_max(scores: np.ndarray, valid: np.ndarray) -> np.ndarray:
    low = np.where(valid, scores, np.inf).min(axis=1, keepdims=True)
    high = np.where(valid, scores, -np.inf).max(axis=1, keepdims=True)
    span = high - low
    ok = valid & (span > 0)
    return np.divide(scores - low, span, out=np.zeros_like(scores), where=ok)


class Recommender:
    """Recommendations for a product or a customer over one snapshot of the shop."""

    def __init__(
        self,
        products: Sequence[ProductInfo],
        purchases: Mapping[str, Sequence[str]],
        *,
        reviews: Mapping[str, Sequence[str]] | None = None,
        customers: Iterable[str] = (),
        embeddings: np.ndarray | None = None,
        weights: HybridWeights | None = None,
        shrink: float = SHRINK,
    ) -> None:
        self.ids = [p.product_id for p in products]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.titles = [p.title or p.product_id for p in products]
        self.categories = [_leaf(p.category) for p in products]
        self.available = np.array([p.available for p in products], dtype=bool)
        self.weights = weights or HybridWeights()
        n = len(self.ids)
        histories, bought = _collect(self.index, purchases, reviews or {}, customers)
        self.customer_index = {c: row for row, c in enumerate(histories)}
        self.history = _history_matrix(list(histories.values()), n)
        co_buyers = [c for c, h in histories.items() if len(h) <= MAX_CO_HISTORY]
        weighted = _history_matrix([histories[c] for c in co_buyers], n)
        purchased = [dict.fromkeys(bought.get(c, ()), 1.0) for c in co_buyers]
        self.neighbours, self.co_purchased = _neighbours(
            weighted, _history_matrix(purchased, n), TOP_NEIGHBOURS, shrink
        )
        self.popularity = _popularity(self.history, np.array([p.prior for p in products]))
        self.vectors: np.ndarray | None = None
        self.has_vector = np.zeros(n, dtype=bool)
        if embeddings is not None:
            if len(embeddings) != n:
                raise ValueError(f"{len(embeddings)} embedding rows for {n} products")
            self.vectors = _unit_rows(np.asarray(embeddings, dtype=np.float32))
            self.has_vector = self.vectors.any(axis=1)

    @classmethod
    def from_interactions(
        cls,
        purchases: Mapping[str, Sequence[str]],
        *,
        reviews: Mapping[str, Sequence[str]] | None = None,
        products: Sequence[ProductInfo] | None = None,
        embeddings: np.ndarray | None = None,
        weights: HybridWeights | None = None,
    ) -> Recommender:
        """Build from customer -> product ids (embedding rows follow `products`' order)."""
        if products is None:
            if embeddings is not None:
                raise ValueError("embeddings need `products` to say which row is which product")
            seen = {
                pid
                for source in (purchases, reviews or {})
                for ids in source.values()
                for pid in ids
            }
            products = [ProductInfo(pid) for pid in sorted(seen)]
        return cls(products, purchases, reviews=reviews, embeddings=embeddings, weights=weights)

    @classmethod
    def from_db(
        cls,
        engine: Engine,
        vectors: VectorStore | None = None,
        weights: HybridWeights | None = None,
        matrix: VectorMatrix | None = None,
    ) -> Recommender:
        """Build from the orders and customer reviews in SQL, plus product vectors if given
        (an already loaded matrix in catalog order, or read from the vector store)."""
        catalog = Catalog.load(engine)
        prior = catalog.popularity()
        purchases: dict[str, list[str]] = {}
        reviews: dict[str, list[str]] = {}
        with Session(engine) as session:
            titles = dict(session.execute(select(Product.product_id, Product.title)).all())
            orders = select(Order.customer_id, Order.items).where(Order.status != "cancelled")
            for customer, items in session.execute(orders.order_by(Order.placed_at)):
                purchases.setdefault(customer, []).extend(item["product_id"] for item in items)
            reviewed = select(Review.customer_id, Review.product_id).where(
                Review.customer_id.is_not(None)
            )
            for customer, pid in session.execute(reviewed.order_by(Review.created_at)):
                reviews.setdefault(customer, []).append(pid)
            customers = session.scalars(select(Customer.customer_id)).all()
        products = [
            ProductInfo(
                pid,
                titles[pid],
                str(catalog.category[i]),
                float(prior[i]),
                bool(catalog.in_stock[i]),
            )
            for i, pid in enumerate(catalog.ids)
        ]
        if (matrix is None or matrix.ids != catalog.ids) and vectors is not None:
            matrix = VectorMatrix.from_store(vectors, catalog.ids)
        return cls(
            products,
            purchases,
            reviews=reviews,
            customers=customers,
            embeddings=None if matrix is None else matrix.matrix,
            weights=weights,
        )

    def _product(self, product_id: str) -> int:
        if product_id not in self.index:
            raise KeyError(f"unknown product {product_id!r}")
        return self.index[product_id]

    def _customer(self, customer_id: str) -> int:
        if customer_id not in self.customer_index:
            raise KeyError(f"unknown customer {customer_id!r}")
        return self.customer_index[customer_id]

    def components(self, histories: sparse.csr_matrix) -> Components:
        """Every product's signals for a batch of weighted histories (rows x products)."""
        seen = histories.toarray() > 0
        cf = np.asarray((histories @ self.neighbours).todense(), dtype=np.float64)
        cf[seen] = 0.0
        content = np.zeros(seen.shape)
        if self.vectors is not None:
            profile = np.asarray(histories.astype(np.float32) @ self.vectors)
            cosine = (profile @ self.vectors.T).astype(np.float64)
            content = _scale_min_max(cosine, self.has_vector & ~seen)
        popular = np.where(seen, 0.0, self.popularity)
        return Components(_scale_max(cf), content, popular, seen)

    def customer_components(self, customer_ids: Sequence[str]) -> Components:
        """Every product's signals for known customers' histories."""
        return self.components(self.history[[self._customer(c) for c in customer_ids]])

    def _ranked(self, scores: np.ndarray, k: int, exclude: Iterable[str] = ()) -> list[int]:
        scores = np.where(self.available, scores, -np.inf)
        for pid in exclude:
            if pid in self.index:
                scores[self.index[pid]] = -np.inf
        candidates = np.arange(scores.size)
        if k < scores.size:  # everything tied with the k-th best, then a stable sort
            candidates = np.flatnonzero(scores >= np.partition(scores, -k)[-k])
        order = candidates[np.argsort(-scores[candidates], kind="stable")][:k]
        return [int(j) for j in order if np.isfinite(scores[j])]

    def _explain(self, item: int, history: sparse.csr_matrix, source: Source) -> str:
        items, weights = history.indices, history.data
        if source == "co_purchase":
            sims = np.asarray(self.neighbours[items, np.full(items.size, item)]).ravel()
            anchor = int(items[np.argmax(sims * weights)])
            verb = "bought" if self.co_purchased[anchor, item] else "chosen"
            return f"often {verb} together with {self.titles[anchor]}"
        if source == "content" and self.vectors is not None:
            anchor = int(items[np.argmax(self.vectors[items] @ self.vectors[item])])
            return f"similar to {self.titles[anchor]}"
        return self._popular_reason(item)

    def _popular_reason(self, item: int) -> str:
        category = self.categories[item]
        return f"popular in {category}" if category else "popular with other shoppers"

    def _recommend(
        self,
        history: sparse.csr_matrix,
        k: int,
        exclude: Iterable[str],
        together_first: bool,
        weights: HybridWeights | None = None,
    ) -> list[Recommendation]:
        weights = weights or self.weights
        parts = self.components(history)
        scores = parts.blend(weights)[0]
        scores[scores <= 0] = -np.inf  # no signal at all is no reason to recommend
        together = parts.cf[0] > 0
        lift = weights.cf + weights.content + weights.popular + 1.0
        ranking = scores + together * lift
        chosen = self._ranked(ranking if together_first else scores, k, exclude)
        recs = []
        for item in chosen:
            signals: dict[Source, float] = {
                "co_purchase": weights.cf * parts.cf[0, item],
                "content": weights.content * parts.content[0, item],
                "popular": weights.popular * parts.popular[0, item],
            }
            if together_first and together[item]:
                source: Source = "co_purchase"
            else:
                source = max(signals, key=lambda name: signals[name])
            reason = self._explain(item, history, source)
            recs.append(
                Recommendation(
                    product_id=self.ids[item],
                    score=float(scores[item]),
                    reason=reason,
                    source=source,
                )
            )
        return recs

    def for_product(self, product_id: str, k: int = 5) -> list[Recommendation]:
        """Products bought together with this one first, then similar and popular ones."""
        return self._recommend(self._single(product_id), k, (), together_first=True)

    def similar_to(self, product_id: str, k: int = 5) -> list[Recommendation]:
        """Alternatives: the products most like this one (content first)."""
        history = self._single(product_id)
        return self._recommend(history, k, (), together_first=False, weights=ALTERNATIVES)

    def _single(self, product_id: str) -> sparse.csr_matrix:
        item = self._product(product_id)
        return sparse.csr_matrix(([1.0], ([0], [item])), shape=(1, len(self.ids)))

    def for_customer(
        self, customer_id: str, k: int = 5, exclude: set[str] | None = None
    ) -> list[Recommendation]:
        """The blend over the customer's history, never what they already have."""
        history = self.history[self._customer(customer_id)]
        if history.nnz == 0:
            return self.popular(k, exclude)
        return self._recommend(history, k, exclude or (), together_first=False)

    def popular(self, k: int = 5, exclude: set[str] | None = None) -> list[Recommendation]:
        """The most bought products (cold start)."""
        recs = []
        popularity = np.where(self.popularity > 0, self.popularity, -np.inf)
        for item in self._ranked(popularity, k, exclude or ()):
            reason = self._popular_reason(item)
            recs.append(
                Recommendation(
                    product_id=self.ids[item],
                    reason=reason,
                    score=float(self.popularity[item]),
                    source="popular",
                )
            )
        return recs
