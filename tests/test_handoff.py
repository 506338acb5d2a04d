"""The hand-off inbox over a real HTTP server: either brain hands off through the `handoff`
tool, agents list, read, answer and close, and the customer's conversation gets the reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from langchain_core.messages import AIMessage

from assistant.agent import Agent
from assistant.config import Settings
from assistant.planner.model import OfflinePlanner
from assistant.runtime import open_shop
from assistant.sessions import SessionStore
from assistant.testing import ScriptedChatModel, tool_call
from retrieval.audit import recent
from retrieval.handoffs import HandoffStore
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_api import Running
from ui.auth import mint_token
from ui.inbox import queue_rows, transcript_messages


@pytest.fixture
def settings(tmp_path: Path, embedder) -> Settings:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    return settings


@pytest.fixture
def api(settings: Settings) -> Iterator[Running]:
    with Running(settings, ScriptedChatModel()) as running:
        yield running


def _as(api: Running, subject: str, role: str = "customer") -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(api.key, subject, role)}"}


def _chat(api: Running, message: str, headers: dict, session_id: str | None = None) -> dict:
    body = {"message": message, "stream": False, "session_id": session_id}
    response = httpx.post(f"{api.url}/v1/chat", json=body, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_hand_off_round_trip_from_the_llm_to_an_agent_and_back(api: Running) -> None:
    ada, sam = _as(api, "C1"), _as(api, "Sam", "agent")
    api.model.script += [
        tool_call("handoff", reason="refund for a damaged dishwasher"),
        AIMessage("A colleague from our support team will answer here."),
    ]
    turn = _chat(api, "my dishwasher arrived broken, I want my money back", ada)
    session = turn["session_id"]
    final = next(e for e in turn["events"] if e["type"] == "final")
    assert final["handoff"] == "refund for a damaged dishwasher"

    assert httpx.get(f"{api.url}/v1/handoffs", headers=ada).status_code == 403
    queue = httpx.get(f"{api.url}/v1/handoffs", headers=sam).json()
    assert [(h["session_id"], h["status"], h["customer_id"]) for h in queue] == [
        (session, "waiting", "C1")
    ]
    assert queue[0]["waiting_s"] >= 0
    handoff_id = queue[0]["handoff_id"]
    detail = httpx.get(f"{api.url}/v1/handoffs/{handoff_id}", headers=sam).json()
    said = [m["data"]["content"] for m in detail["messages"] if m["type"] == "human"]
    assert said == ["my dishwasher arrived broken, I want my money back"]

    polled = httpx.get(f"{api.url}/v1/sessions/{session}/replies", headers=ada).json()
    assert polled["replies"] == [] and polled["handoff"]["status"] == "waiting"
    sent = httpx.post(
        f"{api.url}/v1/handoffs/{handoff_id}/reply",
        json={"text": "Hi Ada, I'm Sam. I've started your refund."},
        headers=sam,
    )
    assert sent.status_code == 200
    polled = httpx.get(
        f"{api.url}/v1/sessions/{session}/replies", params={"after": polled["cursor"]}, headers=ada
    ).json()
    assert [(r["author"], r["text"]) for r in polled["replies"]] == [
        ("Sam", "Hi Ada, I'm Sam. I've started your refund.")
    ]
    assert polled["handoff"]["status"] == "open" and polled["handoff"]["agent"] == "Sam"
    again = httpx.get(
        f"{api.url}/v1/sessions/{session}/replies", params={"after": polled["cursor"]}, headers=ada
    ).json()
    assert again["replies"] == []
    other = httpx.get(f"{api.url}/v1/sessions/{session}/replies", headers=_as(api, "C2"))
    assert other.status_code == 404  # nobody else reads the conversation

    transcript = httpx.get(f"{api.url}/v1/sessions/{session}", headers=ada).json()["messages"]
    assert transcript[-1]["data"]["additional_kwargs"]["person"] == "Sam"

    closed = httpx.post(f"{api.url}/v1/handoffs/{handoff_id}/close", headers=sam).json()
    assert closed["status"] == "closed"
    assert httpx.get(f"{api.url}/v1/handoffs", headers=sam).json() == []
    late = httpx.post(
        f"{api.url}/v1/handoffs/{handoff_id}/reply", json={"text": "one more"}, headers=sam
    )
    assert late.status_code == 409
    engine = api.server.config.app.state.server.agent.shop.engine
    kinds = [e.kind for e in recent(engine, limit=20)]
    assert {"handoff_created", "handoff_reply", "handoff_closed"} <= set(kinds)


def test_the_offline_planner_hands_off_through_the_same_tool(settings: Settings) -> None:
    shop = open_shop(settings)
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    state = agent.new_session()
    events = list(agent.turn(state, "I want to talk to a human"))
    calls = [e for e in events if e.type == "tool_call"]
    assert [c.name for c in calls] == ["handoff"]
    final = events[-1]
    assert final.type == "final" and final.handoff == "human"
    store = HandoffStore(shop.engine)
    (waiting,) = store.queue()
    assert waiting.session_id == state.id and waiting.reason == "human"
    list(agent.turn(state, "please, a real person"))
    assert [h.handoff_id for h in store.queue()] == [waiting.handoff_id]  # one per conversation


def test_a_locked_verification_is_handed_to_the_team(settings: Settings) -> None:
    shop = open_shop(settings)
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    state = agent.new_session()
    for _ in range(settings.verify_max_attempts + 1):
        events = list(agent.turn(state, "where is my order? ada@example.com 99999"))
    assert events[-1].handoff == "locked"
    (waiting,) = HandoffStore(shop.engine).queue()
    assert waiting.reason == "locked" and waiting.customer_id is None


def test_console_labels_speak_to_agents(settings: Settings) -> None:
    shop = open_shop(settings)
    store = HandoffStore(shop.engine)
    sessions = SessionStore(shop.engine)
    state = sessions.create()
    sessions.save(
        state,
        [
            tool_call("get_order", order_id="O-1"),
        ],
    )
    view, _ = store.open(state.id, "C1", "locked")
    store.reply(view.handoff_id, "Sam", "Hello <img src=x onerror=alert(1)>")
    rows = queue_rows(store.queue())
    assert rows[0][1:4] == ["open", "Identity check locked after failed attempts", "C1"]
    shown = transcript_messages(sessions.transcript(state.id))
    assert shown[0].metadata["title"] == "Order lookup: O-1"
    assert shown[-1].content.startswith("**Sam (support):** Hello &lt;img")
    assert "your" not in " ".join(str(m.metadata) for m in shown).lower()
