"""Load: concurrent signed-in sessions, each asking for its own orders, over real HTTP.

    python bench/load_sessions.py [--sessions 50] [--turns 20] [--max-seconds 600] [--smoke]

Starts `shopassist serve` on 127.0.0.1 over a private copy of the cached demo shop (rate limits
raised: this measures the server, not the limiter), signs in one different customer per session
and has every session ask about its orders `--turns` times, back to back. Every reply is checked
against its own session: the session id is the one it holds and the order ids it names are all
that customer's (at least one). After the run every transcript must hold exactly the messages
its customer sent. It stops by itself after the turns or --max-seconds, and stops the server.
Figures: turns/s, latency, 5xx, mix-ups, and the server's RSS after warm-up, half-way, at the end.
The test suite runs the same client in a short mode (tests/test_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    VENV_BIN,
    banner,
    child_env,
    fmt,
    free_port,
    print_table,
    private_copy,
    rss_bytes,
    shop_home,
    start_process,
    stop_process,
    summarize,
    wait_http,
)
from bench.load import Conversation, customers_with_orders, verify_transcripts  # noqa: E402

ORDER_ID = re.compile(r"\bO-\d+\b")
MESSAGES = (
    "show my orders",
    "what are my orders?",
    "where is my latest order?",
    "list my orders",
    "do I have any orders?",
)


@dataclass
class SessionsTally:
    """What a run of concurrent sessions observed."""

    turns: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    mixups: list[str] = field(default_factory=list)
    without_orders: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    rss: list[tuple[int, int]] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(n for status, n in self.statuses.items() if status >= 500)


def orders_by_customer(db_path: Path, customers: list[str]) -> dict[str, set[str]]:
    """Every order id of each customer."""
    with sqlite3.connect(db_path) as db:
        return {
            c: {r[0] for r in db.execute("SELECT order_id FROM orders WHERE customer_id=?", (c,))}
            for c in customers
        }


async def _session(
    client: httpx.AsyncClient,
    index: int,
    customer: str,
    token: str,
    own: set[str],
    turns: int,
    deadline: float,
    tally: SessionsTally,
) -> None:
    """One signed-in customer asking about their orders `turns` times in one session."""
    import httpx

    convo = Conversation(None, {"Authorization": f"Bearer {token}"})
    for turn in range(turns):
        if time.perf_counter() >= deadline:
            break
        message = MESSAGES[(index + turn) % len(MESSAGES)]
        body = {"message": message, "session_id": convo.session_id, "stream": False}
        started = time.perf_counter()
        try:
            response = await client.post("/v1/chat", json=body, headers=convo.headers)
        except httpx.HTTPError as exc:
            tally.errors[type(exc).__name__] += 1
            break
        tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        tally.statuses[response.status_code] += 1
        tally.turns += 1
        if response.status_code != 200:
            break
        data = response.json()
        if convo.session_id is not None and data["session_id"] != convo.session_id:
            tally.mixups.append(f"{customer}: session {convo.session_id} -> {data['session_id']}")
        convo.session_id = data["session_id"]
        convo.sent.append(message)
        named = set(ORDER_ID.findall(data["reply"]))
        if named - own:
            tally.mixups.append(f"{customer} was shown {sorted(named - own)}")
        tally.without_orders += not named
    if convo.session_id is not None:
        tally.conversations.append(convo)


async def _sample_rss(rss: Callable[[], int], tally: SessionsTally, done: asyncio.Event) -> None:
    while not done.is_set():
        tally.rss.append((tally.turns, rss()))
        try:
            await asyncio.wait_for(done.wait(), timeout=0.25)
        except TimeoutError:
            pass
    tally.rss.append((tally.turns, rss()))


async def run_sessions(
    base_url: str,
    tokens: dict[str, str],
    orders: dict[str, set[str]],
    turns: int,
    max_seconds: float,
    rss: Callable[[], int] | None = None,
) -> SessionsTally:
    """One concurrent session per customer in `tokens`, `turns` turns each; checks every reply."""
    import httpx

    tally = SessionsTally()
    limits = httpx.Limits(max_connections=len(tokens), max_keepalive_connections=len(tokens))
    done = asyncio.Event()
    async with httpx.AsyncClient(base_url=base_url, timeout=60.0, limits=limits) as client:
        sampler = asyncio.create_task(_sample_rss(rss, tally, done)) if rss else None
        started = time.perf_counter()
        deadline = started + max_seconds
        await asyncio.gather(
            *(
                _session(client, i, cid, token, orders[cid], turns, deadline, tally)
                for i, (cid, token) in enumerate(tokens.items())
            )
        )
        tally.seconds = time.perf_counter() - started
        done.set()
        if sampler is not None:
            await sampler
    return tally


def rss_at(tally: SessionsTally, share: float) -> int:
    """The RSS sampled when `share` of the turns were done (bytes)."""
    target = share * max(tally.turns, 1)
    return next((b for turns, b in tally.rss if turns >= target), tally.rss[-1][1])


def main() -> int:
    """Start the server, warm it up, run the sessions, print the figures, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--smoke", action="store_true", help="8 sessions x 3 turns, tiny shop")
    args = parser.parse_args()
    if args.smoke:
        args.sessions, args.turns = 8, 3
    banner("load: concurrent signed-in sessions over HTTP", args.smoke)

    from assistant.config import Settings
    from ui.auth import mint_token, secret_key

    cached, label = shop_home(args.smoke)
    home = private_copy(cached)
    customers = customers_with_orders(home, args.sessions)
    if len(customers) < args.sessions:
        print(f"only {len(customers)} customers have orders; running that many sessions")
    key = secret_key(Settings(home=home))
    tokens = {cid: mint_token(key, cid, "customer", 3600) for cid in customers}
    orders = orders_by_customer(home / "shop.db", customers)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.mkdtemp(prefix="shopassist-load-sessions-")) / "server.log"
    env = child_env(
        SHOPASSIST_HOME=str(home),
        SHOPASSIST_RATE_LIMIT_PER_MINUTE="1000000",
        SHOPASSIST_RATE_LIMIT_BURST="100000",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    cmd = [str(VENV_BIN / "shopassist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = start_process(cmd, env, log_path)
    try:
        startup = wait_http(f"{base_url}/healthz", proc, 180.0, log_path)
        print(f"shop: {label}  server: {base_url} (pid {proc.pid}, up in {startup:.1f} s)")
        warm = dict(list(tokens.items())[:2])
        asyncio.run(run_sessions(base_url, warm, orders, 2, 60.0))
        tally = asyncio.run(
            run_sessions(
                base_url, tokens, orders, args.turns, args.max_seconds, lambda: rss_bytes(proc.pid)
            )
        )
        bad_transcripts = asyncio.run(verify_transcripts(base_url, tally.conversations))
    finally:
        stop_process(proc)

    stats = summarize(tally.latencies_ms)
    rate = tally.turns / tally.seconds if tally.seconds else float("nan")
    mib = [rss_at(tally, share) / 2**20 for share in (0.0, 0.5, 1.0)]
    mixups = len(tally.mixups) + bad_transcripts
    print_table(
        f"{len(tokens)} sessions x {args.turns} turns over POST /v1/chat (stream=false)",
        ["figure", "value"],
        [
            ["turns", f"{tally.turns} of {len(tokens) * args.turns}"],
            ["seconds", fmt(tally.seconds)],
            ["turns/s", fmt(rate)],
            ["p50 / p95 ms", f"{fmt(stats.median)} / {fmt(stats.p95)}"],
            ["HTTP statuses", dict(sorted(tally.statuses.items()))],
            ["5xx", tally.server_errors],
            ["client errors", dict(tally.errors) or 0],
            ["cross-session mix-ups", mixups],
            ["replies naming no own order", tally.without_orders],
            ["server RSS MiB start / half / end", " / ".join(fmt(m) for m in mib)],
            ["RSS growth, second half", f"{fmt(mib[2] - mib[1])} MiB"],
        ],
    )
    for line in tally.mixups[:10]:
        print("MIX-UP", line)
    print(
        f"RESULT load_sessions turns={tally.turns} turns_per_s={rate:.1f} "
        f"p95_ms={stats.p95:.1f} server_errors={tally.server_errors} mixups={mixups} "
        f"rss_start_mib={mib[0]:.0f} rss_end_mib={mib[2]:.0f}"
    )
    print(f"server log: {log_path}")
    complete = tally.turns == len(tokens) * args.turns
    return 0 if complete and not tally.server_errors and not mixups else 1


if __name__ == "__main__":
    raise SystemExit(main())
