"""Products named in customers' words, resolved against the shop's own titles and brands."""

from __future__ import annotations

import pytest

from retrieval.product_names import ProductNames

CATALOG = ProductNames.build(
    [
        ("A1", "Frostline W500 5.0 cu ft Top Load Washer, 54 dBA", "Frostline"),
        ("A2", "Arcwell W500 3.8 cu ft Top Load Washer, 58 dBA", "Arcwell"),
        ("A3", "Frostline 800 Series 24 in Built-In Quiet Dishwasher, 42 dBA", "Frostline"),
        ("B1", "Barista Lane 14-cup Programmable Drip Coffee Maker", "Barista Lane"),
        ("B2", "Barista Lane 12-cup Programmable Drip Coffee Maker", "Barista Lane"),
        ("C1", "Volt Fang M3 Gaming Mouse, 16,000 DPI", "Volt Fang"),
    ]
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("compare the Frostline W500 and the Arcwell W500 washers", ["A1", "A2"]),
        ("frostline w-500 vs arcwell w500", ["A1", "A2"]),
        ("is the Volt Fang M3 any good?", ["C1"]),
        ("what do people say about the frostline dishwasher", ["A3"]),
        ("the 14 cup barista lane coffee maker", ["B1"]),
        ("reviews of the frostline top load washer and the arcwell one", ["A1", "A2"]),
    ],
)
def test_a_product_named_by_brand_and_model_or_kind_is_found(text: str, named: list[str]) -> None:
    assert CATALOG.named(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "the barista lane coffee maker",  # two of them: ambiguous, so none
        "a quiet dishwasher under 600",  # no brand, no model number
        "frostline",  # a brand alone
        "is the frostline one in stock",  # a brand and words every title may have ("in")
        "the red one",
    ],
)
def test_an_ambiguous_or_generic_mention_names_no_product(text: str) -> None:
    assert CATALOG.named(text) == []


def test_names_with_an_ampersand_than_and_a_shared_kind_of_product() -> None:
    names = ProductNames.build(
        [
            ("W1", "Harbor & Pine Weighted Blanket, 20 lb", "Harbor & Pine"),
            ("W2", "Dreamhaven Cooling Weighted Blanket, 20 lb", "Dreamhaven"),
            ("T1", "Hammerstone Smart Thermostat with Sensor", "Hammerstone"),
            ("T2", "Torqwell Smart Thermostat, Wi-Fi", "Torqwell"),
            ("S1", "Tidewave Boom Max Waterproof Speaker", "Tidewave"),
        ]
    )
    assert names.named("dreamhaven vs harbor & pine weighted blanket") == ["W2", "W1"]
    assert names.named("hammerstone vs torqwell smart thermostat?") == ["T1", "T2"]
    assert names.named("is the tidewave boom max louder than the hammerstone thermostat") == [
        "S1",
        "T1",
    ]


def test_a_message_without_the_words_of_the_products_it_names() -> None:
    names = ProductNames.build([("K1", "Silvane Pour Pro Gooseneck Kettle", "Silvane")])
    text = "silvane pour pro kettle, is it any good"
    assert names.without(text, names.named(text)) == "is it any good"


def test_a_brand_of_two_words_is_named_by_its_own_first_word() -> None:
    names = ProductNames.build(
        [
            ("C1", "Verano 16 x 11 in Bamboo Cutting Board", "Verano"),
            ("C2", "Oakridge Kitchen 16 x 11 in Acacia Wood Cutting Board", "Oakridge Kitchen"),
            ("C3", "Kitchen Pro Maple Cutting Board", "Kitchen Pro"),
        ]
    )
    said = "price of the Verano bamboo cutting board, and the Oakridge acacia one?"
    assert names.named(said) == ["C1", "C2"]
    assert names.named("the kitchen maple cutting board") == []  # "kitchen": two brands use it


def test_one_mention_naming_several_alike_lists_them_all() -> None:
    beds = ProductNames.build(
        [
            ("D1", "Trailpup Orthopedic Dog Bed, Large, Washable Cover", "Trailpup"),
            ("D2", "Trailpup Orthopedic Dog Bed, Large, Memory Foam", "Trailpup"),
            ("D3", "Trailpup Reflective Dog Leash", "Trailpup"),
        ]
    )
    said = "whats the difference between the two Trailpup orthopedic dog beds"
    assert beds.named(said) == []  # ambiguous as one product
    assert beds.alike(said) == ["D1", "D2"]
    assert beds.alike("the trailpup leash") == []  # one product: named, not alike
