"""Figures of a run: pass rate and tau-bench pass^k, tool P/R, grounding, latency, tokens."""

from __future__ import annotations

from collections import Counter, defaultdict
from math import comb

from eval.checks import arg_mismatches
from eval.results import DialogueResult, Metrics, RunResult, TagStats, TurnRecord

ADVERSARIAL_TAG = "adversarial"


def pass_hat_k(passes: int, trials: int, k: int) -> float:
    """tau-bench pass^k of one dialogue: the chance that k of its n trials, drawn, all pass."""
    if not 1 <= k <= trials or not 0 <= passes <= trials:
        raise ValueError(f"need 1 <= k <= trials and 0 <= passes <= trials, got {k=}, {trials=}")
    return comb(passes, k) / comb(trials, k)


def pass_hat(dialogues: list[DialogueResult]) -> dict[int, float]:
    """pass^1..pass^n averaged over dialogues (n: the fewest trials any dialogue had)."""
    counted = [d for d in dialogues if d.trials]
    if not counted:
        return {}
    n = min(len(d.trials) for d in counted)
    return {
        k: sum(pass_hat_k(d.passes, len(d.trials), k) for d in counted) / len(counted)
        for k in range(1, n + 1)
    }


def pass_rate(dialogues: list[DialogueResult]) -> float:
    """Mean fraction of trials passed per dialogue (pass^1); 0 for no dialogues."""
    return pass_hat(dialogues).get(1, 0.0)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def tool_scores(turns: list[TurnRecord]) -> tuple[float | None, float | None, float | None]:
    """Tool-name precision and recall, and argument accuracy, over turns that expect tools."""
    hits = called = expected = arg_total = arg_ok = 0
    for turn in turns:
        if not turn.expect.tools:
            continue
        want = {t.name for t in turn.expect.tools}
        got = {c.name for c in turn.tool_calls}
        hits, called, expected = hits + len(want & got), called + len(got), expected + len(want)
        for spec in turn.expect.tools:
            same = [c for c in turn.tool_calls if c.name == spec.name]
            if spec.args and same:
                arg_total += 1
                arg_ok += any(not arg_mismatches(spec.args, c.args) for c in same)
    return _ratio(hits, called), _ratio(hits, expected), _ratio(arg_ok, arg_total)


def _groundedness(turns: list[TurnRecord]) -> tuple[float | None, int]:
    checked = [c for t in turns for c in t.checks if c.name == "grounded"]
    return _ratio(sum(c.passed for c in checked), len(checked)), len(checked)


def _tokens(turns: list[TurnRecord]) -> dict[str, int] | None:
    totals: Counter[str] = Counter()
    for turn in turns:
        totals.update(turn.usage or {})
    return dict(totals) or None


def by_tag(dialogues: list[DialogueResult]) -> dict[str, TagStats]:
    """Pass rate of the dialogues carrying each tag."""
    groups: dict[str, list[DialogueResult]] = defaultdict(list)
    for dialogue in dialogues:
        for tag in dict.fromkeys(dialogue.tags):
            groups[tag].append(dialogue)
    return {
        tag: TagStats(dialogues=len(group), pass_rate=pass_rate(group))
        for tag, group in sorted(groups.items())
    }


def compute_metrics(run: RunResult) -> Metrics:
    """All figures of a run."""
    dialogues = run.dialogues
    turns = [turn for d in dialogues for trial in d.trials for turn in trial.turns]
    precision, recall, args = tool_scores(turns)
    grounded, grounded_turns = _groundedness(turns)
    adversarial = [d for d in dialogues if ADVERSARIAL_TAG in d.tags]
    latencies = [t.latency_ms for t in turns]
    return Metrics(
        suites=len(run.suites),
        dialogues=len(dialogues),
        trials=sum(len(d.trials) for d in dialogues),
        passed=sum(d.passed for d in dialogues),
        pass_rate=pass_rate(dialogues),
        pass_hat=pass_hat(dialogues),
        tool_precision=precision,
        tool_recall=recall,
        arg_accuracy=args,
        groundedness=grounded,
        grounded_turns=grounded_turns,
        refusal_correctness=pass_rate(adversarial) if adversarial else None,
        fallbacks=sum(t.fallback for t in turns),
        agent_errors=sum(any(c.name == "agent" for c in t.checks) for t in turns),
        backends=dict(Counter(t.backend for t in turns if t.backend)),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        tokens=_tokens(turns),
        by_tag=by_tag(dialogues),
    )
