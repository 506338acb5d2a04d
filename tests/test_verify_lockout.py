"""Verification cannot be guessed: failures count per account and per client in SQL, across
fresh sessions, server processes and a real HTTP server, and lock with backoff."""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from langchain_core.messages import AIMessage
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.config import Settings
from assistant.runtime import open_shop
from assistant.testing import ScriptedChatModel, tool_call
from retrieval import lockout
from retrieval.audit import recent
from retrieval.db import AuditEvent, Customer, VerifyThrottle, make_engine
from retrieval.ingest import ingest_shop
from retrieval.lockout import VerifyGuard
from tests.conftest import write_shop
from tests.lockout_workers import fail_many, take_many
from tests.shops import tiny_shop
from tests.test_api import Running
from tests.test_import_postgres import postgres  # noqa: F401 - the server fixture
from tools.context import SessionState, ToolContext
from tools.orders import LOCKED, NO_MATCH
from tools.registry import call_tool
from tools.verification import postal_matches

ATTACKER, OWNER, OTHER = "203.0.113.9", "198.51.100.7", "198.51.100.8"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(lockout, "now", fake)
    return fake


@pytest.fixture
def locking_settings(tmp_path: Path, embedder) -> Settings:
    settings = Settings(
        home=tmp_path / "h",
        verify_account_failures=5,
        verify_client_failures=8,
        verify_lock_s=60,
        verify_lock_max_s=600,
        client_rate_limit_per_minute=6000,
        client_rate_limit_burst=200,
    )
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    return settings


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, locking_settings: Settings) -> str:
    """The shop's SQLite file, or a fresh database on a real PostgreSQL server."""
    if request.param == "sqlite":
        return locking_settings.sqlalchemy_url
    return request.getfixturevalue("postgres").create_database()


@pytest.fixture
def api(locking_settings: Settings, clock: Clock) -> Iterator[Running]:
    with Running(locking_settings, ScriptedChatModel()) as running:
        yield running


def _verify(api: Running, ip: str, **args: str) -> dict:
    """One attempt in a fresh session, as a client at `ip` (behind the trusted local proxy)."""
    api.model.script += [tool_call("verify_customer", **args), AIMessage("checked")]
    response = httpx.post(
        f"{api.url}/v1/chat",
        json={"message": " ".join(args.values()), "stream": False},
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    result = next(e for e in body["events"] if e["type"] == "tool_result")
    return {**result, "session_id": body["session_id"]}


def test_thirty_wrong_codes_over_http_lock_the_account_until_the_lock_expires(
    api: Running, clock: Clock, locking_settings: Settings
) -> None:
    wrong = [f"{n:05d}" for n in range(20000, 20030)]
    tries = [_verify(api, ATTACKER, email="ada@example.com", zip=code) for code in wrong]
    assert not any(t["ok"] for t in tries)
    assert sum(NO_MATCH in t["error"] for t in tries) == 5  # then the account is locked
    assert all(t["error"] == LOCKED for t in tries[5:])

    refused = _verify(api, OWNER, email="ada@example.com", zip="10001")
    assert not refused["ok"] and refused["error"] == LOCKED  # even the right code, elsewhere
    assert _verify(api, OTHER, email="bo@example.com", zip="94110")["ok"]  # others unaffected

    clock.now += locking_settings.verify_lock_s - 1
    assert _verify(api, OWNER, email="ada@example.com", zip="10001")["error"] == LOCKED
    clock.now += 2
    verified = _verify(api, OWNER, email="ada@example.com", zip="10001")
    assert verified["ok"] and verified["result"]["customer_id"] == "C1"

    api.model.script += [tool_call("list_orders"), AIMessage("Your orders")]
    orders = httpx.post(
        f"{api.url}/v1/chat",
        json={"message": "my orders", "stream": False, "session_id": verified["session_id"]},
        headers={"X-Forwarded-For": OWNER},
        timeout=30,
    ).json()
    listed = next(e for e in orders["events"] if e["type"] == "tool_result")
    assert listed["ok"] and [o["order_id"] for o in listed["result"]["orders"]] == ["O-1"]

    engine = make_engine(locking_settings.sqlalchemy_url)
    kinds = [e.kind for e in recent(engine, limit=500)]
    assert kinds.count("verify_lockout") == 1 and kinds.count("verify_failed") == 5
    assert kinds.count("verify_refused") == 27 and kinds.count("verify_ok") == 2
    with Session(engine) as db:
        stored = " ".join(str(e.subject) + str(e.detail) for e in db.scalars(select(AuditEvent)))
    assert "ada@example.com" not in stored  # the audit keeps pseudonyms, not typed emails


def test_an_unknown_account_and_a_wrong_code_get_the_same_answer(api: Running) -> None:
    unknown = [_verify(api, ATTACKER, email="nobody@example.com", zip="10001") for _ in range(6)]
    wrong = [_verify(api, OTHER, email="ada@example.com", zip="99999") for _ in range(6)]
    assert [t["error"] for t in unknown] == [t["error"] for t in wrong]
    assert unknown[-1]["error"] == LOCKED  # unknown accounts lock exactly like real ones


def test_one_client_guessing_across_accounts_is_locked_but_others_are_not(api: Running) -> None:
    for n in range(8):  # 8 different (unknown) accounts, one client
        assert not _verify(api, ATTACKER, email=f"guess{n}@example.com", zip="10001")["ok"]
    mine = _verify(api, ATTACKER, email="bo@example.com", zip="94110")
    assert not mine["ok"] and mine["error"] == LOCKED  # the client itself is locked
    assert _verify(api, OTHER, email="bo@example.com", zip="94110")["ok"]


def test_lockouts_back_off_and_the_audit_says_so(
    locking_settings: Settings, clock: Clock, database_url: str
) -> None:
    engine = make_engine(database_url)
    guard = VerifyGuard(engine, locking_settings)
    lengths = []
    for _ in range(3):
        for _ in range(locking_settings.verify_account_failures):
            guard.failed("customer:x", None, "s")
        lengths.append(guard.locked_until(["customer:x"]) - clock.now)
        clock.now += lengths[-1] + 1
    assert lengths == [60, 120, 240]
    assert guard.account.duration(10_000) == locking_settings.verify_lock_max_s  # capped
    locks = recent(engine, "verify_lockout")
    assert [round(e.detail["locked_for_s"]) for e in reversed(locks)] == [60, 120, 240]


def test_counters_are_shared_by_worker_processes_without_lost_updates(
    locking_settings: Settings, database_url: str
) -> None:
    url = database_url
    make_engine(url)
    settings = locking_settings.model_copy(update={"verify_account_failures": 10_000})
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        pool.starmap(fail_many, [(url, settings.model_dump_json(), "customer:y", 40)] * 3)
        allowed = pool.starmap(take_many, [(url, 30)] * 3)
    with Session(make_engine(url)) as db:
        assert db.get(VerifyThrottle, "customer:y").failures == 120
    assert sum(allowed) == 50  # 90 requests from three processes, one bucket of 50


def _visitor(settings: Settings, **changes: object) -> ToolContext:
    shop = open_shop(settings.model_copy(update=changes))
    return ToolContext(shop=shop, session=SessionState(id=uuid.uuid4().hex), client="ip:192.0.2.1")


def test_a_shop_without_emails_verifies_by_order_id_and_postal_code(
    locking_settings: Settings,
) -> None:
    for typed in ("O-1", "#o-1", " o - 1 "):  # the shop's own id, however it was typed
        visitor = _visitor(locking_settings, verify_by="order")
        out = call_tool("verify_customer", {"order_id": typed, "zip": "10001"}, visitor)
        assert out.ok and visitor.session.customer_id == "C1", (typed, out.error)
    visitor = _visitor(locking_settings, verify_by="order")
    by_email = call_tool("verify_customer", {"email": "ada@example.com", "zip": "10001"}, visitor)
    assert not by_email.ok and "order id" in by_email.error and "not verified" in by_email.error
    unknown = call_tool("verify_customer", {"order_id": "O-404", "zip": "10001"}, visitor)
    wrong = call_tool("verify_customer", {"order_id": "O-2", "zip": "10001"}, visitor)
    assert unknown.error.split(".")[0] == wrong.error.split(".")[0] == NO_MATCH.rstrip(".")
    either = _visitor(locking_settings, verify_by="both")
    assert call_tool("verify_customer", {"order_id": "O-2", "zip": "94110"}, either).ok
    email_only = _visitor(locking_settings)
    refused = call_tool("verify_customer", {"order_id": "O-1", "zip": "10001"}, email_only)
    assert not refused.ok and "email" in refused.error


@pytest.mark.parametrize(
    ("stored", "typed", "ok"),
    [
        ("SW1A 1AA", "sw1a1aa", True),
        ("H2X 1Y4", "h2x-1y4", True),
        ("01310", "01310-100", True),  # a shop that keeps only the CEP prefix
        ("19150", "19150-1234", True),
        ("19150", "1915", False),
        ("10001", "10002", False),
        (None, "10001", False),
    ],
)
def test_postal_codes_of_any_country_compare_without_spaces_or_case(
    stored: str | None, typed: str, ok: bool
) -> None:
    assert postal_matches(stored, typed) is ok


def test_by_default_a_shop_without_emails_verifies_by_order_id(locking_settings: Settings) -> None:
    assert not call_tool(
        "verify_customer", {"order_id": "O-1", "zip": "10001"}, _visitor(locking_settings)
    ).ok  # the tiny shop has emails: auto means email there
    with make_engine(locking_settings.sqlalchemy_url).begin() as conn:
        conn.execute(update(Customer).values(email=None))
    visitor = _visitor(locking_settings)
    assert call_tool("verify_customer", {"order_id": "o-1", "zip": "10001"}, visitor).ok
    refused = call_tool("verify_customer", {"email": "ada@example.com", "zip": "10001"}, visitor)
    assert not refused.ok and "order id" in refused.error
