"""Myntra and Flipkart catalogs: tiny files in each source's CSV format become INR products."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from retrieval.importers.flipkart import import_flipkart
from retrieval.importers.myntra import import_myntra

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MYNTRA_HEADER = [
    "Product_ID", "Product_Name", "Product_Brand", "Gender", "Price", "Num_Images",
    "Description", "Primary_Color", "",
]  # fmt: skip
FLIPKART_HEADER = [
    "uniq_id", "crawl_timestamp", "product_url", "product_name", "product_category_tree", "pid",
    "retail_price", "discounted_price", "image", "is_FK_Advantage_product", "description",
    "product_rating", "overall_rating", "brand", "product_specifications",
    "formatted_specifications",
]  # fmt: skip


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _products(folder: Path) -> list[dict]:
    lines = (folder / "products.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_myntra_rows_become_inr_products_with_the_kind_from_the_name(tmp_path: Path) -> None:
    src = _csv(
        tmp_path / "myntra" / "myntra_products_catalog.csv",
        MYNTRA_HEADER,
        [["10017413", "DKNY Unisex Black & Grey Printed Medium Trolley Bag", "DKNY", "Unisex",
          "11745", "7", "Black and grey printed\nmedium trolley bag", " Black", ""],
         ["10016283", "EthnoVogue Women Beige Kurta Set with Jacket", "EthnoVogue", "Women",
          "5,810", "7", "", "Beige", ""],
         ["10009781", "SPYKAR Women Pink Cropped Jeans", "SPYKAR", "Women", "free", "7", "x",
          "Pink", ""]],
    )  # fmt: skip
    report = import_myntra(src.parent, tmp_path / "shop")
    bag, kurta = _products(tmp_path / "shop")
    assert (bag["product_id"], bag["price"], bag["currency"]) == ("10017413", 11745.0, "INR")
    assert bag["category"] == "Unisex > Bag" and bag["attributes"]["colour"] == "Black"
    assert bag["description"] == "Black and grey printed\nmedium trolley bag"
    assert kurta["category"] == "Women > Set" and kurta["price"] == 5810.0
    assert kurta["description"] == kurta["title"]
    assert [str(p) for p in report.problems] == [
        "myntra_products_catalog.csv:5: Price: not a number: 'free'"
    ]


def test_flipkart_rows_pay_the_discounted_price_in_categories_without_the_product(
    tmp_path: Path,
) -> None:
    specs = "[{'key': 'Color', 'value': 'Red'}, {'value': 'One Pair Of Shoes'}]"
    src = _csv(
        tmp_path / "product.csv",
        FLIPKART_HEADER,
        [["u1", "2016-03-25 22:59:23 +0000", "http://fk/aw", "aw bellies",
          "['footwear', 'womens footwear', 'ballerinas', 'aw bellies']", "SHOEH4GRSUBJGZXE",
          "999.0", "499.0", '["http://img/1.jpeg", "http://img/2.jpeg"]', "False",
          "key features of aw bellies", "0.0", "0.0", "aw", specs, "color: red"],
         ["u2", "2016-03-25 22:59:23 +0000", "http://fk/x", "crystal paper weight",
          "['crystal paper weight']", "PWTEB7H2E4KCYUE3", "430.0", "", "[]", "False", "",
          "4.0", "4.0", "", "", ""],
         ["u3", "2016-03-25 22:59:23 +0000", "http://fk/y", "broken", "['a', ", "PBROKEN",
          "1", "1", "[]", "False", "", "0", "0", "", "", ""]],
    )  # fmt: skip
    report = import_flipkart(src, tmp_path / "shop")
    shoe, weight = _products(tmp_path / "shop")
    assert shoe["category"] == "footwear > womens footwear > ballerinas"
    assert (shoe["price"], shoe["list_price"], shoe["currency"]) == (499.0, 999.0, "INR")
    assert shoe["attributes"] == {"Color": "Red"} and "rating" not in shoe
    assert shoe["image_url"] == "http://img/1.jpeg"
    assert weight["price"] == 430.0 and weight["rating"] == 4.0
    assert weight["category"] == "crystal paper weight"
    assert [str(p) for p in report.problems] == ["product.csv:4: category: not a list: \"['a',\""]


def test_import_command_dispatches_catalog_formats(tmp_path: Path) -> None:
    src = _csv(
        tmp_path / "m.csv",
        MYNTRA_HEADER,
        [["1", "Roadster Men Navy Casual Shirt", "Roadster", "Men", "799", "5", "d", "Navy", ""]],
    )
    result = CliRunner().invoke(app, ["import", "myntra", str(src), str(tmp_path / "shop")])
    assert result.exit_code == 0, result.output
    assert "products.jsonl: 1 row(s)" in result.output
    missing = CliRunner().invoke(app, ["import", "flipkart", str(tmp_path), str(tmp_path / "o")])
    assert missing.exit_code == 2 and "no product.csv" in missing.output


@pytest.mark.parametrize(
    ("importer", "path", "count"),
    [
        (import_myntra, "catalog-myntra", 12491),
        (import_flipkart, "catalog-flipkart", 1002),
    ],
)
def test_real_catalogs_import_every_row(importer, path: str, count: int, tmp_path: Path) -> None:
    if not (DATA / path).is_dir():
        pytest.skip(f"../shared/data/{path} is not here")
    report = importer(DATA / path, tmp_path / "shop")
    assert report.problem_count == 0
    assert report.written == {"products.jsonl": count}
