"""The fake vLLM server speaks the wire format the real `openai` client expects."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import openai
import pytest

from assistant.fake_llm_server import FakeLLMServer, Text, ToolCalls, tool_calls

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "search_products",
            "description": "Search the catalog.",
            "parameters": {"type": "object", "properties": {"query": {"type": "string"}}},
        },
    }
]
MESSAGES = [{"role": "user", "content": "a kettle please"}]


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    """A started server, stopped after the test."""
    with FakeLLMServer() as fake:
        yield fake


@pytest.fixture
def client(server: FakeLLMServer) -> openai.OpenAI:
    """The real OpenAI client with an explicit key, short timeout and no retries."""
    return openai.OpenAI(base_url=server.base_url, api_key="test-key", timeout=2, max_retries=0)


def test_text_non_streaming(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_text("Hello, shopper!")
    reply = client.chat.completions.create(model=server.model, messages=MESSAGES)
    assert reply.object == "chat.completion"
    assert reply.id.startswith("chatcmpl-")
    assert reply.choices[0].message.content == "Hello, shopper!"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.total_tokens > 0
    assert server.requests[0]["messages"] == MESSAGES
    assert server.request_headers[0]["authorization"] == "Bearer test-key"
    server.assert_all_used()


def test_tool_calls_non_streaming(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_tool_calls([{"name": "search_products", "arguments": {"query": "kettle"}}])
    reply = client.chat.completions.create(
        model=server.model, messages=MESSAGES, tools=TOOLS, tool_choice="auto"
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    (call,) = choice.message.tool_calls or []
    assert call.type == "function"
    assert call.id.startswith("chatcmpl-tool-")
    assert call.function.name == "search_products"
    assert json.loads(call.function.arguments) == {"query": "kettle"}
    sent = server.requests[0]
    assert sent["tools"] == TOOLS and sent["tool_choice"] == "auto"
    assert not sent.get("stream")


def test_text_streaming_with_usage(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_text("Three kettles match.")
    stream = client.chat.completions.create(
        model=server.model, messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[0].choices[0].delta.content == ""
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Three kettles match."
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) > 1
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert server.requests[0]["stream"] is True


def test_tool_calls_streaming(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_tool_calls(
        [
            {"name": "search_products", "arguments": {"query": "kettle", "max_price": 40}},
            {"name": "search_products", "arguments": {"query": "teapot"}},
        ]
    )
    stream = client.chat.completions.create(
        model=server.model, messages=MESSAGES, tools=TOOLS, stream=True
    )
    chunks = list(stream)
    deltas = [d for c in chunks for d in (c.choices[0].delta.tool_calls or [])]
    heads = [d for d in deltas if d.id]
    assert [(d.index, d.type, d.function.name) for d in heads] == [
        (0, "function", "search_products"),
        (1, "function", "search_products"),
    ]
    assert all(d.id.startswith("chatcmpl-tool-") for d in heads)
    fragments = [d for d in deltas if d.index == 0 and d.function.arguments]
    assert len(fragments) > 1
    args = "".join(f.function.arguments for f in fragments)
    assert json.loads(args) == {"query": "kettle", "max_price": 40}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
    assert all(c.usage is None for c in chunks)


def test_raw_string_arguments_are_sent_verbatim(
    server: FakeLLMServer, client: openai.OpenAI
) -> None:
    server.push_tool_calls([{"name": "search_products", "arguments": '{"query": "kett'}])
    reply = client.chat.completions.create(model=server.model, messages=MESSAGES, tools=TOOLS)
    assert reply.choices[0].message.tool_calls[0].function.arguments == '{"query": "kett'


def test_error_envelope_and_retry_after(server: FakeLLMServer) -> None:
    server.push_error(429, retry_after=1)
    server.push_error(500, message="engine died")
    response = httpx.post(f"{server.base_url}/chat/completions", json={"messages": MESSAGES})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert response.json()["error"]["code"] == 429
    response = httpx.post(f"{server.base_url}/chat/completions", json={"messages": MESSAGES})
    assert response.json() == {
        "error": {
            "message": "engine died",
            "type": "InternalServerError",
            "param": None,
            "code": 500,
        }
    }


def test_server_error_raises(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_error(500)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model=server.model, messages=MESSAGES)


def test_rate_limit_is_retried_after_retry_after(server: FakeLLMServer) -> None:
    server.push_error(429, retry_after=0.05)
    server.push_text("ok")
    retrying = openai.OpenAI(base_url=server.base_url, api_key="k", timeout=2, max_retries=1)
    reply = retrying.chat.completions.create(model=server.model, messages=MESSAGES)
    assert reply.choices[0].message.content == "ok"
    assert len(server.requests) == 2


def test_delay_past_timeout_raises(server: FakeLLMServer) -> None:
    server.push_delay(2, then=Text("too late"))
    impatient = openai.OpenAI(base_url=server.base_url, api_key="k", timeout=0.3, max_retries=0)
    with pytest.raises(openai.APITimeoutError):
        impatient.chat.completions.create(model=server.model, messages=MESSAGES)


def test_cut_stream_raises(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_cut_stream(after_chunks=2)
    stream = client.chat.completions.create(model=server.model, messages=MESSAGES, stream=True)
    received = []
    with pytest.raises(openai.APIConnectionError):
        for chunk in stream:
            received.append(chunk)
    assert len(received) == 2


def test_cut_non_streaming_response_raises(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.push_cut_stream()
    with pytest.raises(openai.APIConnectionError):
        client.chat.completions.create(model=server.model, messages=MESSAGES)


def test_empty_queue_fails_loudly(server: FakeLLMServer, client: openai.OpenAI) -> None:
    with pytest.raises(openai.InternalServerError, match="no scripted reply"):
        client.chat.completions.create(model=server.model, messages=MESSAGES)
    assert server.problems
    with pytest.raises(AssertionError):
        server.assert_all_used()


def test_responder_scripts_multi_turn(server: FakeLLMServer, client: openai.OpenAI) -> None:
    def responder(body: dict) -> Text | ToolCalls | str:
        if body["messages"][-1]["role"] == "tool":
            return "Found: " + body["messages"][-1]["content"]
        return tool_calls([{"name": "search_products", "arguments": {"query": "kettle"}}])

    server.responder = responder
    first = client.chat.completions.create(model=server.model, messages=MESSAGES, tools=TOOLS)
    call = first.choices[0].message.tool_calls[0]
    follow_up = [
        *MESSAGES,
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "Steel kettle"},
    ]
    second = client.chat.completions.create(model=server.model, messages=follow_up, tools=TOOLS)
    assert second.choices[0].message.content == "Found: Steel kettle"
    assert server.requests[1]["messages"][1]["tool_calls"][0]["id"] == call.id


def test_unknown_model_is_404_like_vllm(server: FakeLLMServer, client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="does not exist"):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


def test_models_and_health(server: FakeLLMServer, client: openai.OpenAI) -> None:
    (model,) = client.models.list().data
    assert model.id == server.model and model.owned_by == "vllm"
    assert httpx.get(f"{server.url}/health").status_code == 200
