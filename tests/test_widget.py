"""The customer widget in Debian chromium (Playwright): privacy, cards, reloads, phone layout.

Each test runs at desktop size and on a 390×844 phone and saves a screenshot under
artifacts/screenshots/. The shop is tests/shops.py's tiny shop plus product images and product
page links served by a second local server (the shop's own), so any request to another host is
one the widget should not have made.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from retrieval.ingest import ingest_shop
from tests.conftest import write_shop
from tests.servers import serving
from tests.shops import tiny_shop

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
VIEWPORTS = {"desktop": {"width": 1100, "height": 820}, "phone": {"width": 390, "height": 844}}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xa8\xba\xf2\x00\x00\x03\x00\x01\xa2[\x9e\xd5\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
WAIT_MS = 60_000
SETTLED = """n => {
  const chat = document.querySelector('#chat');
  if (chat.querySelectorAll('[data-testid="bot"]').length <= n) return false;
  if (window.__chatHtml !== chat.innerHTML) {
    window.__chatHtml = chat.innerHTML;
    window.__chatAt = performance.now();
    return false;
  }
  return performance.now() - window.__chatAt > 500;
}"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]


def _serve_thread(server: Any) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="module")
def shop_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shop's own web server: product images (and the pages the cards link to)."""
    root = tmp_path_factory.mktemp("shop-site")
    (root / "img").mkdir()
    for n in range(1, 5):
        (root / "img" / f"P{n}.png").write_bytes(PNG)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    _serve_thread(server)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder, shop_host: str) -> Iterator[str]:
    from ui.web import web_app

    root = tmp_path_factory.mktemp("widget")
    shop = tiny_shop()
    for row in shop["products"]:
        row["image_url"] = f"{shop_host}/img/{row['product_id']}.png"
        row["url"] = f"{shop_host}/products/{row['product_id']}"
    settings = Settings(home=root / "home")
    ingest_shop(write_shop(root / "shop", **shop), settings, embedder=embedder)
    with serving(web_app(settings)) as url:
        yield url


class Widget:
    """One browser page on the widget, recording every request it makes."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def open(self) -> Widget:
        self.page.goto(self.url, wait_until="domcontentloaded")
        # the input is enabled once this tab's conversation has been restored
        self.page.locator("#message textarea:not([disabled])").wait_for(timeout=WAIT_MS)
        return self

    @property
    def box(self) -> Any:
        return self.page.get_by_role("textbox", name="Message")

    def bot_messages(self) -> Any:
        return self.page.locator('#chat [data-testid="bot"]')

    def send(self, text: str) -> str:
        """Send a message; the text of the reply once it has finished."""
        before = self.bot_messages().count()
        self.box.fill(text)
        self.page.get_by_role("button", name="Send").click()
        return self.reply_after(before)

    def reply_after(self, before: int) -> str:
        """The new reply's text once the chat has stopped changing for half a second."""
        self.page.wait_for_function(SETTLED, arg=before, timeout=WAIT_MS, polling=100)
        return self.bot_messages().last.inner_text()

    def chat_text(self) -> str:
        return self.page.locator("#chat").inner_text()

    def shot(self, name: str, viewport: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"widget-{name}-{viewport}.png"))

    def outside(self) -> list[str]:
        """Requests to anything but the widget's server and the shop's own site."""
        return [u for u in self.requests if not u.startswith("http://127.0.0.1:")]


@pytest.fixture(params=list(VIEWPORTS))
def widget(request: pytest.FixtureRequest, site: str) -> Iterator[tuple[Widget, str]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORTS[request.param])
        yield Widget(page, site + "/").open(), request.param
        browser.close()


def _stored(page: Any) -> str:
    """Everything the page keeps in the browser: local and session storage, IndexedDB, caches."""
    return page.evaluate(
        """async () => {
        const dump = [JSON.stringify(localStorage), JSON.stringify(sessionStorage)];
        for (const info of await indexedDB.databases()) {
          const db = await new Promise((ok, no) => {
            const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = no;
          });
          for (const name of db.objectStoreNames) {
            const all = db.transaction(name).objectStore(name).getAll();
            dump.push(info.name, JSON.stringify(await new Promise(ok => all.onsuccess = () =>
              ok(all.result))));
          }
        }
        dump.push(JSON.stringify(await caches.keys()));
        return dump.join("\\n");
    }"""
    )


def test_nothing_of_a_verified_conversation_stays_in_the_browser(widget) -> None:
    ui, viewport = widget
    assert "email address" in ui.send("where is my order?").lower()
    assert "verified" in ui.send("ada@example.com 10001").lower()
    orders = ui.send("show my orders")
    assert "O-1" in orders
    ui.shot("verified-orders", viewport)
    kept = _stored(ui.page)
    for private in ("ada@example.com", "10001", "O-1", "Ada", "shipped"):
        assert private not in kept
    # no run history to reload, no footer links (API, settings, "Runs") for the next person
    assert ui.page.request.get(ui.url + "gradio_api/runs").status == 404
    assert ui.page.locator("footer a, footer button").count() == 0
    assert ui.outside() == []


def test_new_chat_ends_the_verification(widget) -> None:
    ui, viewport = widget
    ui.send("where is my order?")
    assert "verified" in ui.send("ada@example.com 10001").lower()
    ui.page.get_by_role("button", name="New chat").click()
    ui.page.wait_for_function(
        "() => !document.querySelector('#chat [data-testid=\"bot\"]')", timeout=WAIT_MS
    )
    again = ui.send("show my orders")
    assert "email address and the zip code" in again.lower() and "O-1" not in again
    ui.shot("new-chat-asks-again", viewport)
    ui.page.reload()  # the ended conversation does not come back either
    ui.open()
    assert "ada@example.com" not in ui.chat_text()


def test_typed_html_is_shown_as_text_and_fetches_nothing(widget, shop_host: str) -> None:
    ui, viewport = widget
    typed = (
        '<img src="http://203.0.113.7/pixel.png"> ![x](http://203.0.113.7/md.png) '
        "<b>bold</b> &amp; www.example.org dishwasher"
    )
    ui.send(typed)
    ui.page.wait_for_timeout(1000)
    user = ui.page.locator('#chat [data-testid="user"]').last
    assert user.inner_text().strip() == typed
    assert user.locator("a, b, img").count() == 0  # nor in the reply that echoes it:
    assert ui.page.locator("#chat b, #chat img[src*='203.0.113.7']").count() == 0
    links = "#chat a[href*='203.0.113.7'], #chat a[href*='example.org']"
    assert ui.page.locator(links).count() == 0
    assert ui.outside() == [] and not any("203.0.113.7" in u for u in ui.requests)
    ui.shot("typed-html-as-text", viewport)


def test_cards_with_image_and_link_ask_about_their_product(widget, shop_host: str) -> None:
    ui, viewport = widget
    ui.send("quiet dishwasher")
    first = ui.bot_messages().last
    card = first.locator(".sa-card").first
    card.wait_for(timeout=WAIT_MS)
    assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    link = card.get_by_role("link")
    assert link.get_attribute("href").startswith(f"{shop_host}/products/P")
    assert not re.search(r"\bP\d\b", ui.chat_text())  # no internal ids, in text or on cards
    assert "Quiet Dishwasher 44 dBA\n—" not in first.inner_text()  # the text leaves it to cards
    box = ui.box.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORTS[viewport]["height"]  # input still on screen
    ui.shot("cards", viewport)
    cards_before = first.locator(".sa-card").count()
    before = ui.bot_messages().count()
    first.get_by_role("button", name="Quiet Dishwasher 44 dBA").click()
    ui.reply_after(before)
    asked = ui.page.locator('#chat [data-testid="user"]').last.inner_text()
    assert asked.strip() == "Tell me more about Quiet Dishwasher 44 dBA"
    about = ui.bot_messages().last
    # the reply is about that product (with the offline planner today: a search for its title)
    assert "Quiet Dishwasher 44 dBA" in about.locator(".sa-card-title").all_inner_texts()
    assert "$549.00" in about.inner_text()
    # each reply keeps its own cards
    assert ui.bot_messages().nth(before - 1).locator(".sa-card").count() == cards_before
    ui.shot("card-clicked", viewport)


def test_reload_continues_the_conversation(widget) -> None:
    ui, viewport = widget
    ui.send("quiet dishwasher")
    ui.bot_messages().last.locator(".sa-card").first.wait_for(timeout=WAIT_MS)
    ui.page.reload()
    ui.open()
    ui.page.locator("#chat .sa-card").first.wait_for(timeout=WAIT_MS)
    assert "quiet dishwasher" in ui.chat_text()
    follow = ui.send("is the first one in stock?")
    assert "in stock" in follow.lower()
    ui.shot("reloaded-and-continued", viewport)


def _contrast(page: Any, selector: str, pseudo: str | None = None) -> float:
    """WCAG contrast of an element's text colour against white."""
    return page.evaluate(
        """([selector, pseudo]) => {
        const rgb = getComputedStyle(document.querySelector(selector), pseudo).color
          .match(/[\\d.]+/g).map(Number);
        const lum = rgb.slice(0, 3).map(v => v / 255)
          .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        const l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
        return 1.05 / (l + 0.05);
    }""",
        [selector, pseudo],
    )


def test_accessible_names_contrast_and_no_gradio_chrome(widget) -> None:
    ui, viewport = widget
    ui.send("quiet dishwasher")
    ui.page.locator("#chat .sa-card").first.wait_for(timeout=WAIT_MS)
    assert ui.box.count() == 1 and ui.page.get_by_role("button", name="Send").count() == 1
    assert _contrast(ui.page, "#message textarea", "::placeholder") >= 4.5
    for selector in (".sa-card-title", ".sa-card-meta", ".sa-card-link", "#message textarea"):
        assert _contrast(ui.page, selector) >= 4.5, selector
    label = ui.bot_messages().last.get_attribute("aria-label")
    assert label.startswith("Assistant: ") and "<" not in label and "\\" not in label
    assert "Quiet Dishwasher 44 dBA" in label
    for chrome in ("Share", "Copy", "Like", "Dislike", "Clear"):
        visible = ui.page.get_by_role("button", name=chrome, exact=True).filter(visible=True)
        assert visible.count() == 0, chrome
    assert ui.page.locator("footer").filter(visible=True).count() == 0
    ui.shot("accessible", viewport)
