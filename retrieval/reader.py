"""Read and validate a shop directory; every problem becomes a `file:line: field: message`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from retrieval.schema import ID_FIELDS, ROW_MODELS, Row

MAX_LINE_BYTES = 1_000_000


@dataclass(frozen=True)
class RowError:
    """One reason a row was rejected."""

    file: str
    line: int
    field: str
    message: str
    raw: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class ShopData:
    """The valid rows of a shop directory, by kind, and what was rejected."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many valid rows of a kind were read."""
        return len(self.rows.get(kind, []))


def _lines(path: Path) -> Iterator[tuple[int, str | None, str]]:
    """Yield (line number, decoded text or None if undecodable, raw text) for non-blank lines."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            shown = raw[:200].decode("utf-8", errors="replace").rstrip("\n")
            if len(raw) > MAX_LINE_BYTES:
                yield number, None, shown + " [line too long]"
                continue
            try:
                yield number, raw.decode("utf-8").strip(), shown
            except UnicodeDecodeError as exc:
                yield number, None, f"{shown} [not UTF-8 at byte {exc.start}]"


def _validation_errors(name: str, number: int, exc: ValidationError, raw: str) -> list[RowError]:
    errors = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "row"
        errors.append(RowError(name, number, where, err["msg"], raw))
    return errors


Numbered = list[tuple[int, Row, str]]


def read_file(path: Path, kind: str) -> tuple[Numbered, list[RowError]]:
    """Parse and validate one JSONL file of the given kind: (line, row, raw text) and errors."""
    model = ROW_MODELS[kind]
    id_field = ID_FIELDS[kind]
    rows: Numbered = []
    errors: list[RowError] = []
    seen: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, text, shown in _lines(path):
        if text is None:
            raw = shown
            reason = "line too long" if raw.endswith("[line too long]") else "not valid UTF-8"
            errors.append(RowError(path.name, number, "row", reason, raw))
            continue
        raw = text
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            errors.append(RowError(path.name, number, "row", f"invalid JSON: {exc.msg}", raw))
            continue
        if not isinstance(obj, dict):
            errors.append(RowError(path.name, number, "row", "expected a JSON object", raw))
            continue
        try:
            row = model.model_validate(obj)
        except ValidationError as exc:
            errors.extend(_validation_errors(path.name, number, exc, raw))
            continue
        key = getattr(row, id_field)
        if key in seen:
            first_line, first = seen[key]
            if first != obj:
                message = (
                    f"duplicate id {key!r} with different content (first at line {first_line})"
                )
                errors.append(RowError(path.name, number, id_field, message, raw))
            continue
        seen[key] = (number, obj)
        rows.append((number, row, raw))
    return rows, errors


def _check_references(
    name: str, rows: Numbered, attr: str, known: set[str], what: str
) -> tuple[Numbered, list[RowError]]:
    kept, errors = [], []
    for number, row, raw in rows:
        value = getattr(row, attr)
        if value is not None and value not in known:
            errors.append(RowError(name, number, attr, f"unknown {what} {value!r}", raw))
        else:
            kept.append((number, row, raw))
    return kept, errors


def read_shop(
    directory: Path,
    known_products: set[str] | None = None,
    known_customers: set[str] | None = None,
) -> ShopData:
    """Validate every file of a shop directory; references may point at rows already stored."""
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: not a directory")
    found = {kind: directory / f"{kind}.jsonl" for kind in ROW_MODELS}
    found = {kind: path for kind, path in found.items() if path.exists()}
    if not found:
        raise FileNotFoundError(
            f"{directory}: no products.jsonl, reviews.jsonl, customers.jsonl or orders.jsonl"
        )
    data = ShopData()
    parsed: dict[str, Numbered] = {}
    for kind, path in found.items():
        parsed[kind], errors = read_file(path, kind)
        data.errors.extend(errors)
    products = {r.product_id for _, r, _ in parsed.get("products", [])} | (known_products or set())
    customers = {r.customer_id for _, r, _ in parsed.get("customers", [])} | (
        known_customers or set()
    )
    for kind, attr, known, what in (
        ("reviews", "product_id", products, "product"),
        ("orders", "customer_id", customers, "customer"),
    ):
        if kind in parsed:
            parsed[kind], errors = _check_references(
                found[kind].name, parsed[kind], attr, known, what
            )
            data.errors.extend(errors)
    data.rows = {kind: [row for _, row, _ in rows] for kind, rows in parsed.items()}
    data.errors.sort(key=lambda e: (e.file, e.line))
    return data
