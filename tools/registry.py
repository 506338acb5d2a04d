"""Every tool registered once: a typed function + pydantic args, handed to LangChain as-is."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from langchain.tools import ToolRuntime
from langchain_core.tools import StructuredTool, ToolException
from pydantic import BaseModel, ValidationError

from tools.context import ToolContext

log = logging.getLogger(__name__)
A = TypeVar("A", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)


class ToolError(ToolException):
    """A failure the model can read and act on (unknown id, not allowed, bad value)."""


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its name, what it does, its argument model and the function."""

    name: str
    description: str
    args_model: type[BaseModel]
    func: Callable[[ToolContext, Any], BaseModel]


class ToolOutcome(BaseModel):
    """The result of calling a tool outside the agent loop."""

    name: str
    ok: bool
    result: dict[str, Any] | None = None
    error: str | None = None


REGISTRY: dict[str, ToolSpec] = {}


def tool(args_model: type[A]) -> Callable[[Callable[[ToolContext, A], R]], Callable[..., R]]:
    """Register a tool function `f(ctx, args) -> Result`; its docstring is its description."""

    def register(func: Callable[[ToolContext, A], R]) -> Callable[..., R]:
        description = " ".join((func.__doc__ or "").split())
        REGISTRY[func.__name__] = ToolSpec(func.__name__, description, args_model, func)
        return func

    return register


def describe_validation_error(name: str, exc: ValidationError) -> str:
    """A one-line, model-readable account of bad arguments."""
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in exc.errors()
    )
    return f"Invalid arguments for {name}: {problems}. Fix them and call the tool again."


def call_tool(name: str, args: dict[str, Any], ctx: ToolContext) -> ToolOutcome:
    """Validate arguments and run a tool; every failure comes back as a readable error."""
    specs = all_tools()
    spec = specs.get(name)
    if spec is None:
        known = ", ".join(sorted(specs))
        return ToolOutcome(name=name, ok=False, error=f"Unknown tool {name!r}. Tools: {known}.")
    try:
        parsed = spec.args_model.model_validate(args)
    except ValidationError as exc:
        return ToolOutcome(name=name, ok=False, error=describe_validation_error(name, exc))
    try:
        result = spec.func(ctx, parsed)
    except ToolError as exc:
        return ToolOutcome(name=name, ok=False, error=str(exc))
    except Exception:  # noqa: BLE001 - a bug in one tool must not sink the turn
        log.exception("tool %s failed", name)
        return ToolOutcome(
            name=name, ok=False, error=f"{name} is temporarily unavailable; try something else."
        )
    return ToolOutcome(name=name, ok=True, result=result.model_dump(mode="json"))


def _langchain_tool(spec: ToolSpec) -> StructuredTool:
    def run(runtime: ToolRuntime, **kwargs: Any) -> str:
        outcome = call_tool(spec.name, kwargs, runtime.context)
        if not outcome.ok:
            raise ToolError(outcome.error)
        return json.dumps(outcome.result, ensure_ascii=False)

    return StructuredTool.from_function(
        func=run,
        name=spec.name,
        description=spec.description,
        args_schema=spec.args_model,
        handle_tool_error=True,
        handle_validation_error=lambda exc: describe_validation_error(spec.name, exc),
    )


def all_tools() -> dict[str, ToolSpec]:
    """Every tool, by name (importing the tool modules registers them)."""
    import tools.catalog  # noqa: F401 - registration side effects
    import tools.handoff  # noqa: F401
    import tools.orders  # noqa: F401
    import tools.recommend  # noqa: F401
    import tools.reviews  # noqa: F401
    import tools.staff  # noqa: F401

    return REGISTRY


def langchain_tools() -> list[StructuredTool]:
    """All registered tools as LangChain structured tools (context injected at run time)."""
    return [_langchain_tool(spec) for spec in all_tools().values()]
