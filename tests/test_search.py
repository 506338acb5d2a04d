"""Hybrid search: filters honoured, facts from SQL, a `chroma run` server via the environment."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from retrieval.ingest import ingest_shop
from retrieval.query_parser import SearchFilters
from retrieval.search import Searcher
from retrieval.vector_matrix import CACHE_DIRS
from tests.conftest import write_shop
from tests.shops import tiny_shop


@pytest.fixture
def tiny_settings(tmp_path: Path, embedder) -> Settings:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    return settings


def test_price_cap_parsed_from_the_query_is_honoured(tiny_settings: Settings, embedder) -> None:
    result = Searcher(tiny_settings, embedder=embedder).search("dishwasher under $400")
    assert result.filters.max_price == 400
    assert [h.product_id for h in result.hits] == ["P2"]


def test_explicit_filters_override_and_combine(tiny_settings: Settings, embedder) -> None:
    searcher = Searcher(tiny_settings, embedder=embedder)
    result = searcher.search("shoes", filters=SearchFilters(min_price=100))
    assert [h.product_id for h in result.hits] == ["P4"]
    result = searcher.search("running shoes under 100", filters=SearchFilters(max_price=200))
    assert {h.product_id for h in result.hits} == {"P3", "P4"}


def test_prices_and_stock_come_from_sql(tiny_settings: Settings, embedder) -> None:
    shop = tiny_shop()
    shop["products"][2] |= {"price": 59.0, "in_stock": False}
    directory = write_shop(tiny_settings.home.parent / "shop", **shop)
    ingest_shop(directory, tiny_settings, embedder=embedder)
    hit = Searcher(tiny_settings, embedder=embedder).search("trail running shoes").hits[0]
    assert (hit.product_id, hit.price, hit.in_stock) == ("P3", 59.0, False)
    result = Searcher(tiny_settings, embedder=embedder).search("trail running shoes in stock")
    assert "P3" not in {h.product_id for h in result.hits}


def test_semantic_and_review_matches_explain_why(tiny_settings: Settings, embedder) -> None:
    result = Searcher(tiny_settings, embedder=embedder).search("shoes that grip in mud")
    top = result.hits[0]
    assert top.product_id == "P3"
    assert any("reviewer says" in why for why in top.why)


@pytest.mark.parametrize(
    "query", ["headphones under 150", "gift for a runner under $30", "blender 4+ stars in stock"]
)
def test_demo_shop_filters_are_never_violated(demo_settings: Settings, embedder, query) -> None:
    result = Searcher(demo_settings, embedder=embedder).search(query, k=50)
    assert result.hits, query
    for hit in result.hits:
        if result.filters.max_price is not None:
            assert hit.price <= result.filters.max_price
        if result.filters.min_rating is not None:
            assert (hit.rating or 0) >= result.filters.min_rating
        if result.filters.in_stock:
            assert hit.in_stock


def test_cli_search_json_and_batch(tiny_settings: Settings, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SHOPASSIST_HOME", str(tiny_settings.home))
    from assistant.config import get_settings

    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["search", "dishwasher under 400", "--json"])
    assert result.exit_code == 0, result.output
    assert '"product_id":"P2"' in result.output
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"query": "dishwasher"}\nrunning shoes\n')
    result = CliRunner().invoke(app, ["search", "--batch", str(batch), "--json", "-k", "2"])
    lines = [line[line.index("{") :] for line in result.output.splitlines() if '{"query"' in line]
    assert result.exit_code == 0 and len(lines) == 2, result.output[-3000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """Start `chroma run` on 127.0.0.1 and wait until it accepts connections."""
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail("chroma run did not start")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A real `chroma run` server on 127.0.0.1."""
    port = _free_port()
    process = start_chroma(tmp_path / "chroma-server", port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.slow
def test_chroma_server_through_env(
    chroma_server: str, tmp_path: Path, embedder, monkeypatch
) -> None:
    import chromadb

    monkeypatch.setenv("SHOPASSIST_CHROMA_URL", chroma_server)
    settings = Settings()
    assert settings.chroma_url == chroma_server
    report = ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    assert report.vectors == {"products": 4, "reviews": 3}
    assert not settings.chroma_path.exists(), "the embedded store must not be used"
    port = int(chroma_server.rsplit(":", 1)[1])
    remote = chromadb.HttpClient(host="127.0.0.1", port=port)
    assert remote.get_collection("products").count() == 4
    result = Searcher(settings, embedder=embedder).search("shoes that grip in mud")
    assert result.hits[0].product_id == "P3" and not result.degraded


@pytest.mark.slow
def test_search_degrades_when_chroma_is_down_and_recovers(
    tmp_path: Path, embedder, monkeypatch, caplog
) -> None:
    port = _free_port()
    process = start_chroma(tmp_path / "chroma-server", port)
    monkeypatch.setenv("SHOPASSIST_CHROMA_URL", f"http://127.0.0.1:{port}")
    settings = Settings()
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    searcher = Searcher(settings, embedder=embedder)
    assert not searcher.search("shoes that grip in mud").degraded
    process.terminate()
    process.wait(timeout=10)
    loaded = searcher.search("shoes that grip in mud")  # its vectors are in memory
    assert not loaded.degraded and any("reviewer says" in why for why in loaded.hits[0].why)
    for folder in CACHE_DIRS.values():  # a new searcher with no cache must read Chroma
        shutil.rmtree(settings.home / folder)
    searcher = Searcher(settings, embedder=embedder)
    down = searcher.search("shoes that grip in mud")
    assert down.degraded and down.hits and down.hits[0].product_id == "P3"
    assert "vector store unavailable" in caplog.text
    process = start_chroma(tmp_path / "chroma-server", port)
    try:
        again = searcher.search("shoes that grip in mud")
        assert not again.degraded
        assert any("reviewer says" in why for why in again.hits[0].why)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_near_misses_nearest_in_the_category_tree_come_first() -> None:
    from retrieval.search import SearchHit, nearest_first

    def hit(pid: str, category: str, score: float) -> SearchHit:
        return SearchHit(product_id=pid, title=pid, category=category, price=1.0,
                         in_stock=True, score=score)  # fmt: skip

    misses = [
        hit("W1", "Health > Sleep Aids > White Noise Machines", 3.8),
        hit("E1", "Electronics > Audio > Earbuds", 1.4),
        hit("S1", "Electronics > Audio > Speakers", 0.7),
        hit("T1", "Electronics > Wearables > Trackers", 2.0),
    ]
    ordered = nearest_first(misses, "Electronics > Audio > Headphones")
    assert [h.product_id for h in ordered] == ["E1", "S1", "T1", "W1"]
    assert [h.product_id for h in nearest_first(misses, None)] == ["W1", "E1", "S1", "T1"]
