"""The support console on a real server: its paths, the offline API docs, and the hand-off
round trip in Debian chromium (customer widget -> console inbox -> reply in the widget)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from assistant.config import Settings
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.servers import serving
from tests.shops import tiny_shop
from tests.test_widget import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from ui.web import web_app

PASSWORD = "console-test-password"
VIEWPORTS = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[str]:
    root = tmp_path_factory.mktemp("console")
    settings = Settings(home=root / "home", agent_password=SecretStr(PASSWORD))
    ingest_shop(write_shop(root / "shop", **tiny_shop()), settings, embedder=embedder)
    with serving(web_app(settings)) as url:
        yield url


def test_console_answers_with_and_without_the_slash(site: str) -> None:
    bare = httpx.get(f"{site}/console", follow_redirects=False)
    assert bare.status_code in (307, 308) and bare.headers["location"].endswith("/console/")
    followed = httpx.get(f"{site}/console", follow_redirects=True)
    assert followed.status_code == 200 and str(followed.url).endswith("/console/")
    assert httpx.get(f"{site}/console/").status_code == 200


def test_api_docs_need_no_internet(site: str) -> None:
    page = httpx.get(f"{site}/docs")
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text
    urls = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", page.text)
    assert urls and all(u.startswith("/") for u in urls), urls  # nothing from a CDN
    for url in urls:
        assert httpx.get(site + url).status_code == 200, url


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_hand_off_round_trip_in_a_real_browser(site: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, viewport in VIEWPORTS.items():
            customer = browser.new_page(viewport=viewport)
            customer.on(
                "request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None
            )
            customer.goto(site + "/", wait_until="domcontentloaded")
            box = customer.locator("#message textarea")
            box.wait_for(timeout=30_000)
            box.fill(f"I'd like to talk to a human please ({name})")
            box.press("Enter")
            chat = customer.locator("#chat")
            expect(chat).to_contain_text("colleague", timeout=90_000)

            agent = browser.new_page(viewport=viewport)
            agent.goto(site + "/console", wait_until="domcontentloaded")
            agent.get_by_label("username").fill("agent")
            agent.get_by_label("password").fill(PASSWORD)
            agent.get_by_role("button", name="Login").click()
            queue = agent.locator("#inbox-queue")
            expect(queue).to_contain_text("Customer asked for a person", timeout=30_000)
            row = queue.locator("[role=gridcell]", has_text="Customer asked for a person")
            row.first.click(force=True)  # Gradio's cells read as hidden to Playwright
            conversation = agent.locator("#inbox-conversation")
            expect(conversation).to_contain_text(f"talk to a human please ({name})")
            expect(agent.locator("#inbox-header")).to_contain_text("waiting for")
            agent.screenshot(path=str(ARTIFACTS / f"handoff-console-{name}.png"), full_page=True)

            answer = f"Hello, this is the support team ({name}). How can I help?"
            agent.locator("#inbox-reply textarea").fill(answer)
            agent.locator("#inbox-send").click()
            expect(agent.locator("#inbox-status")).to_contain_text("Sent", timeout=15_000)
            expect(conversation).to_contain_text("agent (support)")

            expect(chat).to_contain_text(answer, timeout=20_000)
            expect(chat).to_contain_text("agent · support team")
            customer.screenshot(path=str(ARTIFACTS / f"handoff-widget-{name}.png"), full_page=True)

            agent.locator("#inbox-close").click()
            expect(agent.locator("#inbox-status")).to_contain_text("Closed", timeout=15_000)
            expect(agent.locator("#inbox-empty")).to_be_visible(timeout=15_000)
            agent.screenshot(path=str(ARTIFACTS / f"handoff-closed-{name}.png"), full_page=True)
            customer.close()
            agent.close()
        browser.close()
    assert outside == []
