"""A Chroma collection's vectors held in memory (and cached under HOME) for exact, filterable
search: the products' (in catalog order) and the reviews' (in review-id order).

On a large catalog, reading every 384-dimension vector for each query was most of a search's
time (50k products are 77 MB). A first stage scores every row on the vectors' first REDUCED
principal directions (a quarter of the bytes), then the best EXACT_ROWS of them are scored
exactly; `exact` gives the exact cosine of any other rows a ranker needs. Both stages are one
matrix-vector product each, run on one BLAS thread: OpenBLAS's threads spin-wait for each other
on a busy machine and made it 4-7x slower than one thread.

A cache folder is valid for exactly the ids it was written for (`load` checks them); the ingest
removes its marker before it changes that collection's rows and writes it again after embedding.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from retrieval.embedder import DIMENSIONS
from retrieval.vectors import PRODUCTS, REVIEWS, VectorStore

CACHE_DIRS = {PRODUCTS: "product-vectors", REVIEWS: "review-vectors"}  # under HOME
_PAGE = 2000
REDUCED = 96  # principal directions of the first stage
EXACT_ROWS = 1000  # first-stage rows scored exactly (the top 100 exact are almost always in them)
FIRST_STAGE_FROM = 20_000  # masked rows from which the first stage pays off
_SAMPLE = 8000  # rows the principal directions are computed from


class VectorMatrix:
    """Unit vectors of one collection in the order of `ids` (zero rows where missing)."""

    def __init__(
        self, ids: list[str], matrix: np.ndarray, reduced: np.ndarray | None = None,
        basis: np.ndarray | None = None,
    ) -> None:  # fmt: skip
        self.ids = ids
        self.matrix = matrix
        self.reduced = reduced  # (rows, REDUCED): the vectors on the principal directions
        self.basis = basis  # (DIMENSIONS, REDUCED)
        if reduced is None and len(ids) >= FIRST_STAGE_FROM:
            self.basis, self.reduced = _principal(np.asarray(matrix))

    @classmethod
    def from_store(cls, vectors: VectorStore, ids: list[str], name: str = PRODUCTS) -> VectorMatrix:
        """Read the vectors of collection `name` from Chroma, aligned to `ids`."""
        position = {id_: i for i, id_ in enumerate(ids)}
        matrix = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
        collection = vectors.collection(name)
        for start in range(0, len(ids), _PAGE):
            page = collection.get(ids=ids[start : start + _PAGE], include=["embeddings"])
            for id_, vector in zip(page["ids"], page["embeddings"], strict=True):
                matrix[position[id_]] = vector
        return cls(ids, matrix)

    def save(self, folder: Path) -> None:
        """Cache the matrix in `folder` (ids last: they mark it complete) so a new process
        starts without reading Chroma."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "matrix.npy", self.matrix)
        if self.reduced is not None and self.basis is not None:
            np.savez(folder / "reduced.npz", reduced=self.reduced, basis=self.basis)
        (folder / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, folder: Path, ids: list[str]) -> VectorMatrix | None:
        """The matrix cached in `folder` if it was written for exactly `ids`, else None."""
        try:
            cached_ids = json.loads((folder / "ids.json").read_text())
            matrix = np.load(folder / "matrix.npy", mmap_mode="r")
        except (OSError, ValueError):
            return None
        if cached_ids != ids:
            return None
        reduced = basis = None
        try:
            with np.load(folder / "reduced.npz") as saved:
                reduced, basis = saved["reduced"], saved["basis"]
        except (OSError, ValueError, KeyError):
            pass
        stale = reduced is None or len(reduced) != len(ids) or basis.shape != (DIMENSIONS, REDUCED)
        loaded = cls(cached_ids, matrix, None if stale else reduced, None if stale else basis)
        if stale and loaded.reduced is not None:  # written before the first stage existed
            np.savez(folder / "reduced.npz", reduced=loaded.reduced, basis=loaded.basis)
        return loaded

    def scores(self, query: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Cosine similarity of masked rows (0 elsewhere); past FIRST_STAGE_FROM masked
        rows, only the first stage's best EXACT_ROWS are scored (0 for the rest)."""
        rows = np.flatnonzero(mask)
        scores = np.zeros(len(self.ids), dtype=np.float32)
        with _one_blas_thread():
            if rows.size >= FIRST_STAGE_FROM and self.reduced is not None:
                assert self.basis is not None
                rough = self.reduced @ (query.astype(np.float32) @ self.basis)
                if rows.size < len(self.ids):
                    rough = np.where(mask, rough, -np.inf)
                rows = np.sort(np.argpartition(-rough, EXACT_ROWS)[:EXACT_ROWS])
            elif rows.size == len(self.ids):
                return np.asarray(self.matrix @ query)
            if rows.size:
                scores[rows] = self.matrix[rows] @ query
        return scores

    def exact(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosine similarity of the given rows."""
        with _one_blas_thread():
            return np.asarray(self.matrix[np.asarray(rows, dtype=np.int64)] @ query)


def cache_marker(home: Path, name: str) -> Path:
    """The file whose presence marks collection `name`'s cache under HOME complete."""
    return home / CACHE_DIRS[name] / "ids.json"


def cached_matrix(home: Path, vectors: VectorStore, name: str, ids: list[str]) -> VectorMatrix:
    """Collection `name`'s vectors for `ids`: the cache under HOME if it was written for them,
    else read from Chroma and cached."""
    folder = home / CACHE_DIRS[name]
    matrix = VectorMatrix.load(folder, ids)
    if matrix is None:
        matrix = VectorMatrix.from_store(vectors, ids, name)
        matrix.save(folder)
    return matrix


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """BLAS on one thread for a matrix-vector product (restored after)."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


def _principal(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The REDUCED principal directions of the vectors (uncentred: they keep dot products) and
    every vector projected on them."""
    step = max(1, len(matrix) // _SAMPLE)
    _, _, directions = np.linalg.svd(matrix[::step].astype(np.float32), full_matrices=False)
    basis = np.ascontiguousarray(directions[:REDUCED].T, dtype=np.float32)
    return basis, np.ascontiguousarray(matrix @ basis, dtype=np.float32)
