"""Review vectors in memory: the search's review matches are the exact nearest reviews among
the products a filter keeps, and an ingest never leaves a stale cache to be served."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import retrieval.ingest
from assistant.config import Settings
from retrieval.ingest import ingest_shop
from retrieval.query_parser import SearchFilters
from retrieval.review_matrix import ReviewMatrix
from retrieval.search import MIN_SIMILARITY, REVIEW_CANDIDATES, Searcher
from retrieval.vector_matrix import FIRST_STAGE_FROM, VectorMatrix
from retrieval.vectors import REVIEWS
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_search_first_stage import _unit_rows

MUD = "shoes that grip in mud"


def _from_chroma(searcher: Searcher, query: np.ndarray, mask: np.ndarray) -> dict[int, float]:
    """Each masked product's best review cosine among the REVIEW_CANDIDATES nearest masked
    reviews, by brute force over the vectors and product ids Chroma holds."""
    stored = searcher.vectors.collection(REVIEWS).get(include=["embeddings", "metadatas"])
    rows = [searcher.catalog.index[m["product_id"]] for m in stored["metadatas"]]
    scores = np.asarray(stored["embeddings"], dtype=np.float32) @ query
    kept = sorted((r for r in range(len(rows)) if mask[rows[r]]), key=lambda r: -scores[r])
    best: dict[int, float] = {}
    for r in kept[:REVIEW_CANDIDATES]:
        if scores[r] >= MIN_SIMILARITY and rows[r] not in best:
            best[rows[r]] = float(scores[r])
    return best


@pytest.mark.parametrize(
    "filters",
    [SearchFilters(), SearchFilters(max_price=40.0), SearchFilters(category="Electronics")],
)
def test_review_matches_are_the_exact_nearest_among_the_filtered_products(
    demo_settings: Settings, embedder, filters: SearchFilters
) -> None:
    searcher = Searcher(demo_settings, embedder=embedder)
    mask = searcher.catalog.mask(filters)
    assert 0 < mask.sum() <= len(mask)
    for text in ("sound quality for the price", "battery lasts all day", "comfortable fit"):
        found = searcher.evidence(text, mask)[0].reviews
        expected = _from_chroma(searcher, embedder.embed_query(text), mask)
        assert found.keys() == expected.keys()
        assert np.allclose([found[i] for i in expected], list(expected.values()), atol=1e-5)


def test_a_filtered_search_keeps_its_review_evidence(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    searcher = Searcher(settings, embedder=embedder)
    capped = searcher.search(MUD, filters=SearchFilters(max_price=100.0)).hits
    assert [h.product_id for h in capped] == ["P3"]
    assert any("reviewer says" in why for why in capped[0].why)
    road_only = searcher.search(MUD, filters=SearchFilters(min_price=100.0, category="Running"))
    assert [h.product_id for h in road_only.hits] == ["P4"]
    assert not any("grip on mud" in why for why in road_only.hits[0].why)


def _mud_review(searcher: Searcher, embedder) -> dict[str, float]:
    """Product id -> its best review cosine for MUD."""
    mask = np.ones(len(searcher.catalog.ids), dtype=bool)
    reviews = searcher.evidence(MUD, mask)[0].reviews
    return {searcher.catalog.ids[i]: score for i, score in reviews.items()}


def _edited_shop() -> dict:
    """The tiny shop with R2 (on P3) rewritten and a mud review on P4 instead."""
    shop = tiny_shop()
    shop["reviews"][1]["text"] = "The laces came undone on every run."
    shop["reviews"][2]["text"] = "Great grip on mud, the sole wore out fast."
    return shop


def test_a_reingest_never_serves_stale_review_vectors(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "v1", **tiny_shop()), settings, embedder=embedder)
    before = _mud_review(Searcher(settings, embedder=embedder), embedder)
    assert max(before, key=before.__getitem__) == "P3"
    ingest_shop(write_shop(tmp_path / "v2", **_edited_shop()), settings, embedder=embedder)
    after = _mud_review(Searcher(settings, embedder=embedder), embedder)
    assert max(after, key=after.__getitem__) == "P4"  # same review ids, new texts


def test_an_ingest_that_dies_after_embedding_leaves_no_stale_review_cache(
    tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "v1", **tiny_shop()), settings, embedder=embedder)

    def dies(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(retrieval.ingest, "_cache_vectors", dies)
    with pytest.raises(OSError):
        ingest_shop(write_shop(tmp_path / "v2", **_edited_shop()), settings, embedder=embedder)
    searcher = Searcher(settings, embedder=embedder)
    after = _mud_review(searcher, embedder)
    assert max(after, key=after.__getitem__) == "P4"
    fresh = VectorMatrix.from_store(searcher.vectors, searcher.reviews.vectors.ids, REVIEWS)
    np.testing.assert_allclose(np.asarray(searcher.reviews.vectors.matrix), fresh.matrix)


def test_nearest_reviews_through_the_first_stage_keep_the_exact_top() -> None:
    rng = np.random.default_rng(11)
    n = FIRST_STAGE_FROM + 500
    vectors = _unit_rows(rng, n)
    owner = rng.integers(-1, 300, size=n)  # 300 products; -1: a review of no catalog product
    reviews = ReviewMatrix(VectorMatrix([f"R{i}" for i in range(n)], vectors), owner)
    for query in _unit_rows(rng, 3):
        exact = vectors @ query
        for mask in (np.ones(300, dtype=bool), np.arange(300) % 50 == 0):
            kept = np.flatnonzero(mask[owner] & (owner >= 0) & (exact > 0))
            best = kept[np.argsort(-exact[kept])][:50]
            found = reviews.nearest(query, mask, 50)
            assert [m.review_id for m in found] == [f"R{i}" for i in best]
            assert np.allclose([m.score for m in found], exact[best], atol=1e-5)
            assert all(mask[m.product] and m.product == owner[int(m.review_id[1:])] for m in found)
