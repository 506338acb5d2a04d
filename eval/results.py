"""What an evaluation run records: checks, turns, trials, dialogues and the run's metrics."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, computed_field

from eval.suite import Expect


class CheckResult(BaseModel):
    """One expectation checked: its name, whether it held, and what was missing or extra."""

    name: str
    passed: bool
    detail: str = ""


class ToolCallRecord(BaseModel):
    """A tool call as the model made it, with what the tool returned (`ok` None: no result)."""

    id: str
    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    ok: bool | None = None
    result: Any = None
    error: str | None = None


class TurnRecord(BaseModel):
    """One turn of one trial: message, reply, tool calls, how it was produced and its checks."""

    index: int
    user: str
    expect: Expect
    reply: str = ""
    products: list[str] = Field(default_factory=list, description="ids the reply presents")
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    backend: str | None = None
    fallback: bool = False
    usage: dict[str, int] | None = None
    latency_ms: float = 0.0
    errors: list[str] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Every check of the turn held."""
        return all(c.passed for c in self.checks)


class TrialRecord(BaseModel):
    """One run of a dialogue from a fresh session."""

    trial: int
    turns: list[TurnRecord] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Every turn passed."""
        return bool(self.turns) and all(t.passed for t in self.turns)


class DialogueResult(BaseModel):
    """All trials of one dialogue."""

    suite: str
    id: str
    tags: list[str] = Field(default_factory=list)
    file: str | None = None
    trials: list[TrialRecord] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def key(self) -> str:
        """`suite/id`, unique within a run."""
        return f"{self.suite}/{self.id}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passes(self) -> int:
        """How many trials passed."""
        return sum(t.passed for t in self.trials)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        """Every trial passed."""
        return bool(self.trials) and self.passes == len(self.trials)


class TagStats(BaseModel):
    """Pass rate of the dialogues carrying one tag."""

    dialogues: int
    pass_rate: float


class Metrics(BaseModel):
    """The run's figures; a rate is None when nothing in the run measures it."""

    suites: int
    dialogues: int
    trials: int
    passed: int = Field(description="dialogues that passed every trial")
    pass_rate: float = Field(description="mean fraction of trials passed per dialogue (pass^1)")
    pass_hat: dict[int, float] = Field(description="tau-bench pass^k for k = 1..trials")
    tool_precision: float | None = None
    tool_recall: float | None = None
    arg_accuracy: float | None = None
    groundedness: float | None = None
    grounded_turns: int = 0
    refusal_correctness: float | None = None
    fallbacks: int = 0
    agent_errors: int = 0
    backends: dict[str, int] = Field(default_factory=dict)
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    tokens: dict[str, int] | None = None
    by_tag: dict[str, TagStats] = Field(default_factory=dict)


class RunResult(BaseModel):
    """Everything a run produced: it is what `results.json` holds."""

    started_at: str
    k: int
    suites: list[str]
    dialogues: list[DialogueResult] = Field(default_factory=list)
    metrics: Metrics | None = None
