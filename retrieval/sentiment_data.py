"""Readers for the public labelled review sets the sentiment models are trained and measured on.

They live outside the repository, in `../shared/data/` (see its README.md); nothing here is
needed at run time. Every reader returns `LabelledText` rows: the text, a label (0 negative,
1 neutral, 2 positive) and a group (the Blitzer domain, the product, the Chinese category).
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BLITZER_DOMAINS = ("books", "dvd", "electronics", "kitchen")
NEGATIVE, NEUTRAL, POSITIVE = 0, 1, 2
_FIELD = re.compile(r"<(title|review_text|rating)>\s*(.*?)\s*</\1>", re.S)


@dataclass(frozen=True)
class LabelledText:
    """A text with its label (0 negative, 1 neutral, 2 positive) and its group."""

    text: str
    label: int
    group: str


def star_label(stars: float) -> int:
    """1–2 stars negative, 3 neutral, 4–5 positive."""
    return NEGATIVE if stars <= 2 else (NEUTRAL if stars < 4 else POSITIVE)


def _missing(path: Path) -> FileNotFoundError:
    return FileNotFoundError(f"{path} not found: the public review sets live in {DATA}")


def _joined(title: str, body: str) -> str:
    title, body = title.strip(), " ".join(body.split())
    if not title:
        return body
    return f"{title}{'' if title[-1] in '.!?' else '.'} {body}"


def _unique(rows: Iterator[LabelledText]) -> list[LabelledText]:
    """Rows with an empty or repeated text dropped (5-core sets repeat reviews)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row.text and row.text not in seen:
            seen.add(row.text)
            kept.append(row)
    return kept


def read_blitzer(domain: str, root: Path = DATA) -> list[LabelledText]:
    """One Blitzer domain (pseudo-XML, latin-1): positive and negative files, title + text."""
    rows = []
    for polarity in ("negative", "positive"):
        path = root / "reviews-blitzer" / f"{domain}_{polarity}.review"
        if not path.exists():
            raise _missing(path)
        raw = path.read_text(encoding="latin-1")
        for block in raw.split("<review>")[1:]:
            fields = {k: html.unescape(v) for k, v in _FIELD.findall(block)}
            text = _joined(fields.get("title", ""), fields.get("review_text", ""))
            rows.append(
                LabelledText(text, POSITIVE if polarity == "positive" else NEGATIVE, domain)
            )
    return _unique(iter(rows))


def read_amazon_json(path: Path) -> list[LabelledText]:
    """Amazon 2018 reviews (JSON lines, gzipped or not, or concatenated pretty-printed
    objects): summary + reviewText labelled by stars, grouped by product."""
    if not path.exists():
        raise _missing(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        raw = handle.read()
    decoder, at, rows = json.JSONDecoder(), 0, []
    while (at := _skip_space(raw, at)) < len(raw):
        item, at = decoder.raw_decode(raw, at)
        text = _joined(str(item.get("summary") or ""), str(item.get("reviewText") or ""))
        rows.append(LabelledText(text, star_label(float(item["overall"])), str(item["asin"])))
    return _unique(iter(rows))


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def read_beauty(root: Path = DATA) -> list[LabelledText]:
    """Amazon All_Beauty 5-core, three labels from stars."""
    return read_amazon_json(root / "reviews-amazon-beauty" / "All_Beauty_5.json.gz")


def read_fashion(root: Path = DATA) -> list[LabelledText]:
    """Amazon AMAZON_FASHION 5-core, three labels from stars (evaluation only)."""
    return read_amazon_json(root / "amazon-fashion-5core" / "AMAZON_FASHION_5.json")


def read_uci(root: Path = DATA) -> list[LabelledText]:
    """UCI Amazon phone sentences, `sentence<TAB>0|1` (evaluation only)."""
    path = root / "uci-sentiment-amazon" / "amazon_cells_labelled.txt"
    if not path.exists():
        raise _missing(path)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        sentence, _, label = line.rpartition("\t")
        if sentence.strip() and label.strip() in {"0", "1"}:
            rows.append(LabelledText(sentence.strip(), 2 * int(label), "uci"))
    return rows


def read_chinese(root: Path = DATA) -> list[LabelledText]:
    """ChineseNlpCorpus online_shopping_10_cats (CSV `cat,label,review` in a zip), binary."""
    path = root / "reviews-chinese" / "online_shopping_10_cats.zip"
    if not path.exists():
        raise _missing(path)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("utf-8-sig")
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        review = (record.get("review") or "").replace("\ufeff", "").strip()
        if review and record.get("label") in {"0", "1"}:
            rows.append(LabelledText(review, 2 * int(record["label"]), record["cat"]))
    return _unique(iter(rows))
