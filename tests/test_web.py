"""The web UI on a real server through gradio_client (the browser tests: tests/test_widget.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.events import TextDelta, TextReset
from tests.conftest import ingested
from tests.servers import serving
from tests.shops import tiny_shop
from ui.web import web_app
from ui.widget import render_turn


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[str]:
    settings = ingested(tmp_path_factory, "web", embedder, **tiny_shop())
    with serving(web_app(settings)) as url:
        yield url


@pytest.mark.slow
def test_gradio_client_calls_the_named_chat_endpoint(site: str) -> None:
    from gradio_client import Client

    client = Client(site + "/", verbose=False)
    assert "/chat" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    _, chat, link, _ = client.predict("quiet dishwasher", [], "", api_name="/chat")
    assert chat[0]["content"] == "quiet dishwasher" or "quiet dishwasher" in str(chat[0])
    assert 'class="sa-card"' in str(chat[-1]) and "Quiet Dishwasher 44 dBA" in str(chat[-1])
    assert "(P1)" not in str(chat[-1]) and link.count(".") == 2  # a signed session link


def test_a_text_reset_replaces_the_half_streamed_reply_in_the_chat() -> None:
    events = [
        TextDelta(text="This answer is cut"),
        TextReset(),
        TextDelta(text="Quiet Dishwasher (P1)"),
    ]
    shown = [messages[-1].content for messages, _, _ in render_turn([], iter(events))]
    assert shown == ["This answer is cut", "", "Quiet Dishwasher (P1)"]
