"""The shop vocabulary and constraint resolution on hand-built products (no ingest)."""

from __future__ import annotations

import numpy as np

from retrieval.catalog import Catalog
from retrieval.units import UnitConstraint
from retrieval.vocabulary import ProductFacts, Vocabulary

CUPS = "Kitchen > Coffee > Coffee Makers"
PIPES = "Plumbing > Pipes"


def _catalog(rows: list[tuple[str, str, ProductFacts]]) -> Catalog:
    n = len(rows)
    return Catalog(
        ids=[r[0] for r in rows],
        price=np.full(n, 10.0),
        rating=np.full(n, 4.0),
        rating_count=np.ones(n),
        in_stock=np.ones(n, dtype=bool),
        category=np.array([r[1] for r in rows], dtype=object),
        index={r[0]: i for i, r in enumerate(rows)},
        vocabulary=Vocabulary.build([r[2] for r in rows], "test"),
    )


def _facts(title: str, **attributes: str) -> ProductFacts:
    return ProductFacts(title=title, attributes=attributes, options=[], features=[], other=[])


def test_a_measure_only_titles_give_ranks_but_does_not_filter() -> None:
    catalog = _catalog(
        [
            ("A", PIPES, _facts("1/2 in. PVC Pipe")),
            ("B", PIPES, _facts("3/4 in. PVC Pipe")),
        ]
    )
    parsed = catalog.parse("1/2 in. pvc pipe")
    assert parsed.filters.units is None and not parsed.filters.unmet
    assert catalog.mask(parsed.filters).all()


def test_an_attribute_measure_filters_and_a_fraction_is_read() -> None:
    catalog = _catalog(
        [
            ("A", PIPES, _facts("PVC Pipe", diameter="1/2 in")),
            ("B", PIPES, _facts("PVC Pipe", diameter="3/4 in")),
        ]
    )
    parsed = catalog.parse("pipe 1/2 in")
    assert [u.value for u in parsed.filters.units or []] == [2.54 / 2]
    assert catalog.mask(parsed.filters).tolist() == [True, False]


def test_a_value_of_the_type_is_a_constraint_and_not_turns_it_into_an_exclusion() -> None:
    catalog = _catalog(
        [
            ("A", CUPS, _facts("Drip Coffee Maker", carafe="Glass")),
            ("B", CUPS, _facts("Drip Coffee Maker", carafe="Thermal")),
        ]
    )
    assert catalog.mask(catalog.parse("coffee maker not glass").filters).tolist() == [False, True]
    assert catalog.mask(catalog.parse("thermal coffee maker").filters).tolist() == [False, True]


def test_a_limit_is_tested_against_ranges_and_capacities() -> None:
    fits = UnitConstraint(dimension="players", op="fits", value=5, text="5 players")
    low, high = np.array([2.0, 2.0, 6.0]), np.array([6.0, 4.0, 6.0])
    assert fits.accepts(low, high).tolist() == [True, False, True]
    at_most = UnitConstraint(dimension="sound", op="max", value=44, text="44 dBA or quieter")
    assert at_most.accepts(np.array([42.0, 48.0]), np.array([42.0, 48.0])).tolist() == [
        True,
        False,
    ]
