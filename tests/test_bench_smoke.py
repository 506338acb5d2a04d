"""Every benchmark's --smoke mode runs to completion and prints its figures (no timing asserts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHES = (
    "ingest_throughput",
    "search_latency",
    "turn_latency",
    "load",
    "footprint",
    "llm_path",
)


@pytest.mark.slow
@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", BENCHES)
def test_smoke_mode_prints_figures(name: str) -> None:
    """`python bench/NAME.py --smoke` exits 0 and prints its RESULT line (or says it skipped)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPASSIST_")}
    env |= {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / f"{name}.py"), "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "### " in run.stdout or "SKIPPED:" in run.stdout, run.stdout[-3000:]
    assert f"RESULT {name.split('_')[0]}" in run.stdout or "SKIPPED:" in run.stdout
