"""Numbers in real shoppers' words: how often the query parser misreads one as a price, and how
many it reads as a limit on a measured attribute.

Data: ../shared/data/dialogues/webshop_human_goals.json (12,087 crowd-written WebShop requests;
none names a price, so every price the parser finds there is a misread). Split: the held-out
part is the goals whose md5 ends in 0-2 (30%); only it is scored. The baseline is the
parser of an earlier commit (--baseline-rev, default the last one before units were read),
loaded from git into this process.

    python bench/constraint_parsing.py [--baseline-rev REV] [--show 15]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.query_parser import parse_query  # noqa: E402

GOALS = ROOT.parent / "shared" / "data" / "dialogues" / "webshop_human_goals.json"
BASELINE_REV = "d90d7ed"


def held_out(goal: str) -> bool:
    """The fixed 30% held-out split."""
    return int(hashlib.md5(goal.encode()).hexdigest(), 16) % 10 < 3


def baseline_parser(rev: str):  # noqa: ANN201 - a module loaded from git
    """The query parser as it was at `rev`."""
    source = subprocess.run(
        ["git", "show", f"{rev}:retrieval/query_parser.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path = Path(tempfile.mkdtemp()) / "baseline_query_parser.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("baseline_query_parser", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.parse_query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    if not GOALS.exists():
        sys.exit(f"{GOALS} is missing (the shared data folder)")
    goals = [g for g in json.loads(GOALS.read_text()) if held_out(g)]
    with_number = [g for g in goals if re.search(r"\d", g)]
    old_parse = baseline_parser(args.baseline_rev)
    counts = {"baseline price misreads": 0, "price misreads": 0, "unit limits": 0}
    shown = []
    for goal in tqdm(with_number, desc="goals", unit="goal"):
        old = old_parse(goal).filters
        new = parse_query(goal).filters
        counts["baseline price misreads"] += old.min_price is not None or old.max_price is not None
        counts["price misreads"] += new.min_price is not None or new.max_price is not None
        if new.units:
            counts["unit limits"] += 1
            if len(shown) < args.show:
                shown.append((goal, [u.text for u in new.units]))
    n = len(with_number)
    print(f"held-out goals: {len(goals)}, with a number: {n} (none names a price)")
    print("| parser | goals read with a price (misreads) | goals with a unit limit |")
    print("|---|---|---|")
    print(f"| baseline {args.baseline_rev} | {counts['baseline price misreads']} "
          f"({counts['baseline price misreads'] / n:.1%}) | - |")  # fmt: skip
    print(f"| now | {counts['price misreads']} ({counts['price misreads'] / n:.1%}) | "
          f"{counts['unit limits']} ({counts['unit limits'] / n:.1%}) |")  # fmt: skip
    print("\nsample unit limits (check by eye):")
    for goal, limits in shown:
        print(f"- {goal[:110]} -> {limits}")


if __name__ == "__main__":
    main()
