"""The Gradio apps: the customer widget (/) and the support console (/console)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from tools.context import SessionState
from ui.auth import TokenError, verify_token
from ui.server import Server
from ui.widget import FRIENDLY_ERROR, card_label, render_turn

CSS = (Path(__file__).parent / "widget.css").read_text()
MAX_CARDS = 6


def _session(server: Server, session_id: str | None, request: gr.Request | None) -> SessionState:
    """This browser's session: resumed, or new (bound to `?token=` when the shop passes one)."""
    if session_id:
        return server.agent.resume(session_id)
    token = request.query_params.get("token") if request is not None else None
    claims = None
    if token:
        try:
            claims = verify_token(server.key, token)
        except TokenError:
            claims = None
    return server.open_session(None, claims)


def customer_app(server: Server) -> gr.Blocks:
    """The embeddable customer chat widget."""
    with gr.Blocks(title="Shop assistant") as app:
        session_id = gr.State(None)
        cards = gr.State([])
        chatbot = gr.Chatbot(
            label="Shop assistant",
            elem_id="chat",
            height=460,
            placeholder="Hi! Ask me to find products, compare them, or check an order.",
        )

        @gr.render(inputs=cards)
        def product_cards(items: list[dict[str, Any]]) -> None:
            with gr.Row(elem_classes="product-cards"):
                for product in items[:MAX_CARDS]:
                    card = gr.Button(
                        card_label(product),
                        elem_classes="product-card",
                        elem_id=f"card-{product['product_id']}",
                        size="sm",
                    )
                    question = f"Tell me more about {product['title']} ({product['product_id']})"
                    card.click(lambda q=question: q, outputs=message, api_name=False).then(
                        respond, [message, chatbot, session_id], outputs, api_name=False
                    )

        suggestions = gr.Dataset(
            components=[gr.Textbox(visible=False)],
            samples=[],
            label="Try",
            elem_id="suggestions",
        )
        message = gr.Textbox(
            placeholder="Ask about products or your order…",
            show_label=False,
            elem_id="message",
            submit_btn=True,
        )

        def respond(
            text: str, history: list[Any], sid: str | None, request: gr.Request = None
        ) -> Iterator[tuple[Any, ...]]:
            if not text.strip():
                yield "", history, sid, gr.skip(), gr.skip()
                return
            try:
                state = _session(server, sid, request)
                history = [*history, gr.ChatMessage(role="user", content=text)]
                for messages, found, ideas in render_turn(history, server.run_turn(state, text)):
                    ideas_update = gr.Dataset(samples=[[s] for s in ideas]) if ideas else gr.skip()
                    found_update = found if found is not None else gr.skip()
                    yield "", messages, state.id, found_update, ideas_update
            except Exception:  # noqa: BLE001 - the customer sees a friendly message, not a trace
                failed = [*history, gr.ChatMessage(role="assistant", content=FRIENDLY_ERROR)]
                yield "", failed, sid, gr.skip(), gr.skip()

        outputs = [message, chatbot, session_id, cards, suggestions]
        message.submit(respond, [message, chatbot, session_id], outputs, api_name="chat")
        suggestions.click(lambda s: s[0], suggestions, message, api_name=False).then(
            respond, [message, chatbot, session_id], outputs, api_name=False
        )
    return app
