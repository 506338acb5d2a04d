"""What the planner does next: call one tool, or say the reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Pending:
    """A question the reply asks that a short answer settles: "Want me to connect you with a
    person?" (`handoff`, for `topic`), or "Which order do you mean?" (`change`, for `topic`).
    Kept with the stored reply and handed back to the planner as typed state next turn."""

    kind: Literal["handoff", "change"]
    topic: str


@dataclass
class Call:
    """Call one tool with these arguments."""

    name: str
    args: dict[str, Any]


@dataclass
class Say:
    """End the turn with this reply, its suggested follow-ups and a hand-off reason if any."""

    text: str
    suggestions: list[str] = field(default_factory=list)
    handoff: str | None = None
    pending: Pending | None = None


Step = Call | Say
