"""`shopassist serve`: the API with the customer widget at / and the console at /console."""

from __future__ import annotations

import secrets

import gradio as gr
from fastapi import FastAPI

from assistant.config import Settings
from ui.app import CSS, SCRIPT, customer_app
from ui.console import console_app
from ui.server import create_app

WIDGET_THEME = gr.themes.Default(
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
)  # system fonts: the widget fetches nothing from outside the shop's server


def agent_password(settings: Settings) -> str:
    """SHOPASSIST_AGENT_PASSWORD, or (demo mode only) a random one kept under HOME."""
    if settings.agent_password is not None:
        return settings.agent_password.get_secret_value()
    if not settings.demo_mode:
        raise RuntimeError("SHOPASSIST_AGENT_PASSWORD is required outside demo mode.")
    path = settings.ensure_home() / "agent_password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


def web_app(settings: Settings) -> FastAPI:
    """The whole web server: API routes first, then the two Gradio apps."""
    app = create_app(settings)
    server = app.state.server
    password = agent_password(settings)

    def agent_login(username: str, given: str) -> bool:
        return username == settings.agent_username and secrets.compare_digest(given, password)

    app = gr.mount_gradio_app(
        app, console_app(server), path="/console", auth=agent_login, ssr_mode=False
    )
    return gr.mount_gradio_app(
        app,
        customer_app(server),
        path="/",
        css=CSS,
        js=SCRIPT,
        theme=WIDGET_THEME,
        ssr_mode=False,
        footer_links=[],  # no API, Gradio or settings links for customers
        run_history=False,  # nothing of a conversation kept in the browser's run history
    )
