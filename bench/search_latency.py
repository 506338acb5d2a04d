"""Search latency: `Searcher.search` vs LangChain `Chroma.similarity_search`, same vectors.

    python bench/search_latency.py [--products 50000] [--reviews 500000] [--rounds 5]
                                   [--smoke] [--profile] [--home DIR]

Our search is timed end to end (query parsing, query embedding, BM25, exact product vectors,
review vectors in memory, fusion, SQL hydration), without and with filters (a price cap and
a category). The baseline is what a newcomer would write: a `langchain_chroma.Chroma` store
holding the same product vectors, queried with `similarity_search` (query embedded by
sentence-transformers at default settings) and a Chroma `where` filter for the same price cap
and category. Both run in this process over the same queries; the first round is a warm-up.
The ingested shop is cached under /tmp (see bench/common.py); the first run at a new size
is slow (embedding); --home DIR times an already ingested state directory instead (e.g. the
Home Depot catalog of `bench/search_quality.py --dataset home-depot`, its `state/` folder).
Targets: p95 <= 60 ms unfiltered, <= 40 ms filtered, >= 3x faster than the baseline filtered.
Figures only; nothing gates on time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    CACHE,
    READY,
    SMOKE_SIZE,
    Stats,
    banner,
    default_st_embeddings,
    fmt,
    ingested_home,
    leaf_category,
    print_table,
    profile_top,
    quiet_logs,
    ratio,
    summarize,
    verdict,
)

QUERIES = (
    "usb cable",
    "wireless headphones",
    "noise cancelling headphones for travel",
    "running shoes",
    "trail running shoes with good grip",
    "quiet dishwasher",
    "coffee maker with timer",
    "espresso machine",
    "nonstick frying pan",
    "cast iron skillet",
    "backpacking tent",
    "waterproof tent for family camping",
    "ergonomic office chair",
    "desk chair with lumbar support",
    "gaming laptop",
    "lightweight laptop for students",
    "bluetooth earbuds for the gym",
    "hair dryer that is not too loud",
    "building blocks for kids",
    "stem toy for a 7 year old",
    "phone charger",
    "fast charging cable",
    "portable speaker",
    "smart watch",
    "yoga mat",
    "water bottle that keeps drinks cold",
    "kitchen knife set",
    "electric kettle",
    "blender for smoothies",
    "air fryer",
    "vacuum cleaner for pet hair",
    "winter jacket",
    "rain jacket",
    "hiking boots",
    "backpack for school",
    "baby stroller",
    "dog bed",
    "gift for dad who likes cooking",
    "something to keep my feet warm",
    "durable toy that survives a toddler",
)


def filters_for(home: Path) -> tuple[str, float]:
    """The category (most common leaf) and price cap (its median price) of the filtered runs."""
    category = leaf_category(home)
    with sqlite3.connect(home / "shop.db") as db:
        prices = [
            r[0] for r in db.execute("SELECT price FROM products WHERE category = ?", (category,))
        ]
    return category, float(statistics.median(prices))


def langchain_store(home: Path, key: str) -> Any:
    """A langchain_chroma store holding our product vectors (built once, cached beside home)."""
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    from assistant.config import Settings
    from retrieval.catalog import Catalog
    from retrieval.db import make_engine
    from retrieval.vector_matrix import cached_matrix
    from retrieval.vectors import PRODUCTS, VectorStore, chroma_client

    persist = CACHE / f"langchain-{key}"
    client_settings = ChromaSettings(anonymized_telemetry=False, is_persistent=True)
    embeddings = default_st_embeddings()
    if not (persist / READY).exists():
        shutil.rmtree(persist, ignore_errors=True)
        settings = Settings(home=home)
        catalog = Catalog.load(make_engine(settings.sqlalchemy_url))
        matrix = cached_matrix(home, VectorStore(chroma_client(settings)), PRODUCTS, catalog.ids)
        with sqlite3.connect(home / "shop.db") as db:
            titles = dict(db.execute("SELECT product_id, title FROM products"))
        store = Chroma(
            collection_name="products",
            embedding_function=embeddings,
            persist_directory=str(persist),
            client_settings=client_settings,
        )
        page = 5000
        for start in range(0, len(catalog.ids), page):
            ids = catalog.ids[start : start + page]
            store._collection.upsert(
                ids=ids,
                embeddings=[list(map(float, v)) for v in matrix.matrix[start : start + page]],
                documents=[titles[i] for i in ids],
                metadatas=[
                    {
                        "product_id": i,
                        "price": float(catalog.price[start + n]),
                        "category": str(catalog.category[start + n]),
                    }
                    for n, i in enumerate(ids)
                ],
            )
        (persist / READY).write_text(json.dumps({"products": len(catalog.ids)}))
    return Chroma(
        collection_name="products",
        embedding_function=embeddings,
        persist_directory=str(persist),
        client_settings=client_settings,
    )


def measure(fn: Callable[[str], Any], rounds: int) -> tuple[Stats, float]:
    """Latency (ms) of fn over every query, `rounds` times after a warm-up round, and the
    process CPU ms per call (all threads: robust when other work shares the machine)."""
    for query in QUERIES:
        fn(query)
    samples = []
    cpu_started = time.process_time()
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            fn(query)
            samples.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / max(len(samples), 1)
    return summarize(samples), cpu_ms


def main() -> None:
    """Time both searches, with and without filters, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny shop, one round")
    parser.add_argument("--no-baseline", action="store_true", help="skip LangChain")
    parser.add_argument("--profile", action="store_true", help="pyinstrument filtered searches")
    parser.add_argument("--home", type=Path, default=None, help="an already ingested state dir")
    args = parser.parse_args()
    if args.smoke:
        (args.products, args.reviews), args.rounds = SMOKE_SIZE, 1
    quiet_logs()
    banner("search latency", args.smoke)

    from assistant.config import Settings
    from retrieval.query_parser import SearchFilters
    from retrieval.search import Searcher

    home = args.home.resolve() if args.home else ingested_home(args.products, args.reviews)
    category, cap = filters_for(home)
    searcher = Searcher(Settings(home=home))
    print(
        f"home: {home}  products: {len(searcher.catalog.ids)}  "
        f"review vectors: {searcher.vectors.count('reviews')}"
    )
    filters = SearchFilters(max_price=cap, category=category)
    share = float(searcher.catalog.mask(filters).mean())
    print(f"filters: price <= {cap:.2f} and category = {category!r} ({share:.1%} of products)")

    def ours_plain(query: str) -> Any:
        return searcher.search(query, k=10)

    def ours_filtered(query: str) -> Any:
        return searcher.search(query, k=10, filters=filters)

    results: dict[str, tuple[Stats, float]] = {
        "ours": measure(ours_plain, args.rounds),
        "ours_f": measure(ours_filtered, args.rounds),
    }
    if not args.no_baseline:
        store = langchain_store(home, home.name)
        where = {"$and": [{"price": {"$lte": cap}}, {"category": {"$eq": category}}]}
        results["lc"] = measure(lambda q: store.similarity_search(q, k=10), args.rounds)
        results["lc_f"] = measure(
            lambda q: store.similarity_search(q, k=10, filter=where), args.rounds
        )
    missing = (summarize([]), float("nan"))
    lc, lc_cpu = results.get("lc", missing)
    lc_f, lc_f_cpu = results.get("lc_f", missing)
    ours, ours_cpu = results["ours"]
    ours_f, ours_f_cpu = results["ours_f"]
    speed = lc_f.p95 / ours_f.p95
    rows = [
        [
            "LangChain similarity_search (baseline)",
            "none",
            lc.n,
            fmt(lc.median),
            fmt(lc.p95),
            fmt(lc_cpu),
            "1.00x",
            "",
        ],
        [
            "LangChain similarity_search + where (baseline)",
            "price+category",
            lc_f.n,
            fmt(lc_f.median),
            fmt(lc_f.p95),
            fmt(lc_f_cpu),
            "1.00x",
            "",
        ],
        [
            "ours: Searcher.search hybrid",
            "none",
            ours.n,
            fmt(ours.median),
            fmt(ours.p95),
            fmt(ours_cpu),
            ratio(ours.p95, lc.p95),
            f"p95 <= 60 ms: {verdict(ours.p95, 60)}",
        ],
        [
            "ours: Searcher.search hybrid",
            "price+category",
            ours_f.n,
            fmt(ours_f.median),
            fmt(ours_f.p95),
            fmt(ours_f_cpu),
            ratio(ours_f.p95, lc_f.p95),
            f"p95 <= 40 ms: {verdict(ours_f.p95, 40)}; "
            f">= 3x faster ({speed:.2f}x): {verdict(speed, 3, True)}",
        ],
    ]
    print_table(
        f"search latency, ms ({len(searcher.catalog.ids)} products, {len(QUERIES)} queries x "
        f"{args.rounds} rounds, k=10, query embedding included)",
        [
            "search",
            "filters",
            "n",
            "p50 ms",
            "p95 ms",
            "CPU ms/query",
            "p95 ratio to baseline",
            "target",
        ],
        rows,
    )
    print(
        f"\nRESULT search p95_ms={ours.p95:.1f} filtered_p95_ms={ours_f.p95:.1f} "
        f"baseline_p95_ms={lc.p95:.1f} baseline_filtered_p95_ms={lc_f.p95:.1f} "
        f"filtered_speedup={speed:.2f}"
    )
    if args.profile:
        profile_top(lambda: [ours_filtered(q) for q in QUERIES * 3], "filtered Searcher.search")
        profile_top(lambda: [ours_plain(q) for q in QUERIES * 3], "unfiltered Searcher.search")


if __name__ == "__main__":
    main()
