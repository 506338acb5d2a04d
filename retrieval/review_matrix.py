"""Review vectors in memory for the search: the reviews nearest a query among the products a
filter keeps, scored exactly (a filter that keeps 1 % of the products scores ~1 % of the
reviews) and through the first stage of `VectorMatrix` when it keeps many.

The vectors are cached under HOME in review-id order; each review's product comes from SQL at
load, so a product's row is always the catalog's current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import Review
from retrieval.ranking import top
from retrieval.vector_matrix import VectorMatrix, cached_matrix
from retrieval.vectors import REVIEWS, VectorStore


@dataclass(frozen=True)
class ReviewMatch:
    """One review near the query: its product's catalog row, its id and its cosine."""

    product: int
    review_id: str
    score: float


@dataclass(frozen=True)
class ReviewMatrix:
    """Every review's vector (rows in review-id order) and its product's catalog row."""

    vectors: VectorMatrix
    owner: np.ndarray  # (reviews,): catalog row of each review's product, -1 if not in it

    @classmethod
    def load(
        cls, home: Path, engine: Engine, store: VectorStore, catalog_rows: dict[str, int]
    ) -> ReviewMatrix:
        """The reviews in SQL with their vectors (the cache under HOME, else from Chroma)."""
        ids, products = review_owners(engine)
        owner = np.array([catalog_rows.get(p, -1) for p in products], dtype=np.int64)
        return cls(cached_matrix(home, store, REVIEWS, ids), owner)

    def nearest(self, query: np.ndarray, mask: np.ndarray, n: int) -> list[ReviewMatch]:
        """The n reviews (positive cosine) nearest the query among those of masked products,
        best first."""
        keep = np.append(mask, False)[self.owner]  # owner -1 reads the appended False
        scores = self.vectors.scores(query, keep)
        return [
            ReviewMatch(int(self.owner[r]), self.vectors.ids[r], float(scores[r]))
            for r in top(scores, keep, n)
        ]


def review_owners(engine: Engine) -> tuple[list[str], list[str]]:
    """Every review id in order and its product's id."""
    with Session(engine) as session:
        rows = session.execute(
            select(Review.review_id, Review.product_id).order_by(Review.review_id)
        ).all()
    return [r[0] for r in rows], [r[1] for r in rows]
