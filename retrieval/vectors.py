"""Chroma collections of product and review vectors (an index; SQL holds the facts). Searches
read them from memory (retrieval/vector_matrix.py); Chroma is where the ingest writes them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings

PRODUCTS = "products"
REVIEWS = "reviews"
_GET_PAGE = 5000


def chroma_client(settings: Settings) -> Any:
    """An HTTP client for SHOPASSIST_CHROMA_URL, else the embedded persistent store."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.ensure_home()
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class VectorStore:
    """The two collections, with the few operations ingest and search need."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._collections: dict[str, Any] = {}

    def collection(self, name: str) -> Any:
        """Get or create a cosine-space collection that takes our own embeddings."""
        if name not in self._collections:
            self._collections[name] = self.client.get_or_create_collection(
                name=name,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collections[name]

    def drop(self, name: str) -> None:
        """Delete a collection if it exists."""
        self._collections.pop(name, None)
        if name in {c.name for c in self.client.list_collections()}:
            self.client.delete_collection(name)

    def count(self, name: str) -> int:
        """Number of vectors in a collection."""
        return int(self.collection(name).count())

    def hashes(self, name: str, ids: list[str]) -> dict[str, str]:
        """The stored text hash of each id that has a vector."""
        found: dict[str, str] = {}
        collection = self.collection(name)
        for start in range(0, len(ids), _GET_PAGE):
            page = collection.get(ids=ids[start : start + _GET_PAGE], include=["metadatas"])
            for id_, meta in zip(page["ids"], page["metadatas"] or [], strict=False):
                found[id_] = (meta or {}).get("text_hash", "")
        return found

    def upsert(
        self, name: str, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]
    ) -> None:
        """Insert or replace vectors by id (idempotent)."""
        self.collection(name).upsert(ids=ids, embeddings=vectors, metadatas=metadatas)
