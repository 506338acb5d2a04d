"""Score-based fusion of the evidence a query has about each product, with tuned weights.

Every retriever proposes candidates (BM25 over all text, BM25 over the name, product vectors,
review vectors); each candidate then gets one feature per kind of evidence (including whether its
name has the query's words next to each other in the query's order) and a weighted sum of them is
its score. Numbers of the query (model numbers, sizes) found in the name are a feature of
their own. BM25 over all the text is divided by the query's best candidate score, BM25 over
the name by an ideal name's (one with each query word at its best score among the candidates),
so a weight means the same for every query and catalog, and a name with only some of the
query's words (a common word in a brand name) stays below 1 even when no name has them all.
Reviews are supporting evidence: a review match adds a candidate, but its weight is half the
product vectors' weight (not an equal vote). The weights live in `models/ranking.json`, tuned
on the training split of a judged catalog (Home Depot) by `bench/tune_ranking.py`; the review
weight is not tuned there (that catalog has no reviews).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

FEATURES = (
    "text",
    "name",
    "text_coverage",
    "name_coverage",
    "name_head",
    "name_order",
    "name_numbers",
    "cosine",
    "reviews",
)
MODEL_FILE = Path(__file__).parent / "models" / "ranking.json"
CANDIDATES = 100


@dataclass
class Evidence:
    """What one query matched, over the whole catalog (arrays are indexed like the catalog)."""

    text_terms: np.ndarray  # (query tokens, products): BM25 of each token over all the text
    name_terms: np.ndarray  # (query tokens, products): BM25 of each token over title + brand
    cosine: np.ndarray | None = None  # (products,): query·product vector, None without vectors
    reviews: dict[int, float] = field(default_factory=dict)  # product -> best review cosine
    tokens: list[str] = field(default_factory=list)  # the query tokens, one per row above
    # rows -> share of the query's adjacent word pairs each row's name has in that order
    name_order: Callable[[Sequence[int]], np.ndarray] | None = None
    # rows -> their exact cosine (`cosine` may hold only a first stage's best rows)
    cosine_of: Callable[[Sequence[int]], np.ndarray] | None = None

    @cached_property
    def text(self) -> np.ndarray:
        """BM25 over all the text."""
        return self.text_terms.sum(axis=0)

    @cached_property
    def name(self) -> np.ndarray:
        """BM25 over the name."""
        return self.name_terms.sum(axis=0)


def top(scores: np.ndarray, mask: np.ndarray, n: int) -> list[int]:
    """Indices of the n best positive scores among masked rows, best first."""
    scores = np.where(mask, scores, 0.0)
    positive = np.flatnonzero(scores > 0)
    if positive.size > n:
        positive = positive[np.argpartition(-scores[positive], n)[:n]]
    return sorted(positive.tolist(), key=lambda i: -scores[i])


def candidates(evidence: Evidence, mask: np.ndarray, n: int = CANDIDATES) -> list[int]:
    """The union of each retriever's n best masked products."""
    found: dict[int, None] = {}
    for scores in (evidence.text, evidence.name, evidence.cosine):
        if scores is not None:
            found.update(dict.fromkeys(top(scores, mask, n)))
    found.update(dict.fromkeys(i for i in evidence.reviews if mask[i]))
    return list(found)


def _scaled(values: np.ndarray) -> np.ndarray:
    best = float(values.max()) if values.size else 0.0
    return values / best if best > 0 else values


def share_of_ideal(terms: np.ndarray) -> np.ndarray:
    """Each column's BM25 (summed over the query's tokens, the rows) as a share of an ideal
    column's: each token at its best score over the columns. 1 only for a column with every
    token the columns have, at its best score."""
    ideal = float(terms.max(axis=1).sum()) if terms.size else 0.0
    totals = terms.sum(axis=0)
    return totals / ideal if ideal > 0 else totals


def _numbers_in_name(tokens: list[str], name_terms: np.ndarray) -> np.ndarray:
    """Share of the query's tokens with a digit (model numbers, sizes) that the name has."""
    rows = [n for n, token in enumerate(tokens) if any(c.isdigit() for c in token)]
    if not rows or len(tokens) != len(name_terms):
        return np.zeros(name_terms.shape[1])
    return (name_terms[rows] > 0).sum(axis=0) / len(rows)


def _cosine(evidence: Evidence, rows: list[int], index: np.ndarray) -> np.ndarray:
    if evidence.cosine is None:
        return np.zeros(len(rows))
    if evidence.cosine_of is not None:
        return evidence.cosine_of(rows)
    return evidence.cosine[index]


def feature_matrix(evidence: Evidence, rows: list[int]) -> np.ndarray:
    """One row per candidate, one column per name in FEATURES."""
    index = np.asarray(rows, dtype=np.int64)
    text_terms = evidence.text_terms[:, index]
    name_terms = evidence.name_terms[:, index]
    tokens = max(text_terms.shape[0], 1)
    columns = [
        _scaled(text_terms.sum(axis=0)),
        share_of_ideal(name_terms),
        (text_terms > 0).sum(axis=0) / tokens,
        (name_terms > 0).sum(axis=0) / tokens,
        # the head noun is in the name (in English usually a query's last word: "cordless drill")
        name_terms[-1] > 0 if len(name_terms) else np.zeros(len(rows)),
        evidence.name_order(rows) if evidence.name_order else np.zeros(len(rows)),
        _numbers_in_name(evidence.tokens, name_terms),
        _cosine(evidence, rows, index),
        np.array([evidence.reviews.get(i, 0.0) for i in rows]),
    ]
    return np.column_stack(columns).astype(np.float32)


@dataclass(frozen=True)
class RankingModel:
    """A weight per feature; a product's score is the weighted sum of its features."""

    weights: dict[str, float]
    trained_on: str = ""

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RankingModel:
        """The shipped (or given) weights."""
        data = json.loads(path.read_text())
        unknown = set(data["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"{path}: unknown feature(s) {sorted(unknown)}")
        return cls(
            {name: float(data["weights"].get(name, 0.0)) for name in FEATURES},
            data.get("trained_on", ""),
        )

    def save(self, path: Path = MODEL_FILE) -> None:
        """Write the weights as JSON."""
        payload = {"weights": self.weights, "trained_on": self.trained_on}
        path.write_text(json.dumps(payload, indent=2) + "\n")

    @property
    def vector(self) -> np.ndarray:
        """The weights in FEATURES order."""
        return np.array([self.weights[name] for name in FEATURES], dtype=np.float32)

    def score(self, features: np.ndarray) -> np.ndarray:
        """The score of each feature row."""
        return features @ self.vector
