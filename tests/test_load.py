"""Load, short mode: concurrent signed-in sessions over real HTTP on 127.0.0.1 stay isolated.

The full run (50 sessions x 20 turns against `shopassist serve`) is a benchmark:
`.venv/bin/python bench/load_sessions.py --sessions 50 --turns 20`.
"""

from __future__ import annotations

import asyncio
import resource
from pathlib import Path
from typing import Any

import pytest

from assistant.agent import Agent
from assistant.config import Settings
from assistant.planner.model import OfflinePlanner
from assistant.sessions import SessionStore
from bench.load import verify_transcripts
from bench.load_sessions import rss_at, run_sessions
from retrieval.ingest import ingest_shop
from retrieval.search import Searcher
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_faults_llm import Served
from tools.context import Shop
from ui.auth import mint_token, secret_key
from ui.server import create_app

SESSIONS, TURNS = 8, 3
MAX_RSS_GROWTH = 150 * 2**20


def many_customers(count: int) -> dict[str, list[dict[str, Any]]]:
    """The tiny shop's catalog with `count` customers, two orders each (ids O-<n>1, O-<n>2)."""
    shop = tiny_shop()
    item = {"product_id": "P3", "title": "Trail Running Shoes", "quantity": 1, "unit_price": 79.99}
    shop["customers"], shop["orders"] = [], []
    for n in range(1, count + 1):
        shop["customers"].append(
            {"customer_id": f"C{n}", "name": f"Customer {n}", "email": f"c{n}@example.com"}
        )
        for k, status in ((1, "shipped"), (2, "delivered")):
            shop["orders"].append(
                {"order_id": f"O-{n}{k}", "customer_id": f"C{n}", "status": status,
                 "placed_at": f"2025-0{k}-01T09:00:00Z", "items": [item], "total": 79.99,
                 "currency": "USD", "shipping": {"carrier": "UPS"}}
            )  # fmt: skip
    return shop


def own_rss() -> int:
    """This process's resident memory in bytes (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@pytest.mark.slow
def test_concurrent_sessions_get_only_their_own_orders(tmp_path: Path, embedder) -> None:
    settings = Settings(
        home=tmp_path / "h", rate_limit_per_minute=1_000_000, rate_limit_burst=100_000
    )
    shop_rows = many_customers(SESSIONS)
    ingest_shop(write_shop(tmp_path / "shop", **shop_rows), settings, embedder=embedder)
    searcher = Searcher(settings, embedder=embedder)
    shop = Shop(settings=settings, engine=searcher.engine, searcher=searcher)
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    key = secret_key(settings)
    tokens = {f"C{n}": mint_token(key, f"C{n}") for n in range(1, SESSIONS + 1)}
    orders = {cid: {f"O-{cid[1:]}1", f"O-{cid[1:]}2"} for cid in tokens}
    with Served(create_app(settings, agent)) as api:
        asyncio.run(run_sessions(api.url, dict(list(tokens.items())[:2]), orders, 2, 60))
        tally = asyncio.run(run_sessions(api.url, tokens, orders, TURNS, 120, own_rss))
        bad_transcripts = asyncio.run(verify_transcripts(api.url, tally.conversations))
    assert tally.turns == SESSIONS * TURNS and not tally.errors
    assert tally.server_errors == 0 and set(tally.statuses) == {200}
    assert tally.mixups == [] and bad_transcripts == 0
    assert tally.without_orders == 0  # every reply named the customer's own orders
    assert len(tally.conversations) == SESSIONS
    assert len({c.session_id for c in tally.conversations}) == SESSIONS
    assert rss_at(tally, 1.0) - rss_at(tally, 0.0) < MAX_RSS_GROWTH
