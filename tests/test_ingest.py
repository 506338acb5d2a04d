"""Ingest: validation before any write, rejects, idempotence, re-embedding only what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from retrieval.db import Product, make_engine
from retrieval.embedder import Embedder
from retrieval.ingest import IngestError, ingest_shop
from retrieval.vectors import PRODUCTS, REVIEWS, VectorStore, chroma_client
from tests.conftest import write_shop
from tests.shops import product, tiny_shop


def _vectors(settings: Settings) -> VectorStore:
    return VectorStore(chroma_client(settings))


def test_valid_shop_loads_with_counts(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    report = ingest_shop(write_shop(tmp_path / "shop", **tiny_shop()), settings, embedder=embedder)
    assert report.totals == {"products": 4, "reviews": 3, "customers": 2, "orders": 2}
    assert report.vectors == {PRODUCTS: 4, REVIEWS: 3}
    assert report.embedded == {PRODUCTS: 4, REVIEWS: 3}


def test_reingest_is_idempotent_and_reembeds_only_edited_rows(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    shop = tiny_shop()
    directory = write_shop(tmp_path / "shop", **shop)
    ingest_shop(directory, settings, embedder=embedder)
    before = _vectors(settings).hashes(PRODUCTS, ["P1", "P2"])

    again = ingest_shop(directory, settings, embedder=embedder)
    assert again.written == {"products": 0, "reviews": 0, "customers": 0, "orders": 0}
    assert again.embedded == {PRODUCTS: 0, REVIEWS: 0}
    assert again.totals["products"] == 4 and again.vectors == {PRODUCTS: 4, REVIEWS: 3}

    shop["products"][0]["description"] = "Now with a bigger third rack and 42 dBA."
    shop["products"][1]["price"] = 279.0  # a fact, not text: SQL changes, no re-embedding
    write_shop(directory, **shop)
    edited = ingest_shop(directory, settings, embedder=embedder)
    assert edited.written["products"] == 2
    assert edited.embedded == {PRODUCTS: 1, REVIEWS: 0}
    after = _vectors(settings).hashes(PRODUCTS, ["P1", "P2"])
    assert after["P1"] != before["P1"] and after["P2"] == before["P2"]
    assert edited.vectors == {PRODUCTS: 4, REVIEWS: 3}
    with Session(make_engine(settings.sqlalchemy_url)) as session:
        assert session.get(Product, "P2").price == 279.0


def test_a_different_embedder_variant_re_embeds_everything(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    directory = write_shop(tmp_path / "shop", **tiny_shop())
    ingest_shop(directory, settings, embedder=embedder)
    assert embedder.variant == "int8/128"
    home = embedder.onnx_path.parent.parent  # the float32 export the int8 one was made from
    exact = Embedder(home=home, int8=False)
    redone = ingest_shop(directory, settings, embedder=exact)
    assert exact.variant == "fp32/128" and redone.embedded == {PRODUCTS: 4, REVIEWS: 3}
    assert redone.vectors == {PRODUCTS: 4, REVIEWS: 3}  # replaced, not added
    assert ingest_shop(directory, settings, embedder=exact).embedded == {PRODUCTS: 0, REVIEWS: 0}


def _broken_shop(tmp_path: Path) -> Path:
    shop = tiny_shop()
    shop["products"].append(product("P5", "Negative Kettle", -3, "Home > Kettles"))
    shop["products"].append("{not json")
    shop["reviews"].append(
        {
            "review_id": "R9",
            "product_id": "P404",
            "rating": 5,
            "text": "ok",
            "created_at": "2025-01-01T00:00:00Z",
        }
    )
    shop["orders"][0]["total"] = 1.0
    return write_shop(tmp_path / "broken", **shop)


def test_invalid_rows_are_reported_with_lines_and_nothing_is_written(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "h")
    with pytest.raises(IngestError) as caught:
        ingest_shop(_broken_shop(tmp_path), settings)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith("products.jsonl:5: price: ") for m in messages), messages
    assert any(m.startswith("products.jsonl:6: row: invalid JSON") for m in messages), messages
    assert "reviews.jsonl:4: product_id: unknown product 'P404'" in messages
    assert any(m.startswith("orders.jsonl:1: total: ") for m in messages), messages
    with Session(make_engine(settings.sqlalchemy_url)) as session:
        assert session.scalars(select(Product)).all() == []
    assert _vectors(settings).count(PRODUCTS) == 0


def test_cli_exits_non_zero_on_invalid_rows(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(_broken_shop(tmp_path))])
    assert result.exit_code == 1
    assert "products.jsonl:5: price:" in result.output
    assert "nothing was written" in result.output


def test_skip_invalid_loads_valid_rows_and_writes_rejects(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    report = ingest_shop(_broken_shop(tmp_path), settings, skip_invalid=True, embedder=embedder)
    assert report.totals == {"products": 4, "reviews": 3, "customers": 2, "orders": 1}
    assert report.rejects_file is not None and report.rejects_file.exists()
    rejects = [json.loads(line) for line in report.rejects_file.read_text().splitlines()]
    assert {(r["file"], r["line"]) for r in rejects} == {
        ("products.jsonl", 5),
        ("products.jsonl", 6),
        ("reviews.jsonl", 4),
        ("orders.jsonl", 1),
    }
    assert all(r["raw"] for r in rejects)
    assert json.loads(rejects[-1]["raw"])["product_id"] == "P404"


def test_cli_skip_invalid_names_the_rejects_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(_broken_shop(tmp_path)), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert "4 row(s) rejected" in result.output and "rejects-" in result.output, result.output


def test_duplicate_ids_with_different_content_are_errors(tmp_path: Path) -> None:
    shop = tiny_shop()
    shop["customers"].append({"customer_id": "C1", "name": "Other", "email": "x@example.com"})
    with pytest.raises(IngestError) as caught:
        ingest_shop(write_shop(tmp_path / "s", **shop), Settings(home=tmp_path / "h"))
    assert [str(e) for e in caught.value.errors] == [
        "customers.jsonl:3: customer_id: duplicate id 'C1' with different content (first at line 1)"
    ]


def test_undecodable_bytes_and_future_dates_are_clear_errors(tmp_path: Path) -> None:
    directory = write_shop(tmp_path / "s", **tiny_shop())
    with (directory / "reviews.jsonl").open("ab") as handle:
        handle.write(b'{"review_id": "R7", "text": "caf\xe9"}\n')
        future = {
            "review_id": "R8",
            "product_id": "P1",
            "rating": 4,
            "text": "Soon",
            "created_at": "2999-01-01T00:00:00Z",
        }
        handle.write((json.dumps(future) + "\n").encode())
    with pytest.raises(IngestError) as caught:
        ingest_shop(directory, Settings(home=tmp_path / "h"))
    messages = [str(e) for e in caught.value.errors]
    assert "reviews.jsonl:4: row: not valid UTF-8" in messages
    assert any(m.startswith("reviews.jsonl:5: created_at: ") and "future" in m for m in messages)


def test_reset_drops_previous_rows(tmp_path: Path, embedder) -> None:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "a", **tiny_shop()), settings, embedder=embedder)
    other = {"products": [product("P9", "Cast Iron Skillet", 35.0, "Home & Kitchen > Cookware")]}
    report = ingest_shop(
        write_shop(tmp_path / "b", **other), settings, reset=True, embedder=embedder
    )
    assert report.totals["products"] == 1 and report.vectors[PRODUCTS] == 1
