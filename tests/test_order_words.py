"""Order questions in customers' own words, on a small shop: what was bought named loosely ("the
lawnmower", "the book", "my gaming headset"), a status said in passing ("the blender i sent
back", "anything still being processed", "my returns"), "it" after a list of orders, and a
visitor's question asked together with their email and postal code."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.agent import Agent, build_agent
from assistant.events import FinalReply, ToolCall
from tests.conftest import ingested
from tests.shops import product

ADA = "C1"
KITCHEN, GAMING = "Home & Kitchen > Blenders", "Electronics > Gaming"


def _order(oid: str, status: str, placed: str, *items: tuple[str, str]) -> dict[str, Any]:
    lines = [{"product_id": p, "title": t, "quantity": 1, "unit_price": 10.0} for p, t in items]
    return {
        "order_id": oid,
        "customer_id": ADA,
        "status": status,
        "placed_at": f"{placed}T09:00:00Z",
        "items": lines,
        "total": 10.0 * len(lines),
        "currency": "USD",
        "shipping": {"carrier": "UPS"},
    }


BLENDER_A, BLENDER_B = ("B1", "Kelvar Personal Blender 900 W"), ("B2", "Brightmill Blender 1500 W")
BOTTLE = ("W1", "Trailhawk Insulated Water Bottle")
KEYBOARD, HEADSET = ("G1", "Corvex Gaming Keyboard"), ("G2", "Corvex H7 Gaming Headset")
CARRIER, SWADDLE = ("K1", "Tiny Steps Wrap Baby Carrier"), ("K2", "Kindred Baby Swaddle Blankets")
NOVEL, MOWER = (
    ("N1", "The Salt House Murders (Paperback)"),
    ("M1", "Greenthumb Cordless Lawn Mower"),
)


def _shop() -> dict[str, list[dict[str, Any]]]:
    categories = {
        "B1": KITCHEN, "B2": KITCHEN, "W1": "Sports & Outdoors > Water Bottles", "G1": GAMING,
        "G2": GAMING, "N1": "Books > Mystery", "M1": "Garden > Lawn Mowers",
        "K1": "Baby > Carriers", "K2": "Baby > Blankets",
    }  # fmt: skip
    titles = dict([BLENDER_A, BLENDER_B, BOTTLE, KEYBOARD, HEADSET, NOVEL, MOWER, CARRIER, SWADDLE])
    products = [product(pid, titles[pid], 50.0, cat) for pid, cat in categories.items()]
    orders = [
        _order("O-1", "returned", "2025-03-02", BLENDER_A),
        _order("O-2", "shipped", "2025-05-20", BLENDER_B, BOTTLE, SWADDLE),
        _order("O-3", "delivered", "2025-04-11", KEYBOARD, CARRIER),
        _order("O-4", "delivered", "2025-02-08", HEADSET),
        _order("O-5", "processing", "2025-05-18", NOVEL),
        _order("O-6", "cancelled", "2025-01-05", MOWER),
    ]
    customers = [{"customer_id": ADA, "name": "Ada Shopper", "email": "ada@example.com",
                  "zip": "10001"}]  # fmt: skip
    return {"products": products, "reviews": [], "customers": customers, "orders": orders}


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory, embedder) -> Agent:
    settings = ingested(tmp_path_factory, "order_words", embedder, **_shop())
    return build_agent(settings)


def _talk(agent: Agent, *messages: str, customer: str | None = ADA) -> list[tuple[list, str]]:
    session = agent.new_session(customer_id=customer)
    said = []
    for message in messages:
        events = list(agent.turn(session, message))
        final = next(e for e in events if isinstance(e, FinalReply))
        said.append(([(e.name, e.args) for e in events if isinstance(e, ToolCall)], final.text))
    return said


@pytest.mark.parametrize(
    ("message", "order", "status"),
    [
        ("did the blender i sent back get processed", "O-1", "returned"),
        ("did my gaming headset ever get delivered", "O-4", "delivered"),
        ("what happend to the lawnmower i ordered", "O-6", "cancelled"),
        ("yo did the book i just bought go thru", "O-5", "processing"),
        ("wheres the order with the baby carrier", "O-3", "delivered"),
    ],
)
def test_the_order_a_customer_means_by_what_was_in_it(
    agent: Agent, message: str, order: str, status: str
) -> None:
    [(calls, text)] = _talk(agent, message)
    assert calls[-1] == ("get_order", {"order_id": order})
    assert order in text and status in text


@pytest.mark.parametrize(
    ("message", "status", "orders"),
    [
        ("is anything of mine still being processed?", "processing", ["O-5"]),
        ("show me my returns", "returned", ["O-1"]),
    ],
)
def test_asking_which_orders_are_in_a_status_lists_them(
    agent: Agent, message: str, status: str, orders: list[str]
) -> None:
    [(calls, text)] = _talk(agent, message)
    assert calls == [("list_orders", {"status": status})]
    assert all(o in text for o in orders) and "O-2" not in text


def test_it_after_a_list_of_orders_is_each_of_them(agent: Agent) -> None:
    _, (calls, text) = _talk(agent, "which orders had a blender in them", "was it delivered?")
    assert calls == [("get_order", {"order_id": "O-2"}), ("get_order", {"order_id": "O-1"})]
    assert "shipped" in text and "returned" in text


def test_a_visitor_asking_with_email_and_zip_gets_the_answer_in_the_same_turn(
    agent: Agent,
) -> None:
    [(calls, text)] = _talk(
        agent, "hello! can u check on my order, email ada@example.com zip 10001", customer=None
    )
    assert [name for name, _ in calls] == ["verify_customer", "list_orders", "get_order"]
    assert "O-2" in text and "shipped" in text


def test_two_statuses_asked_in_two_ways_are_two_lists(agent: Agent) -> None:
    [(calls, text)] = _talk(agent, "what's still processing and what did i return")
    assert calls == [
        ("list_orders", {"status": "processing"}),
        ("list_orders", {"status": "returned"}),
    ]
    assert "O-5" in text and "O-1" in text


def test_a_product_question_about_an_item_of_the_order_asked_about_is_answered(
    agent: Agent,
) -> None:
    [(calls, text)] = _talk(agent, "wheres my keyboard order? also is that keyboard wireless")
    assert ("get_order", {"order_id": "O-3"}) in calls
    assert calls[-1] == ("get_product", {"product_id": "G1"})
    assert "O-3" in text and "Corvex Gaming Keyboard (G1)" in text


@pytest.mark.parametrize("message", ["what was in the order i sent back", "what was it i returned"])
def test_what_was_in_the_one_order_of_a_status_shows_its_items(agent: Agent, message: str) -> None:
    [(calls, text)] = _talk(agent, message)
    assert calls == [("list_orders", {"status": "returned"}), ("get_order", {"order_id": "O-1"})]
    assert "Kelvar Personal Blender" in text


@pytest.mark.parametrize(
    ("message", "order"), [("hey where's my book", "O-5"), ("hey where's my bottle", "O-2")]
)
def test_a_greeting_before_an_order_question_leaves_it_an_order_question(
    agent: Agent, message: str, order: str
) -> None:
    [(calls, text)] = _talk(agent, message)
    assert calls[-1] == ("get_order", {"order_id": order})
    assert order in text
