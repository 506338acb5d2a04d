"""A judged real catalog (Home Depot search relevance): the shop, its queries and their split.

Gains are graded: relevance − 1 (the mean rater score runs 1 = irrelevant … 3 = exact), so a
judged-irrelevant product gains 0, and so does every product nobody judged for that query. The
distinct search terms are split by a stable hash: 30 % are held out (figures are reported on
them, nothing is tuned on them), the rest is the training split the ranking weights are tuned on.
"""

from __future__ import annotations

import hashlib
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from retrieval.importers.home_depot import import_home_depot, read_judgments
from retrieval.ingest import ingest_shop

ROOT = Path(__file__).resolve().parents[1]
HOME_DEPOT = ROOT.parent / "shared" / "data" / "home-depot-search" / "train.csv.zip"
HELD_OUT_PERCENT = 30


@dataclass(frozen=True)
class JudgedQuery:
    """A search term and the gain of each product judged for it."""

    query: str
    gains: dict[str, float]
    bucket: int  # 0 … 99, from a hash of the query: < HELD_OUT_PERCENT is held out

    @property
    def held_out(self) -> bool:
        """True for the evaluation split."""
        return self.bucket < HELD_OUT_PERCENT


def _bucket(query: str) -> int:
    digest = hashlib.blake2b(query.lower().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 100


def judged_queries(source: Path = HOME_DEPOT) -> list[JudgedQuery]:
    """Every distinct search term with its judged products (repeated pairs averaged), sorted
    by hash so that taking the first N of a split is a fixed random sample."""
    pairs: dict[str, dict[str, list[float]]] = {}
    for judgment in read_judgments(source):
        by_product = pairs.setdefault(judgment.query, {})
        by_product.setdefault(judgment.product_id, []).append(judgment.relevance - 1.0)
    queries = [
        JudgedQuery(q, {pid: sum(g) / len(g) for pid, g in by.items()}, _bucket(q))
        for q, by in pairs.items()
    ]
    key = {
        q.query: hashlib.blake2b(q.query.encode("utf-8"), digest_size=8).digest() for q in queries
    }
    return sorted(queries, key=lambda q: key[q.query])


def split(queries: list[JudgedQuery], held_out: bool, limit: int | None) -> list[JudgedQuery]:
    """The first `limit` queries of one split."""
    chosen = [q for q in queries if q.held_out == held_out]
    return chosen[:limit] if limit else chosen


def ndcg(ranked: list[str], gains: dict[str, float], k: int = 10) -> float:
    """Graded NDCG@k with linear gains; unjudged products gain 0."""
    dcg = sum(gains.get(pid, 0.0) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best > 0 else 0.0


def home_depot_home(workdir: Path, source: Path = HOME_DEPOT) -> Settings:
    """Settings of WORKDIR/state holding the Home Depot shop (WORKDIR/shop), imported and
    ingested once; a marker file says the state is complete."""
    settings = Settings(home=workdir / "state")
    marker = workdir / ".home-depot-ready"
    if not marker.exists():
        started = time.perf_counter()
        report = import_home_depot(source, workdir / "shop", show_progress=True)
        print(f"imported {report.written} from {source}", file=sys.stderr)
        ingest_shop(workdir / "shop", settings, show_progress=True)
        print(f"ingested in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        marker.write_text("ok\n")
    return settings
