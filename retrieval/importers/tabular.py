"""CSV with a column mapping: a table per kind (or one flat order-line table) → contract rows."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from retrieval.importers.common import (
    KINDS,
    ImportReport,
    Problem,
    ShopWriter,
    Source,
    emit_row,
    from_epoch,
    numbered_lines,
    parse_number,
    stringify,
)
from retrieval.schema import ROW_MODELS, OrderItem

_TRUE = {"true", "yes", "y", "1", "t", "on", "in stock", "available"}
_FALSE = {"false", "no", "n", "0", "f", "off", "out of stock", "sold out", "unavailable"}
_NESTED = {"products": ("attributes",), "orders": ("items", "shipping")}
_COMPUTED = {"orders": {"total"}}


def parse_bool(text: str) -> bool:
    """yes/no, true/false, 1/0, in stock/out of stock…"""
    lowered = text.strip().lower()
    if lowered in _TRUE or lowered in _FALSE:
        return lowered in _TRUE
    raise ValueError(f"not a yes/no value: {text!r}")


def parse_int(text: str) -> int:
    """A whole number ("4" or "4.0")."""
    number = parse_number(text)
    if number is None or not number.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(number)


def parse_list(text: str) -> list[str]:
    """A JSON list, or items separated by `|` (or else `;`)."""
    if text.lstrip().startswith("["):
        value = _json_cell(text)
        if not isinstance(value, list):
            raise ValueError("expected a JSON list")
        return [str(item) for item in value]
    separator = "|" if "|" in text else ";"
    return [part.strip() for part in text.split(separator) if part.strip()]


def parse_mapping(text: str) -> dict[str, str]:
    """A JSON object, or `key:value|key:value` (`;` also separates)."""
    if text.lstrip().startswith("{"):
        value = _json_cell(text)
        if not isinstance(value, dict):
            raise ValueError("expected a JSON object")
        return {str(k): stringify(v) for k, v in value.items()}
    pairs = {}
    for part in parse_list(text):
        key, colon, value = part.partition(":")
        if not colon or not key.strip():
            raise ValueError(f"expected key:value, got {part!r}")
        pairs[key.strip()] = value.strip()
    return pairs


def parse_datetime(text: str) -> datetime | str:
    """ISO 8601, "2024-03-01 10:00:00 +0100" or epoch seconds/ms; other text is left to pydantic."""
    value = text.strip()
    if value.isdigit():
        try:
            return from_epoch(int(value))
        except (OverflowError, OSError) as exc:
            raise ValueError(f"not a timestamp: {text!r}") from exc
    for parse in (
        datetime.fromisoformat,
        lambda v: datetime.strptime(v, "%Y-%m-%d %H:%M:%S %z"),
    ):
        try:
            return parse(value)
        except ValueError:
            pass
    return value


def _json_cell(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg}") from None


def _base_type(annotation: Any) -> Any:
    """`X` from `X | None`."""
    if get_origin(annotation) in (Union, UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


@cache
def _converter(model: type[BaseModel], name: str) -> Callable[[str], Any]:
    """How a cell becomes the value of `model.name`."""
    base = _base_type(model.model_fields[name].annotation)
    simple: dict[Any, Callable[[str], Any]] = {
        bool: parse_bool,
        int: parse_int,
        float: parse_number,
        datetime: parse_datetime,
        list[str]: parse_list,
        dict[str, str]: parse_mapping,
    }
    if base in simple:
        return simple[base]
    if name == "currency":
        return lambda text: text.strip().upper()
    if name == "status":
        return lambda text: text.strip().lower()
    if get_origin(base) in (list, dict) or (isinstance(base, type) and issubclass(base, BaseModel)):
        return _json_cell
    return str


def _convert(model: type[BaseModel], name: str, text: str) -> Any:
    return _converter(model, name)(text)


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


@dataclass
class CsvPlan:
    """Where each contract field comes from in a CSV, and which columns become extra fields."""

    kind: str
    fields: dict[str, int]
    nested: dict[str, dict[str, int]]
    extras: dict[str, int]
    header: list[str]

    def describe(self) -> dict[str, str]:
        """field -> column, for showing the mapping in effect."""
        shown = {name: self.header[i] for name, i in self.fields.items()}
        for head, subs in self.nested.items():
            shown |= {f"{head}.{sub}": self.header[i] for sub, i in subs.items()}
        return shown


def plan_csv(header: list[str], kind: str, mapping: dict[str, str]) -> CsvPlan:
    """Check a mapping against a header; columns named like a field map to it unless mapped."""
    if kind not in ROW_MODELS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    model = ROW_MODELS[kind]
    columns = {name: i for i, name in enumerate(header)}
    fields: dict[str, int] = {}
    nested: dict[str, dict[str, int]] = {}
    for target, column in mapping.items():
        if column not in columns:
            raise ValueError(f"column {column!r} (for {target}) is not in the header: {header}")
        head, dot, sub = target.partition(".")
        if head not in model.model_fields or (dot and head not in _NESTED.get(kind, ())):
            raise ValueError(
                f"{target!r} is not a {kind} field; fields: {', '.join(model.model_fields)}"
                + (f"; nested: {', '.join(f'{n}.X' for n in _NESTED[kind])}" if dot else "")
            )
        if dot and head == "items" and sub not in OrderItem.model_fields:
            raise ValueError(f"{target!r}: items have {', '.join(OrderItem.model_fields)}")
        if dot:
            nested.setdefault(head, {})[sub] = columns[column]
        else:
            fields[target] = columns[column]
    if "items" in fields and "items" in nested:
        raise ValueError("map items either as one JSON column or as items.<field> columns")
    used = set(fields.values()) | {i for subs in nested.values() for i in subs.values()}
    for i, column in enumerate(header):
        name = _normal(column)
        if i not in used and name in model.model_fields and name not in {*fields, *nested}:
            fields[name] = i
            used.add(i)
    missing = [
        name
        for name, info in model.model_fields.items()
        if info.is_required()
        and name not in {*fields, *nested}
        and name not in _COMPUTED.get(kind, set())
    ]
    if missing:
        raise ValueError(
            f"{kind} need {', '.join(missing)}: map them with --map FIELD=COLUMN "
            f"(columns: {', '.join(header)})"
        )
    extras = {}
    for i, column in enumerate(header):
        if i not in used:
            key = column.strip() or f"column_{i + 1}"
            extras[f"csv_{key}" if key in model.model_fields else key] = i
    return CsvPlan(kind, fields, nested, extras, header)


def _convert_cells(
    cells: list[str], plan: CsvPlan
) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    """(row fields, order item fields, problems) of one CSV record; empty cells are left out."""
    model = ROW_MODELS[plan.kind]
    data: dict[str, Any] = {}
    item: dict[str, Any] = {}
    problems: list[Problem] = []

    def cell(i: int) -> str | None:
        return cells[i] if i < len(cells) and cells[i].strip() else None

    for name, i in plan.fields.items():
        if (text := cell(i)) is None:
            continue
        try:
            value = _convert(model, name, text)
        except ValueError as exc:
            problems.append((name, str(exc)))
            continue
        if value is not None:
            data[name] = value
    for head, subs in plan.nested.items():
        for sub, i in subs.items():
            if (text := cell(i)) is None:
                continue
            if head == "items":
                try:
                    item[sub] = _convert(OrderItem, sub, text)
                except ValueError as exc:
                    problems.append((f"items.{sub}", str(exc)))
            elif isinstance(data.get(head, {}), dict):
                data.setdefault(head, {})[sub] = text.strip()
    for key, i in plan.extras.items():
        if (text := cell(i)) is not None:
            data[key] = text
    return data, item, problems


def _fill_total(data: dict[str, Any]) -> None:
    """An order's total from its items when the CSV has none."""
    items = data.get("items")
    if "total" in data or not isinstance(items, list):
        return
    try:
        data["total"] = round(sum(i["quantity"] * i["unit_price"] for i in items), 2)
    except (KeyError, TypeError):
        pass


def csv_records(
    path: Path, encoding: str, delimiter: str | None, show_progress: bool
) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank CSV record; the header comes first."""

    def text_lines() -> Iterator[str]:
        for number, raw in numbered_lines(path, show_progress):
            try:
                yield raw.decode(encoding if number == 1 else encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"{path.name}:{number}: not {encoding} ({exc.reason}); "
                    "pass --encoding (e.g. cp1252)"
                ) from None

    lines = text_lines()
    first = next(lines, None)
    if first is None:
        return
    if delimiter is None:
        delimiter = max(",;\t|", key=first.count)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValueError(f"{path.name}:{reader.line_num}: {exc}") from None
        start, previous = previous + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def import_csv(
    csv_path: Path,
    kind: str,
    mapping: dict[str, str],
    out_dir: Path,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
    show_progress: bool = False,
) -> ImportReport:
    """Convert one CSV into `<kind>.jsonl` of a shop directory with a field -> column mapping.

    Orders may come one line per item (`items.product_id=SKU`, …): consecutive lines with the
    same order id make one order, and a missing total is the sum of its items.
    """
    report = ImportReport(out_dir=out_dir)
    records = csv_records(csv_path, encoding, delimiter, show_progress)
    _, header = next(records, (0, []))
    if not header:
        raise ValueError(f"{csv_path.name}: no header line")
    plan = plan_csv(header, kind, mapping)
    report.mapping = plan.describe()
    with ShopWriter(out_dir, f"csv-{kind}", [kind], report) as out:
        if "items" in plan.nested:
            _grouped_orders(records, plan, out, csv_path.name)
        else:
            _flat_rows(records, plan, out, csv_path.name)
    return report


def _too_many_cells(cells: list[str], plan: CsvPlan) -> list[Problem]:
    if len(cells) > len(plan.header) and any(c.strip() for c in cells[len(plan.header) :]):
        return [("row", f"{len(cells)} cells but the header has {len(plan.header)}")]
    return []


def _flat_rows(
    records: Iterator[tuple[int, list[str]]], plan: CsvPlan, out: ShopWriter, file: str
) -> None:
    """One CSV record per contract row."""
    seen: dict[str, int] = {}
    for line, cells in records:
        out.note_read(file)
        data, _, problems = _convert_cells(cells, plan)
        problems = _too_many_cells(cells, plan) + problems
        raw = ",".join(cells)
        if problems:
            out.reject(file, line, problems, raw)
            continue
        if plan.kind == "orders":
            _fill_total(data)
        emit_row(out, plan.kind, data, seen, Source(file, line, raw))


@dataclass
class _Order:
    """The lines of one order read so far."""

    line: int
    data: dict[str, Any]
    lines: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)


def _grouped_orders(
    records: Iterator[tuple[int, list[str]]], plan: CsvPlan, out: ShopWriter, file: str
) -> None:
    """Orders one line per item: consecutive lines with the same order id are one order."""
    seen: dict[str, int] = {}
    order: _Order | None = None
    for line, cells in records:
        out.note_read(file)
        data, item, problems = _convert_cells(cells, plan)
        if order is None or data.get("order_id") != order.data.get("order_id"):
            _flush_order(order, out, file, seen)
            order = _Order(line, data)
        order.lines += 1
        order.problems += [(line, p) for p in _too_many_cells(cells, plan) + problems]
        if item:
            order.items.append(item)
    _flush_order(order, out, file, seen)


def _flush_order(order: _Order | None, out: ShopWriter, file: str, seen: dict[str, int]) -> None:
    if order is None:
        return
    last = order.line + order.lines - 1
    span = f"order {order.data.get('order_id')!r}, lines {order.line}-{last}"
    if order.problems:
        for n, (line, (name, message)) in enumerate(order.problems):
            rows = order.lines if n == 0 else 0
            out.reject(file, line, [(name, f"{message} ({span} skipped)")], rows=rows)
        return
    order.data["items"] = order.items
    _fill_total(order.data)
    emit_row(out, "orders", order.data, seen, Source(file, order.line, span, order.lines))
