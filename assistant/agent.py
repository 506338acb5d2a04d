"""The agent: one tool-calling loop (LangChain create_agent) whose turns yield typed events."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)

from assistant.config import Settings, get_settings
from assistant.events import (
    ErrorEvent,
    Event,
    FinalReply,
    TextDelta,
    TextReset,
    ToolCall,
    ToolResult,
)
from assistant.guardrails import redact
from assistant.middleware import GuardedModel
from assistant.presented import presented_products
from assistant.sessions import SessionStore, UnknownSessionError
from prompts import load, load_yaml
from retrieval.money import ShopMoney
from retrieval.shop_index import ShopIndex
from tools.context import SessionState, Shop, ToolContext
from tools.registry import langchain_tools

log = logging.getLogger(__name__)


def system_prompt(
    session: SessionState,
    *,
    currency: str = "USD",
    locale: str = "en-US",
    today: date | None = None,
) -> str:
    """The LLM's system prompt for this conversation: role, identity, the shop's currency and
    locale and today's date (the planner gets identity as typed state, never from this text)."""
    facts = {
        "customer": session.customer_id or "not verified",
        "currency": currency,
        "locale": locale,
        "today": (today or date.today()).isoformat(),
    }
    if session.is_agent:
        return load("agent.md").format(**facts)
    return load("customer.md").format(policy=load("policy.md"), role=session.role, **facts)


def _content_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)


def _tool_result(message: ToolMessage) -> ToolResult:
    ok = message.status != "error"
    result: Any = None
    if ok:
        try:
            result = json.loads(_content_text(message))
        except json.JSONDecodeError:
            result = _content_text(message)
    return ToolResult(
        id=message.tool_call_id,
        name=message.name or "",
        ok=ok,
        result=result,
        error=None if ok else _content_text(message),
    )


class Agent:
    """Runs turns for sessions over one shop with a primary chat model and the planner."""

    def __init__(
        self,
        shop: Shop,
        sessions: SessionStore,
        planner: BaseChatModel,
        llm: BaseChatModel | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.shop = shop
        self.sessions = sessions
        self.settings = settings or shop.settings
        self.backend = "llm" if llm is not None else "offline"
        guard = GuardedModel(planner, self.settings.max_tool_calls_per_turn, llm is None)
        self.graph = create_agent(
            model=llm or planner,
            tools=langchain_tools(),
            middleware=[guard],
            context_schema=ToolContext,
        )

    def new_session(
        self, *, customer_id: str | None = None, agent: bool = False, session_id: str | None = None
    ) -> SessionState:
        """Start a conversation: a support agent, a signed-in customer, or an anonymous visitor."""
        role = "agent" if agent else ("customer" if customer_id else "visitor")
        return self.sessions.create(role=role, customer_id=customer_id, session_id=session_id)

    def resume(self, session_id: str) -> SessionState:
        """Load a stored conversation (an ended one is gone: UnknownSessionError)."""
        state = self.sessions.get(session_id)
        if state.ended:
            raise UnknownSessionError(session_id)
        return state

    def turn(
        self, session: SessionState, message: str, client: str | None = None
    ) -> Iterator[Event]:
        """Answer one message as events; the message and the reply are stored with the session.

        `client` names the connection (IP) for per-client verification limits."""
        started = time.perf_counter()
        text = message.strip()
        limit = self.settings.max_message_chars
        canned = load_yaml("fallback.yaml")
        if not text or len(text) > limit:
            reply = (
                canned["empty"]
                if not text
                else canned["too_long"].format(length=len(text), limit=limit)
            )
            self.sessions.save(session, [HumanMessage(text[:limit]), AIMessage(reply)])
            yield TextDelta(text=reply)
            yield FinalReply(text=reply, backend="rules")
            return
        self.shop.refresh()
        context = ToolContext(shop=self.shop, session=session, client=client)
        history = self.sessions.history(session.id)
        money = ShopMoney.for_shop(self.shop.currency, self.settings.shop_locale)
        prompt = system_prompt(session, currency=money.currency, locale=money.locale)
        inputs = [SystemMessage(prompt), *history, HumanMessage(text)]
        new: list[BaseMessage] = [HumanMessage(text)]
        results: list[ToolResult] = []
        streamed: list[str] = []
        streamed_by: str | None = None  # which model the streamed text came from
        try:
            for mode, payload in self.graph.stream(
                {"messages": inputs}, context=context, stream_mode=["messages", "updates"]
            ):
                if mode == "messages":
                    chunk, meta = payload
                    if isinstance(chunk, AIMessageChunk) and meta.get("langgraph_node") == "model":
                        if delta := _content_text(chunk):
                            model = meta.get("ls_provider")
                            if streamed and model != streamed_by and context.turn.fallback:
                                yield TextReset()  # the planner replaces the broken LLM's text
                                streamed.clear()
                            streamed_by = model
                            streamed.append(delta)
                            yield TextDelta(text=delta)
                    continue
                for update in payload.values():
                    for msg in (update or {}).get("messages", []):
                        new.append(msg)
                        yield from self._events_of(msg, results)
        except Exception as exc:  # noqa: BLE001 - the customer still gets an answer
            log.exception("turn failed for session %s: %s", session.id, redact(str(exc)))
            yield ErrorEvent(message="the assistant failed while answering", recoverable=True)
            reply = canned["failed"]
            new.append(AIMessage(reply))
        final = next(
            (m for m in reversed(new) if isinstance(m, AIMessage) and not m.tool_calls), None
        )
        reply = _content_text(final) if final is not None else canned["failed"]
        extra = final.additional_kwargs if final is not None else {}
        if not "".join(streamed).endswith(reply):
            if streamed:  # what was shown is not the reply (a stream broke): replace it
                yield TextReset()
            yield TextDelta(text=reply)
        products = presented_products(reply, [r.result for r in results if r.ok])
        if final is not None:  # kept with the stored reply, so a reloaded widget shows its cards
            final.additional_kwargs["products"] = products
        self.sessions.save(session, new)
        log.info(
            "turn session=%s tools=%d %.0fms",
            session.id,
            len(results),
            (time.perf_counter() - started) * 1000,
        )
        yield FinalReply(
            text=reply,
            backend="offline" if context.turn.fallback else self.backend,
            fallback=context.turn.fallback,
            facts=self._facts(reply, results, self.shop.index),
            usage=self._usage(new),
            suggestions=list(extra.get("suggestions", [])),
            handoff=extra.get("handoff") or _handoff_reason(results),
            products=products,
        )

    @staticmethod
    def _events_of(message: BaseMessage, results: list[ToolResult]) -> Iterator[Event]:
        if isinstance(message, AIMessage):
            for call in message.tool_calls:
                yield ToolCall(id=call["id"] or "", name=call["name"], args=call["args"])
        elif isinstance(message, ToolMessage):
            result = _tool_result(message)
            results.append(result)
            yield result

    @staticmethod
    def _facts(reply: str, results: list[ToolResult], index: ShopIndex) -> list[str]:
        """The shop's ids named in the reply that this turn's tool results contain."""
        blob = json.dumps([r.result for r in results if r.ok], default=str)
        return sorted({m.id for m in index.matches(reply) if m.id in blob})

    @staticmethod
    def _usage(messages: list[BaseMessage]) -> dict[str, int] | None:
        totals: dict[str, int] = {}
        for message in messages:
            usage = getattr(message, "usage_metadata", None)
            for key in ("input_tokens", "output_tokens", "total_tokens"):
                if usage and usage.get(key):
                    totals[key] = totals.get(key, 0) + int(usage[key])
        return totals or None


def _handoff_reason(results: list[ToolResult]) -> str | None:
    """Why the conversation went to a person this turn (the LLM path hands off by tool)."""
    for result in results:
        if result.name == "handoff" and result.ok and isinstance(result.result, dict):
            return str(result.result.get("reason") or "handoff")
    return None


def build_agent(settings: Settings | None = None, *, llm: BaseChatModel | None = None) -> Agent:
    """The agent over the shop in settings.home: the LLM if configured, else the planner."""
    from assistant.planner.model import OfflinePlanner
    from assistant.runtime import open_shop

    settings = settings or get_settings()
    shop = open_shop(settings)
    if llm is None and settings.llm_base_url:
        from assistant.llm import openai_chat_model

        llm = openai_chat_model(settings)
    return Agent(shop, SessionStore(shop.engine), OfflinePlanner(), llm=llm, settings=settings)
