"""The HTTP API over a real server on 127.0.0.1: SSE, tokens, session isolation, limits."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from langchain_core.messages import AIMessage

from assistant.agent import Agent
from assistant.config import Settings
from assistant.runtime import open_shop
from assistant.sessions import SessionStore
from assistant.testing import ScriptedChatModel, tool_call
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.shops import tiny_shop
from ui.auth import mint_token, secret_key
from ui.server import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Running:
    """A uvicorn server in a thread, with the scripted model that answers its turns."""

    def __init__(self, settings: Settings, model: ScriptedChatModel) -> None:
        shop = open_shop(settings)
        agent = Agent(shop, SessionStore(shop.engine), ScriptedChatModel(), llm=model)
        self.model = model
        self.key = secret_key(settings)
        self.port = _free_port()
        config = uvicorn.Config(
            create_app(settings, agent), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Running:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def settings(tmp_path: Path, embedder) -> Settings:
    settings = Settings(home=tmp_path / "h", rate_limit_burst=3, rate_limit_per_minute=6)
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    return settings


@pytest.fixture
def api(settings: Settings) -> Iterator[Running]:
    with Running(settings, ScriptedChatModel()) as running:
        yield running


def _auth(api: Running, subject: str, role: str = "customer", ttl: int = 600) -> dict:
    return {"Authorization": f"Bearer {mint_token(api.key, subject, role, ttl)}"}


def _sse(response: httpx.Response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[6:])))
    return events


def test_chat_streams_server_sent_events(api: Running) -> None:
    api.model.script += [
        tool_call("get_order", order_id="O-1"),
        AIMessage("O-1 has shipped via UPS."),
    ]
    with httpx.stream(
        "POST",
        f"{api.url}/v1/chat",
        json={"message": "where is O-1?"},
        headers=_auth(api, "C1"),
        timeout=30,
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _sse(response)
    names = [n for n, _ in events]
    assert names[0] == "session" and names[-1] == "final"
    assert {"tool_call", "tool_result", "text_delta"} <= set(names)
    result = next(d for n, d in events if n == "tool_result")
    assert result["ok"] and result["result"]["status"] == "shipped"
    assert "".join(d["text"] for n, d in events if n == "text_delta") == "O-1 has shipped via UPS."


def test_non_streaming_form_and_transcript(api: Running) -> None:
    api.model.script += [AIMessage("Hello!")]
    headers = _auth(api, "C1")
    body = httpx.post(
        f"{api.url}/v1/chat", json={"message": "hi", "stream": False}, headers=headers, timeout=30
    ).json()
    assert body["reply"] == "Hello!" and body["backend"] == "llm"
    view = httpx.get(f"{api.url}/v1/sessions/{body['session_id']}", headers=headers).json()
    assert view["customer_id"] == "C1"
    assert [m["data"]["content"] for m in view["messages"]] == ["hi", "Hello!"]


def test_forged_and_expired_tokens_are_refused(api: Running) -> None:
    genuine = mint_token(api.key, "C1")
    body, _, sig = genuine.partition(".")
    forged = mint_token(b"not-the-key", "C1")
    tampered = mint_token(api.key, "C2").split(".")[0] + "." + sig
    expired = mint_token(api.key, "C1", ttl_s=-5)
    for token in (forged, tampered, expired, "garbage"):
        response = httpx.post(
            f"{api.url}/v1/chat",
            json={"message": "hi", "stream": False},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401, token


def test_one_customers_session_cannot_be_read_or_used_by_another(api: Running) -> None:
    api.model.script += [AIMessage("Hi Ada")]
    ada = httpx.post(
        f"{api.url}/v1/chat",
        json={"message": "hi", "stream": False},
        headers=_auth(api, "C1"),
        timeout=30,
    ).json()["session_id"]
    for headers in (_auth(api, "C2"), {}):
        assert httpx.get(f"{api.url}/v1/sessions/{ada}", headers=headers).status_code == 404
        response = httpx.post(
            f"{api.url}/v1/chat",
            headers=headers,
            json={"message": "show my orders", "session_id": ada},
        )
        assert response.status_code == 404
    assert len(api.model.received) == 1


def test_rate_limit_answers_429_with_retry_after(api: Running) -> None:
    api.model.script += [AIMessage("ok")] * 3
    headers = _auth(api, "C1")
    first = httpx.post(
        f"{api.url}/v1/chat", json={"message": "a", "stream": False}, headers=headers, timeout=30
    ).json()["session_id"]
    codes = []
    for _ in range(3):
        response = httpx.post(
            f"{api.url}/v1/chat",
            headers=headers,
            timeout=30,
            json={"message": "again", "stream": False, "session_id": first},
        )
        codes.append(response.status_code)
    assert codes[-1] == 429 and int(response.headers["retry-after"]) >= 1
    metrics = httpx.get(f"{api.url}/metrics").text
    assert "shopassist_rate_limited_total 1.0" in metrics


def test_oversized_messages_are_refused_with_413(api: Running) -> None:
    long = "x" * (api.server.config.app.state.server.settings.max_message_chars + 1)
    response = httpx.post(f"{api.url}/v1/chat", json={"message": long, "stream": False})
    assert response.status_code == 413
    huge = httpx.post(
        f"{api.url}/v1/chat",
        content=b"{" + b" " * 70_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413


def test_health_metrics_search_and_openapi(api: Running) -> None:
    health = httpx.get(f"{api.url}/healthz").json()
    assert health == {"ok": True, "checks": {"database": "ok", "chroma": "ok"}}
    api.model.script += [AIMessage("hello")]
    httpx.post(f"{api.url}/v1/chat", json={"message": "hi", "stream": False}, timeout=30)
    metrics = httpx.get(f"{api.url}/metrics").text
    assert 'shopassist_turns_total{backend="llm"} 1.0' in metrics
    assert "shopassist_turn_latency_seconds_bucket" in metrics
    found = httpx.post(f"{api.url}/v1/search", json={"query": "dishwasher under 400"}).json()
    assert [h["product_id"] for h in found["hits"]] == ["P2"]
    paths = httpx.get(f"{api.url}/openapi.json").json()["paths"]
    assert {"/v1/chat", "/v1/sessions/{session_id}", "/v1/search", "/healthz"} <= set(paths)
