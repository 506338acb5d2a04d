"""LLM path: time to first token, tokens/s and turns/s at 1, 8 and 32 concurrent sessions.

    SHOPASSIST_LLM_BASE_URL=http://127.0.0.1:8000/v1 python bench/llm_path.py
        [--concurrency 1,8,32] [--turns 3] [--max-tokens 256] [--smoke]

Against an OpenAI-compatible endpoint (`vllm serve <model> --enable-auto-tool-choice
--tool-call-parser hermes`; model from SHOPASSIST_LLM_MODEL, else the first of /v1/models),
two things run at each concurrency level, in this process:

* baseline: raw streaming chat completions straight to the endpoint (one system + one user
  message, no tools), `--turns` requests per worker: time to first content token, completion
  tokens/s (from the usage block), requests/s;
* ours: `Agent.turn` with the LLM as chat model over the demo shop (tool calls, tool results,
  the second model call, session storage), one session per worker and `--turns` turns each:
  time to the first streamed text delta, output tokens/s, turns/s, planner fallbacks.

Skipped with a message (exit 0) when SHOPASSIST_LLM_BASE_URL is unset or nothing answers
there. --smoke runs against `assistant/fake_llm_server.py` (a scripted OpenAI-compatible
server in vLLM's wire format, in this process) if it exists, else skips.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    ROOT,
    Dialogue,
    banner,
    built_in_dialogues,
    fmt,
    print_table,
    private_copy,
    quiet_logs,
    ratio,
    shop_home,
    summarize,
)

SYSTEM = "You are a helpful shopping assistant. Answer briefly and concretely."
FAKE_REPLY = (
    "Here are a few good options from the catalog that match what you asked for. The first "
    "is the best value, the second has the highest rating, and the third ships today. Tell "
    "me which one you would like to know more about, or ask me to compare them side by side."
)


def gpu_present() -> bool:
    """True if an NVIDIA GPU is visible on this machine."""
    if not shutil.which("nvidia-smi"):
        return False
    try:
        return subprocess.run(["nvidia-smi", "-L"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def endpoint_model(base_url: str, api_key: str) -> str | None:
    """The first model the endpoint serves, or None if nothing answers."""
    import httpx

    try:
        response = httpx.get(
            f"{base_url.rstrip('/')}/models",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=5.0,
        )
        response.raise_for_status()
        return str(response.json()["data"][0]["id"])
    except (httpx.HTTPError, KeyError, IndexError, ValueError):
        return None


def fake_responder(body: dict[str, Any]) -> Any:
    """A stand-in model: search for the user's words, then answer from the tool result."""
    from assistant.fake_llm_server import Text, ToolCall, ToolCalls

    messages = body.get("messages", [])
    last = messages[-1] if messages else {}
    if body.get("tools") and last.get("role") == "user":
        query = str(last.get("content") or "products")[:200] or "products"
        return ToolCalls((ToolCall("search_products", {"query": query, "k": 3}),))
    return Text(FAKE_REPLY)


async def raw_requests(
    base_url: str,
    model: str,
    api_key: str,
    workers: int,
    per_worker: int,
    max_tokens: int,
    messages: list[str],
) -> dict[str, Any]:
    """`workers` concurrent streams of `per_worker` raw chat completions each."""
    import httpx

    ttft: list[float] = []
    tokens = 0
    failures = 0
    headers = {"Authorization": f"Bearer {api_key}"}
    url = f"{base_url.rstrip('/')}/chat/completions"
    limits = httpx.Limits(max_connections=workers)

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        nonlocal tokens, failures
        for n in range(per_worker):
            body = {
                "model": model,
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": messages[(index + n) % len(messages)]},
                ],
                "max_tokens": max_tokens,
                "temperature": 0,
                "stream": True,
                "stream_options": {"include_usage": True},
            }
            started = time.perf_counter()
            first = None
            try:
                async with client.stream("POST", url, json=body, headers=headers) as response:
                    response.raise_for_status()
                    async for line in response.aiter_lines():
                        if not line.startswith("data: ") or line == "data: [DONE]":
                            continue
                        chunk = json.loads(line[6:])
                        choices = chunk.get("choices") or []
                        if first is None and choices and choices[0]["delta"].get("content"):
                            first = time.perf_counter() - started
                        if chunk.get("usage"):
                            tokens += int(chunk["usage"].get("completion_tokens") or 0)
            except (httpx.HTTPError, ValueError):
                failures += 1
                continue
            if first is not None:
                ttft.append(first * 1000)

    async with httpx.AsyncClient(timeout=120.0, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(i, client) for i in range(workers)))
        seconds = time.perf_counter() - started
    return {
        "ttft": ttft,
        "tokens": tokens,
        "seconds": seconds,
        "done": len(ttft),
        "failures": failures,
    }


def agent_turns(agent: Any, workers: int, per_worker: int, dialogues: list[Dialogue]) -> dict:
    """`workers` threads, each one session running `per_worker` agent turns."""
    from assistant.events import ErrorEvent, FinalReply, TextDelta

    lock = threading.Lock()
    ttft: list[float] = []
    counts = {"tokens": 0, "turns": 0, "fallbacks": 0, "errors": 0}

    def worker(index: int) -> None:
        dialogue = dialogues[index % len(dialogues)]
        session = agent.new_session(customer_id=dialogue.customer)
        for n in range(per_worker):
            message = dialogue.messages[n % len(dialogue.messages)]
            started = time.perf_counter()
            first = None
            final = None
            failed = False
            for event in agent.turn(session, message):
                if isinstance(event, TextDelta) and first is None and event.text:
                    first = time.perf_counter() - started
                elif isinstance(event, FinalReply):
                    final = event
                elif isinstance(event, ErrorEvent):
                    failed = True
            with lock:
                counts["turns"] += 1
                counts["errors"] += failed
                if first is not None:
                    ttft.append(first * 1000)
                if final is not None:
                    counts["fallbacks"] += final.fallback
                    counts["tokens"] += int((final.usage or {}).get("output_tokens", 0))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(worker, range(workers)))
    return {"ttft": ttft, "seconds": time.perf_counter() - started, **counts}


def main() -> None:
    """Find the endpoint (or skip), run both paths at each concurrency, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--turns", type=int, default=3, help="requests/turns per session")
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--smoke", action="store_true", help="against the fake LLM server")
    args = parser.parse_args()
    quiet_logs()
    banner("LLM path (OpenAI-compatible endpoint)", args.smoke)
    fake = None
    api_key = os.environ.get("SHOPASSIST_LLM_API_KEY", "EMPTY")
    if args.smoke:
        if not (ROOT / "assistant" / "fake_llm_server.py").exists():
            print("SKIPPED: assistant/fake_llm_server.py does not exist yet (smoke needs it)")
            return
        from assistant.fake_llm_server import FakeLLMServer

        fake = FakeLLMServer(responder=fake_responder).start()
        fake._httpd.handle_error = lambda *_: None  # type: ignore[union-attr]  # client hang-ups
        base_url, args.concurrency, args.turns = fake.base_url, "1,4", 2
        print(f"endpoint: fake LLM server at {base_url} (figures not meaningful)")
    else:
        base_url = os.environ.get("SHOPASSIST_LLM_BASE_URL", "")
        gpu = gpu_present()
        if not base_url:
            print(
                "SKIPPED: SHOPASSIST_LLM_BASE_URL is not set; start `vllm serve <model> "
                "--enable-auto-tool-choice --tool-call-parser hermes` on a GPU machine and "
                f"set it to http://127.0.0.1:8000/v1 (GPU on this machine: {gpu})"
            )
            return
        if endpoint_model(base_url, api_key) is None:
            print(f"SKIPPED: nothing answers at {base_url}/models (GPU on this machine: {gpu})")
            return
        print(f"endpoint: {base_url} (GPU on this machine: {gpu})")
    try:
        run(base_url, api_key, args)
    finally:
        if fake is not None:
            fake.stop()


def run(base_url: str, api_key: str, args: argparse.Namespace) -> None:
    """Both paths at every concurrency level, then the table."""
    from assistant.agent import build_agent
    from assistant.config import Settings

    model = os.environ.get("SHOPASSIST_LLM_MODEL") or endpoint_model(base_url, api_key) or ""
    cached, label = shop_home(args.smoke)
    home = private_copy(cached)
    settings = Settings(home=home, llm_base_url=base_url, llm_model=model, llm_api_key=api_key)
    agent = build_agent(settings)
    dialogues = built_in_dialogues(home)
    messages = [m for d in dialogues for m in d.messages]
    print(f"model: {model}  shop: {label}  agent backend: {agent.backend}")
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    agent_turns(agent, 1, 1, dialogues)  # warm-up: embedder, connections
    rows = []
    figures: dict[int, dict[str, float]] = {}
    for level in levels:
        raw = asyncio.run(
            raw_requests(base_url, model, api_key, level, args.turns, args.max_tokens, messages)
        )
        ours = agent_turns(agent, level, args.turns, dialogues)
        raw_ttft, our_ttft = summarize(raw["ttft"]), summarize(ours["ttft"])
        figures[level] = {
            "turns_s": ours["turns"] / ours["seconds"],
            "tokens_s": ours["tokens"] / ours["seconds"],
            "raw_tokens_s": raw["tokens"] / raw["seconds"],
        }
        rows.append(
            [
                level,
                "raw completions (baseline)",
                raw["done"],
                fmt(raw_ttft.median),
                fmt(raw_ttft.p95),
                fmt(figures[level]["raw_tokens_s"]),
                fmt(raw["done"] / raw["seconds"], 2),
                raw["failures"],
                "1.00x",
            ]
        )
        rows.append(
            [
                level,
                "Agent.turn with the LLM",
                ours["turns"],
                fmt(our_ttft.median),
                fmt(our_ttft.p95),
                fmt(figures[level]["tokens_s"]),
                fmt(figures[level]["turns_s"], 2),
                f"{ours['errors']} errors, {ours['fallbacks']} fallbacks",
                f"TTFT p50 {ratio(our_ttft.median, raw_ttft.median)}",
            ]
        )
    print_table(
        "LLM path per concurrency level",
        [
            "sessions",
            "path",
            "turns",
            "TTFT p50 ms",
            "TTFT p95 ms",
            "output tokens/s",
            "turns/s",
            "failures",
            "ratio to baseline",
        ],
        rows,
    )
    one = figures[levels[0]]
    scaling = [
        [lv, ratio(f["turns_s"], one["turns_s"]), ratio(f["tokens_s"], one["tokens_s"])]
        for lv, f in figures.items()
    ]
    print_table(
        f"scaling vs {levels[0]} session(s)",
        ["sessions", "turns/s ratio", "tokens/s ratio"],
        scaling,
    )
    summary = " ".join(
        f"c{lv}_turns_per_s={f['turns_s']:.2f} c{lv}_tokens_per_s={f['tokens_s']:.1f}"
        for lv, f in figures.items()
    )
    print(f"\nRESULT llm_path {summary}")


if __name__ == "__main__":
    main()
