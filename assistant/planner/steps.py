"""What the planner does next: call one tool, or say the reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


Step = Call | Say
