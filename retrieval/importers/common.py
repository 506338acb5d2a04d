"""What both importers share: the report, the output writer, row validation and value parsers."""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pydantic import ValidationError
from tqdm import tqdm

from retrieval.reader import MAX_LINE_BYTES, RowError
from retrieval.schema import ID_FIELDS, ROW_MODELS, Row

KEPT_PROBLEMS = 1000
"""Problems kept in memory; all of them are written to the problems file."""
KINDS = tuple(ROW_MODELS)
Problem = tuple[str, str]
"""(field, message) of one reason a row was skipped."""


@dataclass
class ImportReport:
    """What an import read and wrote, and every row it skipped (and why)."""

    out_dir: Path
    read: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[RowError] = field(default_factory=list)
    problem_count: int = 0
    problems_file: Path | None = None
    defaulted_prices: int = 0
    left_out: int = 0
    mapping: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class SkipRow(ValueError):
    """A source row that cannot become a contract row."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


class ShopWriter:
    """The output files of one import; they replace the old ones only when the import finishes."""

    def __init__(self, out_dir: Path, label: str, kinds: Iterable[str], report: ImportReport):
        self.out_dir = out_dir
        self.report = report
        self.problems_path = out_dir / f"{label}.problems.txt"
        self.kinds = list(kinds)
        self._files: dict[str, IO[str]] = {}
        self._log: IO[str] | None = None

    def _partial(self, name: str) -> Path:
        return self.out_dir / f".{name}.partial"

    def __enter__(self) -> ShopWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for kind in self.kinds:
            self._files[kind] = self._partial(f"{kind}.jsonl").open("w", encoding="utf-8")
            self.report.written[f"{kind}.jsonl"] = 0
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        names = [f"{kind}.jsonl" for kind in self.kinds] + [self.problems_path.name]
        for handle in [*self._files.values(), *([self._log] if self._log else [])]:
            handle.close()
        for name in names:
            partial = self._partial(name)
            if exc_type is None and partial.exists():
                partial.replace(self.out_dir / name)
            else:
                partial.unlink(missing_ok=True)
        if exc_type is None and self._log is None:
            self.problems_path.unlink(missing_ok=True)
        if exc_type is None and self._log is not None:
            self.report.problems_file = self.problems_path

    def note_read(self, file: str) -> None:
        """Count one source row read."""
        self.report.read[file] = self.report.read.get(file, 0) + 1

    def reject(
        self, file: str, line: int, problems: list[Problem], raw: str = "", rows: int = 1
    ) -> None:
        """Skip a source row (or `rows` lines that make one row), recording every reason."""
        self.report.skipped[file] = self.report.skipped.get(file, 0) + rows
        if self._log is None:
            self._log = self._partial(self.problems_path.name).open("w", encoding="utf-8")
        for field_name, message in problems:
            error = RowError(file, line, field_name, message, raw[:200])
            self.report.problem_count += 1
            if len(self.report.problems) < KEPT_PROBLEMS:
                self.report.problems.append(error)
            self._log.write(f"{error}\n")

    def write(self, kind: str, row: Row, at: Source) -> bool:
        """Append a validated row to `<kind>.jsonl`; False (and rejected) if it is too long."""
        text = json.dumps(row.model_dump(mode="json", exclude_none=True), ensure_ascii=False)
        if len(text.encode("utf-8")) > MAX_LINE_BYTES:
            problem = ("row", f"over {MAX_LINE_BYTES} bytes as JSON")
            self.reject(at.file, at.line, [problem], at.raw, at.rows)
            return False
        self._files[kind].write(text + "\n")
        self.report.written[f"{kind}.jsonl"] += 1
        return True


@dataclass(frozen=True)
class Source:
    """Where a row came from: file, first line, raw text, and how many lines it spans."""

    file: str
    line: int
    raw: str = ""
    rows: int = 1


def emit_row(
    out: ShopWriter, kind: str, data: dict[str, Any], seen: dict[str, int], at: Source
) -> bool:
    """Validate, de-duplicate by id and write one row; False if it was rejected."""
    try:
        row = ROW_MODELS[kind].model_validate(data)
    except ValidationError as exc:
        problems = [(".".join(str(p) for p in e["loc"]) or "row", e["msg"]) for e in exc.errors()]
        out.reject(at.file, at.line, problems, at.raw, at.rows)
        return False
    id_field = ID_FIELDS[kind]
    key = getattr(row, id_field)
    if key in seen:
        problem = (id_field, f"duplicate id {key!r} (first at line {seen[key]})")
        out.reject(at.file, at.line, [problem], at.raw, at.rows)
        return False
    if not out.write(kind, row, at):
        return False
    seen[key] = at.line
    return True


def numbered_lines(path: Path, show_progress: bool) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) of a plain or gzip file, with a progress bar over its bytes."""
    size = path.stat().st_size
    bar = tqdm(
        total=size,
        desc=path.name,
        unit="B",
        unit_scale=True,
        disable=not show_progress,
        leave=False,
    )
    with bar, path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if gzipped else raw  # type: ignore[assignment]
        for number, line in enumerate(stream, start=1):
            if number % 4096 == 0:
                bar.update(raw.tell() - bar.n)
            yield number, line
        bar.update(size - bar.n)


_MISSING = {"", "none", "null", "nan", "n/a", "-", "—"}


def stringify(value: Any) -> str:
    """A `details` value as attribute text (JSON for lists and objects)."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def parse_number(value: Any) -> float | None:
    """A finite number from a number or text such as "$1,299.00"; None when missing."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip() if value is not None else ""
        if text.lower() in _MISSING:
            return None
        text = text.lstrip("$€£¥").strip()
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"not a number: {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def from_epoch(value: Any) -> datetime:
    """A UTC datetime from seconds or milliseconds since the epoch."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"not a timestamp: {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a timestamp: {value!r}")
    return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)
