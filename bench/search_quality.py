"""Search quality: the demo golden set (smoke test) or a judged real catalog (Home Depot).

    python bench/search_quality.py [--golden bench/search_golden.jsonl] [--shop data/demo]
                                   [--home DIR] [--out bench/results/search_quality.md]
    python bench/search_quality.py --tool [--home DIR]
    python bench/search_quality.py --dataset home-depot [--home DIR] [--queries 1000]
                                   [--source ../shared/data/home-depot-search/train.csv.zip]

Golden set: ingests the shop into a temporary state directory (or uses --home if it is already
loaded), runs every golden query in each mode and prints NDCG@10 and Recall@50. --smoke runs
five queries. --tool scores what the chat shows instead: the search_products tool (10 products,
strays and type words dropped, a first search that names no category searched again within the
best hit's category when that category lists a feature word of the query, first-search
narrowing to the products stating the query's numbers and phrases), against the same tool
without those steps in the same process.

Home Depot: imports and ingests the catalog (54,667 products, titles only) into --home once
(minutes: every title is embedded; later runs reuse it), then prints graded NDCG@10 of plain BM25
over titles, a naive LangChain + Chroma pipeline and ours on the first --queries of the held-out
split (30 % of the distinct search terms by a stable hash; nothing is tuned on them). Gain =
relevance − 1; products nobody judged for a query gain 0.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import DEMO_SHOP_DIR, Settings  # noqa: E402
from retrieval.ingest import ingest_shop  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

MODES = ("lexical", "vector", "hybrid")


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of a ranking against graded judgments."""
    gains = [(2 ** relevant.get(pid, 0) - 1) / math.log2(i + 2) for i, pid in enumerate(ranked[:k])]
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return sum(gains) / best if best else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = 50) -> float:
    """Share of the relevant products found in the top k."""
    found = sum(1 for pid in ranked[:k] if relevant.get(pid, 0) > 0)
    total = sum(1 for grade in relevant.values() if grade > 0)
    return found / total if total else 0.0


def evaluate(searcher: Searcher, golden: list[dict]) -> dict[str, dict[str, float]]:
    """Mean NDCG@10 / Recall@50 per mode, overall and by query kind."""
    table: dict[str, dict[str, float]] = {}
    for mode in MODES:
        scores: dict[str, list[tuple[float, float]]] = {}
        for item in golden:
            ranked = [h.product_id for h in searcher.search(item["query"], k=50, mode=mode).hits]
            pair = (ndcg_at(ranked, item["relevant"]), recall_at(ranked, item["relevant"]))
            for key in ("all", item.get("kind", "plain")):
                scores.setdefault(key, []).append(pair)
        for key, pairs in scores.items():
            table.setdefault(key, {})[f"{mode}_ndcg"] = statistics.fmean(p[0] for p in pairs)
            table[key][f"{mode}_recall"] = statistics.fmean(p[1] for p in pairs)
            table[key]["n"] = len(pairs)
    return table


def render(table: dict[str, dict[str, float]]) -> str:
    """The results as a markdown table."""
    head = "| queries | n | " + " | ".join(f"{m} NDCG@10 | {m} R@50" for m in MODES) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(MODES))]
    for key in sorted(table, key=lambda k: (k != "all", k)):
        row = table[key]
        cells = " | ".join(f"{row[f'{m}_ndcg']:.3f} | {row[f'{m}_recall']:.3f}" for m in MODES)
        lines.append(f"| {key} | {int(row['n'])} | {cells} |")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "bench" / "search_golden.jsonl")
    parser.add_argument("--shop", type=Path, default=DEMO_SHOP_DIR)
    parser.add_argument("--home", type=Path, default=None, help="an already ingested home")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument("--smoke", action="store_true", help="five queries, for CI")
    parser.add_argument("--tool", action="store_true", help="score the chat's search tool")
    parser.add_argument("--dataset", choices=("golden", "home-depot"), default="golden")
    parser.add_argument("--source", type=Path, default=None, help="home-depot: train.csv.zip")
    parser.add_argument("--queries", type=int, default=1000, help="home-depot: held-out queries")
    args = parser.parse_args()
    if args.dataset == "home-depot":
        home_depot(args)
        return
    golden = [json.loads(line) for line in args.golden.read_text().splitlines() if line.strip()]
    if args.smoke:
        golden = golden[:5]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=args.home or Path(tmp) / "home")
        if args.home is None:
            started = time.perf_counter()
            ingest_shop(args.shop, settings)
            print(f"ingested {args.shop} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        text = (
            tool_table(settings, golden)
            if args.tool
            else render(evaluate(Searcher(settings), golden))
        )
    print(text)
    if args.out:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        command = "python bench/search_quality.py --out " + str(args.out)
        args.out.write_text(f"# Search quality ({stamp})\n\n`{command}`\n\n{text}\n")


def tool_table(settings: Settings, golden: list[dict]) -> str:
    """NDCG@10 and products shown by the search_products tool, and by the same tool with its
    first-search steps left out: the search again within the best hit's category when that
    category lists a feature word of the query (`_featured_category`), and the narrowing to
    the products that state the query's numbers and phrases (`_stated`)."""
    import tools.catalog as catalog_tool
    from assistant.runtime import open_shop
    from tools.context import SessionState, ToolContext

    shop = open_shop(settings)
    steps = {name: getattr(catalog_tool, name) for name in ("_featured_category", "_stated")}
    none = {"_featured_category": lambda *_: None, "_stated": lambda *_: []}
    variants = [
        ("tool without either step", none),
        (
            "tool without the best hit's category",
            {"_featured_category": none["_featured_category"]},
        ),
        ("tool without narrowing to stated words", {"_stated": none["_stated"]}),
        ("tool", {}),
    ]
    rows = []
    for name, left_out in variants:
        for step, real in steps.items():  # the baseline: the same tool, those steps left out
            setattr(catalog_tool, step, left_out.get(step, real))
        scores, shown = [], []
        for item in golden:
            context = ToolContext(shop=shop, session=SessionState(id="bench"))
            args = catalog_tool.SearchProductsArgs(query=item["query"], k=10)
            ranked = [p.product_id for p in catalog_tool.search_products(context, args).products]
            scores.append(ndcg_at(ranked, item["relevant"]))
            shown.append(len(ranked))
        rows.append((name, statistics.fmean(scores), statistics.fmean(shown)))
    for step, real in steps.items():
        setattr(catalog_tool, step, real)
    base = rows[0][1]
    lines = ["| system | NDCG@10 | × without either | products shown |", "|---|---|---|---|"]
    lines += [f"| {n} | {s:.3f} | {s / base:.3f} | {k:.2f} |" for n, s, k in rows]
    return "\n".join(lines)


def home_depot(args: argparse.Namespace) -> None:
    """The Home Depot held-out comparison (see the module docstring)."""
    from bench.home_depot_quality import evaluate as evaluate_judged
    from bench.home_depot_quality import render as render_judged
    from bench.home_depot_quality import systems
    from bench.judged import HOME_DEPOT, home_depot_home, judged_queries, split

    source = args.source or HOME_DEPOT
    workdir = args.home or Path(tempfile.mkdtemp(prefix="home-depot-"))
    settings = home_depot_home(workdir, source)
    queries = split(judged_queries(source), held_out=True, limit=args.queries)
    table = evaluate_judged(systems(source, workdir, settings), queries)
    text = render_judged(table, len(queries))
    command = f"python bench/search_quality.py --dataset home-depot --queries {args.queries}"
    print(f"`{command}` (held-out split, {len(queries)} queries)\n\n{text}")
    if args.out:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        args.out.write_text(f"# Home Depot search quality ({stamp})\n\n`{command}`\n\n{text}\n")


if __name__ == "__main__":
    main()
