"""Tune the ranking weights (retrieval/models/ranking.json) on the Home Depot training split.

    python bench/tune_ranking.py [--home DIR] [--queries 3000] [--dry-run]

Uses only the training split of bench/judged.py (the held-out 30 % of search terms is never
read). For each query it gathers our search's candidates and their features once, then runs
coordinate ascent on the feature weights to maximise mean graded NDCG@10 (gain = relevance − 1,
unjudged 0), starting from the shipped weights. The review weight is not tuned (this catalog
has no reviews): it stays half the product-vector weight. Prints train NDCG before and after.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.judged import HOME_DEPOT, home_depot_home, judged_queries, split  # noqa: E402
from retrieval.ranking import FEATURES, RankingModel, candidates, feature_matrix  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

TUNED = [name for name in FEATURES if name != "reviews"]
STEPS = (0.0, 0.25, 0.5, 0.8, 1.25, 2.0, 4.0)  # multipliers tried per coordinate
K = 10


@dataclass
class Sample:
    """One training query: candidate features, their gains and the ideal DCG."""

    features: np.ndarray
    gains: np.ndarray
    ideal: float


def _ideal(gains: list[float]) -> float:
    ranked = sorted(gains, reverse=True)[:K]
    return sum(g / math.log2(i + 2) for i, g in enumerate(ranked))


def gather(searcher: Searcher, queries: list) -> list[Sample]:
    """Features and gains of every query's candidates."""
    samples = []
    for item in tqdm(queries, desc="features"):
        parsed = searcher.parse(item.query)
        mask = searcher.catalog.mask(parsed.filters)
        evidence, _ = searcher.evidence(parsed.text, mask)
        rows = candidates(evidence, mask)
        ideal = _ideal(list(item.gains.values()))
        if not rows or ideal <= 0:
            samples.append(Sample(np.zeros((0, len(FEATURES))), np.zeros(0), ideal))
            continue
        ids = [searcher.catalog.ids[i] for i in rows]
        gains = np.array([item.gains.get(pid, 0.0) for pid in ids], dtype=np.float32)
        samples.append(Sample(feature_matrix(evidence, rows), gains, ideal))
    return samples


_DISCOUNT = 1.0 / np.log2(np.arange(K) + 2)


def mean_ndcg(samples: list[Sample], weights: np.ndarray) -> float:
    """Mean NDCG@10 of the samples ranked by features · weights."""
    total = 0.0
    for s in samples:
        if s.ideal <= 0 or not len(s.gains):
            continue
        scores = s.features @ weights
        top = np.argsort(-scores, kind="stable")[:K]
        total += float((s.gains[top] * _DISCOUNT[: len(top)]).sum()) / s.ideal
    return total / len(samples)


def ascend(samples: list[Sample], weights: np.ndarray, rounds: int = 4) -> np.ndarray:
    """Coordinate ascent over the tuned features' weights."""
    best = mean_ndcg(samples, weights)
    for _ in range(rounds):
        improved = False
        for name in TUNED:
            j = FEATURES.index(name)
            base = weights[j] if weights[j] > 0 else 0.1
            for step in STEPS:
                trial = weights.copy()
                trial[j] = base * step
                score = mean_ndcg(samples, trial)
                if score > best + 1e-5:
                    best, weights, improved = score, trial, True
        shown = dict(zip(FEATURES, weights.round(3).tolist(), strict=True))
        print(f"  round: train NDCG@10 {best:.4f} {shown}")
        if not improved:
            break
    return weights


def main() -> None:
    """Tune and save (unless --dry-run)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, required=True, help="work dir (as search_quality)")
    parser.add_argument("--source", type=Path, default=HOME_DEPOT)
    parser.add_argument("--queries", type=int, default=3000, help="training queries to use")
    parser.add_argument("--dry-run", action="store_true", help="print, do not save")
    args = parser.parse_args()
    settings = home_depot_home(args.home, args.source)
    queries = split(judged_queries(args.source), held_out=False, limit=args.queries)
    searcher = Searcher(settings)
    samples = gather(searcher, queries)
    start = searcher.model.vector.copy()
    print(f"train NDCG@10 with the shipped weights: {mean_ndcg(samples, start):.4f}")
    weights = ascend(samples, start)
    weights[FEATURES.index("reviews")] = weights[FEATURES.index("cosine")] / 2
    print(f"train NDCG@10 tuned: {mean_ndcg(samples, weights):.4f} on {len(samples)} queries")
    if not args.dry_run:
        trained_on = (
            f"Home Depot search relevance train.csv, training split ({len(samples)} search "
            f"terms, bench/judged.py); python bench/tune_ranking.py --queries {args.queries}"
        )
        values = {name: round(float(w), 4) for name, w in zip(FEATURES, weights, strict=True)}
        RankingModel(values, trained_on).save()
        print("saved to retrieval/models/ranking.json")


if __name__ == "__main__":
    main()
