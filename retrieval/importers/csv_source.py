"""CSV files of a known format read as header-keyed rows, with line numbers and a progress bar;
a whole product catalog converted row by row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from retrieval.importers.common import ImportReport, ShopWriter, SkipRow, Source, emit_row
from retrieval.importers.tabular import csv_records

Record = tuple[int, dict[str, str], str]
"""(first line number, cells by header name, the raw line as shown in a problem)."""


def find_file(folder: Path, names: tuple[str, ...]) -> Path | None:
    """The first of several accepted file names that exists in a folder (or the path itself)."""
    if folder.is_file():
        return folder if folder.name in names else None
    return next((folder / name for name in names if (folder / name).exists()), None)


def csv_rows(
    path: Path, out: ShopWriter, required: tuple[str, ...], show_progress: bool
) -> Iterator[Record]:
    """Each data row of a CSV as a dict; rows with the wrong number of cells are rejected.

    ValueError when the header lacks a column the format needs.
    """
    records = csv_records(path, "utf-8-sig", ",", show_progress)
    _, header = next(records, (0, []))
    header = [name.strip() for name in header]
    missing = [name for name in required if name not in header]
    if missing:
        raise ValueError(f"{path.name}:1: header: missing column(s) {', '.join(missing)}")
    for line, cells in records:
        out.note_read(path.name)
        raw = ",".join(cells)[:200]
        if len(cells) != len(header):
            problem = ("row", f"{len(cells)} cells where the header has {len(header)}")
            out.reject(path.name, line, [problem], raw)
            continue
        yield line, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}, raw


RowConverter = Callable[[dict[str, str]], dict[str, Any]]
"""A source row → a products.jsonl row; SkipRow(field, message) when it cannot be one."""


def import_catalog(
    src: Path,
    out_dir: Path,
    label: str,
    names: tuple[str, ...],
    required: tuple[str, ...],
    convert: RowConverter,
    show_progress: bool,
) -> ImportReport:
    """Convert a product-catalog CSV (the file, or a folder holding one of `names`)."""
    path = find_file(src, names) if src.is_dir() else src
    if path is None:
        raise ValueError(f"{src}: no {' or '.join(names)}")
    report = ImportReport(out_dir=out_dir)
    seen: dict[str, int] = {}
    with ShopWriter(out_dir, label, ["products"], report) as out:
        for line, row, raw in csv_rows(path, out, required, show_progress):
            try:
                data = convert(row)
            except SkipRow as exc:
                out.reject(path.name, line, [(exc.field, exc.message)], raw)
                continue
            emit_row(out, "products", data, seen, Source(path.name, line, raw))
    return report
