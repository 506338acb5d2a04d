"""The product-vector first stage on large catalogs: the exact top results are kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.embedder import DIMENSIONS
from retrieval.vector_matrix import EXACT_ROWS, FIRST_STAGE_FROM, VectorMatrix


def _unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    # like text embeddings, most of the variance lies in a few dozen directions
    mixing = rng.normal(size=(48, DIMENSIONS))
    rows = rng.normal(size=(n, 48)) @ mixing + 0.3 * rng.normal(size=(n, DIMENSIONS))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_first_stage_keeps_the_exact_top_and_exact_scores(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = FIRST_STAGE_FROM + 500
    vectors = _unit_rows(rng, n)
    matrix = VectorMatrix([f"P{i}" for i in range(n)], vectors)
    assert matrix.reduced is not None
    for query in _unit_rows(rng, 5):
        exact = vectors @ query
        scores = matrix.scores(query, np.ones(n, dtype=bool))
        best = np.argsort(-exact)[:100]
        assert np.allclose(scores[best], exact[best], atol=1e-5)
        assert np.count_nonzero(scores) <= EXACT_ROWS
        assert np.allclose(matrix.exact(query, best[::-1]), exact[best[::-1]], atol=1e-5)
    # a masked search below the threshold is exact over the masked rows
    mask = np.zeros(n, dtype=bool)
    mask[:100] = True
    query = vectors[3]
    assert np.allclose(matrix.scores(query, mask)[:100], vectors[:100] @ query, atol=1e-5)
    assert not matrix.scores(query, mask)[100:].any()
    # the reduced vectors are cached with the matrix and read back
    matrix.save(tmp_path)
    loaded = VectorMatrix.load(tmp_path, matrix.ids)
    assert loaded is not None and loaded.reduced is not None
    assert np.allclose(loaded.reduced, matrix.reduced)
