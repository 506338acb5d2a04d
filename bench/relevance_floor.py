"""The relevance floor: how many queries for product types the shop does not sell get "we don't
carry that", and how many queries it does serve (the demo golden set, vague ones included) are
wrongly turned away.

Data: bench/unsold_queries.txt (40 product types the demo shop has no category for; odd lines
were used to set the thresholds in retrieval/coverage.py, even lines are held out) and
bench/search_golden.jsonl (74 queries the shop serves). Baseline in the same run: a floor on
meaning alone (no product within cosine `--baseline-floor` of the query).

    python bench/relevance_floor.py [--home DIR]   # DIR: a home with the demo shop ingested
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import DEMO_SHOP_DIR, Settings  # noqa: E402
from retrieval.coverage import coverage  # noqa: E402
from retrieval.ingest import ingest_shop  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

UNSOLD = ROOT / "bench" / "unsold_queries.txt"
GOLDEN = ROOT / "bench" / "search_golden.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="a home with the demo shop already ingested")
    parser.add_argument("--baseline-floor", type=float, default=0.35)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp()) / "home"
    settings = Settings(home=home)
    if args.home is None:
        ingest_shop(DEMO_SHOP_DIR, settings, show_progress=True)
    searcher = Searcher(settings)
    unsold = [q.strip() for q in UNSOLD.read_text().splitlines() if q.strip()]
    unsold = [q for q in unsold if not q.startswith("#")]
    golden = [json.loads(line) for line in GOLDEN.read_text().splitlines() if line.strip()]
    sets = {
        "unsold, calibration (odd lines)": unsold[0::2],
        "unsold, held out (even lines)": unsold[1::2],
        **{
            f"golden {kind}": [g["query"] for g in golden if g.get("kind") == kind]
            for kind in ("plain", "filter", "vague")
        },
    }
    everything = np.ones(len(searcher.catalog.ids), dtype=bool)
    print("| queries | n | turned away: coverage | turned away: meaning-only floor |")
    print("|---|---|---|---|")
    examples = []
    for name, queries in sets.items():
        ours = base = 0
        for query in tqdm(queries, desc=name, unit="query", leave=False):
            parsed = searcher.parse(query)
            found = coverage(searcher, parsed)
            ours += not found.carried
            vector = searcher.embedder.embed_query(parsed.text or query)
            base += float(searcher.matrix.scores(vector, everything).max()) < args.baseline_floor
            if not found.carried and len(examples) < 6:
                examples.append((query, found.nearest))
        n = len(queries)
        print(f"| {name} | {n} | {ours} ({ours / n:.0%}) | {base} ({base / n:.0%}) |")
    print("\nexamples:")
    for query, nearest in examples:
        print(f"- {query!r}: we don't carry it; nearest: {', '.join(nearest)}")


if __name__ == "__main__":
    main()
