"""A TF-IDF bag of terms and its linear weights, computed without scikit-learn at run time.

Training fits the weights with scikit-learn (`terms_matrix` builds the same sparse matrix the
run-time `logits` reads), then keeps only the terms whose weights matter (`pruned`), so the
shipped file stays small.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Analyzer = Callable[[str], list[str]]


def tfidf_rows(
    grams: Sequence[list[str]], vocabulary: dict[str, int], idf: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text, (term indices, l2-normalised sublinear tf × idf values) of known terms."""
    rows = []
    for terms in grams:
        counts = Counter(vocabulary[t] for t in terms if t in vocabulary)
        index = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.array([1.0 + math.log(c) for c in counts.values()], dtype=np.float32)
        values *= idf[index]
        norm = float(np.linalg.norm(values))
        rows.append((index, values / norm if norm else values))
    return rows


@dataclass
class TermWeights:
    """Terms, their idf and one weight column per output (logits = tfidf @ weights)."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # (terms, outputs)

    def logits(self, grams: Sequence[list[str]]) -> np.ndarray:
        """The terms' contribution to each output, per text."""
        out = np.zeros((len(grams), self.weights.shape[1]), dtype=np.float32)
        weights = self.weights.astype(np.float32)
        for i, (index, values) in enumerate(tfidf_rows(grams, self.vocabulary, self.idf)):
            if len(index):
                out[i] = values @ weights[index]
        return out

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The arrays to save, names prefixed (vocabulary in index order)."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            f"{prefix}_terms": np.array(terms),
            f"{prefix}_idf": self.idf.astype(np.float16),
            f"{prefix}_weights": self.weights.astype(np.float16),
        }

    @classmethod
    def from_arrays(
        cls, data: dict[str, np.ndarray] | np.lib.npyio.NpzFile, prefix: str
    ) -> TermWeights:
        """Read what `arrays` wrote."""
        terms = data[f"{prefix}_terms"]
        return cls(
            {str(t): i for i, t in enumerate(terms)},
            data[f"{prefix}_idf"].astype(np.float32),
            data[f"{prefix}_weights"],
        )


def terms_matrix(grams: Sequence[list[str]], vocabulary: dict[str, int], idf: np.ndarray):
    """The sparse (texts × terms) TF-IDF matrix, as `TermWeights.logits` computes it."""
    from scipy.sparse import csr_matrix

    rows = tfidf_rows(grams, vocabulary, idf)
    indptr = np.cumsum([0] + [len(i) for i, _ in rows])
    index = np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, dtype=np.float32)
    return csr_matrix((values, index, indptr), shape=(len(rows), len(vocabulary)))


def fit_vocabulary(
    grams: Sequence[list[str]], min_df: int, max_terms: int
) -> tuple[dict[str, int], np.ndarray]:
    """The `max_terms` most frequent terms seen in ≥ min_df texts, and their smoothed idf."""
    df = Counter(t for terms in grams for t in set(terms))
    kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))
    kept = sorted(kept[:max_terms])
    n = len(grams)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
    return {t: i for i, t in enumerate(kept)}, idf


def pruned(weights: TermWeights, keep: int) -> TermWeights:
    """The `keep` terms with the largest weights (by their largest absolute weight)."""
    if len(weights.vocabulary) <= keep:
        return weights
    strength = np.abs(weights.weights).max(axis=1)
    chosen = np.sort(np.argsort(-strength, kind="stable")[:keep])
    terms = sorted(weights.vocabulary, key=weights.vocabulary.__getitem__)
    return TermWeights(
        {terms[j]: i for i, j in enumerate(chosen)}, weights.idf[chosen], weights.weights[chosen]
    )
