"""Recommender: co-purchase first, content for unbought products, exclusions, cold start, bench."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from assistant.config import REPO_ROOT, Settings
from retrieval.db import make_engine
from retrieval.ingest import ingest_shop
from retrieval.recommender import ProductInfo, Recommender
from retrieval.vectors import VectorStore, chroma_client
from tests.conftest import write_shop
from tests.shops import product, tiny_shop

PRODUCTS = [
    ProductInfo("shoe", "Trail Running Shoes", "Sports > Running > Running Shoes"),
    ProductInfo("sock", "Merino Running Socks", "Sports > Running > Socks"),
    ProductInfo("shoe2", "Road Running Shoes", "Sports > Running > Running Shoes"),
    ProductInfo("wash", "Quiet Dishwasher", "Appliances > Dishwashers"),
    ProductInfo("rack", "Dish Drying Rack", "Home > Kitchen > Racks"),
    ProductInfo("kettle", "Glass Kettle", "Home > Kitchen > Kettles"),
]
VECTORS = np.array(
    [
        [1.0, 0.0, 0.0],  # shoe
        [0.3, 1.0, 0.0],  # sock
        [0.95, 0.1, 0.0],  # shoe2: looks like shoe, but nobody buys them together
        [0.0, 0.0, 1.0],  # wash
        [0.0, 0.4, 0.9],  # rack
        [0.1, 0.9, 0.3],  # kettle
    ]
)
PURCHASES = {
    "ana": ["shoe", "sock"],
    "ben": ["shoe", "sock", "wash"],
    "cy": ["wash", "rack"],
    "dee": ["wash", "rack", "sock"],
    "eve": ["wash"],
    "new": [],
}


@pytest.fixture
def rec() -> Recommender:
    return Recommender.from_interactions(PURCHASES, products=PRODUCTS, embeddings=VECTORS)


def test_co_purchased_products_come_first_with_a_bought_together_reason(rec) -> None:
    recs = rec.for_product("shoe", k=4)
    assert recs[0].product_id == "sock"
    assert recs[0].source == "co_purchase"
    assert recs[0].reason == "often bought together with Trail Running Shoes"
    assert "shoe" not in [r.product_id for r in recs]
    similar = next(r for r in recs if r.product_id == "shoe2")
    assert similar.source == "content" and similar.reason == "similar to Trail Running Shoes"


def test_alternatives_put_the_look_alike_before_what_is_bought_together(rec) -> None:
    recs = rec.similar_to("shoe", k=2)
    assert [r.product_id for r in recs] == ["shoe2", "sock"]
    assert (recs[0].source, recs[0].reason) == ("content", "similar to Trail Running Shoes")


def test_content_similarity_covers_a_product_nobody_bought(rec) -> None:
    recs = rec.for_product("shoe2", k=3)
    assert recs[0].product_id == "shoe"
    assert (recs[0].source, recs[0].reason) == ("content", "similar to Road Running Shoes")


def test_for_customer_excludes_what_they_bought_and_the_exclusions(rec) -> None:
    recs = rec.for_customer("ana", k=10)
    ids = [r.product_id for r in recs]
    assert not {"shoe", "sock"} & set(ids)
    assert ids[0] == "wash" and recs[0].reason.startswith("often bought together with")
    assert "wash" not in [r.product_id for r in rec.for_customer("ana", exclude={"wash"})]
    assert all(0.0 <= r.score <= 1.0 for r in recs)


def test_cold_start_customer_gets_popular_products(rec) -> None:
    recs = rec.for_customer("new", k=2)
    assert [r.product_id for r in recs] == ["wash", "sock"]
    assert [r.source for r in recs] == ["popular", "popular"]
    assert recs[0].reason == "popular in Dishwashers"
    assert recs == rec.popular(k=2)


def test_unknown_ids_raise_clear_key_errors(rec) -> None:
    with pytest.raises(KeyError, match="unknown product 'nope'"):
        rec.for_product("nope")
    with pytest.raises(KeyError, match="unknown customer 'ghost'"):
        rec.for_customer("ghost")


def test_reviews_are_a_weaker_co_interaction() -> None:
    rec = Recommender.from_interactions(
        {"ana": ["shoe", "sock"], "ben": ["shoe"]},
        reviews={"ben": ["kettle"], "cy": ["shoe", "kettle"]},
        products=PRODUCTS,
    )
    recs = rec.for_product("shoe", k=2)
    assert [r.product_id for r in recs] == ["sock", "kettle"]
    assert recs[1].reason == "often chosen together with Trail Running Shoes"


def _shop_with_history() -> dict[str, list[dict]]:
    shop = tiny_shop()
    shop["customers"] += [
        {"customer_id": "C3", "name": "Cy Cart", "email": "cy@example.com"},
        {"customer_id": "C4", "name": "Dee New", "email": "dee@example.com"},
    ]

    def order(oid: str, customer: str, status: str, *pids: str) -> dict:
        items = [{"product_id": p, "title": p, "quantity": 1, "unit_price": 10.0} for p in pids]
        return {
            "order_id": oid,
            "customer_id": customer,
            "status": status,
            "items": items,
            "placed_at": "2025-06-01T09:00:00Z",
            "total": 10.0 * len(pids),
        }

    shop["orders"] += [
        order("O-3", "C3", "delivered", "P3", "P4"),
        order("O-4", "C2", "delivered", "P4"),
        order("O-5", "C4", "cancelled", "P2"),
    ]
    return shop


def test_from_db_reads_orders_reviews_and_vectors(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **_shop_with_history()), settings, embedder=embedder)
    rec = Recommender.from_db(
        make_engine(settings.sqlalchemy_url), VectorStore(chroma_client(settings))
    )
    assert rec.has_vector.all()
    first = rec.for_product("P3", k=3)[0]
    assert (first.product_id, first.source) == ("P4", "co_purchase")
    assert first.reason == "often bought together with Trail Running Shoes"
    assert rec.for_product("P2", k=1)[0].product_id == "P1"  # both dishwashers
    assert "P1" not in [r.product_id for r in rec.for_customer("C1", k=10)]
    cold = rec.for_customer("C4", k=2)  # a cancelled order is not a purchase
    assert [r.source for r in cold] == ["popular", "popular"]
    assert cold[0].product_id in {"P3", "P4"}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "recommend_eval", REPO_ROOT / "bench" / "recommend_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _small_shop(directory: Path) -> Path:
    """Two product families; each customer buys three products of one family over time."""
    families = {
        "run": ["Trail Running Shoes", "Running Socks", "Running Cap", "Water Bottle"],
        "cook": ["Cast Iron Skillet", "Chef Knife", "Cutting Board", "Oven Mitts"],
    }
    products, orders = [], []
    for family, titles in families.items():
        products += [
            product(f"{family}{i}", t, 20.0, f"Shop > {family}") for i, t in enumerate(titles)
        ]
    for c in range(16):
        family = "run" if c % 2 else "cook"
        for step in range(3):
            pid = f"{family}{(c + step) % 4}"
            item = {"product_id": pid, "title": pid, "quantity": 1, "unit_price": 20.0}
            orders.append(
                {
                    "order_id": f"O{c}-{step}",
                    "customer_id": f"C{c}",
                    "items": [item],
                    "status": "delivered",
                    "placed_at": f"2025-0{step + 1}-01T00:00:00Z",
                    "total": 20.0,
                }
            )
    return write_shop(directory, products=products, orders=orders)


def test_bench_evaluation_smoke(tmp_path: Path, embedder) -> None:
    generator = REPO_ROOT / "data" / "generate_shop.py"
    shop = tmp_path / "shop"
    if generator.exists():
        command = [sys.executable, str(generator), "--products", "40", "--out", str(shop)]
        subprocess.run(command, check=True, capture_output=True)
    else:
        _small_shop(shop)
    bench = _bench()
    report = bench.evaluate(bench.load_shop(shop, embedder))
    assert list(report.metrics) == [
        "popularity",
        "item-item CF",
        "content-only",
        "hybrid",
        "hybrid, shipped weights",
    ]
    for hit_rate, ndcg in report.metrics.values():
        assert 0.0 <= ndcg <= hit_rate <= 1.0
    rows = [line for line in bench.render(report).splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 5  # header + five methods
