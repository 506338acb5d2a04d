"""Graded NDCG@10 on the Home Depot held-out queries: plain BM25, a naive LangChain + Chroma
pipeline and our search, in one run over the same queries (see bench/judged.py for the split).

- BM25: bm25s over the titles alone (English stop words, Snowball stemmer, default tokens).
- naive: a `langchain_chroma.Chroma` store holding one all-MiniLM-L6-v2 vector per product (the
  vectors our ingest made of the product text, i.e. the title plus "Category: Uncategorized.";
  same bundled int8 model behind LangChain's `Embeddings` for the query), queried with
  `similarity_search(query, k=10)`: plain cosine, no lexical part, no fusion.
- ours: `Searcher.search(query, k=10)` over the imported and ingested shop.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from assistant.config import Settings
from bench.judged import JudgedQuery, ndcg
from retrieval.embedder import Embedder
from retrieval.importers.home_depot import read_rows
from retrieval.search import Searcher

Ranker = Callable[[str], list[str]]
NAIVE_COLLECTION = "naive-titles"
NAIVE_BATCH = 512


def _titles(source: Path) -> dict[str, str]:
    """product_uid -> its first title in the file (as the importer keeps it)."""
    titles: dict[str, str] = {}

    for _, row in read_rows(source, show_progress=False):
        titles.setdefault(row["product_uid"].strip(), " ".join(row["product_title"].split()))
    return titles


def bm25_baseline(titles: dict[str, str]) -> Ranker:
    """Plain BM25 over the titles."""
    import bm25s
    import Stemmer

    ids = list(titles)
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    corpus = bm25s.tokenize(
        list(titles.values()), stopwords="en", stemmer=stemmer, show_progress=False
    )
    retriever.index(corpus, show_progress=False)

    def rank(query: str) -> list[str]:
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        docs, scores = retriever.retrieve(tokens, k=10, show_progress=False)
        return [ids[d] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


def _langchain_embeddings(embedder: Embedder) -> Any:
    from langchain_core.embeddings import Embeddings

    class BundledMiniLM(Embeddings):
        """The bundled MiniLM behind LangChain's interface."""

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed_query(text).tolist()

    return BundledMiniLM()


def naive_baseline(titles: dict[str, str], home: Path, settings: Settings) -> Ranker:
    """LangChain + Chroma holding the product vectors of the ingested shop, built once under
    HOME/naive-chroma (re-embedding 54k titles would double the set-up time)."""
    from langchain_chroma import Chroma

    embedder = Embedder.from_settings(settings)
    store = Chroma(
        collection_name=NAIVE_COLLECTION,
        embedding_function=_langchain_embeddings(embedder),
        persist_directory=str(home / "naive-chroma"),
    )
    collection = store._collection  # LangChain has no add-with-vectors; Chroma's own call
    if collection.count() == 0:
        matrix = Searcher(settings, embedder=embedder).matrix
        for start in tqdm(range(0, len(matrix.ids), NAIVE_BATCH), desc="naive pipeline: index"):
            ids = matrix.ids[start : start + NAIVE_BATCH]
            vectors = np.asarray(matrix.matrix[start : start + len(ids)])
            collection.add(ids=ids, embeddings=vectors, documents=[titles[i] for i in ids])

    def rank(query: str) -> list[str]:
        return [doc.id for doc in store.similarity_search(query, k=10)]

    return rank


def ours(settings: Settings) -> Ranker:
    """Our search, top 10."""
    searcher = Searcher(settings)
    return lambda query: [hit.product_id for hit in searcher.search(query, k=10).hits]


def evaluate(rankers: dict[str, Ranker], queries: list[JudgedQuery]) -> dict[str, dict]:
    """Mean NDCG@10 and the median milliseconds per query of each ranker."""
    table: dict[str, dict] = {}
    for name, rank in rankers.items():
        scores, times = [], []
        for item in tqdm(queries, desc=name, leave=False):
            started = time.perf_counter()
            ranked = rank(item.query)
            times.append((time.perf_counter() - started) * 1000)
            scores.append(ndcg(ranked, item.gains))
        table[name] = {
            "ndcg": statistics.fmean(scores),
            "ms": statistics.median(times),
            "scores": scores,
        }
    return table


def systems(source: Path, home: Path, settings: Settings) -> dict[str, Ranker]:
    """The three rankers, built (or loaded from HOME) over the same products."""
    titles = _titles(source)
    return {
        "BM25 (titles)": bm25_baseline(titles),
        "naive LangChain + Chroma": naive_baseline(titles, home, settings),
        "ours (hybrid)": ours(settings),
    }


def render(table: dict[str, dict], n: int) -> str:
    """A markdown table with the ratio of each system to BM25."""
    base = table["BM25 (titles)"]["ndcg"]
    lines = [
        f"| system | NDCG@10 (held-out, n={n}) | × BM25 | median ms/query |",
        "|---|---|---|---|",
    ]
    for name, row in table.items():
        ratio = row["ndcg"] / base
        lines.append(f"| {name} | {row['ndcg']:.4f} | {ratio:.3f} | {row['ms']:.1f} |")
    return "\n".join(lines)
