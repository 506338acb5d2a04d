"""Footprint: server memory over a large shop, and a fresh `shopassist search` process's time.

    python bench/footprint.py [--products 50000] [--reviews 500000] [--runs 5] [--smoke]

1. Starts `shopassist serve` on 127.0.0.1 over the cached ingest of the generated shop, waits
   for /healthz, then sends searches and chat turns so every lazily loaded part (embedder,
   product matrix, review vectors, recommender, sentiment) is in memory, and reads the
   server's resident memory (RSS, and its peak) from /proc. Baseline: the same over the
   demo shop. Target: RSS <= 1.5 GiB at 50,000 products.
2. Wall time of `shopassist search "usb cable" --json` as a fresh process over the same home,
   median of --runs after one warm-up run. Baseline: a fresh `shopassist --help` (interpreter
   and CLI start-up only). Target: <= 2.5 s.
Figures only; nothing gates on time or memory.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    SMOKE_SIZE,
    VENV_BIN,
    banner,
    child_env,
    fmt,
    free_port,
    ingested_home,
    print_table,
    ratio,
    rss_bytes,
    shop_home,
    start_process,
    stop_process,
    verdict,
    wait_http,
)

WARM_QUERIES = ("usb cable", "wireless headphones under $100", "running shoes 4 stars")
WARM_CHAT = (
    "quiet dishwasher under $600",
    "what do reviewers say about the first one?",
    "recommend something similar",
)


def peak_rss(pid: int) -> int:
    """The process's peak resident memory (VmHWM) in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def server_memory(home: Path) -> dict[str, float]:
    """Start a server over `home`, load everything, and return its memory figures (MiB)."""
    import httpx

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.mkdtemp(prefix="shopassist-footprint-")) / "server.log"
    env = child_env(SHOPASSIST_HOME=str(home), GRADIO_ANALYTICS_ENABLED="False")
    cmd = [str(VENV_BIN / "shopassist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    started = time.perf_counter()
    proc = start_process(cmd, env, log_path)
    try:
        wait_http(f"{base_url}/healthz", proc, 600.0, log_path)
        up_s = time.perf_counter() - started
        after_start = rss_bytes(proc.pid)
        with httpx.Client(base_url=base_url, timeout=60.0) as client:
            for query in WARM_QUERIES:
                client.post("/v1/search", json={"query": query}).raise_for_status()
            session = None
            for message in WARM_CHAT:
                body = {"message": message, "session_id": session, "stream": False}
                response = client.post("/v1/chat", json=body)
                response.raise_for_status()
                session = response.json()["session_id"]
        loaded = rss_bytes(proc.pid)
        peak = peak_rss(proc.pid)
    finally:
        stop_process(proc)
    mib = 2**20
    return {"up_s": up_s, "start": after_start / mib, "loaded": loaded / mib, "peak": peak / mib}


def wall_times(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Seconds of `runs` fresh runs of cmd (after a warm-up run that is not counted if runs > 1)."""
    times = []
    for n in range(runs + 1 if runs > 1 else runs):
        started = time.perf_counter()
        subprocess.run(
            cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if n or runs <= 1:
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    """Measure both figures and their baselines and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny shop, 1 run")
    args = parser.parse_args()
    if args.smoke:
        (args.products, args.reviews), args.runs = SMOKE_SIZE, 1
    banner("footprint", args.smoke)
    home = ingested_home(args.products, args.reviews)
    demo, label = shop_home(args.smoke)
    print(f"shop: {home}\nbaseline shop: {label}")

    base_mem = server_memory(demo)
    big_mem = base_mem if args.smoke else server_memory(home)  # smoke: one tiny shop for both
    print_table(
        "server resident memory (MiB) after loading the shop",
        [
            "shop",
            "server up s",
            "RSS after start",
            "RSS after searches + chat",
            "peak RSS",
            "ratio to baseline",
            "target",
        ],
        [
            [
                f"{label} (baseline)",
                fmt(base_mem["up_s"]),
                fmt(base_mem["start"], 0),
                fmt(base_mem["loaded"], 0),
                fmt(base_mem["peak"], 0),
                "1.00x",
                "",
            ],
            [
                f"{args.products} products, {args.reviews} reviews",
                fmt(big_mem["up_s"]),
                fmt(big_mem["start"], 0),
                fmt(big_mem["loaded"], 0),
                fmt(big_mem["peak"], 0),
                ratio(big_mem["loaded"], base_mem["loaded"]),
                f"<= 1536 MiB: {verdict(big_mem['loaded'], 1536)}",
            ],
        ],
    )

    env = child_env(SHOPASSIST_HOME=str(home))
    cli = str(VENV_BIN / "shopassist")
    help_s = wall_times([cli, "--help"], env, args.runs)
    search_s = wall_times([cli, "search", "usb cable", "--json"], env, args.runs)
    help_med, search_med = statistics.median(help_s), statistics.median(search_s)
    print_table(
        f"fresh process wall time (s), median of {args.runs} after a warm-up",
        ["command", "median s", "min s", "max s", "ratio to baseline", "target"],
        [
            [
                "shopassist --help (baseline)",
                fmt(help_med, 2),
                fmt(min(help_s), 2),
                fmt(max(help_s), 2),
                "1.00x",
                "",
            ],
            [
                'shopassist search "usb cable" --json',
                fmt(search_med, 2),
                fmt(min(search_s), 2),
                fmt(max(search_s), 2),
                ratio(search_med, help_med),
                f"<= 2.5 s: {verdict(search_med, 2.5)}",
            ],
        ],
    )
    print(
        f"\nRESULT footprint rss_mib={big_mem['loaded']:.0f} peak_rss_mib={big_mem['peak']:.0f} "
        f"baseline_rss_mib={base_mem['loaded']:.0f} search_cli_s={search_med:.2f} "
        f"baseline_help_s={help_med:.2f}"
    )


if __name__ == "__main__":
    main()
