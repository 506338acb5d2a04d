"""Product vectors held in memory (and cached beside the index) for exact, filterable search."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from retrieval.embedder import DIMENSIONS
from retrieval.vectors import PRODUCTS, VectorStore

CACHE_DIR = "product-vectors"
_PAGE = 2000


class ProductMatrix:
    """Unit vectors of the catalog's products in catalog order (zero rows where missing)."""

    def __init__(self, ids: list[str], matrix: np.ndarray) -> None:
        self.ids = ids
        self.matrix = matrix

    @classmethod
    def from_store(cls, vectors: VectorStore, ids: list[str]) -> ProductMatrix:
        """Read every product vector from Chroma, aligned to `ids`."""
        position = {id_: i for i, id_ in enumerate(ids)}
        matrix = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
        collection = vectors.collection(PRODUCTS)
        for start in range(0, len(ids), _PAGE):
            page = collection.get(ids=ids[start : start + _PAGE], include=["embeddings"])
            for id_, vector in zip(page["ids"], page["embeddings"], strict=True):
                matrix[position[id_]] = vector
        return cls(ids, matrix)

    def save(self, home: Path) -> None:
        """Cache the matrix under HOME so a new process starts without reading Chroma."""
        folder = home / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "matrix.npy", self.matrix)
        (folder / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, home: Path, ids: list[str]) -> ProductMatrix | None:
        """The cached matrix if it matches the catalog, else None."""
        folder = home / CACHE_DIR
        try:
            cached_ids = json.loads((folder / "ids.json").read_text())
            matrix = np.load(folder / "matrix.npy", mmap_mode="r")
        except (OSError, ValueError):
            return None
        return cls(cached_ids, matrix) if cached_ids == ids else None

    def scores(self, query: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Cosine similarity of every masked product (0 elsewhere)."""
        rows = np.flatnonzero(mask)
        scores = np.zeros(len(self.ids), dtype=np.float32)
        if rows.size == len(self.ids):
            return self.matrix @ query
        if rows.size:
            scores[rows] = self.matrix[rows] @ query
        return scores
