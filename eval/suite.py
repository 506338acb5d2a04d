"""The dialogue suite format (YAML): models, loading a file or a directory, tag filtering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.config import DEMO_SHOP_DIR


class SuiteError(ValueError):
    """A suite file that cannot be read or does not match the format."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _as_list(value: Any) -> Any:
    """Let a single string stand for a one-item list."""
    return [value] if isinstance(value, str) else value


class ToolExpect(_Strict):
    """A tool that must be called; `args` must match the call's arguments as a subset."""

    name: str = Field(min_length=1)
    args: dict[str, Any] = Field(default_factory=dict)


class Expect(_Strict):
    """What must hold after one turn."""

    tools: list[ToolExpect] = Field(default_factory=list)
    no_tools: list[str] = Field(default_factory=list)
    reply_contains: list[str] = Field(default_factory=list)
    reply_contains_any: list[str] = Field(default_factory=list)
    reply_not_contains: list[str] = Field(default_factory=list)
    shown: list[str] = Field(default_factory=list, description="product ids all presented")
    shown_any: list[str] = Field(default_factory=list, description="at least one presented")
    not_shown: list[str] = Field(default_factory=list, description="product ids none presented")
    grounded: bool = False

    @field_validator("tools", mode="before")
    @classmethod
    def _tool_names(cls, value: Any) -> Any:
        value = _as_list(value)
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator(
        "no_tools",
        "reply_contains",
        "reply_contains_any",
        "reply_not_contains",
        "shown",
        "shown_any",
        "not_shown",
        mode="before",
    )
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return _as_list(value)


class Turn(_Strict):
    """One user message and its expectations."""

    user: str
    expect: Expect = Field(default_factory=Expect)


class Identity(_Strict):
    """Who is talking: a signed-in customer, a support agent, or (both unset) a visitor."""

    customer: str | None = None
    agent: bool = False

    @model_validator(mode="after")
    def _one_role(self) -> Identity:
        if self.customer and self.agent:
            raise ValueError("give either customer or agent: true, not both")
        return self


class Dialogue(_Strict):
    """A scripted conversation; it passes when every expectation of every turn holds."""

    id: str = Field(min_length=1)
    as_: Identity = Field(default_factory=Identity, alias="as")
    tags: list[str] = Field(default_factory=list)
    turns: list[Turn] = Field(min_length=1)


class Suite(_Strict):
    """A named set of dialogues, optionally over a shop directory ingested first."""

    suite: str = Field(min_length=1)
    data: str | None = None
    dialogues: list[Dialogue] = Field(min_length=1)
    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file the suite was loaded from."""
        return self._path

    @model_validator(mode="after")
    def _unique_ids(self) -> Suite:
        seen: set[str] = set()
        for dialogue in self.dialogues:
            if dialogue.id in seen:
                raise ValueError(f"duplicate dialogue id {dialogue.id!r}")
            seen.add(dialogue.id)
        return self

    def data_dir(self) -> Path | None:
        """The shop directory to ingest: `demo`, or a path relative to the suite file."""
        if self.data is None:
            return None
        if self.data == "demo":
            return DEMO_SHOP_DIR
        base = self.path.parent if self.path else Path.cwd()
        return (base / self.data).resolve()


def _where(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Name the dialogue an error location points into, by id when it has one."""
    if len(loc) >= 2 and loc[0] == "dialogues" and isinstance(loc[1], int):
        dialogues = raw.get("dialogues") if isinstance(raw, dict) else None
        item = dialogues[loc[1]] if isinstance(dialogues, list) and loc[1] < len(dialogues) else {}
        name = item.get("id") if isinstance(item, dict) else None
        label = f"dialogue {name!r}" if name else f"dialogue #{loc[1] + 1}"
        rest = ".".join(str(p) for p in loc[2:]) or "dialogue"
        return f"{label}: {rest}"
    return ".".join(str(p) for p in loc) or "suite"


def parse_suite(raw: Any, path: Path) -> Suite:
    """Validate parsed YAML as a suite; errors name the file and the dialogue id."""
    if not isinstance(raw, dict):
        raise SuiteError(
            f"{path}: expected a mapping with suite/dialogues, got {type(raw).__name__}"
        )
    try:
        suite = Suite.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{path}: {_where(raw, e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise SuiteError("\n".join(lines)) from exc
    suite._path = path
    return suite


def load_suite(path: Path) -> Suite:
    """Load one YAML suite file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path}: invalid YAML: {exc}") from exc
    return parse_suite(raw, path)


def load_suites(paths: list[Path]) -> list[Suite]:
    """Load suite files and directories of `*.yaml` (sorted); suite names must be unique."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise SuiteError(f"{path}: no *.yaml suite files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise SuiteError(f"{path}: no such file or directory")
    suites: list[Suite] = []
    names: dict[str, Path] = {}
    for file in files:
        suite = load_suite(file)
        if suite.suite in names:
            raise SuiteError(
                f"{file}: suite name {suite.suite!r} already used in {names[suite.suite]}"
            )
        names[suite.suite] = file
        suites.append(suite)
    return suites


def filter_tags(suites: list[Suite], tags: list[str]) -> list[Suite]:
    """Keep dialogues carrying any of the tags (all when none given); drop emptied suites."""
    if not tags:
        return suites
    wanted = {t.casefold() for t in tags}
    kept = []
    for suite in suites:
        dialogues = [d for d in suite.dialogues if wanted & {t.casefold() for t in d.tags}]
        if dialogues:
            kept.append(suite.model_copy(update={"dialogues": dialogues}))
    return kept
