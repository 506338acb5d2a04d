"""Turn latency of the offline planner: p50/p95 of `Agent.turn` over realistic user messages.

    python bench/turn_latency.py [--rounds 3] [--suites eval/dialogues] [--smoke] [--profile]

The messages are the user turns of the eval suites (`eval/dialogues/*.yaml`, each dialogue
in its own session with its identity, turns in order); without suites, a built-in set of ~40
messages in short conversations (search, follow-ups, comparisons, reviews, orders with and
without verification). Everything runs on the demo shop (a private copy of the cached
ingest). The first round (models loading, review-sentiment cache filling) is reported on its
own row; the target applies to the rounds after it. The baseline, in the same process, is one
`Searcher.search` of each message: the ratio says what a whole turn (planning, tools, agent
loop, session storage) costs relative to one search. Target: p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    ROOT,
    Dialogue,
    ThreadSampler,
    banner,
    built_in_dialogues,
    dialogues_from_suites,
    fmt,
    print_table,
    private_copy,
    profile_top,
    quiet_logs,
    ratio,
    shop_home,
    summarize,
    verdict,
)


def run_round(agent: object, dialogues: list[Dialogue]) -> list[tuple[float, str, bool]]:
    """Play every dialogue once in fresh sessions; (ms, first tool, failed?) per turn."""
    from assistant.events import ErrorEvent, ToolCall, ToolResult

    samples = []
    for dialogue in dialogues:
        session = agent.new_session(  # type: ignore[attr-defined]
            customer_id=dialogue.customer, agent=dialogue.role == "agent"
        )
        for message in dialogue.messages:
            started = time.perf_counter()
            events = list(agent.turn(session, message))  # type: ignore[attr-defined]
            elapsed = (time.perf_counter() - started) * 1000
            tool = next((e.name for e in events if isinstance(e, ToolCall)), "reply only")
            failed = any(
                isinstance(e, ErrorEvent) or (isinstance(e, ToolResult) and not e.ok)
                for e in events
            )
            samples.append((elapsed, tool, failed))
    return samples


def main() -> None:
    """Replay the messages through the agent and print per-turn latency."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--suites", type=Path, default=ROOT / "eval" / "dialogues")
    parser.add_argument("--smoke", action="store_true", help="one round of a few dialogues")
    parser.add_argument("--profile", action="store_true", help="pyinstrument one round")
    args = parser.parse_args()
    quiet_logs()
    banner("turn latency (offline planner)", args.smoke)

    from assistant.agent import build_agent
    from assistant.config import Settings

    cached, label = shop_home(args.smoke)
    home = private_copy(cached)
    dialogues = dialogues_from_suites(args.suites)
    source = f"eval suites in {args.suites}" if dialogues else "built-in messages (no suites)"
    dialogues = dialogues or built_in_dialogues(home)
    if args.smoke:
        dialogues, args.rounds = dialogues[:3], 1
    agent = build_agent(Settings(home=home))
    messages = [m for d in dialogues for m in d.messages]
    print(f"shop: {label}  messages: {len(messages)} from {source}  backend: {agent.backend}")

    # The first round loads the embedder, recommender and sentiment model, and fills the
    # review-sentiment cache; it is reported on its own row.
    cold = summarize([ms for ms, _, _ in run_round(agent, dialogues)])
    samples: list[tuple[float, str, bool]] = []
    cpu_started = time.process_time()
    for _ in range(args.rounds):
        samples += run_round(agent, dialogues)
    turn_cpu = (time.process_time() - cpu_started) * 1000 / max(len(samples), 1)
    turns = summarize([ms for ms, _, _ in samples])
    failures = sum(1 for _, _, failed in samples if failed)

    searcher = agent.shop.searcher
    for message in messages:
        searcher.search(message)
    search_ms = []
    cpu_started = time.process_time()
    for _ in range(args.rounds):
        for message in messages:
            started = time.perf_counter()
            searcher.search(message)
            search_ms.append((time.perf_counter() - started) * 1000)
    search = summarize(search_ms)
    search_cpu = (time.process_time() - cpu_started) * 1000 / max(len(search_ms), 1)

    print_table(
        f"per-turn latency, ms ({len(messages)} messages x {args.rounds} rounds)",
        [
            "what",
            "n",
            "p50 ms",
            "p95 ms",
            "max ms",
            "CPU ms",
            "p50 ratio to baseline",
            "CPU ratio to baseline",
            "target",
        ],
        [
            [
                "Searcher.search of the message (baseline)",
                search.n,
                fmt(search.median),
                fmt(search.p95),
                fmt(search.max),
                fmt(search_cpu),
                "1.00x",
                "1.00x",
                "",
            ],
            [
                "Agent.turn, offline planner",
                turns.n,
                fmt(turns.median),
                fmt(turns.p95),
                fmt(turns.max),
                fmt(turn_cpu),
                ratio(turns.median, search.median),
                ratio(turn_cpu, search_cpu),
                f"p95 <= 150 ms: {verdict(turns.p95, 150)}",
            ],
            [
                "Agent.turn, first round (models loading, caches cold)",
                cold.n,
                fmt(cold.median),
                fmt(cold.p95),
                fmt(cold.max),
                "",
                ratio(cold.median, search.median),
                "",
                "",
            ],
        ],
    )
    by_tool: dict[str, list[float]] = defaultdict(list)
    failed_by_tool: dict[str, int] = defaultdict(int)
    for ms, tool, failed in samples:
        by_tool[tool].append(ms)
        failed_by_tool[tool] += failed
    rows = []
    for tool, values in sorted(by_tool.items(), key=lambda kv: -summarize(kv[1]).p95):
        s = summarize(values)
        rows.append([tool, s.n, fmt(s.median), fmt(s.p95), fmt(s.max), failed_by_tool[tool]])
    print_table(
        "by first tool called",
        ["first tool", "n", "p50 ms", "p95 ms", "max ms", "turns with a failed tool/error"],
        rows,
    )
    print(f"\nturns with a failed tool call or error event: {failures} of {len(samples)}")
    print(
        f"RESULT turn p50_ms={turns.median:.1f} p95_ms={turns.p95:.1f} "
        f"baseline_search_p50_ms={search.median:.1f} p50_ratio={turns.median / search.median:.2f} "
        f"cpu_ms={turn_cpu:.1f} baseline_cpu_ms={search_cpu:.1f} "
        f"cpu_ratio={turn_cpu / search_cpu:.2f} failed_turns={failures}"
    )
    if args.profile:
        profile_top(lambda: run_round(agent, dialogues), "one round of Agent.turn", 60)
        with ThreadSampler() as sampler:
            for _ in range(args.rounds):
                run_round(agent, dialogues)
        sampler.report(f"{args.rounds} rounds of Agent.turn", 40)


if __name__ == "__main__":
    main()
