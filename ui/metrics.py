"""Prometheus metrics of the assistant: turns, latency, tool calls, fallbacks, errors."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

from assistant.events import ToolResult


class Metrics:
    """One registry per app, so tests and processes don't share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter(
            "shopassist_turns", "Turns answered", ["backend"], registry=self.registry
        )
        self.latency = Histogram(
            "shopassist_turn_latency_seconds",
            "Wall time of a turn",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=self.registry,
        )
        self.tool_calls = Counter(
            "shopassist_tool_calls", "Tool calls", ["tool", "ok"], registry=self.registry
        )
        self.fallbacks = Counter(
            "shopassist_fallbacks",
            "Turns answered by the planner after an LLM failure",
            registry=self.registry,
        )
        self.errors = Counter(
            "shopassist_errors", "Turns that ended in an error event", registry=self.registry
        )
        self.rate_limited = Counter(
            "shopassist_rate_limited", "Requests refused with 429", registry=self.registry
        )
        self.verify_failures = Counter(
            "shopassist_verify_failures",
            "Failed or refused customer verifications",
            registry=self.registry,
        )
        self.handoffs = Counter(
            "shopassist_handoffs",
            "Conversations handed to the support team",
            registry=self.registry,
        )

    def count_tool(self, event: ToolResult) -> None:
        """Count the security and support outcomes of a tool result."""
        if event.name == "verify_customer" and not event.ok:
            self.verify_failures.inc()
        elif event.name == "handoff" and event.ok and isinstance(event.result, dict):
            self.handoffs.inc(0 if event.result.get("already_handed_off") else 1)
