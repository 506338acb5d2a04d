"""Ingest, chat and the order tools against a real PostgreSQL server (SHOPASSIST_DATABASE_URL).

The server is Debian's `postgresql`, started for the session by tests/pg.py; these tests skip
only where it (or psycopg) cannot be installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import DEMO_SHOP_DIR, Settings, get_settings
from assistant.runtime import open_shop
from retrieval.db import ChatSessionRow, Order, make_engine
from retrieval.importers.olist import import_olist
from retrieval.ingest import ingest_shop, table_counts
from retrieval.reader import read_shop
from tests.pg import PostgresServer, start_server
from tests.test_import_olist import ALICE, BOB, write_olist
from tools.context import SessionState, ToolContext
from tools.registry import call_tool


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server, why = start_server()
    if server is None:
        pytest.skip(why)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pg_demo(postgres: PostgresServer, demo_home: Path, tmp_path_factory, embedder) -> Settings:
    """The demo shop ingested once into a fresh database (its vectors copied: no embedding)."""
    home = tmp_path_factory.mktemp("pg-demo") / "home"
    shutil.copytree(demo_home, home)
    (home / "shop.db").unlink()
    settings = Settings(home=home, database_url=postgres.create_database())
    report = ingest_shop(DEMO_SHOP_DIR, settings, embedder=embedder)
    expected = {kind: len(rows) for kind, rows in read_shop(DEMO_SHOP_DIR).rows.items()}
    assert report.totals == expected
    return settings


@pytest.fixture
def pg_settings(pg_demo: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The environment pointing at the PostgreSQL demo shop, as a deployment would set it."""
    monkeypatch.setenv("SHOPASSIST_HOME", str(pg_demo.home))
    monkeypatch.setenv("SHOPASSIST_DATABASE_URL", str(pg_demo.database_url))
    get_settings.cache_clear()
    return Settings(home=pg_demo.home)


def test_demo_shop_on_postgres_reingests_unchanged(pg_settings: Settings, embedder) -> None:
    assert pg_settings.sqlalchemy_url.startswith("postgresql+psycopg://")
    again = ingest_shop(DEMO_SHOP_DIR, pg_settings, embedder=embedder)
    assert sum(again.written.values()) == 0 and again.embedded == {"products": 0, "reviews": 0}
    engine = make_engine(pg_settings.sqlalchemy_url)
    with Session(engine) as db:
        order = db.get(Order, "O-10001")
        assert order is not None
        assert order.placed_at == datetime(2024, 10, 30, 8, 45, 50, tzinfo=UTC)
        assert order.items[0]["product_id"] == "P00466" and order.shipping["carrier"] == "FedEx"
    engine.dispose()


@pytest.fixture
def olist_pg(postgres: PostgresServer, tmp_path: Path, embedder) -> Settings:
    """The tiny Olist shop (32-hex ids in real data, BRL, São Paulo times) in a fresh database."""
    shop = tmp_path / "olist-shop"
    import_olist(write_olist(tmp_path / "olist"), shop)
    settings = Settings(home=tmp_path / "home", database_url=postgres.create_database())
    ingest_shop(shop, settings, embedder=embedder)
    return settings


def _as(settings: Settings, customer: str) -> ToolContext:
    session = SessionState(id="s", role="customer", customer_id=customer)
    return ToolContext(shop=open_shop(settings), session=session)


def test_olist_shop_on_postgres_keeps_long_ids_local_times_and_source_words(
    olist_pg: Settings,
) -> None:
    assert table_counts(make_engine(olist_pg.sqlalchemy_url))["orders"] == 4
    listed = call_tool("list_orders", {}, _as(olist_pg, ALICE))
    assert listed.ok, listed.error
    assert [(o["order_id"], o["source_status"]) for o in listed.result["orders"]] == [
        ("o2", "invoiced"),
        ("o1", "delivered"),
    ]
    engine = make_engine(olist_pg.sqlalchemy_url)
    with Session(engine) as db:
        order = db.get(Order, "o1")
        placed = db.scalar(select(Order.placed_at).where(Order.order_id == "o3"))
        bob = db.scalar(select(Order.customer_id).where(Order.order_id == "o3"))
    engine.dispose()
    assert order is not None and order.shipping_cost == 36.28 and order.currency == "BRL"
    assert order.events[0]["at"] == "2017-03-02T10:56:33-03:00"
    assert placed == datetime(2017, 12, 1, 10, 0, tzinfo=UTC)  # 08:00 in São Paulo (-02:00)
    assert bob == BOB and len(bob) == 32


def test_a_lowercase_order_id_is_found_on_postgres(olist_pg: Settings) -> None:
    alice = _as(olist_pg, ALICE)
    detail = call_tool("get_order", {"order_id": "o1"}, alice)
    assert detail.ok, detail.error
    assert detail.result["source_status"] == "delivered"
    assert not call_tool("get_order", {"order_id": "o3"}, alice).ok


def test_chat_turn_about_an_order_on_postgres(pg_settings: Settings) -> None:
    result = CliRunner().invoke(
        app, ["chat", "--customer", "C00118", "what is the status of order O-10074?"]
    )
    assert result.exit_code == 0, result.output
    assert "O-10074" in result.output and "cancelled" in result.output
    engine = make_engine(pg_settings.sqlalchemy_url)
    with Session(engine) as db:
        stored = db.scalars(select(ChatSessionRow)).all()
    assert [(s.customer_id, s.created_at.tzinfo is not None) for s in stored] == [("C00118", True)]
    engine.dispose()


def test_a_changed_order_updates_in_place_on_postgres(
    olist_pg: Settings, tmp_path: Path, embedder
) -> None:
    shop = tmp_path / "olist-shop"
    lines = (shop / "orders.jsonl").read_text(encoding="utf-8").splitlines()
    changed = [
        line.replace('"status": "processing", "source_status": "invoiced"',
                     '"status": "shipped", "source_status": "shipped"')
        for line in lines
    ]  # fmt: skip
    assert changed != lines
    (shop / "orders.jsonl").write_text("\n".join(changed) + "\n", encoding="utf-8")
    report = ingest_shop(shop, olist_pg, embedder=embedder)
    assert report.written["orders"] == 1 and report.unchanged["orders"] == 3
    engine = make_engine(olist_pg.sqlalchemy_url)
    with Session(engine) as db:
        order = db.get(Order, "o2")
        assert order is not None and (order.status, order.source_status) == ("shipped", "shipped")
    engine.dispose()
