"""The web UI on a real server: gradio_client against the app, and Chromium via Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.events import TextDelta, TextReset
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.shops import tiny_shop
from tests.test_api import _free_port
from ui.web import web_app
from ui.widget import render_turn

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[str]:
    import threading
    import time

    import uvicorn

    root = tmp_path_factory.mktemp("web")
    settings = Settings(home=root / "home")
    ingest_shop(write_shop(root / "shop", **tiny_shop()), settings, embedder=embedder)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(web_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.slow
def test_gradio_client_calls_the_named_chat_endpoint(site: str) -> None:
    from gradio_client import Client

    client = Client(site + "/", verbose=False)
    assert "/chat" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    result = client.predict("quiet dishwasher", [], api_name="/chat")
    chat = result[1]
    assert chat[0]["content"] == "quiet dishwasher" or "quiet dishwasher" in str(chat[0])
    assert "P1" in str(chat[-1])


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_widget_in_a_real_browser(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.goto(site + "/", wait_until="domcontentloaded")
        box = page.locator("#message textarea")
        box.wait_for(timeout=30_000)
        box.fill("quiet dishwasher")
        box.press("Enter")
        card = page.locator("#card-P1")
        card.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)
        card.click()
        page.get_by_text("Tell me more about Quiet Dishwasher 44 dBA (P1)").wait_for(timeout=30_000)
        page.wait_for_function(
            "() => document.querySelector('#chat').innerText.split('$549.00').length > 1",
            timeout=30_000,
        )
        page.screenshot(path=str(ARTIFACTS / "2-card-clicked.png"), full_page=True)
        box.fill("is it in stock?")
        box.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('#chat').innerText.includes('is it in stock?')",
            timeout=30_000,
        )
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "3-follow-up.png"), full_page=True)
        text = page.locator("#chat").inner_text()
        browser.close()
    assert "in stock" in text.split("is it in stock?")[-1].lower()


def test_a_text_reset_replaces_the_half_streamed_reply_in_the_chat() -> None:
    events = [
        TextDelta(text="This answer is cut"),
        TextReset(),
        TextDelta(text="Quiet Dishwasher (P1)"),
    ]
    shown = [messages[-1].content for messages, _, _ in render_turn([], iter(events))]
    assert shown == ["This answer is cut", "", "Quiet Dishwasher (P1)"]
