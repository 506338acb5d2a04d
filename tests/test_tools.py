"""Every tool through the registry on a real ingested shop: results, errors, identity."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.runtime import open_shop
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tools.context import SessionState, Shop, ToolContext
from tools.registry import ToolOutcome, all_tools, call_tool


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    root = tmp_path_factory.mktemp("tools")
    settings = Settings(home=root / "home")
    data = tiny_shop()
    data["customers"].append(  # a name with an accent, and no orders
        {"customer_id": "C9", "name": "Sara Gómez", "email": "sara@example.com", "zip": "32825"}
    )
    ingest_shop(write_shop(root / "shop", **data), settings, embedder=embedder)
    return open_shop(settings)


def ctx(shop: Shop, role: str = "visitor", customer: str | None = None) -> ToolContext:
    return ToolContext(shop=shop, session=SessionState(id="t", role=role, customer_id=customer))


def call(context: ToolContext, tool_name: str, **args) -> ToolOutcome:
    return call_tool(tool_name, args, context)


def test_the_public_tool_names() -> None:
    assert set(all_tools()) == {
        "search_products",
        "get_product",
        "compare_products",
        "recommend_products",
        "verify_customer",
        "list_orders",
        "get_order",
        "review_summary",
        "handoff",
        "catalog_report",
        "find_customer",
    }


def test_search_products_applies_explicit_filters_and_remembers_what_was_shown(shop) -> None:
    context = ctx(shop)
    out = call(context, "search_products", query="running shoes", max_price=100)
    assert out.ok, out.error
    assert [p["product_id"] for p in out.result["products"]] == ["P3"]
    assert out.result["products"][0]["reason"]
    assert context.session.shown_products == ["P3"]


@pytest.mark.parametrize(
    ("name", "args", "needle"),
    [
        ("search_products", {"query": "shoes", "max_price": -1}, "max_price"),
        ("search_products", {"query": "x", "min_price": 50, "max_price": 10}, "min_price"),
        ("get_product", {"product_id": "P404"}, "No product with id 'P404'"),
        ("compare_products", {"product_ids": ["P1", "P2", "P3", "P4", "P5"]}, "2 to 4"),
        ("compare_products", {"product_ids": ["P1"]}, "2 to 4"),
        ("compare_products", {"product_ids": ["P1", "P404"]}, "P404"),
        ("get_order", {}, "order_id"),
        ("no_such_tool", {}, "Unknown tool"),
    ],
)
def test_bad_arguments_come_back_as_readable_errors(shop, name, args, needle) -> None:
    out = call(ctx(shop, "customer", "C1"), name, **args)
    assert not out.ok and needle in out.error and "Traceback" not in out.error


def test_get_product_details_with_rating_summary(shop) -> None:
    out = call(ctx(shop), "get_product", product_id="P1")
    assert out.ok
    assert out.result["price"] == 549.0 and out.result["rating"]["count"] == 1
    assert out.result["rating"]["stars"]["5"] == 1


def test_a_customer_cannot_read_another_customers_order_by_id(shop) -> None:
    mine = call(ctx(shop, "customer", "C1"), "get_order", order_id="O-1")
    assert mine.ok and mine.result["status"] == "shipped"
    theirs = call(ctx(shop, "customer", "C1"), "get_order", order_id="O-2")
    missing = call(ctx(shop, "customer", "C1"), "get_order", order_id="O-999")
    assert not theirs.ok and not missing.ok
    assert theirs.error.replace("O-2", "X") == missing.error.replace("O-999", "X")


def test_a_customer_cannot_list_another_customers_orders(shop) -> None:
    own = call(ctx(shop, "customer", "C1"), "list_orders")
    assert own.ok and [o["order_id"] for o in own.result["orders"]] == ["O-1"]
    other = call(ctx(shop, "customer", "C1"), "list_orders", customer_id="C2")
    assert not other.ok and "O-2" not in other.error


def test_an_anonymous_visitor_sees_no_order_data_before_verifying(shop) -> None:
    visitor = ctx(shop)
    for name, args in (("get_order", {"order_id": "O-1"}), ("list_orders", {})):
        out = call(visitor, name, **args)
        assert not out.ok and "verify_customer" in out.error
    wrong = call(visitor, "verify_customer", email="ada@example.com", zip="99999")
    assert not wrong.ok and visitor.session.customer_id is None
    right = call(visitor, "verify_customer", email="ADA@example.com ", zip="10001")
    assert right.ok and visitor.session.customer_id == "C1"
    assert call(visitor, "get_order", order_id="O-1").ok
    assert not call(visitor, "get_order", order_id="O-2").ok


def test_verification_attempts_are_limited(shop) -> None:
    visitor = ctx(shop)
    for _ in range(shop.settings.verify_max_attempts):
        assert not call(visitor, "verify_customer", email="ada@example.com", zip="00000").ok
    locked = call(visitor, "verify_customer", email="ada@example.com", zip="10001")
    assert not locked.ok and "human" in locked.error and visitor.session.customer_id is None


def test_a_verified_session_cannot_switch_customer(shop) -> None:
    session = ctx(shop, "customer", "C1")
    out = call(session, "verify_customer", email="bo@example.com", zip="94110")
    assert not out.ok and session.session.customer_id == "C1"


def test_support_agents_may_look_up_any_order_and_customer(shop) -> None:
    agent = ctx(shop, "agent")
    assert call(agent, "get_order", order_id="O-2").result["customer_id"] == "C2"
    listed = call(agent, "list_orders", customer_id="C2")
    assert [o["order_id"] for o in listed.result["orders"]] == ["O-2"]


def test_recommendations_for_another_customer_are_refused(shop) -> None:
    out = call(ctx(shop, "customer", "C1"), "recommend_products", for_customer="C2")
    assert not out.ok and "own account" in out.error
    mine = call(ctx(shop, "customer", "C1"), "recommend_products", for_customer="C1")
    assert mine.ok and "P1" not in [p["product_id"] for p in mine.result["products"]]
    agent = call(ctx(shop, "agent"), "recommend_products", for_customer="C2")
    assert agent.ok


def test_compare_products_side_by_side(shop) -> None:
    out = call(ctx(shop), "compare_products", product_ids=["P1", "P2"])
    assert out.ok, out.error
    assert out.result["cheapest"] == "P2"
    assert set(out.result["attributes"]["color"]) == {"P1", "P2"}


def test_review_summary_counts_come_from_the_data(shop) -> None:
    out = call(ctx(shop), "review_summary", product_id="P1")
    assert out.ok, out.error
    assert out.result["summary"]["count"] == 1


@pytest.mark.parametrize("name", ["catalog_report", "find_customer"])
@pytest.mark.parametrize(("role", "customer"), [("visitor", None), ("customer", "C1")])
def test_staff_tools_refuse_anyone_but_a_support_agent(shop, name, role, customer) -> None:
    out = call(ctx(shop, role, customer), name, email="bo@example.com", about="shoes")
    assert not out.ok and "support agents" in out.error


def test_catalog_report_counts_a_categorys_products_out_of_stock_and_orders_by_rating(
    shop,
) -> None:
    agent = ctx(shop, "agent")
    out = call(agent, "catalog_report", about="running shoes", sort="rating_low")
    assert out.ok, out.error
    assert out.result["scope"] == "category" and out.result["of_total"] == 2
    ratings = [p["rating"] for p in out.result["products"]]
    assert ratings == sorted(ratings) and len(ratings) == 2
    out = call(agent, "catalog_report", about="dishwashers", stock="out")
    assert out.result["of_total"] == 2 and out.result["matched"] == len(out.result["products"])
    assert all(not p["in_stock"] for p in out.result["products"])
    out = call(agent, "catalog_report", about="kayaks")
    assert out.result["scope"] == "none" and out.result["products"] == []


def test_find_customer_by_email_in_any_case_or_by_name(shop) -> None:
    agent = ctx(shop, "agent")
    out = call(agent, "find_customer", email="BO@example.com")
    assert out.ok and [c["customer_id"] for c in out.result["customers"]] == ["C2"]
    assert out.result["customers"][0]["orders"] == 1
    out = call(agent, "find_customer", name="ada shopper")
    assert [c["customer_id"] for c in out.result["customers"]] == ["C1"]
    assert call(agent, "find_customer", email="nobody@example.com").result["total"] == 0
    out = call(agent, "find_customer", name="sara gomez")  # typed without the accent
    assert [c["customer_id"] for c in out.result["customers"]] == ["C9"]
    assert not call(agent, "find_customer").ok
