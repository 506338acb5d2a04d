"""LLM faults: the real agent on `openai_chat_model` against the fake vLLM server, over HTTP.

Every fault must still answer the customer (by a retry or by the planner, as `fallback` says),
leave one human message and one final reply in the stored session, let the conversation go on,
and show up in `/metrics`.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from assistant.agent import Agent
from assistant.config import Settings
from assistant.fake_llm_server import CutStream, Delay, Error, FakeLLMServer, Text, tool_calls
from assistant.llm import openai_chat_model
from assistant.planner.model import OfflinePlanner
from assistant.sessions import SessionStore
from prompts import load_yaml
from retrieval.ingest import ingest_shop
from retrieval.search import Searcher
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tools.context import Shop
from ui.auth import mint_token, secret_key
from ui.server import create_app

QUESTION = "where is my order O-1?"
LLM_REPLY = "Order O-1 has shipped with UPS."
MAX_STEPS = 4


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """An app served by uvicorn on 127.0.0.1 in a thread: `with Served(app) as api: api.url`."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server root."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started, "uvicorn did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextmanager
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections (bound, never listening)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def chat(api: Served, message: str, headers: dict[str, str], stream: bool, **body: Any) -> dict:
    """One turn over HTTP; returns the final event (plus session_id and the streamed text)."""
    payload = {"message": message, "stream": stream, **body}
    if not stream:
        response = httpx.post(f"{api.url}/v1/chat", json=payload, headers=headers, timeout=60)
        assert response.status_code == 200, response.text
        data = response.json()
        final = next(e for e in data["events"] if e["type"] == "final")
        return final | {"session_id": data["session_id"], "streamed": data["reply"]}
    events: list[tuple[str, dict]] = []
    with httpx.stream(
        "POST", f"{api.url}/v1/chat", json=payload, headers=headers, timeout=60
    ) as response:
        assert response.status_code == 200
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    assert events[0][0] == "session" and events[-1][0] == "final", events
    streamed = ""
    for name, data in events:  # as a client shows it: a reset drops what came before
        if name == "text_reset":
            streamed = ""
        elif name == "text_delta":
            streamed += data["text"]
    return events[-1][1] | {"session_id": events[0][1]["session_id"], "streamed": streamed}


def fallbacks_counted(api: Served) -> float:
    """`shopassist_fallbacks_total` as the server reports it."""
    for line in httpx.get(f"{api.url}/metrics").text.splitlines():
        if line.startswith("shopassist_fallbacks_total "):
            return float(line.split()[1])
    raise AssertionError("no shopassist_fallbacks_total in /metrics")


@dataclass(frozen=True)
class Fault:
    """One injected LLM fault and how the turn must end."""

    name: str
    script: Callable[[FakeLLMServer], None]
    fallback: bool
    reply: str | None = None  # the LLM's reply when it answers; None: the planner answers
    refused: bool = False


def _always(reply: Any) -> Callable[[FakeLLMServer], None]:
    def script(fake: FakeLLMServer) -> None:
        fake.responder = lambda body: reply

    return script


def _queue(*replies: Any) -> Callable[[FakeLLMServer], None]:
    def script(fake: FakeLLMServer) -> None:
        for reply in replies:
            fake.push(Text(reply) if isinstance(reply, str) else reply)

    return script


GET_O1 = tool_calls([{"name": "get_order", "arguments": {"order_id": "O-1"}}])
BROKEN = tool_calls([{"name": "get_order", "arguments": '{"order_id": O-1}'}])
FAULTS = [
    Fault("refused connection", _queue(), True, refused=True),
    Fault("timeout", _always(Delay(5)), True),
    Fault("http 500", _always(Error(500, "engine died")), True),
    Fault("http 429 then answer", _queue(Error(429, retry_after=0.2), LLM_REPLY), False, LLM_REPLY),
    Fault("stream cut", _always(CutStream(3)), True),
    Fault("malformed tool-call json", _always(BROKEN), True),
    Fault("malformed once, then repaired", _queue(BROKEN, GET_O1, LLM_REPLY), False, LLM_REPLY),
    Fault(
        "unknown tool",
        _queue(tool_calls([{"name": "cancel_order", "arguments": {"order_id": "O-1"}}]), LLM_REPLY),
        False,
        LLM_REPLY,
    ),
    Fault("tool-call loop", _always(GET_O1), False, load_yaml("fallback.yaml")["step_limit"]),
]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    """The tiny shop, ingested once for the module."""
    root = tmp_path_factory.mktemp("faults")
    settings = Settings(
        home=root / "home",
        rate_limit_per_minute=6000,
        rate_limit_burst=100,
        max_tool_calls_per_turn=MAX_STEPS,
    )
    ingest_shop(write_shop(root / "shop", **tiny_shop()), settings, embedder=embedder)
    searcher = Searcher(settings, embedder=embedder)
    return Shop(settings=settings, engine=searcher.engine, searcher=searcher)


def llm_agent(shop: Shop, base_url: str) -> Agent:
    """The production agent: ChatOpenAI (short timeout, one retry) with the planner fallback."""
    settings = shop.settings.model_copy(
        update={
            "llm_base_url": base_url,
            "llm_api_key": SecretStr("test-key"),
            "llm_timeout_s": 0.5,
            "llm_max_retries": 1,
        }
    )
    llm = openai_chat_model(settings)
    return Agent(shop, SessionStore(shop.engine), OfflinePlanner(), llm=llm, settings=settings)


def _messages(api: Served, session_id: str, headers: dict[str, str]) -> list[dict]:
    response = httpx.get(f"{api.url}/v1/sessions/{session_id}", headers=headers)
    assert response.status_code == 200
    return response.json()["messages"]


def _assert_consistent(messages: list[dict], said: list[str], replies: list[str]) -> None:
    """One human message and exactly one final reply per turn, in order, nothing else lost."""
    humans = [m["data"]["content"] for m in messages if m["type"] == "human"]
    finals = [m for m in messages if m["type"] == "ai" and not m["data"].get("tool_calls")]
    assert humans == said
    assert [m["data"]["content"] for m in finals] == replies
    assert [m["turn"] for m in finals] == list(range(1, len(said) + 1))
    assert messages[-1] is finals[-1]


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_a_faulty_llm_still_answers_and_the_session_goes_on(
    shop: Shop, fault: Fault, stream: bool
) -> None:
    with FakeLLMServer() as fake, closed_port() as port:
        base_url = f"http://127.0.0.1:{port}/v1" if fault.refused else fake.base_url
        agent = llm_agent(shop, base_url)
        with Served(create_app(agent.settings, agent)) as api:
            headers = {"Authorization": f"Bearer {mint_token(secret_key(agent.settings), 'C1')}"}
            fault.script(fake)
            first = chat(api, QUESTION, headers, stream)
            assert first["fallback"] is fault.fallback
            if fault.reply is None:
                assert first["backend"] == "offline"
                assert "O-1" in first["text"] and "shipped" in first["text"]
            else:
                assert first["backend"] == "llm" and first["text"] == fault.reply
            if not stream or fault.name != "stream cut":
                assert first["streamed"] == first["text"]
            assert len(fake.requests) <= 2 * (MAX_STEPS + 1)  # bounded, no retry storm
            session_id = first["session_id"]
            _assert_consistent(_messages(api, session_id, headers), [QUESTION], [first["text"]])

            fake.responder = None
            fake.push_text("You're welcome.")
            sent = len(fake.requests)
            second = chat(api, "thanks", headers, stream, session_id=session_id)
            assert second["session_id"] == session_id
            if fault.refused:
                assert second["fallback"] and second["backend"] == "offline"
            else:
                assert second["text"] == "You're welcome." and not second["fallback"]
                resumed = json.dumps(fake.requests[sent]["messages"])
                assert QUESTION in resumed and json.dumps(first["text"])[1:-1] in resumed
                fake.assert_all_used()
            said, replies = [QUESTION, "thanks"], [first["text"], second["text"]]
            _assert_consistent(_messages(api, session_id, headers), said, replies)
            expected = int(fault.fallback) + int(fault.refused)
            assert fallbacks_counted(api) == expected


def test_text_streamed_before_a_cut_is_not_shown_with_the_fallback_reply(shop: Shop) -> None:
    with FakeLLMServer() as fake:
        agent = llm_agent(shop, fake.base_url)
        fake.responder = lambda body: CutStream(3)
        with Served(create_app(agent.settings, agent)) as api:
            final = chat(api, "tell me about P1", {}, stream=True)
    assert final["fallback"] and "P1" in final["text"]
    assert final["streamed"] == final["text"]
