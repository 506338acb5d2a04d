"""The console's inbox: conversations handed to the support team, read, answered and closed."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from datetime import UTC
from typing import Any

import gradio as gr

from prompts import load_yaml
from retrieval.handoffs import HandoffView, UnknownHandoffError, person_of
from ui.server import Server

QUEUE_COLUMNS = ["Waiting", "Status", "Reason", "Customer", "Agent"]
REFRESH_S = 4
_MARKDOWN = "\\`*_{}[]()#+!|~<>"


def label(group: str, key: str, **values: Any) -> str:
    """A console label from prompts/console.yaml, with missing values left blank."""
    text = load_yaml("console.yaml")[group].get(key)
    if text is None:
        return key
    shown = {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}
    return str(text).format_map(defaultdict(str, shown))


def plain(text: str) -> str:
    """A customer's text shown as typed: no HTML, links, images or formatting take effect."""
    escaped = html.escape(text, quote=False)
    return "".join(f"\\{c}" if c in _MARKDOWN else c for c in escaped)


def waited(seconds: float) -> str:
    """A waiting time as an agent reads it: 45 s, 12 min, 2 h 05 min."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = int(seconds // 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def reason_text(reason: str) -> str:
    """The hand-off reason for agents (the planner's topic names become sentences)."""
    return label("reasons", reason) if reason in load_yaml("console.yaml")["reasons"] else reason


def tool_label(name: str, args: dict[str, Any]) -> str:
    """What a tool call looked up, in the console's words."""
    if name not in load_yaml("console.yaml")["tools"]:
        return name
    shown = dict(args)
    if "reason" in shown:
        shown["reason"] = reason_text(str(shown["reason"]))
    return label("tools", name, **shown).rstrip(": ")


def queue_rows(views: list[HandoffView]) -> list[list[str]]:
    """The inbox table: one row per hand-off."""
    return [
        [
            waited(v.waiting_s),
            v.status,
            reason_text(v.reason),
            v.customer_id or label("inbox", "visitor"),
            v.agent or "",
        ]
        for v in views
    ]


def _content(data: dict[str, Any]) -> str:
    content = data.get("content")
    if isinstance(content, list):
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def transcript_messages(messages: list[dict[str, Any]]) -> list[gr.ChatMessage]:
    """A stored conversation for the agent: customer, assistant, tool steps and people."""
    shown: list[gr.ChatMessage] = []
    steps: dict[str, int] = {}
    for message in messages:
        kind, data = message.get("type"), message.get("data") or {}
        text = _content(data)
        if kind == "human":
            shown.append(gr.ChatMessage(role="user", content=plain(text)))
        elif kind == "ai":
            for call in data.get("tool_calls") or []:
                title = tool_label(call.get("name", ""), call.get("args") or {})
                metadata = {"title": title, "status": "done"}
                shown.append(gr.ChatMessage(role="assistant", content="", metadata=metadata))
                steps[call.get("id") or ""] = len(shown) - 1
            if text:
                person = person_of(message)
                who = label("inbox", "you", name=person) if person else label("inbox", "bot")
                shown.append(gr.ChatMessage(role="assistant", content=f"**{who}:** {plain(text)}"))
        elif kind == "tool" and data.get("tool_call_id") in steps:
            index = steps[data["tool_call_id"]]
            outcome = text[:300] if data.get("status") == "error" else "ok"
            old = shown[index]
            shown[index] = gr.ChatMessage(
                role="assistant", content=plain(outcome), metadata=old.metadata
            )
    return shown


def _agent_name(request: gr.Request | None) -> str:
    return (getattr(request, "username", None) or "agent") if request is not None else "agent"


def inbox_tab(server: Server, app: gr.Blocks) -> None:
    """The Inbox tab's components and events (call inside a gr.Tab of the console `app`)."""
    ids = gr.State([])
    picked = gr.State(None)
    with gr.Row():
        with gr.Column(scale=2):
            gr.Markdown(label("inbox", "intro"))
            queue = gr.Dataframe(
                headers=QUEUE_COLUMNS,
                interactive=False,
                wrap=True,
                column_widths=["17%", "17%", "34%", "18%", "14%"],
                label="Waiting for the support team",
                elem_id="inbox-queue",
            )
            empty = gr.Markdown(label("inbox", "empty"), elem_id="inbox-empty")
            refresh = gr.Button("Refresh list", size="sm")
        with gr.Column(scale=3):
            header = gr.Markdown(label("inbox", "pick"), elem_id="inbox-header")
            conversation = gr.Chatbot(
                label="Conversation (the customer's messages on the right)",
                height=420,
                buttons=[],
                group_consecutive_messages=False,
                elem_id="inbox-conversation",
            )
            reply = gr.Textbox(
                label="Your reply to the customer",
                placeholder="Appears in the customer's chat under your name.",
                lines=3,
                elem_id="inbox-reply",
            )
            with gr.Row():
                send = gr.Button("Send reply", variant="primary", elem_id="inbox-send")
                close = gr.Button("Close conversation (handled)", elem_id="inbox-close")
            status = gr.Markdown("", elem_id="inbox-status")

    def opened(handoff_id: str | None) -> tuple[str, list[gr.ChatMessage]]:
        if not handoff_id:
            return label("inbox", "pick"), []
        try:
            view = server.handoffs.get(handoff_id)
        except UnknownHandoffError:
            return label("inbox", "pick"), []
        head = label(
            "inbox",
            "header",
            reason=plain(reason_text(view.reason)),
            customer=view.customer_id or label("inbox", "visitor"),
            state=label("inbox", view.status, time=waited(view.waiting_s), agent=view.agent or ""),
            session=view.session_id,
        )
        return head, transcript_messages(server.agent.sessions.transcript(view.session_id))

    def listed(handoff_id: str | None) -> tuple[Any, ...]:
        views = server.handoffs.queue()
        head, messages = opened(handoff_id)
        return (
            queue_rows(views),
            [v.handoff_id for v in views],
            gr.update(visible=not views),
            head,
            messages,
        )

    def select(ids_now: list[str], event: gr.SelectData) -> tuple[Any, ...]:
        row = event.index[0] if isinstance(event.index, list | tuple) else event.index
        handoff_id = ids_now[row] if 0 <= row < len(ids_now) else None
        return (handoff_id, *opened(handoff_id), "")

    def answer(text: str, handoff_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        if not handoff_id:
            return text, label("inbox", "pick"), *listed(handoff_id)
        if not text.strip():
            return text, label("inbox", "nothing"), *listed(handoff_id)
        try:
            sent = server.handoffs.reply(handoff_id, _agent_name(request), text)
        except ValueError:
            return text, label("inbox", "closed_already"), *listed(handoff_id)
        note = label("inbox", "sent", time=sent.at.astimezone(UTC).strftime("%H:%M"))
        return "", note, *listed(handoff_id)

    def finish(handoff_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        if not handoff_id:
            return label("inbox", "pick"), *listed(None)
        server.handoffs.close(handoff_id, _agent_name(request))
        return label("inbox", "done"), *listed(handoff_id)

    listing = [queue, ids, empty, header, conversation]
    gr.Timer(REFRESH_S).tick(listed, picked, listing, api_name=False, show_progress="hidden")
    refresh.click(listed, picked, listing, api_name=False)
    queue.select(select, ids, [picked, header, conversation, status], api_name=False)
    send.click(answer, [reply, picked], [reply, status, *listing], api_name=False)
    reply.submit(answer, [reply, picked], [reply, status, *listing], api_name=False)
    close.click(finish, picked, [status, *listing], api_name=False)
    app.load(listed, picked, listing, api_name=False)
