"""Home Depot Product Search Relevance (Kaggle 2016) `train.csv[.zip]` → a shop of its products.

The file has one row per judged (search term, product) pair: `id, product_uid, product_title,
search_term, relevance`, encoded latin-1. A product appears once per judgment; the shop gets each
`product_uid` once, as `product_id`, with its title. The file has no brand, category,
description or price, so the importer states what it puts instead (see `NOTES`). The judgments
themselves are read by the search benchmark (`read_judgments`), not written into the shop.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tqdm import tqdm

from retrieval.importers.common import ImportReport, ShopWriter, Source, emit_row
from retrieval.importers.registry import register

ENCODING = "latin-1"
COLUMNS = ("product_uid", "product_title", "search_term", "relevance")
CATEGORY = "Uncategorized"
UNKNOWN_PRICE = 0.0
NOTES = (
    f"prices are unknown in this file: every product has price {UNKNOWN_PRICE} and "
    "`price_known: false` (not a real price; price filters mean nothing on this shop)",
    f"no category in this file and none is inferred from titles: every product is in {CATEGORY!r}",
    "no brand or description in this file: the description repeats the title",
)


@dataclass(frozen=True)
class Judgment:
    """One judged pair: a search term, a product and its mean relevance (1 … 3)."""

    query: str
    product_id: str
    relevance: float


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """The CSV as text: `train.csv` inside a zip, or a plain CSV file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".csv")]
            if not names:
                raise ValueError(f"{path}: no .csv file inside the zip")
            with archive.open(names[0]) as raw:
                yield io.TextIOWrapper(raw, encoding=ENCODING, newline="")
    else:
        with path.open(encoding=ENCODING, newline="") as handle:
            yield handle


def read_rows(path: Path, show_progress: bool) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of every data row; ValueError if a needed column is missing."""
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}:1: header: missing column(s) {', '.join(missing)}")
        bar = tqdm(desc=path.name, unit="row", disable=not show_progress, leave=False)
        with bar:
            for row in reader:
                bar.update()
                yield reader.line_num, row


def read_judgments(path: Path) -> list[Judgment]:
    """Every (search term, product, relevance) row of the file, in file order."""
    return [
        Judgment(row["search_term"].strip(), row["product_uid"].strip(), float(row["relevance"]))
        for _, row in read_rows(path, show_progress=False)
    ]


@register("home-depot", "Home Depot search relevance train.csv[.zip]: its products (titles only)")
def import_home_depot(source: Path, out_dir: Path, show_progress: bool) -> ImportReport:
    """Write `products.jsonl` with each distinct `product_uid` of the file once."""
    report = ImportReport(out_dir=out_dir)
    name = source.name
    titles: dict[str, tuple[str, int]] = {}
    seen: dict[str, int] = {}
    with ShopWriter(out_dir, "home-depot", ["products"], report) as out:
        for line, row in read_rows(source, show_progress):
            out.note_read(name)
            uid = row["product_uid"].strip()
            title = " ".join(row["product_title"].split())
            raw = ",".join(row[c] or "" for c in COLUMNS)
            first = titles.get(uid)
            if first is not None:
                if first[0] != title:
                    problem = ("product_title", f"differs from line {first[1]} for {uid!r}")
                    out.reject(name, line, [problem], raw)
                continue
            titles[uid] = (title, line)
            data = {
                "product_id": uid,
                "title": title,
                "category": CATEGORY,
                "description": title,
                "price": UNKNOWN_PRICE,
                "price_known": False,
            }
            emit_row(out, "products", data, seen, Source(name, line, raw))
    report.notes.extend(NOTES)
    return report
