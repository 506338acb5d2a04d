"""The `eval` commands: run suites with a progress bar and summary table, and diff two runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eval.metrics import compute_metrics
from eval.report import diff, summary_rows, write_report
from eval.results import RunResult
from eval.runner import (
    AgentFactory,
    DefaultAgentFactory,
    FactoryError,
    count_trials,
    run_suites,
)
from eval.suite import SuiteError, filter_tags, load_suites

DEFAULT_DIALOGUES = Path(__file__).resolve().parent / "dialogues"


def summary_table(run: RunResult) -> Table:
    """The headline figures: suites, dialogues, pass rate, pass^k, tool P/R, grounding, latency."""
    table = Table("metric", "value", title="evaluation")
    for label, value in summary_rows(run.metrics or compute_metrics(run)):
        table.add_row(label, value)
    return table


def run_eval(
    paths: list[Path] | None = None,
    *,
    k: int = 1,
    tags: list[str] | None = None,
    report: Path | None = None,
    fail_under: float | None = None,
    json_out: bool = False,
    factory: AgentFactory,
    console: Console | None = None,
) -> RunResult:
    """Load, filter and run suites, print the summary, write reports; Exit(1) under fail_under."""
    out, err = console or Console(), Console(stderr=True)
    try:
        suites = filter_tags(load_suites(paths or [DEFAULT_DIALOGUES]), tags or [])
    except SuiteError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if not suites:
        err.print(f"[red]error:[/red] no dialogues tagged {', '.join(tags or [])}")
        raise typer.Exit(2)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("eval", total=count_trials(suites, k))
            run = run_suites(
                suites,
                factory,
                k=k,
                on_trial=lambda key: progress.update(task, advance=1, description=key),
            )
    except FactoryError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    metrics = run.metrics or compute_metrics(run)
    if json_out:
        dialogues = [
            {"key": d.key, "passes": d.passes, "trials": len(d.trials), "passed": d.passed}
            for d in run.dialogues
        ]
        payload = {"metrics": metrics.model_dump(mode="json"), "dialogues": dialogues}
        out.print_json(json.dumps(payload))
    else:
        out.print(summary_table(run))
    if report is not None:
        files = write_report(run, report)
        err.print(f"report: {files['markdown']}, {files['html']}, {files['results']}")
    if fail_under is not None and metrics.pass_rate < fail_under:
        err.print(f"[red]pass rate {metrics.pass_rate:.1%} is under {fail_under:.1%}[/red]")
        raise typer.Exit(1)
    return run


def eval_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Suite files or directories (default: built-in)")
    ] = None,
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="Trials per dialogue")] = 1,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Only dialogues with this tag")
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Directory for results.json, report.md, report.html")
    ] = None,
    fail_under: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Exit 1 if the pass rate is lower")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print metrics as JSON")] = False,
) -> None:
    """Run dialogue suites against the assistant and report pass rate, pass^k and more."""
    with DefaultAgentFactory() as factory:
        run_eval(
            paths,
            k=k,
            tags=tags,
            report=report,
            fail_under=fail_under,
            json_out=json_out,
            factory=factory,
        )


def eval_diff_command(
    old: Annotated[Path, typer.Argument(help="Earlier results.json")],
    new: Annotated[Path, typer.Argument(help="Later results.json")],
) -> None:
    """List dialogues that newly fail or newly pass between two runs; Exit(1) if any newly fail."""
    out = Console()
    result = diff(old, new)
    out.print(f"pass rate {result.old_pass_rate:.1%} -> {result.new_pass_rate:.1%}")
    sections = [
        ("newly failing", result.newly_failing, "red"),
        ("newly passing", result.newly_passing, "green"),
        ("added", result.added, "cyan"),
        ("removed", result.removed, "yellow"),
    ]
    for title, keys, colour in sections:
        if keys:
            out.print(f"[{colour}]{title} ({len(keys)})[/{colour}]")
            for key in keys:
                out.print(f"  {key}", highlight=False)
    if result.newly_failing:
        raise typer.Exit(1)
