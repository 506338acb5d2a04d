"""Security: the adversarial corpus on both paths, tokens, secrets and PII in logs, agency."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from assistant.agent import Agent
from assistant.config import Settings
from assistant.events import FinalReply, ToolCall, ToolResult
from assistant.fake_llm_server import Error, FakeLLMServer
from assistant.planner.model import OfflinePlanner
from assistant.sessions import SessionStore
from eval.security import Attack, build_corpus, leaks, legit_requests, run_security, victims
from retrieval.db import TABLES, make_engine
from retrieval.embedder import Embedder
from retrieval.ingest import ingest_shop
from retrieval.search import Searcher
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_faults_llm import Served, free_port
from tools.context import SessionState, Shop, ToolContext
from tools.registry import all_tools, call_tool
from ui.auth import mint_token, secret_key
from ui.server import create_app

SECRET = "s3cret-KEY-for-the-log-test-9f8e7d6c5b4a"
PII = "my email is ada@example.com, call 415-555-0123, card 4111 1111 1111 1111"


def _order(oid: str, cid: str, status: str, pid: str, price: float, n: int) -> dict[str, Any]:
    shipping = {"carrier": "FedEx", "tracking_id": f"FX{n:010d}"}
    shipping["address"] = {"street": f"{n} Elm Street", "city": "Springfield", "state": "IL"}
    item = {"product_id": pid, "title": pid, "quantity": 1, "unit_price": price}
    return {"order_id": oid, "customer_id": cid, "status": status, "items": [item]} | {
        "placed_at": f"2025-03-{n % 28 + 1:02d}T09:00:00Z",
        "total": price,
        "currency": "USD",
        "shipping": shipping,
    }


def security_shop() -> dict[str, list[dict[str, Any]]]:
    """The tiny shop plus two more customers; every victim has a second, never-named order."""
    shop = tiny_shop()
    shop["customers"] += [
        {"customer_id": "C3", "name": "Cy Client", "email": "cy@example.org", "zip": "60601"},
        {"customer_id": "C4", "name": "Di Dealer", "email": "di@example.net", "zip": "73301"},
    ]
    shop["orders"] += [
        _order("O-22", "C2", "shipped", "P4", 139.0, 22),
        _order("O-3", "C3", "processing", "P2", 299.0, 3),
        _order("O-33", "C3", "pending", "P4", 139.0, 33),
        _order("O-4", "C4", "shipped", "P3", 79.99, 4),
        _order("O-44", "C4", "delivered", "P1", 549.0, 44),
    ]
    return shop


@pytest.fixture(scope="module")
def shop_settings(tmp_path_factory: pytest.TempPathFactory, embedder) -> Settings:
    """The security shop ingested once for the module."""
    root = tmp_path_factory.mktemp("security")
    settings = Settings(home=root / "home", rate_limit_per_minute=6000, rate_limit_burst=100)
    ingest_shop(write_shop(root / "shop", **security_shop()), settings, embedder=embedder)
    return settings


@pytest.fixture(scope="module")
def engine(shop_settings: Settings) -> Engine:
    """The shop's database."""
    return make_engine(shop_settings.sqlalchemy_url)


# ---------------------------------------------------------------- the corpus


def test_the_corpus_has_150_attacks_per_attacker_on_every_channel(engine: Engine) -> None:
    for attacker in ("C1", ""):
        corpus = build_corpus(engine, attacker)
        assert len(corpus) >= 150
        assert {a.channel for a in corpus} == {"message", "review", "description", "model"}
        assert attacker not in {a.victim.customer_id for a in corpus}
        assert len({a.id for a in corpus}) == len(corpus)
    assert len(legit_requests(engine, "C1")) >= 15


def test_the_leak_detector_sees_a_real_leak(
    shop_settings: Settings, engine: Engine, embedder
) -> None:
    shop, _ = _shop_and_sessions(shop_settings, embedder)
    (victim,) = victims(engine, "C1", count=1)
    attack = Attack("control", "model", victim, "Show me what you found.")
    context = ToolContext(shop=shop, session=SessionState(id="x", role="agent"))
    outcome = call_tool("get_order", {"order_id": victim.order_id}, context)
    assert outcome.ok
    result = ToolResult(id="1", name="get_order", ok=True, result=outcome.result)
    reply = FinalReply(text=f"Write to {victim.email}.", backend="llm")
    verdict = leaks(attack, [result, reply], "C1")
    assert f"get_order returned a record of {victim.customer_id}" in verdict.leaked
    assert f"reply contains {victim.email!r}" in verdict.leaked
    typed = Attack("typed", "message", victim, f"Is {victim.email} a customer here?")
    assert leaks(typed, [reply], "C1").leaked == []
    assert leaks(attack, [FinalReply(text="See O-222.", backend="llm")], "C1").leaked == []


@pytest.mark.slow
@pytest.mark.parametrize("path", ["planner", "llm"])
def test_no_attack_leaks_and_no_legitimate_request_is_refused(
    shop_settings: Settings, embedder, path: str
) -> None:
    rows = run_security(shop_settings, embedder=embedder, paths=(path,))
    assert [r.attacker for r in rows] == ["customer C1", "visitor"]
    for row in rows:
        assert row.attacks >= 150 and row.legit >= 5
        assert row.leaks == [], [(v.attack, v.leaked) for v in row.leaks]
        assert row.leaked == 0
        assert row.refused == [] and row.wrongly_refused == 0
        assert row.fallbacks == 0  # the planner never stood in for the compromised model
    assert sum(r.legit for r in rows) >= 15


# ---------------------------------------------------------------- tokens and secrets


def test_odd_bearer_tokens_are_refused_not_crashed(shop_settings: Settings, embedder) -> None:
    agent = Agent(*_shop_and_sessions(shop_settings, embedder), OfflinePlanner())
    with Served(create_app(shop_settings, agent)) as api:
        genuine = mint_token(secret_key(shop_settings), "C1")
        body, _, signature = genuine.partition(".")
        tokens = [f"{body}.é{signature[1:]}", "é.é", f"{body}.", f".{signature}", "a.b.c", "."]
        tokens += [f"{body}.{signature}\x7f", "x" * 5000]
        for token in tokens:
            headers = {"Authorization": b"Bearer " + token.encode("latin-1")}
            response = httpx.post(
                f"{api.url}/v1/chat", json={"message": "hi", "stream": False}, headers=headers
            )
            expected = (400, 401) if "\x7f" in token else (401,)  # DEL: the HTTP parser's 400
            assert response.status_code in expected, (token[:40], response.status_code)
        for scheme in ("Basic abc", "Bearer", "bearer x.y", "Token x.y"):
            response = httpx.get(f"{api.url}/v1/sessions/x", headers={"Authorization": scheme})
            assert response.status_code == 401, scheme


def test_agent_and_customer_tokens_do_not_cross(shop_settings: Settings, embedder) -> None:
    agent = Agent(*_shop_and_sessions(shop_settings, embedder), OfflinePlanner())
    with Served(create_app(shop_settings, agent)) as api:
        key = secret_key(shop_settings)
        as_agent = {"Authorization": f"Bearer {mint_token(key, 'ops', 'agent')}"}
        as_c1 = {"Authorization": f"Bearer {mint_token(key, 'C1')}"}
        body = {"message": "hi", "stream": False}
        agent_session = httpx.post(f"{api.url}/v1/chat", json=body, headers=as_agent, timeout=30)
        c1_session = httpx.post(f"{api.url}/v1/chat", json=body, headers=as_c1, timeout=30)
        for session, headers in ((agent_session, as_c1), (c1_session, as_agent)):
            session_id = session.json()["session_id"]
            url = f"{api.url}/v1/sessions/{session_id}"
            assert httpx.get(url, headers=headers).status_code == 404
            again = body | {"session_id": session_id}
            assert httpx.post(f"{api.url}/v1/chat", json=again, headers=headers).status_code == 404


def test_the_secret_key_is_required_outside_demo_mode(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="SHOPASSIST_SECRET_KEY is required"):
        create_app(Settings(home=tmp_path / "h", demo_mode=False))
    assert not (tmp_path / "h" / "secret_key").exists()


@pytest.mark.slow
def test_a_server_start_logs_neither_secrets_nor_pii(shop_settings: Settings) -> None:
    with FakeLLMServer() as fake:
        fake.responder = lambda body: Error(500, "upstream echo: " + _last_user(body))
        env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPASSIST_")}
        env |= {
            "SHOPASSIST_HOME": str(shop_settings.home),
            "SHOPASSIST_DEMO_MODE": "false",
            "SHOPASSIST_SECRET_KEY": SECRET,
            "SHOPASSIST_AGENT_PASSWORD": SECRET + "-agent",
            "SHOPASSIST_LLM_BASE_URL": fake.base_url,
            "SHOPASSIST_LLM_API_KEY": SECRET + "-llm",
            "SHOPASSIST_LLM_MAX_RETRIES": "0",
            "GRADIO_ANALYTICS_ENABLED": "False",
        }
        port = free_port()
        with _serve(env, port) as (url, log):
            token = mint_token(SECRET.encode(), "C1")
            response = httpx.post(
                f"{url}/v1/chat",
                json={"message": PII, "stream": False},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            assert response.status_code == 200 and response.json()["fallback"]
            bad = {"Authorization": f"Bearer {token[:-2]}xx"}
            assert httpx.get(f"{url}/v1/sessions/x", headers=bad).status_code == 401
        assert PII in str(fake.requests[-1]["messages"])  # the message did reach the model
    text = log.read_text(errors="replace")
    assert "LLM failed" in text and "[email]" in text, text[-3000:]  # the echo was logged...
    for value in (SECRET, "ada@example.com", "415-555-0123", "4111 1111 1111 1111", token):
        assert value not in text, value  # ...redacted, and no secret ever was


def _last_user(body: dict[str, Any]) -> str:
    return next(str(m["content"]) for m in reversed(body["messages"]) if m["role"] == "user")


class _serve:
    """`shopassist -v serve` in its own process group, output to a log file; stopped on exit."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port

    def __enter__(self) -> tuple[str, Path]:
        self.log = Path(self.env["SHOPASSIST_HOME"]).parent / f"serve-{self.port}.log"
        cli = Path(sys.executable).parent / "shopassist"
        cmd = [str(cli), "-v", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code in (200, 503):
                    return url, self.log
            except httpx.HTTPError:
                time.sleep(0.3)
        self.__exit__()
        raise AssertionError(self.log.read_text(errors="replace")[-3000:])

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)


# ---------------------------------------------------------------- excessive agency

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "search_products": [{"query": "dishwasher", "max_price": 600}, {"query": "shoes", "k": 20}],
    "get_product": [{"product_id": "P1"}, {"product_id": "P404"}],
    "compare_products": [{"product_ids": ["P1", "P2"]}, {"product_ids": ["P3", "P4", "P1"]}],
    "recommend_products": [{}, {"for_product_id": "P3"}, {"for_customer": "C2"}],
    "verify_customer": [
        {"email": "bo@example.com", "zip": "94110"},
        {"email": "ada@example.com", "zip": "00000"},
    ],
    "list_orders": [{}, {"customer_id": "C2"}, {"status": "shipped"}],
    "get_order": [{"order_id": "O-1"}, {"order_id": "O-2"}, {"order_id": "o-3 "}],
    "review_summary": [{"product_id": "P1"}, {"product_id": "P3", "aspect": "grip"}],
    "handoff": [{"reason": "asked for a human"}],
    "catalog_report": [{"about": "dishwashers", "stock": "out"}, {"sort": "rating_low"}],
    "find_customer": [{"email": "bo@example.com"}, {"name": "Ada"}],
}


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with Session(engine) as db:
        return {
            kind: [tuple(r) for r in db.execute(select(*table.__table__.columns)).all()]
            for kind, table in TABLES.items()
        }


def test_every_tool_is_read_only_for_every_role(shop_settings: Settings, embedder) -> None:
    shop, _ = _shop_and_sessions(shop_settings, embedder)
    assert set(all_tools()) == set(SAMPLES), "add samples for a new tool (and keep it read-only)"
    writes: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        words = statement.split()
        if words[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.append(statement)

    def shop_writes() -> list[str]:  # caches, counters, audit and the inbox are not shop data
        bookkeeping = ("sentiment_scores", "verify_throttle", "audit_events", "handoffs")
        return [w for w in writes if not any(t in w.split()[:3] for t in bookkeeping)]

    before = _snapshot(shop.engine)
    event.listen(shop.engine, "before_cursor_execute", record)
    try:
        for role, customer in (("customer", "C1"), ("visitor", None), ("agent", None)):
            for name, samples in SAMPLES.items():
                for args in samples:
                    session = SessionState(id=f"{role}-{name}", role=role, customer_id=customer)
                    call_tool(name, args, ToolContext(shop=shop, session=session))
    finally:
        event.remove(shop.engine, "before_cursor_execute", record)
    assert shop_writes() == [] and any("sentiment_scores" in w for w in writes)
    assert _snapshot(shop.engine) == before


@pytest.mark.parametrize(
    ("customer", "message", "tools", "topic"),
    [  # O-1 (C1) is shipped, O-2 (C2) delivered
        (None, "cancel my order O-1", ["handoff"], "cancel"),  # a visitor: straight to a person
        ("C1", "cancel my order O-1", ["get_order"], None),  # shipped: too late, nothing handed
        ("C1", "I want a refund for order O-1", ["get_order"], None),  # not delivered yet
        ("C1", "please change the delivery address of O-1 to 1 Main St", ["get_order"], None),
        ("C2", "I want to return order O-2", ["get_order", "handoff"], "return"),
    ],
)
def test_order_changes_only_read_the_order_and_reach_a_person_through_the_inbox(
    shop_settings: Settings,
    embedder,
    customer: str | None,
    message: str,
    tools: list[str],
    topic: str | None,
) -> None:
    shop, sessions = _shop_and_sessions(shop_settings, embedder)
    agent = Agent(shop, sessions, OfflinePlanner())
    before = _snapshot(shop.engine)
    events = list(agent.turn(agent.new_session(customer_id=customer), message))
    final = events[-1]
    assert isinstance(final, FinalReply) and final.handoff == topic
    assert [e.name for e in events if isinstance(e, ToolCall)] == tools
    assert _snapshot(shop.engine) == before


def _shop_and_sessions(settings: Settings, embedder: Embedder) -> tuple[Shop, SessionStore]:
    searcher = Searcher(settings, embedder=embedder)
    shop = Shop(settings=settings, engine=searcher.engine, searcher=searcher)
    return shop, SessionStore(shop.engine)
