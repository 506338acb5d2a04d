"""Convert outside formats (Amazon Reviews 2023, CSV with a column mapping) into a shop directory.

Both importers stream their input line by line (plain or gzip), validate every converted row with
the contract models and write `products.jsonl`, `reviews.jsonl`, … for `shopassist ingest DIR`.
A row is never dropped silently: each skipped row becomes a `file:line: field: message` problem.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import TracebackType, UnionType
from typing import IO, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from tqdm import tqdm

from retrieval.reader import MAX_LINE_BYTES, RowError
from retrieval.schema import ID_FIELDS, MAX_TEXT, ROW_MODELS, OrderItem, ProductRow, ReviewRow, Row

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


class _ShopWriter:
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

    def __enter__(self) -> _ShopWriter:
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

    def write(self, kind: str, row: Row, at: _Source) -> bool:
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
class _Source:
    """Where a row came from: file, first line, raw text, and how many lines it spans."""

    file: str
    line: int
    raw: str = ""
    rows: int = 1


def _emit(
    out: _ShopWriter, kind: str, data: dict[str, Any], seen: dict[str, int], at: _Source
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


def _lines(path: Path, show_progress: bool) -> Iterator[tuple[int, bytes]]:
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


# --- Amazon Reviews 2023 -------------------------------------------------------------------

_META_USED = frozenset(
    "title average_rating rating_number features description price images store categories "
    "details parent_asin".split()
)
_REVIEW_USED = frozenset(
    "rating title text parent_asin user_id timestamp verified_purchase".split()
)
_MISSING = {"", "none", "null", "nan", "n/a", "-", "—"}


def _text(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _strings(value: Any) -> list[str]:
    """The non-empty strings of a list (or of a single string)."""
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _text(item))]


def _clip(text: str) -> str:
    """Text cut to the contract's longest free text."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _stringify(value: Any) -> str:
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


def _from_epoch(value: Any) -> datetime:
    """A UTC datetime from seconds or milliseconds since the epoch."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"not a timestamp: {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a timestamp: {value!r}")
    return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)


def _first_image(images: Any) -> str | None:
    """The first image's `large` URL (list of dicts, or the dict-of-lists of HF exports)."""
    if isinstance(images, dict):
        urls = images.get("large") or images.get("hi_res") or images.get("thumb")
        images = [{"large": url} for url in urls] if isinstance(urls, list) else []
    for image in images if isinstance(images, list) else []:
        if isinstance(image, dict):
            url = (
                _text(image.get("large")) or _text(image.get("hi_res")) or _text(image.get("thumb"))
            )
            if url:
                return url
    return None


def _details(value: Any) -> dict[str, Any]:
    """`details` as a dict (HF exports store it as a JSON string)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return {}
    return value if isinstance(value, dict) else {}


def _passthrough(obj: dict[str, Any], used: frozenset[str], model: type[Row]) -> dict[str, Any]:
    """Source fields the mapping does not use, kept as-is (renamed if they clash with ours)."""
    kept = {}
    for key, value in obj.items():
        if key in used or value is None:
            continue
        kept[f"amazon_{key}" if key in model.model_fields else key] = value
    return kept


def category_from_filename(path: Path) -> str | None:
    """ "All Beauty" from `meta_All_Beauty.jsonl.gz`, or None for other names."""
    name = path.name.split(".")[0]
    if not name.startswith("meta_") or name == "meta_":
        return None
    return name.removeprefix("meta_").replace("_", " ")


def amazon_product(
    meta: dict[str, Any], *, default_price: float | None = None, category: str | None = None
) -> dict[str, Any]:
    """A `meta_<Category>.jsonl` object as a products.jsonl row; SkipRow when it has no price."""
    try:
        price = parse_number(meta.get("price"))
    except ValueError:
        price = None
    row: dict[str, Any] = {}
    if price is None:
        if default_price is None:
            shown = meta.get("price")
            raise SkipRow("price", f"no price ({shown!r}); pass --default-price to import it")
        price, row["price_is_default"] = default_price, True
    details = _details(meta.get("details"))
    title = _text(meta.get("title"))
    row |= {
        "product_id": _text(meta.get("parent_asin")),
        "title": title,
        "brand": _text(meta.get("store")) or _text(details.get("Brand")),
        "category": " > ".join(_strings(meta.get("categories")))
        or _text(meta.get("main_category"))
        or category,
        "description": _clip(" ".join(_strings(meta.get("description")))) or title,
        "features": _strings(meta.get("features"))[:100],
        "attributes": {str(k): _stringify(v) for k, v in details.items() if v is not None},
        "price": price,
        "rating": meta.get("average_rating"),
        "rating_count": meta.get("rating_number"),
        "image_url": _first_image(meta.get("images")),
    }
    row |= _passthrough(meta, _META_USED, ProductRow)
    return {key: value for key, value in row.items() if value is not None}


def review_id(product_id: str, user_id: str, timestamp: Any) -> str:
    """A stable review id: `<parent_asin>-<user_id>-<timestamp>`, hashed when over 64 chars."""
    key = f"{product_id}-{user_id}-{timestamp}"
    return key if len(key) <= 64 else "r-" + hashlib.sha1(key.encode()).hexdigest()


def amazon_review(obj: dict[str, Any]) -> dict[str, Any]:
    """A `<Category>.jsonl` review object as a reviews.jsonl row; SkipRow when it has no key."""
    product_id = _text(obj.get("parent_asin")) or _text(obj.get("asin"))
    user_id = _text(obj.get("user_id"))
    for name, value in (("parent_asin", product_id), ("user_id", user_id)):
        if value is None:
            raise SkipRow(name, "missing")
    try:
        created_at = _from_epoch(obj.get("timestamp"))
    except (ValueError, OverflowError, OSError) as exc:
        raise SkipRow("timestamp", str(exc)) from None
    rating = obj.get("rating")
    if isinstance(rating, float) and rating.is_integer():
        rating = int(rating)
    title = _text(obj.get("title"))
    row = {
        "review_id": review_id(str(product_id), str(user_id), obj.get("timestamp")),
        "product_id": product_id,
        "customer_id": user_id,
        "rating": rating,
        "title": title,
        "text": _clip(_text(obj.get("text")) or title or ""),
        "created_at": created_at.isoformat(),
        "verified_purchase": obj.get("verified_purchase"),
    }
    row |= _passthrough(obj, _REVIEW_USED, ReviewRow)
    return {key: value for key, value in row.items() if value is not None}


def _json_objects(
    path: Path, out: _ShopWriter, show_progress: bool
) -> Iterator[tuple[int, dict[str, Any], str]]:
    """(line, object, raw text) for each JSON object line; broken lines are rejected."""
    for number, raw in _lines(path, show_progress):
        if not raw.strip():
            continue
        out.note_read(path.name)
        shown = raw[:200].decode("utf-8", errors="replace").strip()
        try:
            obj = json.loads(raw)
        except ValueError as exc:
            out.reject(path.name, number, [("row", f"invalid JSON: {exc}")], shown)
            continue
        if not isinstance(obj, dict):
            out.reject(path.name, number, [("row", "expected a JSON object")], shown)
            continue
        yield number, obj, shown


def import_amazon2023(
    meta_path: Path,
    reviews_path: Path | None,
    out_dir: Path,
    *,
    default_price: float | None = None,
    limit: int | None = None,
    show_progress: bool = False,
) -> ImportReport:
    """Convert Amazon Reviews 2023 files (meta, and optionally reviews) into a shop directory.

    `limit` caps the products imported; reviews of products past it are counted in `left_out`.
    """
    report = ImportReport(out_dir=out_dir)
    kinds = ["products"] + (["reviews"] if reviews_path else [])
    with _ShopWriter(out_dir, "amazon2023", kinds, report) as out:
        imported, skipped, complete = _amazon_products(
            meta_path, out, default_price, limit, show_progress
        )
        if reviews_path is not None:
            _amazon_reviews(reviews_path, out, imported, skipped, complete, show_progress)
    if not complete:
        report.notes.append(f"stopped after {limit} products (--limit): the rest was not read")
    if report.left_out:
        report.notes.append(f"{report.left_out} review(s) of products past --limit left out")
    if report.defaulted_prices:
        report.notes.append(
            f"{report.defaulted_prices} product(s) have the --default-price "
            f"{default_price} (marked price_is_default)"
        )
    return report


def _amazon_products(
    path: Path, out: _ShopWriter, default_price: float | None, limit: int | None, progress: bool
) -> tuple[set[str], dict[str, int], bool]:
    """Write products; (ids written, ids skipped -> line, whether the whole file was read)."""
    category = category_from_filename(path)
    seen: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for number, meta, raw in _json_objects(path, out, progress):
        if limit is not None and len(seen) >= limit:
            out.report.read[path.name] -= 1
            return set(seen), skipped, False
        try:
            data = amazon_product(meta, default_price=default_price, category=category)
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            if pid := _text(meta.get("parent_asin")):
                skipped.setdefault(pid, number)
            continue
        if _emit(out, "products", data, seen, _Source(path.name, number, raw)):
            out.report.defaulted_prices += bool(data.get("price_is_default"))
        elif pid := data.get("product_id"):
            skipped.setdefault(str(pid), number)
    return set(seen), skipped, True


def _amazon_reviews(
    path: Path,
    out: _ShopWriter,
    products: set[str],
    skipped: dict[str, int],
    complete: bool,
    progress: bool,
) -> None:
    """Write the reviews of imported products; reject the rest with the reason."""
    seen: dict[str, int] = {}
    for number, obj, raw in _json_objects(path, out, progress):
        try:
            data = amazon_review(obj)
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            continue
        product_id = data["product_id"]
        if product_id in products:
            _emit(out, "reviews", data, seen, _Source(path.name, number, raw))
        elif product_id in skipped:
            reason = f"product {product_id!r} was not imported (meta line {skipped[product_id]})"
            out.reject(path.name, number, [("product_id", reason)], raw)
        elif complete:
            out.reject(path.name, number, [("product_id", f"unknown product {product_id!r}")], raw)
        else:
            out.report.left_out += 1


# --- CSV with a column mapping -------------------------------------------------------------

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
        return {str(k): _stringify(v) for k, v in value.items()}
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
            return _from_epoch(int(value))
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


def _csv_records(
    path: Path, encoding: str, delimiter: str | None, show_progress: bool
) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank CSV record; the header comes first."""

    def text_lines() -> Iterator[str]:
        for number, raw in _lines(path, show_progress):
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
    records = _csv_records(csv_path, encoding, delimiter, show_progress)
    _, header = next(records, (0, []))
    if not header:
        raise ValueError(f"{csv_path.name}: no header line")
    plan = plan_csv(header, kind, mapping)
    report.mapping = plan.describe()
    with _ShopWriter(out_dir, f"csv-{kind}", [kind], report) as out:
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
    records: Iterator[tuple[int, list[str]]], plan: CsvPlan, out: _ShopWriter, file: str
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
        _emit(out, plan.kind, data, seen, _Source(file, line, raw))


@dataclass
class _Order:
    """The lines of one order read so far."""

    line: int
    data: dict[str, Any]
    lines: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)


def _grouped_orders(
    records: Iterator[tuple[int, list[str]]], plan: CsvPlan, out: _ShopWriter, file: str
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


def _flush_order(order: _Order | None, out: _ShopWriter, file: str, seen: dict[str, int]) -> None:
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
    _emit(out, "orders", order.data, seen, _Source(file, order.line, span, order.lines))
