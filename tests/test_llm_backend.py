"""`openai_chat_model` (ChatOpenAI) against the fake vLLM server over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from langchain_core.exceptions import (
    ModelAPIError,
    ModelConnectionError,
    ModelTimeoutError,
)
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.tools import tool
from pydantic import BaseModel, Field, SecretStr

from assistant.config import Settings
from assistant.fake_llm_server import FakeLLMServer
from assistant.llm import openai_chat_model

PROMPT = [HumanMessage("Find me a kettle under $40")]


class SearchArgs(BaseModel):
    """Arguments of the test search tool."""

    query: str = Field(description="What the customer is looking for.")
    max_price: float | None = Field(default=None, description="Upper price bound.")


@tool(args_schema=SearchArgs)
def search_products(query: str, max_price: float | None = None) -> str:
    """Search the product catalog."""
    return f"{query} <= {max_price}"


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    """A started server, stopped after the test."""
    with FakeLLMServer() as fake:
        yield fake


def settings_for(server: FakeLLMServer, **overrides: object) -> Settings:
    """Settings aimed at the fake server with an explicit key, 0.5 s timeout, no retries."""
    values: dict[str, object] = {
        "llm_base_url": server.base_url,
        "llm_model": server.model,
        "llm_api_key": SecretStr("test-key"),
        "llm_timeout_s": 0.5,
        "llm_max_retries": 0,
    }
    return Settings(**(values | overrides))


def streamed(model: object, messages: list[BaseMessage]) -> AIMessageChunk:
    """Aggregate a `.stream()` into one chunk."""
    total: AIMessageChunk | None = None
    for chunk in model.stream(messages):  # type: ignore[attr-defined]
        assert isinstance(chunk, AIMessageChunk)
        total = chunk if total is None else total + chunk
    assert total is not None
    return total


def test_missing_base_url_says_how_to_fix_it() -> None:
    with pytest.raises(ValueError, match="SHOPASSIST_LLM_BASE_URL="):
        openai_chat_model(Settings())


def test_invoke_text(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-must-not-be-used")
    server.push_text("The Steel Kettle costs $35.")
    reply = openai_chat_model(settings_for(server), streaming=False).invoke(PROMPT)
    assert isinstance(reply, AIMessage)
    assert reply.content == "The Steel Kettle costs $35."
    assert reply.usage_metadata and reply.usage_metadata["total_tokens"] > 0
    sent = server.requests[0]
    assert sent["model"] == server.model and not sent.get("stream")
    assert sent["messages"] == [{"role": "user", "content": "Find me a kettle under $40"}]
    assert sent["temperature"] == 0.0
    assert server.request_headers[0]["authorization"] == "Bearer test-key"


def test_invoke_tool_calls(server: FakeLLMServer) -> None:
    server.push_tool_calls(
        [{"name": "search_products", "arguments": {"query": "kettle", "max_price": 40}}]
    )
    model = openai_chat_model(settings_for(server), streaming=False).bind_tools([search_products])
    reply = model.invoke(PROMPT)
    (call,) = reply.tool_calls
    assert call["name"] == "search_products"
    assert call["args"] == {"query": "kettle", "max_price": 40}
    assert call["id"] and call["id"].startswith("chatcmpl-tool-")
    assert reply.response_metadata["finish_reason"] == "tool_calls"
    (sent_tool,) = server.requests[0]["tools"]
    assert sent_tool["type"] == "function"
    assert sent_tool["function"]["name"] == "search_products"
    assert set(sent_tool["function"]["parameters"]["properties"]) == {"query", "max_price"}


def test_stream_tool_calls(server: FakeLLMServer) -> None:
    server.push_tool_calls(
        [
            {"name": "search_products", "arguments": {"query": "kettle", "max_price": 40}},
            {"name": "search_products", "arguments": {"query": "teapot"}},
        ]
    )
    model = openai_chat_model(settings_for(server)).bind_tools([search_products])
    total = streamed(model, PROMPT)
    assert [c["args"] for c in total.tool_calls] == [
        {"query": "kettle", "max_price": 40},
        {"query": "teapot"},
    ]
    assert all(c["id"].startswith("chatcmpl-tool-") for c in total.tool_calls)
    assert total.usage_metadata and total.usage_metadata["total_tokens"] > 0
    sent = server.requests[0]
    assert sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True}
    assert sent["tools"][0]["function"]["name"] == "search_products"


def test_streaming_model_invoke_returns_whole_message(server: FakeLLMServer) -> None:
    server.push_tool_calls([{"name": "search_products", "arguments": {"query": "kettle"}}])
    model = openai_chat_model(settings_for(server)).bind_tools([search_products])
    reply = model.invoke(PROMPT)
    assert reply.tool_calls[0]["args"] == {"query": "kettle"}
    assert server.requests[0]["stream"] is True


def test_stream_text(server: FakeLLMServer) -> None:
    server.push_text("Here are three kettles.")
    total = streamed(openai_chat_model(settings_for(server)), PROMPT)
    assert total.content == "Here are three kettles."
    assert not total.tool_calls


@pytest.mark.parametrize("streaming", [False, True])
def test_malformed_arguments_become_invalid_tool_calls(
    server: FakeLLMServer, streaming: bool
) -> None:
    server.push_tool_calls([{"name": "search_products", "arguments": '{"query": kettle}'}])
    bound = openai_chat_model(settings_for(server), streaming=streaming).bind_tools(
        [search_products]
    )
    reply = streamed(bound, PROMPT) if streaming else bound.invoke(PROMPT)
    assert not reply.tool_calls
    (bad,) = reply.invalid_tool_calls
    assert bad["name"] == "search_products"
    assert bad["args"] == '{"query": kettle}'


def test_truncated_arguments_are_repaired_only_when_streaming(server: FakeLLMServer) -> None:
    truncated = [{"name": "search_products", "arguments": '{"query": "kettle", "max_pr'}]
    server.push_tool_calls(truncated)
    server.push_tool_calls(truncated)
    model = openai_chat_model(settings_for(server)).bind_tools([search_products])
    assert model.invoke(PROMPT, stream=False).invalid_tool_calls
    # LangChain aggregates streamed argument fragments with parse_partial_json, which closes
    # the truncated object: the caller must validate arguments, not trust "valid" tool calls.
    assert streamed(model, PROMPT).tool_calls[0]["args"] == {"query": "kettle"}
    assert [r.get("stream", False) for r in server.requests] == [False, True]


def test_server_error_raises_without_retry(server: FakeLLMServer) -> None:
    server.push_error(500, message="engine died")
    with pytest.raises(ModelAPIError, match="engine died"):
        openai_chat_model(settings_for(server), streaming=False).invoke(PROMPT)
    assert len(server.requests) == 1


def test_delay_past_timeout_raises(server: FakeLLMServer) -> None:
    server.push_delay(2)
    with pytest.raises(ModelTimeoutError):
        openai_chat_model(settings_for(server), streaming=False).invoke(PROMPT)


def test_rate_limit_with_retry_after_is_retried(server: FakeLLMServer) -> None:
    server.push_error(429, retry_after=0.05)
    server.push_text("Back in stock.")
    model = openai_chat_model(settings_for(server, llm_max_retries=1), streaming=False)
    assert model.invoke(PROMPT).content == "Back in stock."
    assert len(server.requests) == 2
    server.assert_all_used()


def test_cut_stream_raises(server: FakeLLMServer) -> None:
    server.push_cut_stream(after_chunks=3)
    with pytest.raises(ModelConnectionError):
        streamed(openai_chat_model(settings_for(server)), PROMPT)


def test_tool_round_trip_is_sent_back_in_openai_format(server: FakeLLMServer) -> None:
    server.push_tool_calls([{"name": "search_products", "arguments": {"query": "kettle"}}])
    server.push_text("The Steel Kettle is $35.")
    model = openai_chat_model(settings_for(server)).bind_tools([search_products])
    first = model.invoke(PROMPT)
    call = first.tool_calls[0]
    result = search_products.invoke(call)
    assert model.invoke([*PROMPT, first, result]).content == "The Steel Kettle is $35."
    assistant, tool_message = server.requests[1]["messages"][1:]
    assert assistant["tool_calls"][0]["id"] == call["id"]
    assert json.loads(assistant["tool_calls"][0]["function"]["arguments"]) == {"query": "kettle"}
    assert tool_message == {
        "role": "tool",
        "tool_call_id": call["id"],
        "content": "kettle <= None",
    }
