"""Real shoppers' requests read by the planner: the cue rules against the intent classifier.

    python bench/intent_real.py [--goals 1000]

Data nobody on the team wrote: WebShop's crowd-written shopping requests
(`../shared/data/dialogues/webshop_human_goals.json`, every one a product search). The goals
among the classifier's training examples are left out; the rest are sampled by a stable hash.
Each goal is read by the planner as a visitor's first message, once with the cue rules alone
and once with the shipped classifier, and counted right when it becomes a product search
(a search or refinement). Prints both shares and their ratio. The goals the planner splits
into several parts (sentences, "and" before a new clause, …) are also read whole, as the planner
reads a message with several requests, and counted right when they stay one product search.

Also: every WebShop goal read for its language (all are English): how many are read as another
language, which would answer a shopper in the wrong language.

Also: JDDC's real Chinese customer messages (`jddc_chat_sample.txt`, the customers' side), each
read as a first message; counted right when it gets the other-language reply (in Chinese, a
person offered) rather than a product list or an English answer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings  # noqa: E402
from assistant.planner.intents import classify  # noqa: E402
from assistant.planner.requests import requests, split_requests  # noqa: E402
from assistant.planner.state import ConversationState  # noqa: E402
from assistant.planner.understand.examples import load_examples, normalise  # noqa: E402
from assistant.planner.understand.intent_model import IntentModel  # noqa: E402
from assistant.planner.understand.language import detect_language  # noqa: E402
from retrieval.embedder import Embedder  # noqa: E402

GOALS = Path(__file__).resolve().parents[2] / "shared" / "data" / "dialogues"
JDDC = GOALS / "jddc_chat_sample.txt"
GOALS = GOALS / "webshop_human_goals.json"
SEARCH_KINDS = ("search", "refine")


def _sample(goals: list[str], n: int) -> list[str]:
    trained = {normalise(e.text) for e in load_examples()}
    unseen = sorted({g for g in goals if normalise(g) not in trained})
    unseen.sort(key=lambda g: hashlib.md5(g.encode()).hexdigest())
    return unseen[:n]


def _kinds(goals: list[str], predict) -> Counter[str]:
    return Counter(classify(ConversationState(message=g, classifier=predict)).kind for g in goals)


def _one_search(goal: str, predict) -> bool:
    asked = requests(ConversationState(message=goal, classifier=predict))
    return len(asked) == 1 and asked[0][0].kind in SEARCH_KINDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--goals", type=int, default=1000)
    args = parser.parse_args()
    if not GOALS.is_file():
        sys.exit(f"{GOALS} is not here (../shared/data/dialogues)")
    goals = _sample(json.loads(GOALS.read_text()), args.goals)
    model = IntentModel.load(Embedder.from_settings(Settings()))
    rules = _kinds(goals, None)
    started = time.perf_counter()
    learned = _kinds(goals, model.predict)
    elapsed = time.perf_counter() - started
    right = {name: sum(c[k] for k in SEARCH_KINDS) / len(goals) for name, c in
             (("rules", rules), ("classifier", learned))}  # fmt: skip
    print(f"WebShop goals not trained on: {len(goals)} (stable md5 sample)")
    print("| planner | read as a product search | other readings (top 4) |")
    print("|---|---|---|")
    for name, counts in (("cue rules only", rules), ("with the classifier", learned)):
        share = right["rules" if counts is rules else "classifier"]
        others = ", ".join(f"{k} {v}" for k, v in counts.most_common() if k not in SEARCH_KINDS)
        print(f"| {name} | {share:.1%} | {', '.join(others.split(', ')[:4]) or '-'} |")
    print(f"ratio classifier / rules: {right['classifier'] / max(right['rules'], 1e-9):.3f}")
    print(f"classifier path: {elapsed / len(goals) * 1000:.1f} ms a goal")
    several = [g for g in goals if len(split_requests(g)) > 1]
    one = sum(_one_search(g, model.predict) for g in several)
    print(f"goals in several parts: {len(several)}; read as one product search: "
          f"{one / max(len(several), 1):.1%}")  # fmt: skip
    everything = [g for g in json.loads(GOALS.read_text()) if isinstance(g, str) and g]
    foreign = Counter(lang for g in everything if (lang := detect_language(g)) != "en")
    print(f"WebShop goals (all {len(everything)}, English) read as another language: "
          f"{foreign.total()} {dict(foreign)}")  # fmt: skip
    if JDDC.is_file():
        chinese = _customer_lines(JDDC, args.goals)
        kinds = _kinds(chinese, model.predict)
        share = kinds["other_language"] / len(chinese)
        print(f"JDDC customer messages: {len(chinese)}; answered in Chinese with a person offered:"
              f" {share:.1%} (others: {dict(kinds.most_common(4))})")  # fmt: skip


def _customer_lines(path: Path, n: int) -> list[str]:
    """The customers' messages of the JDDC sample (waiter_send = 0), masked ids and all."""
    lines = []
    for row in path.read_text(encoding="utf-8").splitlines():
        fields = row.split("\t")
        if len(fields) >= 7 and fields[2] == "0" and fields[6].strip():
            lines.append(fields[6].strip())
    lines.sort(key=lambda t: hashlib.md5(t.encode()).hexdigest())
    return lines[:n]


if __name__ == "__main__":
    main()
