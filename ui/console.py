"""The support console: the hand-off inbox, the chat with the agent role, orders, eval report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.events import ToolCall, ToolResult
from tools.context import SessionState, ToolContext
from tools.registry import call_tool
from ui.inbox import inbox_tab, tool_label
from ui.server import Server
from ui.widget import render_turn

ORDER_COLUMNS = ["order_id", "status", "placed_at", "total", "items", "carrier"]


def latest_report(home: Path) -> str:
    """The newest eval report.md under HOME/reports, or how to make one."""
    reports = sorted((home / "reports").glob("**/report.md"), key=lambda p: p.stat().st_mtime)
    if not reports:
        return f"No evaluation report yet. Run `shopassist eval --report {home}/reports/latest`."
    return reports[-1].read_text(encoding="utf-8")


def agent_titles(messages: list[Any], calls: dict[str, dict[str, Any]]) -> list[Any]:
    """The turn's tool steps titled for agents (what was looked up), not for customers."""
    titled = []
    for message in messages:
        meta = getattr(message, "metadata", None) or {}
        call = calls.get(str(meta.get("id", "")))
        if call is not None:
            meta = {**meta, "title": tool_label(call["tool"], call.get("args") or {})}
            message = gr.ChatMessage(role=message.role, content=message.content, metadata=meta)
        titled.append(message)
    return titled


def console_app(server: Server) -> gr.Blocks:
    """The agent console (mounted behind agent login)."""
    with gr.Blocks(title="Support console") as app:
        session_id = gr.State(None)
        with gr.Tab("Inbox"):
            inbox_tab(server, app)
        with gr.Tab("Ask the assistant"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Assistant with staff access", height=520)
                    message = gr.Textbox(
                        label="Ask about any order, customer or product",
                        placeholder="An order id, a customer id, or a product question",
                        submit_btn=True,
                    )
                with gr.Column(scale=2):
                    customer = gr.Textbox(label="Customer id", placeholder="Customer id → orders")
                    orders = gr.Dataframe(headers=ORDER_COLUMNS, label="Orders", interactive=False)
                    trace = gr.JSON(label="Tool calls of the last answer (arguments and results)")
        with gr.Tab("Eval report"):
            report = gr.Markdown(latest_report(server.settings.home))
            gr.Button("Reload").click(
                lambda: latest_report(server.settings.home), outputs=report, api_name=False
            )

        def respond(text: str, history: list[Any], sid: str | None) -> Iterator[tuple[Any, ...]]:
            state = server.agent.resume(sid) if sid else server.agent.new_session(agent=True)
            history = [*history, gr.ChatMessage(role="user", content=text)]
            calls: dict[str, dict[str, Any]] = {}

            def recorded(events: Iterator[Any]) -> Iterator[Any]:
                for event in events:
                    if isinstance(event, ToolCall):
                        calls[event.id] = {"tool": event.name, "args": event.args}
                    elif isinstance(event, ToolResult):
                        calls.setdefault(event.id, {"tool": event.name})["result"] = (
                            event.result if event.ok else {"error": event.error}
                        )
                    yield event

            for messages, *_ in render_turn(history, recorded(server.run_turn(state, text))):
                yield "", agent_titles(messages, calls), state.id, list(calls.values())

        def load_orders(customer_id: str) -> list[list[Any]]:
            state = SessionState(id="console", role="agent")
            context = ToolContext(shop=server.agent.shop, session=state)
            outcome = call_tool("list_orders", {"customer_id": customer_id.strip()}, context)
            if not outcome.ok or not customer_id.strip():
                return []
            return [[o[c] for c in ORDER_COLUMNS] for o in outcome.result["orders"]]

        message.submit(
            respond,
            [message, chatbot, session_id],
            [message, chatbot, session_id, trace],
            api_name="agent_chat",
        )
        customer.submit(load_orders, customer, orders, api_name="customer_orders")
    return app
