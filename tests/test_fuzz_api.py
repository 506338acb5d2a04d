"""Bad input: hypothesis bodies from the app's own OpenAPI schema find no 500; sizes; slots."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.agent import Agent
from assistant.config import Settings
from assistant.planner import slots
from assistant.planner.model import OfflinePlanner
from assistant.planner.state import PlannerContext
from assistant.sessions import SessionStore
from retrieval.ingest import ingest_shop
from retrieval.search import Searcher
from retrieval.shop_index import ShopIndex
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_faults_llm import Served
from tools.context import Shop
from ui.auth import mint_token, secret_key
from ui.server import MAX_BODY_BYTES, create_app

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHARS = st.characters(exclude_categories=("Cs",))  # JSON bodies are UTF-8: no lone surrogates
HEADER_CHARS = st.characters(min_codepoint=32, max_codepoint=255, exclude_categories=("Cc",))
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(CHARS, max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


class Api:
    """The running app, its OpenAPI document and a few valid credentials and session ids."""

    def __init__(self, served: Served, spec: dict[str, Any], key: bytes, sessions: list[str]):
        self.url, self.spec, self.key, self.sessions = served.url, spec, key, sessions


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[Api]:
    """The offline agent over the tiny shop behind a real server, rate limits out of the way."""
    root = tmp_path_factory.mktemp("fuzz")
    config = Settings(home=root / "home", rate_limit_per_minute=60_000, rate_limit_burst=1000)
    ingest_shop(write_shop(root / "shop", **tiny_shop()), config, embedder=embedder)
    searcher = Searcher(config, embedder=embedder)
    shop = Shop(settings=config, engine=searcher.engine, searcher=searcher)
    agent = Agent(shop, SessionStore(shop.engine), OfflinePlanner())
    visitor = agent.new_session().id
    customer = agent.new_session(customer_id="C1")
    customer.token_bound = True
    agent.sessions.save(customer)
    with Served(create_app(config, agent)) as served:
        spec = httpx.get(f"{served.url}/openapi.json").json()
        yield Api(served, spec, secret_key(config), [visitor, customer.id])


# ---------------------------------------------------------------- schema -> strategy


def from_schema(schema: dict[str, Any], spec: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid for the JSON-schema subset FastAPI emits ($ref, anyOf, scalars, objects)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: from_schema(spec["components"]["schemas"][name], spec))
    if "anyOf" in schema:
        return st.one_of([from_schema(s, spec) for s in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        size = min(schema.get("maxLength", 200), 200)
        return st.text(CHARS, min_size=schema.get("minLength", 0), max_size=size)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        low, high = schema.get("minimum"), schema.get("maximum")
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), spec), max_size=5)
    if kind == "object":
        properties = {k: from_schema(v, spec) for k, v in schema.get("properties", {}).items()}
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: v for k, v in properties.items() if k in required},
            optional={k: v for k, v in properties.items() if k not in required},
        )
    return JSON


def body_of(api: Api, path: str) -> st.SearchStrategy[Any]:
    """Valid bodies of a POST path, the same with one field broken, and arbitrary JSON."""
    content = api.spec["paths"][path]["post"]["requestBody"]["content"]
    valid = from_schema(content["application/json"]["schema"], api.spec)

    def break_one(body: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        return body | {key: value}

    broken = st.builds(
        break_one,
        valid.filter(lambda b: isinstance(b, dict)),
        st.sampled_from(["message", "session_id", "stream", "query", "k", "filters", "extra"]),
        JSON,
    )
    return st.one_of(valid, valid, broken, JSON)


def headers_of(api: Api) -> st.SearchStrategy[dict[str, bytes]]:
    """No token, a genuine customer or agent token, a broken one, or an arbitrary header."""
    genuine = [mint_token(api.key, "C1"), mint_token(api.key, "ops", "agent")]
    tokens = st.sampled_from(genuine) | st.builds(
        lambda t, junk: t[: len(t) // 2] + junk,
        st.sampled_from(genuine),
        st.text(HEADER_CHARS, max_size=10),
    )
    header = st.one_of(
        st.builds(lambda t: b"Bearer " + t.strip().encode("latin-1"), tokens),
        st.text(HEADER_CHARS, max_size=40).map(lambda t: t.strip().encode("latin-1")),
    )
    return st.one_of(st.just({}), st.builds(lambda h: {"Authorization": h} if h else {}, header))


def _checked(response: httpx.Response) -> httpx.Response:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    return response


@FUZZ
@given(data=st.data())
def test_chat_bodies_from_the_schema_never_get_a_500(api: Api, data: st.DataObject) -> None:
    body = data.draw(body_of(api, "/v1/chat"), label="body")
    if isinstance(body, dict) and body.get("stream", True) is True:
        body["stream"] = False
    if isinstance(body, dict) and data.draw(st.booleans(), label="known session"):
        body["session_id"] = data.draw(st.sampled_from(api.sessions))
    headers = data.draw(headers_of(api), label="headers")
    response = _checked(httpx.post(f"{api.url}/v1/chat", json=body, headers=headers, timeout=60))
    if response.status_code == 200 and not response.headers["content-type"].startswith("text/"):
        assert isinstance(response.json()["reply"], str) and response.json()["reply"]


@FUZZ
@given(data=st.data())
def test_search_bodies_from_the_schema_never_get_a_500(api: Api, data: st.DataObject) -> None:
    body = data.draw(body_of(api, "/v1/search"), label="body")
    response = _checked(httpx.post(f"{api.url}/v1/search", json=body, timeout=60))
    if response.status_code == 200:
        assert isinstance(response.json()["hits"], list)


@FUZZ
@given(
    session_id=st.text(CHARS, max_size=80) | st.sampled_from(["..", "%00", "a" * 5000, "é/ü"]),
    data=st.data(),
)
def test_session_ids_and_tokens_never_get_a_500(
    api: Api, session_id: str, data: st.DataObject
) -> None:
    if data.draw(st.booleans(), label="known session"):
        session_id = data.draw(st.sampled_from(api.sessions))
    headers = data.draw(headers_of(api), label="headers")
    url = f"{api.url}/v1/sessions/{quote(session_id, safe='')}"
    response = _checked(httpx.get(url, headers=headers, timeout=30))
    assert response.status_code in (200, 307, 401, 404, 405, 422)
    if response.status_code == 307:  # "x/" (an encoded slash) redirects to "x", which is checked
        assert session_id.endswith("/") and "/v1/sessions" in response.headers["location"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (b'{"message": "hi"}', "text/plain"),
        (b"[]", "application/json"),
        (b'{"message": "\\ud800"}', "application/json"),
        (b"null", "application/json"),
    ],
)
def test_malformed_bodies_are_client_errors(api: Api, content: bytes, content_type: str) -> None:
    for path in ("/v1/chat", "/v1/search"):
        response = httpx.post(
            f"{api.url}{path}", content=content, headers={"content-type": content_type}
        )
        assert 400 <= _checked(response).status_code < 500


# ---------------------------------------------------------------- sizes


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(extra=st.integers(1, 200), char=st.sampled_from(["x", "é", "😀", " y"]))
def test_oversized_messages_get_413(api: Api, extra: int, char: str) -> None:
    limit = Settings().max_message_chars
    message = (char * (limit + extra))[: limit + extra]
    response = httpx.post(f"{api.url}/v1/chat", json={"message": message, "stream": False})
    assert response.status_code == 413


def test_the_largest_allowed_message_is_answered(api: Api) -> None:
    message = "dishwasher " * (Settings().max_message_chars // 11)
    response = httpx.post(
        f"{api.url}/v1/chat", json={"message": message, "stream": False}, timeout=60
    )
    assert response.status_code == 200 and response.json()["reply"]


def test_an_oversized_body_is_refused_even_without_content_length(api: Api) -> None:
    blob = b'{"message": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(blob), 8192):
            yield blob[start : start + 8192]

    for path in ("/v1/chat", "/v1/search"):
        response = httpx.post(
            f"{api.url}{path}", content=chunks(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413, (path, response.status_code)


# ---------------------------------------------------------------- the planner's slot parsers

_DIGITS = st.text(st.sampled_from("0123456789"), min_size=1, max_size=40) | st.sampled_from(
    ["0", "00", "1e9", "999,999,999", "1,000,000,000,000", "٣٤٥", "１２", "12.999", "-5", ".5"]
)
_PRICE = st.sampled_from(
    ["under ${}", "below {} dollars", "between ${} and ${}", "${}-${}", "from {} to {}",
     "over ${}", "at least {} bucks", "{} or less", "max {}", "<={}", "{} stars", "rated {}+"]
)  # fmt: skip
_ORDER = st.sampled_from(
    ["O-{}", "order {}", "order number {}", "#{}", "o{}", "order #: {}", "O- {}", "O-{}-{}"]
)
_ORDINAL = st.sampled_from(
    ["the {}th one", "#{}", "number {}", "item {}", "{} and {}", "the first {}", "top {}",
     "second to last", "the last one", "both", "all three", "the {}nd and {}rd", "{} vs {}"]
)  # fmt: skip


def _phrase(template: str, numbers: list[str]) -> str:
    count = template.count("{}")
    return template.format(*(numbers * count)[:count])


_PHRASE = st.builds(_phrase, _PRICE | _ORDER | _ORDINAL, st.lists(_DIGITS, min_size=1, max_size=3))
_MESSAGE = st.lists(_PHRASE | st.text(max_size=15), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MESSAGE)
def test_price_order_and_ordinal_phrases_parse_within_bounds(text: str) -> None:
    filters = slots.price_filters(text)
    for price in (filters.min_price, filters.max_price):
        assert price is None or price >= 0
    assert filters.min_rating is None or 0 < filters.min_rating <= 5
    assert isinstance(slots.query_text(text), str)
    index = ShopIndex.build({"order": ["O-10023", "O-10024"], "product": ["P00012"]})
    assert all(m.known or m.kind != "order" or m.id in text for m in index.matches(text))
    for bare in (False, True):
        positions = slots.ordinals(text, bare_pairs=bare)
        assert all(-2 <= p < 20 for p in positions) and len(positions) == len(set(positions))
    assert slots.price_direction(text) in (None, "down", "up")
    assert isinstance(slots.wants_better_rated(text), bool)
    for bare in (False, True):
        assert slots.zip_code(text, bare=bare) is None or slots.zip_code(text, bare=bare)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_MESSAGE, role=st.sampled_from(["visitor", "customer"]))
def test_the_planner_answers_structured_phrases(text: str, role: str) -> None:
    context = PlannerContext(role, "C00042" if role == "customer" else None)  # type: ignore[arg-type]
    system = SystemMessage("You are a shopping assistant.")
    message = OfflinePlanner().for_context(context).invoke([system, HumanMessage(text)])
    assert message.tool_calls or str(message.content).strip()
