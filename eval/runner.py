"""Runs dialogue suites through an agent, k trials each, recording every turn and check."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings, get_settings
from eval.checks import run_checks
from eval.metrics import compute_metrics
from eval.results import (
    CheckResult,
    DialogueResult,
    RunResult,
    ToolCallRecord,
    TrialRecord,
    TurnRecord,
)
from eval.suite import Dialogue, Suite, Turn


class AgentLike(Protocol):
    """What the runner needs from an agent: sessions and a stream of events per turn."""

    def new_session(self, *, customer_id: str | None = None, agent: bool = False) -> Any:
        """Start a conversation."""

    def turn(self, session: Any, message: str) -> Iterable[Any]:
        """Answer one message as a stream of events."""


AgentFactory = Callable[[Path | None], AgentLike]


class FactoryError(RuntimeError):
    """The agent for a suite could not be built (shop not loaded, data dir invalid, ...)."""


class DefaultAgentFactory:
    """The real agent: a shop ingested into a temporary home (cached per data dir), or,
    for a suite without `data`, the shop already loaded under the configured SHOPASSIST_HOME."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._homes: dict[Path, Path] = {}

    def __call__(self, data_dir: Path | None) -> AgentLike:
        """Build the agent for a suite's data directory."""
        from assistant.agent import build_agent
        from retrieval.ingest import ingest_shop

        if data_dir is None:
            return build_agent(get_settings())
        data_dir = data_dir.resolve()
        if data_dir not in self._homes:
            self._root = self._root or Path(tempfile.mkdtemp(prefix="shopassist-eval-"))
            home = self._root / f"home{len(self._homes)}"
            ingest_shop(data_dir, self._settings(home))
            self._homes[data_dir] = home
        return build_agent(self._settings(self._homes[data_dir]))

    @staticmethod
    def _settings(home: Path) -> Settings:
        """Settings over a private home: never a configured database or Chroma server."""
        return Settings(home=home, database_url=None, chroma_url=None)

    def close(self) -> None:
        """Remove the temporary homes."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
        self._root, self._homes = None, {}

    def __enter__(self) -> DefaultAgentFactory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _record_result(calls: list[ToolCallRecord], event: Any) -> None:
    """Attach a tool result to its call (by id, else the first open call of that tool)."""
    open_calls = [c for c in calls if c.ok is None]
    call = next((c for c in open_calls if event.id and c.id == event.id), None)
    call = call or next((c for c in open_calls if c.name == event.name), None)
    if call is None:
        call = ToolCallRecord(id=event.id, name=event.name)
        calls.append(call)
    call.ok, call.result, call.error = event.ok, event.result, event.error


def run_turn(agent: AgentLike, session: Any, index: int, turn: Turn) -> TurnRecord:
    """Send one message, collect its events and check the outcome."""
    record = TurnRecord(index=index, user=turn.user, expect=turn.expect)
    deltas: list[str] = []
    final: Any = None
    crash: str | None = None
    started = time.perf_counter()
    try:
        for event in agent.turn(session, turn.user):
            kind = getattr(event, "type", None)
            if kind == "tool_call":
                record.tool_calls.append(
                    ToolCallRecord(id=event.id, name=event.name, args=dict(event.args))
                )
            elif kind == "tool_result":
                _record_result(record.tool_calls, event)
            elif kind == "text_delta":
                deltas.append(event.text)
            elif kind == "text_reset":
                deltas.clear()
            elif kind == "final":
                final = event
            elif kind == "error":
                record.errors.append(event.message)
    except Exception as exc:  # noqa: BLE001 - one broken dialogue must not stop the run
        crash = f"{type(exc).__name__}: {exc}"
        record.errors.append(crash)
    record.latency_ms = (time.perf_counter() - started) * 1000
    if final is not None:
        record.reply, record.backend = final.text, final.backend
        record.fallback, record.usage = final.fallback, final.usage
        record.products = list(getattr(final, "products", None) or [])
    else:
        record.reply = "".join(deltas)
    if crash:
        record.checks.append(CheckResult(name="agent", passed=False, detail=f"raised {crash}"))
    elif final is None:
        record.checks.append(
            CheckResult(name="final_reply", passed=False, detail="no final reply event")
        )
    index = getattr(getattr(agent, "shop", None), "index", None)
    record.checks += run_checks(
        turn.expect, record.reply, record.tool_calls, record.products, index
    )
    return record


def run_trial(agent: AgentLike, dialogue: Dialogue, trial: int) -> TrialRecord:
    """One run of a dialogue from a fresh session; stops at a turn where the agent crashed."""
    record = TrialRecord(trial=trial)
    try:
        session = agent.new_session(customer_id=dialogue.as_.customer, agent=dialogue.as_.agent)
    except Exception as exc:  # noqa: BLE001 - recorded as a failed turn
        check = CheckResult(name="agent", passed=False, detail=f"new_session raised {exc!r}")
        first = dialogue.turns[0]
        record.turns.append(TurnRecord(index=0, user=first.user, expect=first.expect))
        record.turns[0].checks.append(check)
        return record
    for index, turn in enumerate(dialogue.turns):
        record.turns.append(run_turn(agent, session, index, turn))
        if any(c.name == "agent" for c in record.turns[-1].checks):
            break
    return record


def run_suites(
    suites: list[Suite],
    factory: AgentFactory,
    *,
    k: int = 1,
    on_trial: Callable[[str], None] | None = None,
) -> RunResult:
    """Run every dialogue k times (one agent per data directory) and compute the metrics."""
    if k < 1:
        raise ValueError("k must be at least 1")
    run = RunResult(
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        k=k,
        suites=[s.suite for s in suites],
    )
    agents: dict[Path | None, AgentLike] = {}
    for suite in suites:
        data_dir = suite.data_dir()
        if data_dir not in agents:
            try:
                agents[data_dir] = factory(data_dir)
            except Exception as exc:
                where = f"data {data_dir}" if data_dir else "the configured shop"
                raise FactoryError(f"suite {suite.suite!r}: no agent over {where}: {exc}") from exc
        agent = agents[data_dir]
        for dialogue in suite.dialogues:
            result = DialogueResult(
                suite=suite.suite,
                id=dialogue.id,
                tags=dialogue.tags,
                file=str(suite.path) if suite.path else None,
            )
            for trial in range(k):
                result.trials.append(run_trial(agent, dialogue, trial))
                if on_trial:
                    on_trial(result.key)
            run.dialogues.append(result)
    run.metrics = compute_metrics(run)
    return run


def count_trials(suites: list[Suite], k: int) -> int:
    """How many trials a run will make (for a progress bar)."""
    return k * sum(len(s.dialogues) for s in suites)
