"""Browser turns: what the widget adds to a turn, in Debian chromium, against the API's times.

    python bench/browser_turns.py [--smoke] [--rounds 1]

`shopassist serve` runs over a private copy of the ingested demo shop. Twenty messages (search,
refinements, a comparison, reviews, details, verification and orders) are sent twice per turn:
over `POST /v1/chat` (server-sent events, its own session: the baseline, timed to the first
`text_delta` and to the `final` event) and typed into the widget in chromium (Playwright), timed
in the page from the click on Send to the first reply text shown and to the last change of the
chat (the short reply and its cards; Gradio's hidden progress timer is not counted). The two
sides take turns going first (the first warms the server's caches for the message). The
page's overhead is its time minus the API's for the same message; target: at p95 at most 2x
the API's own p95 time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    VENV_BIN,
    banner,
    child_env,
    first_customer,
    fmt,
    free_port,
    print_table,
    private_copy,
    ratio,
    shop_home,
    start_process,
    stop_process,
    summarize,
    verdict,
    wait_http,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MESSAGES = [
    "quiet dishwasher under $600",
    "only in stock",
    "compare the first two",
    "what do reviewers say about the first one?",
    "anything similar?",
    "running shoes under 80",
    "anything cheaper?",
    "tell me about the second one",
    "is it in stock?",
    "wireless earbuds rated 4 stars and up",
    "compare the first two",
    "espresso machine",
    "what do reviewers complain about?",
    "hair dryer under 100 dollars",
    "thanks!",
    "where is my order?",
    "{email} {zip}",
    "show my orders",
    "track the latest one",
    "bye",
]
# Sends a message the way a customer does and watches the chat: first text, last change.
SEND_JS = """([text]) => new Promise(resolve => {
  const chat = document.querySelector('#chat');
  const bots = () => chat.querySelectorAll('[data-testid="bot"]');
  const before = bots().length;
  let first = null, last = null, settle = null;
  const t0 = performance.now();
  const done = () => { observer.disconnect(); resolve({first: first - t0, last: last - t0}); };
  setTimeout(done, 120000);  // a turn that never renders counts as NaN, not a hang
  const observer = new MutationObserver((mutations) => {
    const now = performance.now();
    // Gradio's hidden progress timer ticks every 100 ms while an event runs: not the reply
    const shown = mutations.some(m => {
      const el = m.target.nodeType === 3 ? m.target.parentElement : m.target;
      return !(el && el.closest('[data-testid="status-tracker"]'));
    });
    if (!shown) return;
    const all = bots();
    if (all.length <= before) return;
    if (first === null && all[all.length - 1].innerText.trim()) first = now;
    if (first !== null) { last = now; clearTimeout(settle); settle = setTimeout(done, 1500); }
  });
  observer.observe(chat, {subtree: true, childList: true, characterData: true});
  const box = document.querySelector('#message textarea');
  box.value = text;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  document.querySelector('#message button.submit-button').click();
})"""


def api_turn(client: Any, url: str, session: str | None, text: str) -> tuple[float, float, str]:
    """(ms to the first text, ms to the final event, session id) of one streamed API turn."""
    started = time.perf_counter()
    first = final = float("nan")
    event = ""
    with client.stream("POST", url, json={"message": text, "session_id": session}) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "session":
                session = json.loads(line[6:])["session_id"]
            elif event == "text_delta" and first != first:
                first = (time.perf_counter() - started) * 1000
            elif event == "final":
                final = (time.perf_counter() - started) * 1000
    return first, final, str(session)


def main() -> None:
    """Send the messages through the API and the widget and print both sides' times."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="three turns on the tiny shop")
    parser.add_argument("--rounds", type=int, default=1, help="times through the 20 messages")
    args = parser.parse_args()
    banner("browser turns (widget in chromium vs the API)", args.smoke)
    if not Path(CHROMIUM).exists():
        print("SKIPPED: Debian chromium is not installed (make browser)")
        return
    import httpx
    from playwright.sync_api import sync_playwright

    cached, label = shop_home(args.smoke)
    home = private_copy(cached)
    _, email, zip_code = first_customer(home) or ("", "nobody@example.com", "00000")
    messages = [m.format(email=email, zip=zip_code) for m in MESSAGES]
    messages = messages[:3] if args.smoke else messages * args.rounds
    port = free_port()
    log = home.parent / "serve.log"
    env = child_env(SHOPASSIST_HOME=str(home))
    cmd = [str(VENV_BIN / "shopassist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = start_process(cmd, env, log)
    base = f"http://127.0.0.1:{port}"
    rows: list[tuple[str, float, float, float, float]] = []
    try:
        wait_http(f"{base}/healthz", server, 300, log)
        print(f"shop: {label}  turns: {len(messages)}  server: shopassist serve (1 process)")
        with (
            httpx.Client(timeout=60) as client,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1100, "height": 820})
            page.goto(base + "/", wait_until="domcontentloaded")
            page.locator("#message textarea:not([disabled])").wait_for(timeout=120_000)
            session = None
            api_turn(client, f"{base}/v1/chat", None, "hello")  # warm both paths once
            page.evaluate(SEND_JS, ["hello"])
            for n, text in enumerate(messages):
                # alternate which side goes first: the first one warms the server's caches
                if n % 2:
                    shown = page.evaluate(SEND_JS, [text])
                first, final, session = api_turn(client, f"{base}/v1/chat", session, text)
                if not n % 2:
                    shown = page.evaluate(SEND_JS, [text])
                rows.append((text, first, final, shown["first"], shown["last"]))
            browser.close()
    finally:
        stop_process(server)
    report(rows)


def report(rows: list[tuple[str, float, float, float, float]]) -> None:
    """Per-turn rows, the summary against the API, and the RESULT line."""
    print_table(
        "per turn, ms",
        ["message", "API first text", "API final", "page first text", "page complete"],
        [[t[:40], fmt(a), fmt(b), fmt(c), fmt(d)] for t, a, b, c, d in rows],
    )
    api_first, api_final = summarize([r[1] for r in rows]), summarize([r[2] for r in rows])
    page_first, page_done = summarize([r[3] for r in rows]), summarize([r[4] for r in rows])
    added = summarize([r[4] - r[2] for r in rows])
    per_turn = summarize([(r[4] - r[2]) / r[2] for r in rows if r[2] > 0])
    target = 2 * api_final.p95
    print_table(
        f"summary over {len(rows)} turns, ms",
        ["what", "p50", "p95", "max", "p50 ratio to API final"],
        [
            ["API: first text_delta", fmt(api_first.median), fmt(api_first.p95),
             fmt(api_first.max), ratio(api_first.median, api_final.median)],
            ["API: final event (baseline)", fmt(api_final.median), fmt(api_final.p95),
             fmt(api_final.max), "1.00x"],
            ["page: first reply text", fmt(page_first.median), fmt(page_first.p95),
             fmt(page_first.max), ratio(page_first.median, api_final.median)],
            ["page: complete (short reply and cards)", fmt(page_done.median),
             fmt(page_done.p95), fmt(page_done.max), ratio(page_done.median, api_final.median)],
            ["page adds (complete minus API final)", fmt(added.median), fmt(added.p95),
             fmt(added.max), ratio(added.median, api_final.median)],
        ],
    )  # fmt: skip
    print(
        f"\npage adds at p95 {fmt(added.p95)} ms; target <= 2x the API's p95 "
        f"({fmt(target)} ms): {verdict(added.p95, target)}"
    )
    print(
        f"per turn, what the page adds over that turn's API time: p50 {per_turn.median:.2f}x, "
        f"p95 {per_turn.p95:.2f}x (<= 2x: {verdict(per_turn.p95, 2.0)})"
    )
    print(
        f"RESULT browser api_final_p95_ms={api_final.p95:.1f} "
        f"page_first_p95_ms={page_first.p95:.1f} page_complete_p95_ms={page_done.p95:.1f} "
        f"page_adds_p95_ms={added.p95:.1f} per_turn_ratio_p95={per_turn.p95:.2f}"
    )


if __name__ == "__main__":
    main()
