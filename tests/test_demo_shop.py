"""The demo shop generator: deterministic, scalable, internally consistent; and the committed
data/demo files it produced."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "data" / "generate_shop.py"
DEMO = ROOT / "data" / "demo"
FILES = ("products", "reviews", "customers", "orders")
STATUSES = {"pending", "processing", "shipped", "delivered", "cancelled", "returned"}
REFERENCE = "2026-11-01T00:00:00Z"
INJECTION = re.compile(
    r"ignore (?:all )?(?:previous|prior) instructions|system prompt|disregard your rules|"
    r"new instructions for the shopping assistant",
    re.I,
)


def load_generator():
    """The generator module, imported from its path (data/ is not a package)."""
    name = "demo_generate_shop"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it executes
        spec.loader.exec_module(module)
    return sys.modules[name]


def generate(out: Path, products: int | None = None, seed: int | None = None) -> Path:
    """Run the generator's command line into `out`."""
    cmd = [sys.executable, str(GENERATOR), "--out", str(out)]
    if products is not None:
        cmd += ["--products", str(products)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)
    return out


def read(directory: Path) -> dict[str, list[dict]]:
    """The four files of a shop as lists of rows."""
    return {
        kind: [json.loads(line) for line in (directory / f"{kind}.jsonl").open(encoding="utf-8")]
        for kind in FILES
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("small") / "shop", products=40)


@pytest.fixture(scope="module")
def demo() -> dict[str, list[dict]]:
    if not (DEMO / "products.jsonl").exists():
        pytest.fail("data/demo is missing: run python data/generate_shop.py")
    return read(DEMO)


def check_shop(shop: dict[str, list[dict]]) -> None:
    """Every invariant of the data contract the generator promises."""
    products = {p["product_id"]: p for p in shop["products"]}
    customers = {c["customer_id"]: c for c in shop["customers"]}
    assert len(products) == len(shop["products"]), "duplicate product ids"
    assert len(customers) == len(shop["customers"]), "duplicate customer ids"
    assert len({r["review_id"] for r in shop["reviews"]}) == len(shop["reviews"])
    assert len({o["order_id"] for o in shop["orders"]}) == len(shop["orders"])
    assert len({c["email"] for c in customers.values()}) == len(customers), "duplicate emails"
    assert all(re.fullmatch(r"\d{5}", c["zip"]) for c in customers.values())

    stars: dict[str, list[int]] = {}
    for review in shop["reviews"]:
        assert review["product_id"] in products
        assert review.get("customer_id") is None or review["customer_id"] in customers
        assert review["rating"] in (1, 2, 3, 4, 5)
        assert review["text"].strip() and review["title"].strip()
        assert review["created_at"].endswith("Z") and review["created_at"] < REFERENCE
        stars.setdefault(review["product_id"], []).append(review["rating"])

    item_ids = set()
    for pid, product in products.items():
        assert product["price"] >= 0 and product["currency"] == "USD"
        assert 3 <= len(product["features"]) <= 6
        assert product["rating_count"] == len(stars.get(pid, []))
        if stars.get(pid):
            mean = sum(stars[pid]) / len(stars[pid])
            assert abs(product["rating"] - mean) <= 0.05 + 1e-9, pid
        assert "http" not in product.get("image_url", "")
        for variant in product.get("variants", []):
            assert variant["item_id"].startswith(pid + "-")
            assert variant["item_id"] not in item_ids
            item_ids.add(variant["item_id"])
            assert not variant["available"] or product["in_stock"]

    for order in shop["orders"]:
        assert order["customer_id"] in customers
        assert order["status"] in STATUSES
        for item in order["items"]:
            assert item["product_id"] in products
            assert item["quantity"] >= 1
            if "item_id" in item:
                assert item["item_id"].startswith(item["product_id"] + "-")
        total = round(sum(i["quantity"] * i["unit_price"] for i in order["items"]), 2)
        assert abs(order["total"] - total) < 0.005, order["order_id"]
        times = [event["at"] for event in order["events"]]
        assert times == sorted(times) and times[0] == order["placed_at"] and times[-1] < REFERENCE
        assert order["events"][-1]["status"] == order["status"]
        shipping = order["shipping"]
        assert shipping["carrier"] in ("UPS", "USPS", "FedEx", "DHL")
        has_tracking = "tracking_id" in shipping
        assert has_tracking == (order["status"] not in ("pending", "cancelled"))
        if shipping.get("carrier") == "UPS" and has_tracking:
            assert shipping["tracking_id"].startswith("1Z")
        assert shipping["address"]["zip"] == customers[order["customer_id"]]["zip"]


def test_generator_is_deterministic(small: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", products=40)
    for kind in FILES:
        assert (small / f"{kind}.jsonl").read_bytes() == (again / f"{kind}.jsonl").read_bytes()


def test_seed_changes_the_shop(small: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "other", products=40, seed=7)
    assert (small / "reviews.jsonl").read_bytes() != (other / "reviews.jsonl").read_bytes()


def test_counts_scale_with_products(small: Path, tmp_path: Path) -> None:
    counts = {kind: len(rows) for kind, rows in read(small).items()}
    double = {kind: len(rows) for kind, rows in read(generate(tmp_path / "x2", 80)).items()}
    assert counts["products"] == 40 and double["products"] == 80
    assert counts["reviews"] >= 10 * 40 and double["reviews"] >= 10 * 80
    for kind in ("reviews", "customers", "orders"):
        assert 1.8 <= double[kind] / counts[kind] <= 2.2, kind


def test_small_shop_is_consistent(small: Path) -> None:
    check_shop(read(small))


def test_rows_are_compact_json(small: Path) -> None:
    for kind in FILES:
        for line in (small / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert line == json.dumps(row, separators=(",", ":"), ensure_ascii=False)


def test_committed_demo_meets_minimums(demo: dict[str, list[dict]]) -> None:
    assert len(demo["products"]) >= 600
    assert len({p["category"].split(" > ")[0] for p in demo["products"]}) >= 15
    assert len(demo["reviews"]) >= 6000
    assert len(demo["customers"]) >= 300
    assert len(demo["orders"]) >= 1500
    statuses = Counter(o["status"] for o in demo["orders"])
    assert set(statuses) == STATUSES
    assert statuses.most_common(1)[0][0] == "delivered"
    assert any(p.get("variants") for p in demo["products"])
    assert sum(f.stat().st_size for f in DEMO.glob("*.jsonl")) < 8 * 2**20


def test_committed_demo_is_consistent(demo: dict[str, list[dict]]) -> None:
    check_shop(demo)
    verified = sum(1 for r in demo["reviews"] if r["verified_purchase"])
    assert verified / len(demo["reviews"]) > 0.5
    assert any("customer_id" not in r for r in demo["reviews"])


def test_committed_demo_is_what_the_generator_writes(tmp_path: Path) -> None:
    fresh = generate(tmp_path / "demo")
    for kind in FILES:
        committed = (DEMO / f"{kind}.jsonl").read_bytes()
        assert committed == (fresh / f"{kind}.jsonl").read_bytes(), (
            f"data/demo/{kind}.jsonl is stale: run python data/generate_shop.py"
        )


def test_injection_rows_are_where_the_docstring_says(demo: dict[str, list[dict]]) -> None:
    module = load_generator()
    reviews = {r["review_id"]: r for r in demo["reviews"]}
    products = {p["product_id"]: p for p in demo["products"]}
    assert 3 <= len(module.DEMO_INJECTION_REVIEWS) <= 6
    for review_id in module.DEMO_INJECTION_REVIEWS:
        assert review_id in module.__doc__
        assert INJECTION.search(reviews[review_id]["text"]), review_id
    for product_id in module.DEMO_INJECTION_PRODUCTS:
        assert product_id in module.__doc__
        assert INJECTION.search(products[product_id]["description"]), product_id
    planted = {r["review_id"] for r in demo["reviews"] if INJECTION.search(r["text"])}
    assert planted == set(module.DEMO_INJECTION_REVIEWS)
