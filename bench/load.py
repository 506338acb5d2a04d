"""Load test: N simulated customers chatting with `shopassist serve` over HTTP at once.

    python bench/load.py [--customers 32] [--duration 60] [--baseline-duration 10] [--smoke]

Starts `shopassist serve` on 127.0.0.1 (a free port) over a private copy of the cached demo
shop, then runs scripted multi-turn conversations through `POST /v1/chat` (stream=false): each
simulated customer plays one conversation after another, each in its own new session
(visitors anonymous; signed-in customers with a token minted for them), with no think time.
It runs for a bounded time and stops by itself (and stops the server). The baseline, in the
same process and against the same server, is one customer alone for --baseline-duration
(no think time). With --think T each customer waits about T s (uniform 0.5T..1.5T) before
each message, as people type; the default 0 sends back to back (saturation: then the latency
is customers / throughput, by Little's law).

Checked on every reply: HTTP 200, the session id is the one the conversation holds, and every
product id the reply names appeared in a tool result of that same session. After the timed
window every conversation's transcript (`GET /v1/sessions/{id}`) must hold exactly the
messages that customer sent, in order. Targets: >= 20 turns/s, p95 <= 500 ms, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    VENV_BIN,
    Dialogue,
    banner,
    built_in_dialogues,
    child_env,
    fmt,
    free_port,
    print_table,
    private_copy,
    ratio,
    rss_bytes,
    shop_home,
    start_process,
    stop_process,
    summarize,
    verdict,
    wait_http,
)

PRODUCT_ID = re.compile(r"\bP\d{3,}\b")


@dataclass
class Conversation:
    """What one simulated customer sent in one session, and how to read it back."""

    session_id: str | None
    headers: dict[str, str]
    sent: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Everything a run observed."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    mixups: int = 0
    foreign_ids: int = 0
    failed_turns: int = 0
    conversations: list[Conversation] = field(default_factory=list)
    seconds: float = 0.0

    def error(self, kind: str) -> None:
        """Count one failed request by kind."""
        self.errors[kind] = self.errors.get(kind, 0) + 1


def customers_with_orders(home: Path, limit: int) -> list[str]:
    """Ids of customers who have orders (for the signed-in conversations)."""
    with sqlite3.connect(home / "shop.db") as db:
        rows = db.execute(
            "SELECT DISTINCT customer_id FROM orders ORDER BY customer_id LIMIT ?", (limit,)
        ).fetchall()
    return [r[0] for r in rows]


def _ids_in_results(events: list[dict[str, Any]]) -> set[str]:
    blob = json.dumps([e.get("result") for e in events if e.get("type") == "tool_result"])
    return set(PRODUCT_ID.findall(blob))


async def simulate(
    client: Any,
    index: int,
    deadline: float,
    dialogues: list[Dialogue],
    tokens: dict[str, str],
    tally: Tally,
    think_s: float = 0.0,
) -> None:
    """One customer: conversations back to back until the deadline, each in a new session."""
    import random

    import httpx

    rng = random.Random(index)
    n = index
    while time.perf_counter() < deadline:
        dialogue = dialogues[n % len(dialogues)]
        n += 1
        headers = {}
        if dialogue.role == "customer" and tokens:
            customer = list(tokens)[index % len(tokens)]
            headers = {"Authorization": f"Bearer {tokens[customer]}"}
        convo = Conversation(None, headers)
        seen: set[str] = set()
        for message in dialogue.messages:
            if think_s:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
            if time.perf_counter() >= deadline:
                break
            body = {"message": message, "session_id": convo.session_id, "stream": False}
            started = time.perf_counter()
            try:
                response = await client.post("/v1/chat", json=body, headers=headers)
            except httpx.HTTPError as exc:
                tally.error(type(exc).__name__)
                break
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                tally.error(f"HTTP {response.status_code}")
                break
            data = response.json()
            if convo.session_id is not None and data["session_id"] != convo.session_id:
                tally.mixups += 1
            convo.session_id = data["session_id"]
            convo.sent.append(message.strip())
            events = data.get("events", [])
            seen |= _ids_in_results(events)
            tally.failed_turns += any(
                e.get("type") == "error" or (e.get("type") == "tool_result" and not e.get("ok"))
                for e in events
            )
            if set(PRODUCT_ID.findall(data.get("reply", ""))) - seen:
                tally.foreign_ids += 1
        if convo.session_id is not None:
            tally.conversations.append(convo)


async def run_load(
    base_url: str,
    customers: int,
    duration: float,
    dialogues: list[Dialogue],
    tokens: dict[str, str],
    think_s: float = 0.0,
) -> Tally:
    """Run `customers` simulated customers for `duration` seconds; returns the tally."""
    import httpx

    tally = Tally()
    limits = httpx.Limits(max_connections=customers, max_keepalive_connections=customers)
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0, limits=limits) as client:
        started = time.perf_counter()
        deadline = started + duration
        await asyncio.gather(
            *(
                simulate(client, i, deadline, dialogues, tokens, tally, think_s)
                for i in range(customers)
            )
        )
        tally.seconds = time.perf_counter() - started
    return tally


async def verify_transcripts(base_url: str, conversations: list[Conversation]) -> int:
    """Conversations whose stored user messages differ from what their customer sent."""
    import httpx

    bad = 0
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0) as client:
        for convo in conversations:
            response = await client.get(f"/v1/sessions/{convo.session_id}", headers=convo.headers)
            if response.status_code != 200:
                bad += 1
                continue
            stored = [
                m.get("data", {}).get("content")
                for m in response.json()["messages"]
                if m.get("type") == "human"
            ]
            bad += stored != convo.sent
    return bad


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """Start the server, run the baseline and the load, print the figures, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--baseline-duration", type=float, default=10.0)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a customer waits before each message (0: back to back)",
    )
    parser.add_argument("--smoke", action="store_true", help="4 customers for 2 s")
    args = parser.parse_args()
    if args.smoke:
        args.customers, args.duration, args.baseline_duration = 4, 2.0, 0.5
    banner("load: concurrent customers over HTTP", args.smoke)

    from assistant.config import Settings
    from ui.auth import mint_token, secret_key

    cached, label = shop_home(args.smoke)
    home = private_copy(cached)
    key = secret_key(Settings(home=home))
    tokens = {
        cid: mint_token(key, cid, "customer", 3600)
        for cid in customers_with_orders(home, args.customers)
    }
    dialogues = built_in_dialogues(home)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.mkdtemp(prefix="shopassist-load-")) / "server.log"
    env = child_env(SHOPASSIST_HOME=str(home), GRADIO_ANALYTICS_ENABLED="False")
    cmd = [str(VENV_BIN / "shopassist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = start_process(cmd, env, log_path)
    try:
        startup = wait_http(f"{base_url}/healthz", proc, 180.0, log_path)
        print(f"shop: {label}  server: {base_url} (pid {proc.pid}, up in {startup:.1f} s)")
        print(f"conversations: {len(dialogues)} scripts, {len(tokens)} signed-in customers")
        warm_s = 0.5 if args.smoke else 2.0
        asyncio.run(run_load(base_url, 2, warm_s, dialogues, tokens))  # warm-up
        cpu0 = cpu_seconds(proc.pid)
        base = asyncio.run(run_load(base_url, 1, args.baseline_duration, dialogues, tokens))
        cpu1 = cpu_seconds(proc.pid)
        load = asyncio.run(
            run_load(base_url, args.customers, args.duration, dialogues, tokens, args.think)
        )
        cpu2 = cpu_seconds(proc.pid)
        rss = rss_bytes(proc.pid)
        bad_base = asyncio.run(verify_transcripts(base_url, base.conversations))
        bad_load = asyncio.run(verify_transcripts(base_url, load.conversations))
    finally:
        stop_process(proc)

    rows = []
    figures = {}
    for name, tally, bad, cpu in (
        ("1 customer (baseline)", base, bad_base, cpu1 - cpu0),
        (f"{args.customers} customers, think {args.think:g} s", load, bad_load, cpu2 - cpu1),
    ):
        stats = summarize(tally.latencies_ms)
        rate = stats.n / tally.seconds if tally.seconds else float("nan")
        figures[name] = (rate, stats)
        errors = sum(tally.errors.values())
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(tally.errors.items())) or "none"
        rows.append(
            [
                name,
                stats.n,
                fmt(tally.seconds),
                fmt(rate),
                fmt(stats.median),
                fmt(stats.p95),
                f"{errors} ({detail})",
                tally.mixups + tally.foreign_ids + bad,
                tally.failed_turns,
                len(tally.conversations),
                fmt(cpu / max(stats.n, 1) * 1000),
                fmt(cpu / tally.seconds, 2) if tally.seconds else "-",
            ]
        )
    (rate1, stats1), (rate_n, stats_n) = figures.values()
    print_table(
        "load over POST /v1/chat (stream=false)",
        [
            "run",
            "turns",
            "s",
            "turns/s",
            "p50 ms",
            "p95 ms",
            "errors",
            "session mix-ups",
            "turns with a failed tool",
            "sessions",
            "server CPU ms/turn",
            "server cores busy",
        ],
        rows,
    )
    errors_n = sum(load.errors.values())
    mixups_n = load.mixups + load.foreign_ids + bad_load
    print_table(
        f"{args.customers} customers vs targets",
        ["figure", "value", "ratio to 1 customer", "target"],
        [
            ["turns/s", fmt(rate_n), ratio(rate_n, rate1), f">= 20: {verdict(rate_n, 20, True)}"],
            [
                "p95 ms",
                fmt(stats_n.p95),
                ratio(stats_n.p95, stats1.p95),
                f"<= 500: {verdict(stats_n.p95, 500)}",
            ],
            ["errors", errors_n, "", f"0: {'met' if errors_n == 0 else 'MISSED'}"],
            ["session mix-ups", mixups_n, "", f"0: {'met' if mixups_n == 0 else 'MISSED'}"],
        ],
    )
    print(f"\nserver RSS at the end: {rss / 2**20:.0f} MiB; server log: {log_path}")
    print(
        f"RESULT load turns_per_s={rate_n:.1f} p50_ms={stats_n.median:.1f} "
        f"p95_ms={stats_n.p95:.1f} errors={errors_n} mixups={mixups_n} "
        f"baseline_turns_per_s={rate1:.1f} baseline_p95_ms={stats1.p95:.1f}"
    )


if __name__ == "__main__":
    main()
