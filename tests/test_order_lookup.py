"""Orders found the way customers name them: by an id typed any way, by month, by what was in
them, on a shop whose ids look nothing like the demo's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.agent import Agent, build_agent
from assistant.events import FinalReply, ToolCall
from tests.conftest import ingested
from tests.shops import tiny_shop
from tools.context import SessionState, ToolContext
from tools.registry import call_tool

ADA = "8f14e45f-ceea-467f-a0b6-7e4c1d2f0a11"
MARCH, MAY = "a3f5c2d1e4b6978812345678abcdef01", "b7e1d9c3a5f2468013579bdf2468ace0"


def _shop() -> dict[str, list[dict[str, Any]]]:
    shop = tiny_shop()
    shop["customers"][0]["customer_id"] = ADA
    first, second = shop["orders"]
    first |= {"order_id": MAY, "customer_id": ADA}
    second |= {"order_id": MARCH, "customer_id": ADA, "placed_at": "2025-03-10T09:00:00Z"}
    for review in shop["reviews"]:
        review.pop("customer_id", None)
    return shop


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory, embedder) -> Agent:
    settings = ingested(tmp_path_factory, "orders", embedder, **_shop())
    return build_agent(settings)


def _ada(agent: Agent) -> ToolContext:
    return ToolContext(agent.shop, SessionState(id="s", role="customer", customer_id=ADA))


def test_list_orders_narrows_by_month_and_by_item(agent: Agent) -> None:
    def ids(**args: Any) -> list[str]:
        outcome = call_tool("list_orders", args, _ada(agent))
        assert outcome.ok, outcome.error
        return [o["order_id"] for o in outcome.result["orders"]]

    assert ids() == [MAY, MARCH]
    assert ids(month=3) == [MARCH] and ids(month=7) == []
    assert ids(containing="running shoe") == [MARCH] and ids(containing="kayak") == []


def test_get_order_takes_an_id_typed_differently(agent: Agent) -> None:
    outcome = call_tool("get_order", {"order_id": f"#{MAY.upper()}"}, _ada(agent))
    assert outcome.ok and outcome.result["order_id"] == MAY


def _turn(agent: Agent, message: str) -> tuple[list[ToolCall], str]:
    events = list(agent.turn(agent.new_session(customer_id=ADA), message))
    final = next(e for e in events if isinstance(e, FinalReply))
    return [e for e in events if isinstance(e, ToolCall)], final.text


@pytest.mark.parametrize(
    ("message", "order", "status"),
    [
        ("what did I order in March?", MARCH, "delivered"),
        ("where is my order placed in may", MAY, "shipped"),
        (f"any news on {MARCH[:8]} {MARCH[8:16]} {MARCH[16:24]} {MARCH[24:]}?", MARCH, "delivered"),
        ("where's the order with the running shoes?", MARCH, "delivered"),
    ],
)
def test_the_planner_finds_the_order_a_customer_means(
    agent: Agent, message: str, order: str, status: str
) -> None:
    calls, text = _turn(agent, message)
    assert calls[-1].name == "get_order" and calls[-1].args == {"order_id": order}
    assert order in text and status in text


def test_a_month_without_orders_is_said_honestly(agent: Agent, tmp_path: Path) -> None:
    calls, text = _turn(agent, "show my orders from July")
    assert [c.name for c in calls] == ["list_orders"] and calls[0].args.get("month") == 7
    assert "no orders" in text and "July" in text
