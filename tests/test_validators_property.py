"""Property-based tests of the row validators: any input is either a row or a clear error."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval.reader import read_file
from retrieval.schema import ProductRow

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
product_like = st.fixed_dictionaries(
    {},
    optional={
        "product_id": json_values,
        "title": json_values,
        "category": json_values,
        "description": json_values,
        "price": json_values,
        "rating": json_values,
        "variants": json_values,
        "attributes": json_values,
    },
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(product_like | json_values, min_size=1, max_size=6))
def test_every_line_is_a_row_or_a_located_error(tmp_path: Path, rows: list) -> None:
    path = tmp_path / "products.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    valid, errors = read_file(path, "products")
    assert len(valid) + len({e.line for e in errors}) <= len(rows)
    for err in errors:
        assert 1 <= err.line <= len(rows) and err.field and err.message
        assert str(err).startswith(f"products.jsonl:{err.line}: ")
    for _, row, _ in valid:
        assert isinstance(row, ProductRow) and row.price >= 0


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(blob=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "reviews.jsonl"
    path.write_bytes(blob)
    valid, errors = read_file(path, "reviews")
    assert all(e.file == "reviews.jsonl" for e in errors)


def test_negative_price_and_huge_field_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "products.jsonl"
    good = {"product_id": "P1", "title": "t", "category": "c", "description": "d", "price": 1}
    rows = [good | {"price": -0.01}, good | {"product_id": "P2", "description": "x" * 50_000}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    valid, errors = read_file(path, "products")
    assert valid == []
    assert [(e.line, e.field) for e in errors] == [(1, "price"), (2, "description")]
