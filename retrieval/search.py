"""Hybrid product search: BM25 (all text and the name) + product vectors + review vectors,
fused by a weighted sum of per-candidate features (retrieval/ranking.py). Both kinds of vectors
are held in memory (retrieval/vector_matrix.py); Chroma is read only to build their caches."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from assistant.config import Settings
from retrieval.catalog import Catalog
from retrieval.db import Product, Review, make_engine
from retrieval.embedder import Embedder
from retrieval.ingest import LEXICAL_DIR, rebuild_lexical
from retrieval.lexical import LexicalIndex
from retrieval.query_parser import ParsedQuery, SearchFilters
from retrieval.ranking import Evidence, RankingModel, candidates, feature_matrix, top
from retrieval.review_matrix import ReviewMatrix
from retrieval.vector_matrix import VectorMatrix, cached_matrix
from retrieval.vectors import PRODUCTS, VectorStore, chroma_client

log = logging.getLogger(__name__)
Mode = Literal["hybrid", "lexical", "vector"]
CANDIDATES = 100
REVIEW_CANDIDATES = 200
NEAR_POOL = 3  # near misses ranked per result wanted, to put the nearest categories first
MIN_SIMILARITY = 0.2  # cosine below this is noise for MiniLM: not a match, just the nearest


class SearchHit(BaseModel):
    """A ranked product with its facts from SQL and why it matched."""

    product_id: str
    title: str
    brand: str | None = None
    category: str
    price: float
    currency: str = "USD"
    rating: float | None = None
    rating_count: int | None = None
    in_stock: bool
    image_url: str | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    score: float
    why: list[str] = Field(default_factory=list)
    matched: bool = True  # False: a near miss of the category or features the query implied


class SearchResult(BaseModel):
    """Hits plus how the query was understood."""

    query: str
    text: str
    filters: SearchFilters
    mode: str
    hits: list[SearchHit]
    degraded: bool = False


class Searcher:
    """Answers product queries over one loaded shop."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        engine: Engine | None = None,
        vectors: VectorStore | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings.sqlalchemy_url)
        self.embedder = embedder or Embedder.from_settings(settings)
        self._vectors = vectors
        self.model = RankingModel.load()
        self.catalog = Catalog.load(self.engine, locale=settings.shop_locale)
        self.lexical = self._load_lexical()
        self._matrix: VectorMatrix | None = None
        self._reviews: ReviewMatrix | None = None

    @property
    def vectors(self) -> VectorStore:
        """The Chroma collections, connected on first use."""
        if self._vectors is None:
            self._vectors = VectorStore(chroma_client(self.settings))
        return self._vectors

    @property
    def matrix(self) -> VectorMatrix:
        """Product vectors in catalog order: the cache under HOME, else read from Chroma."""
        if self._matrix is None:
            self._matrix = cached_matrix(
                self.settings.home, self.vectors, PRODUCTS, self.catalog.ids
            )
        return self._matrix

    @property
    def reviews(self) -> ReviewMatrix:
        """Review vectors and their products: the cache under HOME, else read from Chroma."""
        if self._reviews is None:
            self._reviews = ReviewMatrix.load(
                self.settings.home, self.engine, self.vectors, self.catalog.index
            )
        return self._reviews

    def _load_lexical(self) -> LexicalIndex:
        folder = self.settings.home / LEXICAL_DIR
        if (folder / "ids.json").exists():
            try:
                index = LexicalIndex.load(folder)
            except FileNotFoundError:  # an index written before field indexes existed
                index = None
            if index is not None and index.ids == self.catalog.ids:
                return index
        rebuild_lexical(self.engine, self.settings)
        return LexicalIndex.load(folder)

    def parse(self, query: str, filters: SearchFilters | None = None) -> ParsedQuery:
        """Parse filters out of the query in the shop's terms (units, features, currency);
        explicit filters win."""
        return self.catalog.parse(query, filters)

    def search(
        self,
        query: str,
        k: int = 10,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        near_misses: bool = True,
    ) -> SearchResult:
        """Rank products for a query under filters (parsed from it or given).

        The products that meet every constraint come first. When fewer than `k` do and
        `near_misses` is set, the near misses follow, flagged `matched=False`: those that meet
        what the caller asked outright (its filters, the price, rating and stock read from the
        query) but not the category or features the query was read to imply. The chat, which
        says "only N match" and shows only those, does not ask for them.
        """
        parsed = self.parse(query, filters)
        mask = self.catalog.mask(parsed.filters)
        hits, degraded = self._ranked(parsed.text, mask, mode, k)
        wanted = near_misses and len(hits) < k and parsed.text and mode == "hybrid"
        near = self.catalog.mask(_loosened(parsed.filters, filters)) & ~mask if wanted else None
        if near is not None and near.any():
            misses, failed = self._ranked(parsed.text, near, mode, NEAR_POOL * k)
            nearest = nearest_first(misses, parsed.filters.category)[: k - len(hits)]
            hits += [h.model_copy(update={"matched": False}) for h in nearest]
            degraded = degraded or failed
        return SearchResult(
            query=query,
            text=parsed.text,
            filters=parsed.filters,
            mode=mode,
            hits=hits,
            degraded=degraded,
        )

    def _ranked(
        self, text: str, mask: np.ndarray, mode: Mode, k: int
    ) -> tuple[list[SearchHit], bool]:
        """The best `k` products under the mask, and whether the vector store failed."""
        review_of: dict[int, str] = {}  # product -> its best matching review's id
        evidence, degraded = self.evidence(text, mask, mode, review_of)
        rankings = {"lexical": top(evidence.text, mask, CANDIDATES)}
        if evidence.cosine is not None:
            rankings["vector"] = top(evidence.cosine, mask, CANDIDATES)
        rankings["reviews"] = sorted(evidence.reviews, key=lambda i: -evidence.reviews[i])
        if not text:
            popularity = self.catalog.popularity() + 1e-9
            fused = {i: float(popularity[i]) for i in top(popularity, mask, k)}
        elif mode == "hybrid":
            rows = candidates(evidence, mask)
            scores = self.model.score(feature_matrix(evidence, rows)) if rows else []
            fused = {i: float(s) for i, s in zip(rows, scores, strict=True)}
        else:  # one retriever alone
            ranked = rankings["lexical" if mode == "lexical" else "vector"]
            fused = {i: 1.0 / (rank + 1) for rank, i in enumerate(ranked)}
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        snippets = self._review_snippets({i: review_of[i] for i in order if i in review_of})
        return self._hydrate(order, fused, rankings, snippets, text), degraded

    def evidence(
        self, text: str, mask: np.ndarray, mode: Mode = "hybrid", review_of: dict | None = None
    ) -> tuple[Evidence, bool]:
        """What the query text matched over the catalog (the retrievers `mode` uses), and
        whether the vector store failed (the search then goes on with what is left).
        `review_of` receives each review-matched product's best review id."""
        spelled = self.lexical.speller.correct(text) if text else ""
        tokens = self.lexical.tokens(spelled) if mode != "vector" and spelled else []
        evidence = Evidence(
            self.lexical.term_scores(tokens, "text"),
            self.lexical.term_scores(tokens, "name"),
            tokens=tokens,
            name_order=partial(self.lexical.name_pair_share, tokens),
        )
        if not text or mode == "lexical":
            return evidence, False
        query_vector = self.embedder.embed_query(spelled)
        try:
            matrix = self.matrix
            scores = matrix.scores(query_vector, mask)
            evidence.cosine = np.where(scores >= MIN_SIMILARITY, scores, 0.0)
            evidence.cosine_of = partial(_similar, matrix, query_vector)
            if mode == "hybrid":
                evidence.reviews = self._review_scores(query_vector, mask, review_of)
        except Exception as exc:  # noqa: BLE001 - a Chroma failure degrades the search
            if mode == "vector":
                raise
            log.warning("vector store unavailable, searching with what is left: %s", exc)
            return evidence, True
        return evidence, False

    def _review_scores(
        self, query: np.ndarray, mask: np.ndarray, review_of: dict[int, str] | None
    ) -> dict[int, float]:
        best: dict[int, float] = {}
        for match in self.reviews.nearest(query, mask, REVIEW_CANDIDATES):
            if match.product in best or match.score < MIN_SIMILARITY:
                continue
            best[match.product] = match.score
            if review_of is not None:
                review_of[match.product] = match.review_id
        return best

    def _review_snippets(self, review_of: dict[int, str]) -> dict[int, str]:
        """The clipped text of each shown product's best matching review (one SQL query)."""
        if not review_of:
            return {}
        with Session(self.engine) as session:
            texts = dict(
                session.execute(
                    select(Review.review_id, Review.text).where(
                        Review.review_id.in_(list(review_of.values()))
                    )
                ).all()
            )
        return {i: _clip(texts.get(rid, "")) for i, rid in review_of.items() if rid in texts}

    def _hydrate(
        self,
        order: Sequence[int],
        fused: dict[int, float],
        rankings: dict[str, list[int]],
        snippets: dict[int, str],
        text: str,
    ) -> list[SearchHit]:
        ids = [self.catalog.ids[i] for i in order]
        with Session(self.engine) as session:
            rows = session.scalars(select(Product).where(Product.product_id.in_(ids))).all()
            by_id = {p.product_id: p for p in rows}
        positions = {
            name: {i: r for r, i in enumerate(ranked)} for name, ranked in rankings.items()
        }
        hits = []
        for i, product_id in zip(order, ids, strict=True):
            product = by_id.get(product_id)
            if product is None:
                continue
            hits.append(
                SearchHit(
                    product_id=product.product_id,
                    title=product.title,
                    brand=product.brand,
                    category=product.category,
                    price=product.price,
                    currency=product.currency,
                    rating=product.rating,
                    rating_count=product.rating_count,
                    in_stock=product.in_stock,
                    image_url=product.image_url,
                    attributes=dict(product.attributes or {}),
                    score=round(fused[i], 6),
                    why=_reasons(i, positions, snippets, text),
                )
            )
        return hits


def nearest_first(misses: list[SearchHit], category: str | None) -> list[SearchHit]:
    """Near misses, those nearest the query's category in the shop's own category tree first
    (earbuds for "headphones under 100", not white-noise machines), by score within a level."""
    return sorted(misses, key=lambda h: -_shared_path(h.category, category))


def _shared_path(category: str, wanted: str | None) -> int:
    """How many levels of the category path two categories share from the top."""
    if not wanted:
        return 0
    shared = 0
    for mine, theirs in zip(category.split(" > "), wanted.split(" > "), strict=False):
        if mine.strip().lower() != theirs.strip().lower():
            break
        shared += 1
    return shared


def _loosened(parsed: SearchFilters, explicit: SearchFilters | None) -> SearchFilters:
    """The filters without the category and features the query was read to imply (those the
    caller gave outright stay)."""
    given = explicit or SearchFilters()
    return parsed.model_copy(
        update={
            "category": given.category,
            "units": given.units,
            "terms": given.terms,
        }
    )


def _similar(matrix: VectorMatrix, query: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Exact cosine of the rows, 0 below MIN_SIMILARITY (as the retriever's scores)."""
    scores = matrix.exact(query, np.asarray(rows, dtype=np.int64))
    return np.where(scores >= MIN_SIMILARITY, scores, 0.0)


def _clip(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _reasons(
    i: int, positions: dict[str, dict[int, int]], snippets: dict[int, str], text: str
) -> list[str]:
    why = []
    if i in positions.get("lexical", {}):
        why.append(f"keyword match for '{text}' (#{positions['lexical'][i] + 1})")
    if i in positions.get("vector", {}):
        why.append(f"similar in meaning to '{text}' (#{positions['vector'][i] + 1})")
    if i in snippets and i in positions.get("reviews", {}):
        why.append(f'a reviewer says: "{snippets[i]}"')
    return why or ["popular and well rated among products matching the filters"]
