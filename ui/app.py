"""The customer widget (/): a shop's chat with product cards, resumable after a reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import HTTPException

from assistant.sessions import UnknownSessionError
from tools.context import SessionState
from ui.auth import Claims, TokenError, verify_token
from ui.resume import sign_session, signed_session
from ui.server import RateLimitedError, Server, client_key
from ui.widget import (
    FRIENDLY_ERROR,
    customer_turn,
    person_message,
    restore_chat,
    user_message,
)

CSS = (Path(__file__).parent / "widget.css").read_text()
SCRIPT = (Path(__file__).parent / "widget.js").read_text()
STORE_KEY = "shopassist.session"
RESTORE_TURNS = 50
REPLY_POLL_S = 3.0  # how often the page looks for a support person's reply
SLOW_DOWN = "You're sending messages faster than I can answer. Please wait a moment and try again."
_READ_LINK = f"() => [sessionStorage.getItem({STORE_KEY!r}) || '']"
_KEEP_LINK = (
    f"(link) => {{ if (link) sessionStorage.setItem({STORE_KEY!r}, link);"
    f" else sessionStorage.removeItem({STORE_KEY!r}); return []; }}"
)


def _claims(server: Server, request: gr.Request | None) -> Claims | None:
    """The signed-in customer the shop passed as `?token=`, if genuine."""
    token = request.query_params.get("token") if request is not None else None
    if not token:
        return None
    try:
        return verify_token(server.key, token)
    except TokenError:
        return None


def _resumed(server: Server, link: str | None, request: gr.Request | None) -> SessionState | None:
    """The conversation of a genuine session link that this visitor may still continue."""
    session_id = signed_session(server.key, link, server.settings.widget_resume_s)
    if session_id is None:
        return None
    try:
        state = server.agent.resume(session_id)
        server.authorize(state, _claims(server, request))
    except (UnknownSessionError, HTTPException):  # ended, or not this visitor's: start afresh
        return None
    return state


def _session(server: Server, link: str | None, request: gr.Request | None) -> SessionState:
    """This tab's session: resumed from its link, or new (bound to `?token=` when given)."""
    state = _resumed(server, link, request)
    return state or server.open_session(None, _claims(server, request))


def _client(request: gr.Request | None) -> str | None:
    host = request.client.host if request is not None and request.client else None
    return client_key(host)


def customer_app(server: Server) -> gr.Blocks:
    """The embeddable customer chat widget."""
    with gr.Blocks(title="Shop assistant", fill_height=True, analytics_enabled=False) as app:
        link = gr.Textbox(visible=False, elem_id="session-link")
        cursor = gr.State(0)  # the newest support-team reply shown
        with gr.Row(elem_id="widget-header", equal_height=True):
            gr.HTML('<h1 class="sa-title">Shop assistant</h1>', padding=False)
            new_chat = gr.Button("New chat", size="sm", scale=0, elem_id="new-chat")
        chatbot = gr.Chatbot(
            label="Conversation",
            show_label=False,
            elem_id="chat",
            scale=1,
            height="100%",
            buttons=[],
            feedback_options=None,
            latex_delimiters=[],
            allow_file_downloads=False,
            group_consecutive_messages=False,  # a support person's reply: its own bubble
            placeholder="Hi! Ask me to find products, compare them, or check an order.",
        )
        suggestions = gr.Dataset(
            components=[gr.Textbox(visible=False)],
            samples=[],
            label="Suggestions",
            show_label=False,
            elem_id="suggestions",
        )
        message = gr.Textbox(
            label="Message",
            placeholder="Ask about products or your order…",
            show_label=False,
            elem_id="message",
            submit_btn="Send",
            max_lines=4,
            interactive=False,  # until this tab's conversation is restored
        )

        def respond(
            text: str, history: list[Any], signed: str | None, request: gr.Request = None
        ) -> Iterator[tuple[Any, ...]]:
            if not text.strip():
                yield "", history, signed, gr.skip()
                return
            history = [*history, user_message(text)]
            try:
                state = _session(server, signed, request)
                signed = sign_session(server.key, state.id)
                events = server.run_turn(state, text, _client(request))
                for content, ideas in customer_turn(events, server.agent.shop.engine):
                    reply = gr.ChatMessage(role="assistant", content=content)
                    ideas_update = gr.Dataset(samples=[[s] for s in ideas]) if ideas else gr.skip()
                    yield "", [*history, reply], signed, ideas_update
            except RateLimitedError:
                slow = [*history, gr.ChatMessage(role="assistant", content=SLOW_DOWN)]
                yield "", slow, signed, gr.skip()
            except Exception:  # noqa: BLE001 - the customer sees a friendly message, not a trace
                failed = [*history, gr.ChatMessage(role="assistant", content=FRIENDLY_ERROR)]
                yield "", failed, signed, gr.skip()

        def restore(signed: str | None, request: gr.Request = None) -> tuple[Any, ...]:
            ready = gr.Textbox(interactive=True)
            state = _resumed(server, signed, request)
            if state is None:
                return [], "", gr.skip(), ready
            history = server.agent.sessions.history(state.id, max_turns=RESTORE_TURNS)
            chat = restore_chat(history, server.agent.shop.engine)
            return chat, sign_session(server.key, state.id), gr.skip(), ready

        def end_chat(signed: str | None) -> tuple[Any, ...]:
            session_id = signed_session(server.key, signed, server.settings.widget_resume_s)
            if session_id is not None:
                try:
                    server.agent.sessions.end(session_id)
                except UnknownSessionError:
                    pass
            return [], "", gr.Dataset(samples=[]), ""

        def reply_cursor(signed: str | None) -> int:
            """Where the support team's replies start that this page has not shown yet."""
            session_id = signed_session(server.key, signed, server.settings.widget_resume_s)
            return server.handoffs.last_message_id(session_id) if session_id else 0

        def show_replies(signed: str | None, history: list[Any], cursor: int) -> tuple[Any, ...]:
            """Add what a support person wrote since the last look (after a hand-off)."""
            session_id = signed_session(server.key, signed, server.settings.widget_resume_s)
            replies = server.handoffs.replies_since(session_id, cursor) if session_id else []
            if not replies:
                return gr.skip(), cursor
            shown = [person_message(r.author, r.text) for r in replies]
            return [*history, *shown], replies[-1].id

        outputs = [message, chatbot, link, suggestions]
        turn = {
            "fn": respond,
            "inputs": [message, chatbot, link],
            "outputs": outputs,
            "concurrency_limit": None,  # customers' turns run side by side, as over the API
        }
        quiet = {"show_progress": "hidden"}
        message.submit(**turn, api_name="chat", **quiet)
        suggestions.click(lambda s: s[0], suggestions, message, api_name=False, **quiet).then(
            **turn, api_name=False, **quiet
        )
        ended = [chatbot, link, suggestions, message]
        new_chat.click(end_chat, link, ended, api_name=False, **quiet)
        chatbot.clear(end_chat, link, ended, api_name=False, **quiet)
        link.change(None, link, None, js=_KEEP_LINK, api_name=False, **quiet)
        restored = [chatbot, link, suggestions, message]
        app.load(restore, link, restored, js=_READ_LINK, api_name=False).then(
            reply_cursor, link, cursor, api_name=False, **quiet
        )
        gr.Timer(REPLY_POLL_S).tick(
            show_replies, [link, chatbot, cursor], [chatbot, cursor], api_name=False, **quiet
        )
    return app
