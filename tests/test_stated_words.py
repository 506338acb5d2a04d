"""A first search keeps the products that state what the query asks in several words or in
numbers ("front and rear", "72 x 30") when the category's products differ on it (a single word
only ranks: `python bench/search_quality.py --tool`, NDCG@10 0.877 with and without)."""

from __future__ import annotations

import pytest

from assistant.runtime import open_shop
from tests.conftest import ingested
from tests.shops import product
from tests.shops import with_attributes as _p
from tests.talk import ids, search
from tools.context import Shop

CAMS = "Automotive > Car Electronics > Dash Cams"
DESKS = "Office Products > Office Furniture > Standing Desks"
SUNSCREEN = "Beauty & Personal Care > Skin Care > Sunscreen"
BANKS = "Electronics > Power > Power Banks"
FRIDGES = "Appliances > Refrigerators > Mini Fridges"
HUMIDIFIERS = "Home > Air Quality > Humidifiers"
BOOTS = "Shoes > Outdoor Shoes > Hiking Boots"
KITS = "Toys & Games > Learning Toys > STEM Kits"
DOG_FOOD = "Pet Supplies > Dogs > Dry Dog Food"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    products = [
        product("D1", "Drivex 2K Dash Cam Front and Rear, Night Vision", 120.0, CAMS),
        product("D2", "Highway 1440p Dash Cam Front and Rear", 98.0, CAMS),
        product("D3", "Roadmate 1080p Dash Cam with Night Vision", 60.0, CAMS),
        product("S1", "Ergonova Electric Standing Desk, 72 x 30 in, Walnut", 480.0, DESKS),
        product("S2", "Inkwell Standing Desk, 72 x 30 in, White", 450.0, DESKS),
        product("S3", "Workloft Electric Standing Desk, 48 x 30 in, Black", 330.0, DESKS),
        _p("U1", "Dewy Face Sunscreen SPF 50", 34.0, SUNSCREEN, spf="50"),
        _p("U2", "Lumiere Mineral Sunscreen SPF 70", 16.0, SUNSCREEN, spf="70"),
        _p("U3", "Clearwater Face Sunscreen SPF 30", 27.0, SUNSCREEN, spf="30"),
        _p("P1", "Lumetra Portable Charger 20,000 mAh", 49.0, BANKS, capacity="20,000 mAh"),
        _p("P2", "Corvex Portable Charger 10,000 mAh", 29.0, BANKS, capacity="10,000 mAh"),
        _p("P3", "Nexbyte 20,000 mAh Power Bank, 30 W", 65.0, BANKS, capacity="20,000 mAh"),
        _p("M1", "Frostline Mini Fridge for Dorm, 2.7 cu ft", 153.0, FRIDGES, capacity="2.7 cu ft"),
        _p("M2", "Arcwell Compact Mini Fridge, 2.7 cu ft", 164.0, FRIDGES, capacity="2.7 cu ft"),
        _p("M3", "Frostline Mini Fridge for Dorm, 1.7 cu ft", 99.0, FRIDGES, capacity="1.7 cu ft"),
        _p("H1", "Purewind Ultrasonic Humidifier, 4 L", 114.0, HUMIDIFIERS, tank="4 L"),
        _p("H2", "Silvane Ultrasonic Humidifier, 6 L", 88.0, HUMIDIFIERS, tank="6 L"),
        _p("B1", "Meridian Men's Waterproof Hiking Boots", 143.0, BOOTS, gender="Men's"),
        _p("B2", "Meridian Women's Waterproof Hiking Boots", 91.0, BOOTS, gender="Women's"),
        _p("B3", "Alder Men's Mid Hiking Boot", 100.0, BOOTS, gender="Men's"),
        _p("K1", "Puzzlecraft Chemistry STEM Kit for Kids Ages 10+", 34.0, KITS, topic="Chemistry"),
        _p("K2", "Brickwise Chemistry STEM Kit for Kids Ages 8+", 70.0, KITS, topic="Chemistry"),
        _p("K3", "Meeple Circuits STEM Kit for Kids Ages 10+", 49.0, KITS, topic="Circuits"),
        _p("F1", "Pawsome Salmon Dry Dog Food, 15 lb", 45.0, DOG_FOOD, life_stage="Puppy"),
        _p("F2", "Happy Hound Lamb Dry Dog Food, 5 lb", 31.0, DOG_FOOD, life_stage="Adult"),
    ]
    return open_shop(ingested(tmp_path_factory, "stated_words", embedder, products=products))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dash cam that records front and rear", {"D1", "D2"}),
        ("standing desk 72 x 30", {"S1", "S2"}),
        ("sunscreen, spf 50 or higher", {"U1", "U2"}),  # the limit decides, not the number
    ],
)
def test_a_first_search_keeps_what_states_the_words_asked(
    shop: Shop, query: str, expected: set[str]
) -> None:
    assert ids(search(shop, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("20000mah portable charger", {"P1", "P3"}),  # "power bank" is the same kind
        ("2.7 cu ft mini fridge for my dorm", {"M1", "M2"}),  # a use, not a kind of fridge
        ("hiking boots for a guy", {"B1", "B3"}),  # "guy": men's
    ],
)
def test_a_kind_word_narrows_only_when_it_is_not_another_name_or_a_use(
    shop: Shop, query: str, expected: set[str]
) -> None:
    assert ids(search(shop, query)) == expected


def test_a_misspelt_kind_with_its_measure_is_carried(shop: Shop) -> None:
    result = search(shop, "humidifer with a 4 litre tank")
    assert result["carried"] and ids(result) == {"H1"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dry food for my new puppy", {"F1"}),  # "food" of Dry Dog Food, which lists "puppy"
        ("chemistry kit for my 10 yr old niece", {"K1", "K2"}),
        ("chemistry stem kit for a 10 yr old", {"K1", "K2"}),  # an age, not a stated 10
    ],
)
def test_a_feature_word_of_the_best_hits_category_is_a_constraint_there(
    shop: Shop, query: str, expected: set[str]
) -> None:
    assert ids(search(shop, query)) == expected
