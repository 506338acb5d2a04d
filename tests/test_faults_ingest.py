"""Database and ingest faults: a locked SQLite file, write errors, `kill -9` mid-ingest, and a
server restart mid-conversation. Afterwards every count is exact and nothing is duplicated."""

from __future__ import annotations

import inspect
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import retrieval.db
import retrieval.ingest
from assistant.agent import build_agent
from assistant.config import REPO_ROOT, Settings
from retrieval.db import TABLES, make_engine
from retrieval.ingest import IngestReport, ingest_shop
from retrieval.lexical import LexicalIndex
from retrieval.review_matrix import review_owners
from retrieval.vector_matrix import CACHE_DIRS, VectorMatrix
from retrieval.vectors import PRODUCTS, REVIEWS, VectorStore, chroma_client
from tests.conftest import write_shop
from tests.shops import product, tiny_shop
from tests.test_faults_llm import Served
from ui.auth import mint_token, secret_key
from ui.server import create_app

ID_FIELDS = {"products": "product_id", "reviews": "review_id"}


class HashEmbedder:
    """Deterministic unit vectors from a text hash: crash tests need real writes, not meaning."""

    variant = "hash"

    def prepare(self) -> None:
        """Nothing to export."""

    def embed(self, texts: list[str]) -> Any:
        """One 384-d unit vector per text."""
        import hashlib

        import numpy as np

        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
            row = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)

    def embed_query(self, text: str) -> Any:
        """One query vector."""
        return self.embed([text])[0]


def changed_shop() -> dict[str, list[dict[str, Any]]]:
    """The tiny shop with P1's text rewritten and a fifth product and review added."""
    shop = tiny_shop()
    shop["products"][0]["description"] = "Zephyrwhisper quiet dishwasher with a third rack."
    shop["products"].append(product("P5", "Compact Countertop Dishwasher", 329.0, "Appliances"))
    shop["reviews"].append(
        {"review_id": "R4", "product_id": "P5", "rating": 4, "text": "Fits a small kitchen.",
         "created_at": "2025-04-02T10:00:00Z"}
    )  # fmt: skip
    return shop


def row_counts(shop: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Rows per kind of a shop written by write_shop."""
    return {kind: len(rows) for kind, rows in shop.items()}


def assert_complete(settings: Settings, report: IngestReport, expected: dict[str, int]) -> None:
    """Exact counts, one vector per row and no other, and derived indexes that match SQL."""
    assert report.totals == expected
    assert report.vectors == {PRODUCTS: expected["products"], REVIEWS: expected["reviews"]}
    engine = make_engine(settings.sqlalchemy_url)
    vectors = VectorStore(chroma_client(settings))
    with Session(engine) as db:
        for kind in (PRODUCTS, REVIEWS):
            table = TABLES[kind]
            sql_ids = sorted(db.scalars(select(getattr(table, ID_FIELDS[kind]))))
            stored = vectors.collection(kind).get(include=[])["ids"]
            assert len(stored) == len(set(stored)) == len(sql_ids)
            assert sorted(stored) == sql_ids
    ids = sorted(vectors.collection(PRODUCTS).get(include=[])["ids"])
    assert LexicalIndex.load(settings.home / retrieval.ingest.LEXICAL_DIR).ids == ids
    review_ids = review_owners(engine)[0]
    for name, ids_of in ((PRODUCTS, ids), (REVIEWS, review_ids)):
        cached = VectorMatrix.load(settings.home / CACHE_DIRS[name], ids_of)
        assert cached is not None, f"the {name} vector cache is missing or for other ids"
        fresh = VectorMatrix.from_store(vectors, ids_of, name)
        np.testing.assert_allclose(np.asarray(cached.matrix), fresh.matrix, atol=1e-6)
    engine.dispose()


def short_busy_timeout(monkeypatch: pytest.MonkeyPatch, ms: int) -> None:
    """Make SQLite wait `ms` for a lock instead of the production 10 s."""
    original = retrieval.db._sqlite_pragmas

    def pragmas(dbapi_connection: Any, record: Any) -> None:
        original(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA busy_timeout={ms}")

    monkeypatch.setattr(retrieval.db, "_sqlite_pragmas", pragmas)


# ---------------------------------------------------------------- a locked database


def test_a_locked_database_fails_cleanly_then_the_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "v1", **tiny_shop()), settings, embedder=HashEmbedder())
    changed = write_shop(tmp_path / "v2", **changed_shop())
    short_busy_timeout(monkeypatch, 300)
    holder = sqlite3.connect(settings.home / "shop.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            ingest_shop(changed, settings, embedder=HashEmbedder())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    first = row_counts(tiny_shop())
    assert retrieval.ingest.table_counts(make_engine(settings.sqlalchemy_url)) == first
    assert VectorStore(chroma_client(settings)).count(PRODUCTS) == first["products"]
    report = ingest_shop(changed, settings, embedder=HashEmbedder())
    assert_complete(settings, report, row_counts(changed_shop()))


def test_ingest_waits_for_a_lock_that_is_released_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "v1", **tiny_shop()), settings, embedder=HashEmbedder())
    short_busy_timeout(monkeypatch, 20_000)
    locked, released = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(settings.home / "shop.db", isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        time.sleep(0.5)
        conn.execute("COMMIT")
        released.set()
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert locked.wait(10)
    report = ingest_shop(
        write_shop(tmp_path / "v2", **changed_shop()), settings, embedder=HashEmbedder()
    )
    assert released.is_set()  # it could only write after the other connection let go
    thread.join(10)
    assert_complete(settings, report, row_counts(changed_shop()))


# ---------------------------------------------------------------- write errors


@pytest.mark.parametrize(("collection", "fail_on"), [(PRODUCTS, 2), (REVIEWS, 1)])
def test_a_vector_write_error_is_clear_and_the_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collection: str, fail_on: int
) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "v1", **tiny_shop()), settings, embedder=HashEmbedder())
    changed = write_shop(tmp_path / "v2", **changed_shop())
    monkeypatch.setattr(retrieval.ingest, "EMBED_CHUNK", 1)
    upsert, calls = VectorStore.upsert, {PRODUCTS: 0, REVIEWS: 0}

    def failing(self: VectorStore, name: str, *args: Any) -> None:
        calls[name] += 1
        if name == collection and calls[name] == fail_on:
            raise OSError(28, "No space left on device")
        upsert(self, name, *args)

    monkeypatch.setattr(VectorStore, "upsert", failing)
    with pytest.raises(OSError, match="No space left on device"):
        ingest_shop(changed, settings, embedder=HashEmbedder())
    monkeypatch.setattr(VectorStore, "upsert", upsert)
    report = ingest_shop(changed, settings, embedder=HashEmbedder())
    assert_complete(settings, report, row_counts(changed_shop()))
    searcher_ids = LexicalIndex.load(settings.home / "lexical")
    top = int(np.argmax(searcher_ids.scores("zephyrwhisper")))
    assert searcher_ids.ids[top] == "P1"  # the lexical index has P1's new text, not the old


def test_an_sql_write_error_rolls_the_whole_load_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path / "h")
    directory = write_shop(tmp_path / "shop", **tiny_shop())
    write_sql = retrieval.ingest._write_sql

    def failing(session: Session, kind: str, *args: Any) -> None:
        write_sql(session, kind, *args)
        if kind == "orders":  # the last kind: everything else is already in the transaction
            raise OperationalError("INSERT INTO orders", {}, OSError(5, "disk I/O error"))

    monkeypatch.setattr(retrieval.ingest, "_write_sql", failing)
    with pytest.raises(OperationalError, match="disk I/O error"):
        ingest_shop(directory, settings, embedder=HashEmbedder())
    engine = make_engine(settings.sqlalchemy_url)
    assert set(retrieval.ingest.table_counts(engine).values()) == {0}
    assert VectorStore(chroma_client(settings)).count(PRODUCTS) == 0
    monkeypatch.setattr(retrieval.ingest, "_write_sql", write_sql)
    report = ingest_shop(directory, settings, embedder=HashEmbedder())
    assert_complete(settings, report, row_counts(tiny_shop()))


# ---------------------------------------------------------------- kill -9

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from typing import Any
import retrieval.ingest as ingest
from assistant.config import Settings
from retrieval.vectors import VectorStore
{embedder}
ingest.EMBED_CHUNK = 32
write_sql, upsert, state = ingest._write_sql, VectorStore.upsert, {{"upserts": 0}}

def slow_sql(session, kind, *args):
    write_sql(session, kind, *args)
    if kind == "orders" and {kill_in_sql!r}:
        print("inside the sql transaction", flush=True)
        time.sleep(60)

def counted_upsert(self, name, *args):
    state["upserts"] += 1
    print(f"upsert {{state['upserts']}}", flush=True)
    upsert(self, name, *args)

ingest._write_sql, VectorStore.upsert = slow_sql, counted_upsert
ingest.ingest_shop(Path({shop!r}), Settings(home=Path({home!r})), embedder=HashEmbedder())
print("finished", flush=True)
"""


@pytest.fixture(scope="module")
def generated_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-product shop from data/generate_shop.py."""
    out = tmp_path_factory.mktemp("generated") / "shop"
    generator = REPO_ROOT / "data" / "generate_shop.py"
    if not generator.exists():
        pytest.skip("data/generate_shop.py is missing")
    command = [sys.executable, str(generator), "--products", "300", "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return out


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["inside the sql transaction", "upsert 6"])
def test_kill_9_mid_ingest_then_the_next_ingest_is_exact(
    tmp_path: Path, generated_shop: Path, moment: str
) -> None:
    home = tmp_path / "h"
    script = CHILD.format(
        root=str(REPO_ROOT),
        embedder=inspect.getsource(HashEmbedder),
        kill_in_sql=moment.startswith("inside"),
        shop=str(generated_shop),
        home=str(home),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPASSIST_")}
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env | {"ANONYMIZED_TELEMETRY": "False"},
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    killed = threading.Timer(180, lambda: os.killpg(child.pid, signal.SIGKILL))
    killed.start()
    try:
        assert child.stdout is not None
        for line in child.stdout:  # bounded by the timer above
            seen.append(line.strip())
            if line.strip() == moment:
                os.killpg(child.pid, signal.SIGKILL)
                break
    finally:
        killed.cancel()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL and moment in seen and "finished" not in seen
    settings = Settings(home=home)
    engine = make_engine(settings.sqlalchemy_url)
    if moment.startswith("inside"):
        assert set(retrieval.ingest.table_counts(engine).values()) == {0}  # rolled back
    engine.dispose()
    expected = {kind: _lines(generated_shop / f"{kind}.jsonl") for kind in TABLES}
    report = ingest_shop(generated_shop, settings, embedder=HashEmbedder())
    assert_complete(settings, report, expected)
    again = ingest_shop(generated_shop, settings, embedder=HashEmbedder())
    assert sum(again.written.values()) == 0 and sum(again.embedded.values()) == 0
    assert again.totals == expected and again.vectors == report.vectors


# ---------------------------------------------------------------- server restart


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = httpx.post(f"{url}/v1/chat", json=body | {"stream": False}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_sessions_resume_after_a_server_restart(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    headers = {"Authorization": f"Bearer {mint_token(secret_key(settings), 'C1')}"}
    with Served(create_app(settings, build_agent(settings))) as before:
        listed = _post(before.url, {"message": "show my orders"}, headers)
        visitor = _post(before.url, {"message": "where is my order O-1?"}, {})
    assert "O-1" in listed["reply"] and "email" in visitor["reply"]
    with Served(create_app(settings, build_agent(settings))) as after:  # a new process's agent
        body = {"message": "track the first one", "session_id": listed["session_id"]}
        tracked = _post(after.url, body, headers)
        body = {"message": "ada@example.com, zip 10001", "session_id": visitor["session_id"]}
        verified = _post(after.url, body, {})
        view = httpx.get(f"{after.url}/v1/sessions/{listed['session_id']}", headers=headers)
    assert tracked["session_id"] == listed["session_id"]
    assert "O-1" in tracked["reply"] and "1Z999AA10123456784" in tracked["reply"]
    assert "O-1" in verified["reply"] and "shipped" in verified["reply"]  # the pending question
    humans = [m["data"]["content"] for m in view.json()["messages"] if m["type"] == "human"]
    assert humans == ["show my orders", "track the first one"]
