"""Recommender quality: leave-one-out HR@10 and NDCG@10 of popularity, CF, content and the hybrid.

    python bench/recommend_eval.py [--shop data/demo]
        [--fashion ../shared/data/amazon-fashion-5core/AMAZON_FASHION_5.json]
        [--out bench/results/recommend.md]

Protocol. A customer's purchases are ordered by order date (then position in the order); for
every customer with at least two distinct purchased products the last new one is hidden and
must be ranked among every product the customer has not interacted with. Training keeps all
other interactions: other customers' data, this customer's earlier purchases and the other
items of the same order, and this customer's reviews written before the hidden purchase.
The hybrid's weights are chosen on a validation split made the same way from the training
data (hide the last remaining purchase), never on the test split. Ties rank by product order.

The shop's content vectors are its product texts embedded with the shipped MiniLM model.
Amazon Fashion 5-core (reviews as interactions, no product text) runs CF and popularity only,
and is skipped with a message when the file is absent. The tables go to stdout and --out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import DEMO_SHOP_DIR  # noqa: E402
from retrieval.embedder import Embedder  # noqa: E402
from retrieval.recommender import (  # noqa: E402
    CF_ONLY,
    CONTENT_ONLY,
    POPULARITY_ONLY,
    HybridWeights,
    ProductInfo,
    Recommender,
)
from retrieval.schema import ProductRow  # noqa: E402
from retrieval.texts import product_text  # noqa: E402

FASHION = ROOT.parent / "shared" / "data" / "amazon-fashion-5core" / "AMAZON_FASHION_5.json"
K = 10
CHUNK = 256
GRID_STEP = 0.1
METHODS = ("popularity", "item-item CF", "content-only", "hybrid", "hybrid, shipped weights")


class Event(NamedTuple):
    """One interaction; `seq` orders events that share a timestamp."""

    customer: str
    product: str
    at: float
    seq: int
    purchase: bool


@dataclass
class Dataset:
    """Interactions plus the catalog (and its content vectors, if any)."""

    name: str
    events: list[Event]
    products: list[ProductInfo]
    embeddings: np.ndarray | None = None
    note: str = ""


@dataclass
class Report:
    """Test metrics per method, and how the hybrid was tuned."""

    name: str
    products: int
    customers: int
    validation_customers: int
    weights: HybridWeights
    metrics: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    build_s: float = 0.0
    note: str = ""


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _timestamp(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def load_shop(directory: Path, embedder: Embedder | None = None) -> Dataset:
    """A shop directory's orders (not cancelled) and customer reviews, with embedded products."""
    rows = [ProductRow.model_validate(raw) for raw in _jsonl(directory / "products.jsonl")]
    products = [ProductInfo(r.product_id, r.title, r.category) for r in rows]
    events: list[Event] = []
    for order in _jsonl(directory / "orders.jsonl"):
        if order["status"] != "cancelled":
            at = _timestamp(order["placed_at"])
            for item in order["items"]:
                event = Event(order["customer_id"], item["product_id"], at, len(events), True)
                events.append(event)
    if (directory / "reviews.jsonl").exists():
        for review in _jsonl(directory / "reviews.jsonl"):
            if review.get("customer_id"):
                at = _timestamp(review["created_at"])
                events.append(
                    Event(review["customer_id"], review["product_id"], at, len(events), False)
                )
    embeddings = (embedder or Embedder()).embed([product_text(r) for r in rows])
    return Dataset(f"shop {directory}", events, products, embeddings)


def load_fashion(path: Path) -> Dataset:
    """Amazon Fashion 5-core reviews as interactions (deduplicated across style variants)."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    events: list[Event] = []
    seen: set[tuple[str, int, str]] = set()
    position = records = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            break
        review, position = decoder.raw_decode(text, position)
        records += 1
        key = (review["reviewerID"], review["unixReviewTime"], review.get("reviewText", ""))
        if key not in seen:
            seen.add(key)
            at = float(review["unixReviewTime"])
            events.append(Event(review["reviewerID"], review["asin"], at, len(events), True))
    products = [ProductInfo(pid) for pid in sorted({e.product for e in events})]
    note = (
        f"{records} records, {len(events)} after dropping copies of one review across "
        "style variants (same reviewerID, unixReviewTime, reviewText)."
    )
    return Dataset("Amazon Fashion 5-core", events, products, note=note)


def hold_out_last(events: list[Event]) -> tuple[list[Event], dict[str, str]]:
    """Hide each customer's last new purchase; return the training events and the targets."""
    first_bought: dict[str, dict[str, Event]] = {}
    for event in sorted(events, key=lambda e: (e.at, e.seq)):
        if event.purchase:
            first_bought.setdefault(event.customer, {}).setdefault(event.product, event)
    hidden = {c: [*bought.values()][-1] for c, bought in first_bought.items() if len(bought) > 1}
    train = [
        e
        for e in events
        if e.customer not in hidden
        or (
            e.product != hidden[e.customer].product and (e.purchase or e.at < hidden[e.customer].at)
        )
    ]
    return train, {c: e.product for c, e in hidden.items()}


def interactions(events: list[Event]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Purchases and reviews per customer, in time order."""
    purchases: dict[str, list[str]] = {}
    reviews: dict[str, list[str]] = {}
    for event in sorted(events, key=lambda e: (e.at, e.seq)):
        target = purchases if event.purchase else reviews
        target.setdefault(event.customer, []).append(event.product)
    return purchases, reviews


def build(data: Dataset, events: list[Event], weights: HybridWeights | None = None) -> Recommender:
    """A recommender trained on some of the dataset's events."""
    purchases, reviews = interactions(events)
    return Recommender.from_interactions(
        purchases,
        reviews=reviews,
        products=data.products,
        embeddings=data.embeddings,
        weights=weights,
    )


def score(
    rec: Recommender, targets: dict[str, str], methods: dict[str, HybridWeights]
) -> dict[str, tuple[float, float]]:
    """Mean HR@K and NDCG@K of each weighting over the held-out targets."""
    customers = sorted(targets)
    totals = {name: np.zeros(2) for name in methods}
    order = np.arange(len(rec.ids))
    for start in range(0, len(customers), CHUNK):
        chunk = customers[start : start + CHUNK]
        parts = rec.customer_components(chunk)
        wanted = np.array([rec.index[targets[c]] for c in chunk])
        rows = np.arange(len(chunk))
        for name, weights in methods.items():
            scores = parts.blend(weights)
            mine = scores[rows, wanted][:, None]
            ahead = (scores > mine) | ((scores == mine) & (order < wanted[:, None]))
            rank = ahead.sum(axis=1)
            hit = rank < K
            totals[name] += [hit.sum(), np.where(hit, 1.0 / np.log2(rank + 2), 0.0).sum()]
    n = max(len(customers), 1)
    return {name: (float(t[0] / n), float(t[1] / n)) for name, t in totals.items()}


def weight_grid(content: bool) -> dict[str, HybridWeights]:
    """Every blend on a simplex grid (content fixed at 0 when there are no vectors)."""
    steps = round(1 / GRID_STEP)
    grid = {}
    for cf in range(steps + 1):
        for ct in range(steps + 1 - cf if content else 1):
            w = HybridWeights(cf * GRID_STEP, ct * GRID_STEP, (steps - cf - ct) * GRID_STEP)
            grid[f"{w.cf:.1f}/{w.content:.1f}/{w.popular:.1f}"] = w
    return grid


def evaluate(data: Dataset) -> Report:
    """Tune the hybrid on validation, then score every method on the held-out test purchases."""
    train, test = hold_out_last(data.events)
    fit, validation = hold_out_last(train)
    grid = weight_grid(content=data.embeddings is not None)
    # the shipped defaults when there is nothing to tune on
    weights = HybridWeights() if data.embeddings is not None else HybridWeights(content=0.0)
    if validation:
        tuned = score(build(data, fit), validation, grid)
        weights = grid[max(tuned, key=lambda name: tuned[name][1])]
    started = time.perf_counter()
    rec = build(data, train, weights)
    build_s = time.perf_counter() - started
    methods = {
        "popularity": POPULARITY_ONLY,
        "item-item CF": CF_ONLY,
        "content-only": CONTENT_ONLY,
        "hybrid": weights,
        "hybrid, shipped weights": HybridWeights(),
    }
    if data.embeddings is None:
        del methods["content-only"]
    metrics = score(rec, test, methods)
    report = Report(
        data.name,
        len(data.products),
        len(test),
        len(validation),
        weights,
        build_s=build_s,
        note=data.note,
    )
    report.metrics = {name: metrics.get(name) for name in METHODS}
    return report


def render(report: Report) -> str:
    """One report as a markdown table with a line of context."""
    w = report.weights
    tuning = (
        f"tuned on {report.validation_customers} validation customers"
        if report.validation_customers
        else "defaults (no validation customers)"
    )
    lines = [
        f"{report.name}: {report.products} products, {report.customers} test customers "
        f"(leave-last-out). Hybrid weights cf={w.cf:.1f} content={w.content:.1f} "
        f"popular={w.popular:.1f}, {tuning}; built in {report.build_s:.2f}s. {report.note}",
        "",
        f"| method | HR@{K} | NDCG@{K} |",
        "|---|---|---|",
    ]
    for name, pair in report.metrics.items():
        cells = "n/a | n/a" if pair is None else f"{pair[0]:.3f} | {pair[1]:.3f}"
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shop", type=Path, default=DEMO_SHOP_DIR)
    parser.add_argument("--fashion", type=Path, default=FASHION)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "recommend.md")
    args = parser.parse_args()
    sections = []
    if (args.shop / "products.jsonl").exists():
        sections.append("## Shop\n\n" + render(evaluate(load_shop(args.shop))))
    else:
        sections.append(f"## Shop\n\nskipped: no products.jsonl in {args.shop} (pass --shop DIR).")
    if args.fashion.exists():
        fashion = evaluate(load_fashion(args.fashion))
        sections.append("## Amazon Fashion 5-core\n\n" + render(fashion))
    else:
        sections.append(f"## Amazon Fashion 5-core\n\nskipped: {args.fashion} not found.")
    text = "\n\n".join(sections)
    print(text)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    command = "python " + " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"# Recommender quality ({stamp})\n\n`{command}`\n\n{text}\n")


if __name__ == "__main__":
    main()
