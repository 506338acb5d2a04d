"""The Home Depot search-relevance importer, on a small file the test writes (and the real one
when ../shared/data is there)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from bench.judged import HOME_DEPOT, ndcg
from retrieval.importers.home_depot import import_home_depot, read_judgments
from retrieval.reader import read_shop

ROWS = [
    ("2", "100001", "Simpson Strong-Tie 12-Gauge Angle", "angle bracket", "3"),
    ("3", "100001", "Simpson Strong-Tie 12-Gauge Angle", "l bracket", "2.5"),
    ("9", "100002", "BEHR 1-gal. #SC-141 Tugboat Coating \xe9mail", "deck over", "3"),
    ("16", "100002", "BEHR 1-gal. #SC-141 Tugboat Coating, v2", "deck over paint", "2"),
]


def _write(tmp_path: Path, rows: list[tuple[str, ...]], zipped: bool = True) -> Path:
    lines = ["id,product_uid,product_title,search_term,relevance"]
    lines += [",".join(f'"{cell}"' for cell in row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode("latin-1")
    if not zipped:
        path = tmp_path / "train.csv"
        path.write_bytes(data)
        return path
    path = tmp_path / "train.csv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("train.csv", data)
    return path


def test_each_product_once_with_its_uid_and_no_invented_price(tmp_path: Path) -> None:
    report = import_home_depot(_write(tmp_path, ROWS), tmp_path / "shop", False)
    products = [json.loads(line) for line in (tmp_path / "shop" / "products.jsonl").open()]
    assert [p["product_id"] for p in products] == ["100001", "100002"]
    assert products[1]["title"] == "BEHR 1-gal. #SC-141 Tugboat Coating \xe9mail"  # latin-1 read
    assert all(p["price"] == 0.0 and p["price_known"] is False for p in products)
    assert any("not a real price" in note for note in report.notes)
    assert any("category" in note for note in report.notes)
    # the same uid under another title is reported with its line, not silently merged
    assert [str(p) for p in report.problems] == [
        "train.csv.zip:5: product_title: differs from line 4 for '100002'"
    ]
    assert read_shop(tmp_path / "shop", set(), set()).errors == []


def test_cli_import_home_depot_from_a_plain_csv(tmp_path: Path) -> None:
    source = _write(tmp_path, ROWS[:2], zipped=False)
    result = CliRunner().invoke(app, ["import", "home-depot", str(source), str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "products.jsonl: 1 row" in result.output


def test_a_file_without_the_columns_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    path.write_text("id,title\n1,x\n", encoding="latin-1")
    with pytest.raises(ValueError, match="missing column"):
        import_home_depot(path, tmp_path / "shop", False)


def test_judgments_and_graded_ndcg(tmp_path: Path) -> None:
    judgments = read_judgments(_write(tmp_path, ROWS))
    assert (judgments[1].query, judgments[1].product_id, judgments[1].relevance) == (
        "l bracket",
        "100001",
        2.5,
    )
    gains = {"a": 2.0, "b": 1.0}
    assert ndcg(["a", "b"], gains) == pytest.approx(1.0)
    assert ndcg(["x", "a", "b"], gains) < 1.0  # an unjudged product gains 0
    assert ndcg(["b", "a"], gains) < 1.0


@pytest.mark.skipif(not HOME_DEPOT.exists(), reason="../shared/data is not here")
def test_the_real_file_imports_every_product(tmp_path: Path) -> None:
    report = import_home_depot(HOME_DEPOT, tmp_path / "shop", False)
    assert report.written["products.jsonl"] == 54_667
