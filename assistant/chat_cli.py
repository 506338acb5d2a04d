"""The `shopassist chat` front end: one turn or a REPL, over the same event stream."""

from __future__ import annotations

import sys

from rich.console import Console

from assistant.agent import Agent, build_agent
from assistant.config import Settings
from assistant.events import FinalReply, TextDelta, TextReset, ToolCall, ToolResult
from tools.context import SessionState

_out = Console()
_err = Console(stderr=True)


def _open_session(
    agent: Agent, customer: str | None, as_agent: bool, session_id: str | None
) -> SessionState:
    if session_id:
        try:
            return agent.resume(session_id)
        except KeyError:
            return agent.new_session(customer_id=customer, agent=as_agent, session_id=session_id)
    return agent.new_session(customer_id=customer, agent=as_agent)


def _trace(agent: Agent, session: SessionState, message: str) -> dict:
    calls: dict[str, dict] = {}
    final: FinalReply | None = None
    for event in agent.turn(session, message):
        if isinstance(event, ToolCall):
            calls[event.id] = {"name": event.name, "args": event.args}
        elif isinstance(event, ToolResult):
            entry = calls.setdefault(event.id, {"name": event.name, "args": {}})
            entry |= {"ok": event.ok, "result": event.result, "error": event.error}
        elif isinstance(event, FinalReply):
            final = event
    assert final is not None
    return {
        "session": session.id,
        "reply": final.text,
        "backend": final.backend,
        "fallback": final.fallback,
        "tool_calls": list(calls.values()),
        "facts": final.facts,
        "usage": final.usage,
    }


def _say(agent: Agent, session: SessionState, message: str) -> None:
    for event in agent.turn(session, message):
        if isinstance(event, ToolCall):
            _err.print(f"[dim]→ {event.name}({event.args})[/dim]")
        elif isinstance(event, ToolResult) and not event.ok:
            _err.print(f"[dim]  ✗ {event.error}[/dim]")
        elif isinstance(event, TextDelta):
            _out.print(event.text, end="", markup=False, highlight=False)
        elif isinstance(event, TextReset):  # a terminal can't take text back: start a new line
            _out.print()
            _err.print("[dim](the answer above broke off; here it is again)[/dim]")
        elif isinstance(event, FinalReply):
            _out.print()
            if event.suggestions:
                _err.print("[dim]try: " + " · ".join(event.suggestions) + "[/dim]")


def run_chat(
    settings: Settings,
    message: str | None,
    customer: str | None,
    as_agent: bool,
    session_id: str | None,
    as_json: bool,
) -> int:
    """Run one turn (printing the reply or its JSON trace) or a REPL; returns the exit code."""
    import json

    agent = build_agent(settings)
    session = _open_session(agent, customer, as_agent, session_id)
    if message is not None:
        if as_json:
            print(json.dumps(_trace(agent, session, message), indent=2, default=str))
        else:
            _say(agent, session, message)
            _err.print(f"[dim]session: {session.id} (continue with --session {session.id})[/dim]")
        return 0
    _err.print(f"[bold]shopassist[/bold] — session {session.id}. Ctrl-D or 'quit' to leave.")
    while True:
        try:
            line = input("you> ") if sys.stdin.isatty() else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            break
        if not line or line.strip().lower() in {"quit", "exit"}:
            break
        if line.strip():
            _say(agent, session, line.strip())
    return 0
