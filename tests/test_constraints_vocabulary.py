"""The shop vocabulary and constraint resolution on hand-built products (no ingest)."""

from __future__ import annotations

from dataclasses import replace

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
        vocabulary=Vocabulary.build([replace(r[2], category=r[1]) for r in rows], "test"),
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


POWDERS = "Grocery > Sports Nutrition > Protein Powder"
BARS = "Grocery > Snacks > Snack Bars"
SCREENS = "Electronics > Monitors"


def test_a_type_only_one_category_titles_use_scopes_the_query_and_its_features() -> None:
    catalog = _catalog(
        [
            ("A", POWDERS, _facts("Whey Protein Powder, Vanilla", flavor="Vanilla")),
            ("B", POWDERS, _facts("Whey Protein Powder, Unflavored", flavor="Unflavored")),
            ("C", BARS, _facts("Oat Snack Bar, Vanilla", flavor="Vanilla")),
            ("D", BARS, _facts("Oat Snack Bar, Chocolate", flavor="Chocolate")),
        ]
    )
    parsed = catalog.parse("vanilla whey protein")
    assert parsed.filters.category == POWDERS
    assert catalog.mask(parsed.filters).tolist() == [True, False, False, False]
    assert catalog.parse("vanilla").filters.category is None  # a flavour names no type
    assert catalog.parse("whey protein or an oat snack").filters.category is None  # two types


def test_a_short_feature_with_a_digit_and_a_negation_before_a_determiner() -> None:
    catalog = _catalog(
        [
            ("A", SCREENS, _facts("27 in Monitor, 4K UHD", resolution="4K UHD", finish="Matte")),
            ("B", SCREENS, _facts("24 in Monitor, 1080p", resolution="1080p", finish="Glossy")),
        ]
    )
    assert catalog.mask(catalog.parse("4k monitor").filters).tolist() == [True, False]
    assert catalog.mask(catalog.parse("monitor, not that glossy stuff").filters).tolist() == [
        True,
        False,
    ]


def test_the_other_words_of_a_query_can_outvote_a_type_word() -> None:
    skillets, pans, ovens = "Cookware > Cast Iron Skillets", "Cookware > Frying Pans", "Dutch Ovens"
    catalog = _catalog(
        [
            ("S1", skillets, _facts("Cast Iron Skillet, 10 in")),
            ("S2", skillets, _facts("Cast Iron Skillet, 12 in")),
            ("F1", pans, _facts("Nonstick Frying Pan, 10 in")),
            ("F2", pans, _facts("Ceramic Frying Pan, 8 in")),
            ("D1", ovens, _facts("Enameled Cast Iron Dutch Oven")),
        ]
    )
    assert catalog.parse("a ceramic pan").filters.category == pans
    assert catalog.parse("cast iron pan").filters.category is None  # "cast iron" leans skillet


def test_a_numeric_attribute_without_a_unit_is_a_measure_named_by_the_attribute() -> None:
    screens = "Beauty > Sunscreen"
    catalog = _catalog(
        [
            ("A", screens, _facts("Sheer Face Sunscreen SPF 50", spf="50")),
            ("B", screens, _facts("Sheer Face Sunscreen SPF 30", spf="30")),
            ("C", "Gaming > Mice", _facts("Gaming Mouse", dpi="16,000")),
            ("D", "Gaming > Mice", _facts("Office Mouse", dpi="1,600")),
        ]
    )
    for query in ("sunscreen spf 50 or higher", "sunscreen with an spf of at least 40"):
        parsed = catalog.parse(query)
        assert parsed.filters.min_price is None
        assert catalog.mask(parsed.filters).tolist() == [True, False, False, False]
    mice = catalog.parse("a mouse with 12000+ dpi").filters
    assert catalog.mask(mice).tolist() == [False, False, True, False]


def test_a_count_of_a_thing_no_unit_measures_is_a_measure_named_by_the_thing() -> None:
    grills, nozzles = "Garden > Grills", "Garden > Hose Nozzles"
    catalog = _catalog(
        [
            ("A", grills, _facts("2-Burner Gas Grill", burners="2-Burner")),
            ("B", grills, _facts("4-Burner Gas Grill with Side Burner", burners="4-Burner")),
            ("C", grills, _facts("4-Burner Propane Gas Grill", burners="4-Burner")),
            ("N1", nozzles, _facts("Hose Nozzle", patterns="10 spray patterns")),
            ("N2", nozzles, _facts("Hose Nozzle", patterns="7 spray patterns")),
        ]
    )
    four = catalog.parse("gas grills w 4 burners").filters
    assert catalog.mask(four).tolist() == [False, True, True, False, False]  # not "burner" alone
    ten = catalog.parse("hose nozzle with 10 spray patterns").filters
    assert catalog.mask(ten).tolist() == [False, False, False, True, False]


def test_a_hyphenated_value_is_one_word_and_the_category_word_may_be_a_feature() -> None:
    beds, sauces = "Pets > Dog Beds", "Pantry > Hot Sauce"
    catalog = _catalog(
        [
            ("B1", beds, _facts("Donut Dog Bed, X-Large", size="X-Large")),
            ("B2", beds, _facts("Orthopedic Dog Bed, Large", size="Large")),
            ("S1", sauces, _facts("Ghost Pepper Hot Sauce, Mild", heat="Mild")),
            ("S2", sauces, _facts("Ghost Pepper Hot Sauce, Hot", heat="Hot")),
        ]
    )
    assert catalog.mask(catalog.parse("large dog bed").filters).tolist()[:2] == [False, True]
    assert catalog.mask(catalog.parse("x-large dog bed").filters).tolist()[:2] == [True, False]
    hot = catalog.parse("hot sauce thats actually hot").filters
    assert catalog.mask(hot).tolist()[2:] == [False, True]
    assert catalog.mask(catalog.parse("hot sauce").filters).tolist()[2:] == [True, True]


def test_either_of_two_values_and_a_value_named_with_its_attribute() -> None:
    treats, beans = "Pets > Dog Treats", "Grocery > Coffee > Whole Bean Coffee"
    catalog = _catalog(
        [
            ("T1", treats, _facts("Chicken Training Treats", flavor="Chicken")),
            ("T2", treats, _facts("Salmon Training Treats", flavor="Salmon")),
            ("T3", treats, _facts("Bacon Training Treats", flavor="Bacon")),
            ("C1", beans, _facts("Whole Bean Coffee, Guatemala", roast="Dark")),
            ("C2", beans, _facts("Whole Bean Coffee, Colombia", roast="Light")),
            ("M1", "Kitchen > Coffee Makers", _facts("Drip Coffee Maker", carafe="Thermal")),
            ("M2", "Kitchen > Coffee Makers", _facts("Drip Coffee Maker", carafe="Glass")),
        ]
    )
    either = catalog.parse("dog treats, salmon or chicken").filters
    assert catalog.mask(either).tolist()[:3] == [True, True, False]
    dark = catalog.parse("dark roast coffee").filters  # "coffee" names no one category
    assert dark.category == beans
    assert catalog.mask(dark).tolist() == [False, False, False, True, False, False, False]


def test_a_one_letter_attribute_measure_is_never_read_from_a_query() -> None:
    vocabulary = Vocabulary("f", {}, {}, 0, measured=frozenset({"a", "spf", "power"}))
    assert vocabulary.named_measures == ("spf",)  # not "a 19 inch deck" as 19 A
