"""Reports of a run: results.json, report.md, a self-contained report.html, and diffs."""

from __future__ import annotations

from html import escape
from pathlib import Path

from pydantic import BaseModel, Field

from eval.metrics import compute_metrics
from eval.results import DialogueResult, Metrics, RunResult, TurnRecord

_CSS = (
    "body{font:14px system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}.fail{color:#b00020}"
    "svg text{font:12px system-ui,sans-serif}"
)


def fmt(value: float | None, percent: bool = True) -> str:
    """A rate as a percentage (or a number with one decimal); `-` when not measured."""
    if value is None:
        return "-"
    return f"{value:.1%}" if percent else f"{value:.1f}"


def summary_rows(metrics: Metrics) -> list[tuple[str, str]]:
    """The headline figures as (label, value) rows."""
    pass_hat = ", ".join(f"^{k} {v:.1%}" for k, v in metrics.pass_hat.items())
    tokens = ", ".join(f"{k} {v}" for k, v in (metrics.tokens or {}).items()) or "-"
    return [
        ("suites", str(metrics.suites)),
        ("dialogues", str(metrics.dialogues)),
        ("trials", str(metrics.trials)),
        ("passed (every trial)", str(metrics.passed)),
        ("pass rate", fmt(metrics.pass_rate)),
        ("pass^k", pass_hat or "-"),
        ("tool precision", fmt(metrics.tool_precision)),
        ("tool recall", fmt(metrics.tool_recall)),
        ("argument accuracy", fmt(metrics.arg_accuracy)),
        ("groundedness", f"{fmt(metrics.groundedness)} of {metrics.grounded_turns} turns"),
        ("refusal correctness", fmt(metrics.refusal_correctness)),
        ("fallbacks", str(metrics.fallbacks)),
        ("agent errors", str(metrics.agent_errors)),
        ("backends", ", ".join(f"{k} {v}" for k, v in metrics.backends.items()) or "-"),
        (
            "latency p50 / p95 (ms)",
            f"{fmt(metrics.latency_p50_ms, False)} / {fmt(metrics.latency_p95_ms, False)}",
        ),
        ("tokens", tokens),
    ]


def failures(run: RunResult) -> list[tuple[DialogueResult, int, TurnRecord]]:
    """Each failing turn as (dialogue, trial number, turn)."""
    return [
        (d, trial.trial, turn)
        for d in run.dialogues
        for trial in d.trials
        for turn in trial.turns
        if not turn.passed
    ]


def _failed_checks(turn: TurnRecord) -> str:
    return "; ".join(f"{c.name}: {c.detail}" for c in turn.checks if not c.passed)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _metrics(run: RunResult) -> Metrics:
    return run.metrics or compute_metrics(run)


def write_results(run: RunResult, path: Path) -> Path:
    """Everything about the run as JSON."""
    run = run.model_copy(update={"metrics": _metrics(run)})
    path.write_text(run.model_dump_json(indent=2, by_alias=True), encoding="utf-8")
    return path


def load_results(path: Path) -> RunResult:
    """Read a results.json back."""
    return RunResult.model_validate_json(path.read_text(encoding="utf-8"))


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(run: RunResult) -> str:
    """A summary table, pass rate by tag, and the failures with their failing checks."""
    metrics = _metrics(run)
    lines = ["# Evaluation report", "", f"Run {run.started_at}, k = {run.k}.", ""]
    lines += ["| metric | value |", "|---|---|"]
    lines += [f"| {label} | {_md_cell(value)} |" for label, value in summary_rows(metrics)]
    if metrics.by_tag:
        lines += ["", "## Pass rate by tag", "", "| tag | dialogues | pass rate |", "|---|---|---|"]
        lines += [
            f"| {t} | {s.dialogues} | {fmt(s.pass_rate)} |" for t, s in metrics.by_tag.items()
        ]
    failed = failures(run)
    lines += ["", f"## Failures ({len(failed)} turns)", ""]
    for dialogue, trial, turn in failed:
        lines += [
            f"### {dialogue.key} — trial {trial + 1}, turn {turn.index + 1}",
            "",
            f"- user: {_short(turn.user)}",
            f"- reply: {_short(turn.reply)}",
            f"- tools: {', '.join(c.name for c in turn.tool_calls) or 'none'}",
        ]
        lines += [f"- **{c.name}**: {c.detail}" for c in turn.checks if not c.passed]
        lines.append("")
    return "\n".join(lines) + "\n"


def bar_chart_svg(values: dict[str, float], width: int = 520) -> str:
    """Horizontal bars of rates in [0, 1], one per label."""
    row, label_w = 22, 150
    track = width - label_w - 60
    height = row * max(len(values), 1) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">']
    for i, (label, value) in enumerate(values.items()):
        y, bar = 5 + i * row, track * max(0.0, min(1.0, value))
        parts += [
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{track}" height="{row - 6}" fill="#e8eef8"/>',
            f'<rect x="{label_w}" y="{y}" width="{bar:.1f}" height="{row - 6}" fill="#3b7dd8"/>',
            f'<text x="{label_w + bar + 4:.1f}" y="{y + 14}">{value:.0%}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(values: list[float], bins: int = 12, width: int = 520) -> str:
    """A histogram of latencies (ms) with counts above the bars."""
    height, base, pad = 200, 170, 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">']
    if values:
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        counts = [0] * bins
        for v in values:
            counts[min(int((v - low) / span * bins), bins - 1)] += 1
        bar_w, top = (width - 2 * pad) / bins, max(counts)
        for i, count in enumerate(counts):
            h = (base - 20) * count / top
            x = pad + i * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{h:.1f}" fill="#d8843b"/>'
            )
            if count:
                parts.append(f'<text x="{x + 2:.1f}" y="{base - h - 3:.1f}">{count}</text>')
        parts += [
            f'<text x="{pad}" y="{base + 18}">{low:.0f} ms</text>',
            f'<text x="{width - pad}" y="{base + 18}" text-anchor="end">{high:.0f} ms</text>',
        ]
    parts.append(f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#444"/>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(run: RunResult) -> str:
    """A self-contained page: summary, pass rate by tag, latency histogram, failures."""
    metrics = _metrics(run)
    summary = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in summary_rows(metrics)
    )
    rates = {tag: s.pass_rate for tag, s in metrics.by_tag.items()}
    latencies = [t.latency_ms for d in run.dialogues for tr in d.trials for t in tr.turns]
    rows = "".join(
        "<tr>"
        f"<td>{escape(d.key)}</td><td>{trial + 1}</td><td>{turn.index + 1}</td>"
        f"<td>{escape(_short(turn.user))}</td><td>{escape(_short(turn.reply))}</td>"
        f'<td class="fail">{escape(_failed_checks(turn))}</td>'
        "</tr>"
        for d, trial, turn in failures(run)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Evaluation report {escape(run.started_at)}</title><style>{_CSS}</style></head>"
        f"<body><h1>Evaluation report</h1><p>Run {escape(run.started_at)}, k = {run.k}, "
        f"suites: {escape(', '.join(run.suites))}.</p>"
        f"<table><tbody>{summary}</tbody></table>"
        f"<h2>Pass rate by tag</h2>{bar_chart_svg(rates)}"
        f"<h2>Latency per turn</h2>{histogram_svg(latencies)}"
        f"<h2>Failures</h2><table><thead><tr><th>dialogue</th><th>trial</th><th>turn</th>"
        f"<th>user</th><th>reply</th><th>failing checks</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></body></html>\n"
    )


def write_report(run: RunResult, directory: Path) -> dict[str, Path]:
    """Write results.json, report.md and report.html into a directory."""
    directory.mkdir(parents=True, exist_ok=True)
    results = write_results(run, directory / "results.json")
    markdown = directory / "report.md"
    markdown.write_text(render_markdown(run), encoding="utf-8")
    page = directory / "report.html"
    page.write_text(render_html(run), encoding="utf-8")
    return {"results": results, "markdown": markdown, "html": page}


class ResultsDiff(BaseModel):
    """How two runs differ, dialogue by dialogue (`suite/id`)."""

    newly_failing: list[str] = Field(default_factory=list)
    newly_passing: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    old_pass_rate: float
    new_pass_rate: float


def diff(old: Path, new: Path) -> ResultsDiff:
    """Compare two results.json files: which dialogues newly fail, newly pass, appear or vanish."""
    old_run, new_run = load_results(old), load_results(new)
    before = {d.key: d.passed for d in old_run.dialogues}
    after = {d.key: d.passed for d in new_run.dialogues}
    common = [key for key in after if key in before]
    return ResultsDiff(
        newly_failing=[k for k in common if before[k] and not after[k]],
        newly_passing=[k for k in common if after[k] and not before[k]],
        added=[k for k in after if k not in before],
        removed=[k for k in before if k not in after],
        old_pass_rate=_metrics(old_run).pass_rate,
        new_pass_rate=_metrics(new_run).pass_rate,
    )
