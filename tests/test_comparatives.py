"""Comparative follow-ups ("a bigger one", "anything quieter?") become limits on the measured
attributes of the products they refer to, read from the shop's own attribute values."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.events import FinalReply
from assistant.runtime import open_shop
from retrieval.comparatives import comparatives, measure_pick
from retrieval.ingest import ingest_shop
from retrieval.units import quantities
from tests.conftest import write_shop
from tests.shops import with_attributes as _p
from tests.talk import ids, search, turns
from tools.context import Shop

FRYERS = "Home & Kitchen > Small Appliances > Air Fryers"
HEATERS = "Appliances > Heating > Space Heaters"
KNIVES = "Home & Kitchen > Cutlery > Bread Knives"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, embedder) -> Shop:
    products = [
        _p("A1", "Crispo Compact Air Fryer", 59.0, FRYERS, capacity="3.7 qt"),
        _p("A2", "Crispo Classic Air Fryer", 79.0, FRYERS, capacity="5 qt"),
        _p("A3", "Vortena Family Air Fryer", 99.0, FRYERS, capacity="6 quarts"),
        _p("A4", "Vortena XL Air Fryer", 129.0, FRYERS, capacity="7.6 L"),
        _p("H1", "Purewind Ceramic Heater", 76.0, HEATERS, noise="35 dB"),
        _p("H2", "Aeris Mini Heater", 39.0, HEATERS, noise="45 dB"),
        _p("H3", "Silvane Oil Radiator", 119.0, HEATERS, noise="25 dB"),
        _p("K1", "Hearth Serrated Bread Knife", 24.0, KNIVES),
        _p("K2", "Hearth Long Bread Knife", 34.0, KNIVES),
    ]
    root = tmp_path_factory.mktemp("comparatives")
    settings = Settings(home=root / "home")
    ingest_shop(write_shop(root / "shop", products=products), settings, embedder=embedder)
    return open_shop(settings)


def test_comparative_words_are_read_from_the_data_file() -> None:
    found = [(c.word, c.op) for c in comparatives("anything quieter and more compact?")]
    assert found == [("quieter", "max"), ("more compact", "max")]
    assert comparatives("a big air fryer") == []


def test_bigger_than_a_product_means_more_of_its_measured_capacity(shop: Shop) -> None:
    result = search(shop, "bigger air fryer", than=["A2"])
    assert ids(result) == {"A3", "A4"}  # 6 qt and 7.6 L are more than 5 qt; 3.7 qt and 5 qt not
    assert any("bigger than" in words for words in result["applied"])


def test_quieter_than_every_product_shown(shop: Shop) -> None:
    assert ids(search(shop, "quieter space heater", than=["H1", "H2"])) == {"H3"}
    assert ids(search(shop, "louder space heater", than=["H1"])) == {"H2"}


def test_a_comparison_the_products_have_no_measure_for_is_reported(shop: Shop) -> None:
    result = search(shop, "lighter bread knife", than=["K1"])
    assert ids(result) == {"K1", "K2"}
    assert [(n["constraint"], n["reason"]) for n in result["not_applied"]] == [
        ("lighter", "not_listed")
    ]


def _turns(shop: Shop, *messages: str) -> list[FinalReply]:
    return [final for final, _ in turns(shop, *messages)]


def test_a_bigger_one_after_looking_at_a_product(shop: Shop) -> None:
    *_, bigger = _turns(
        shop, "air fryers please", "tell me about the Crispo Classic", "do you have a bigger one?"
    )
    assert bigger.products and set(bigger.products) <= {"A3", "A4"}


def test_anything_quieter_after_a_product(shop: Shop) -> None:
    *_, quieter = _turns(
        shop, "space heaters", "tell me about the Aeris Mini Heater", "anything quieter?"
    )
    assert quieter.products and set(quieter.products) <= {"H1", "H3"}


def test_quieter_than_the_whole_list_keeps_its_price_cap(shop: Shop) -> None:
    listed, quieter = _turns(shop, "space heaters under $100", "anything quieter?")
    assert set(listed.products) == {"H1", "H2"}
    assert quieter.products == []  # the 25 dB radiator costs $119


def test_more_or_fewer_of_a_unit_picks_by_what_that_unit_measures() -> None:
    more = measure_pick("the one with more btu, reviews?")
    fewer = measure_pick("which has fewer pieces")
    assert more is not None and (more.op, more.dimensions) == ("min", ("heat",))
    assert fewer is not None and (fewer.op, fewer.dimensions) == ("max", ("pieces",))
    assert measure_pick("more info please") is None


def test_warmer_picks_the_lower_rated_temperature_below_zero_too() -> None:
    warmer = measure_pick("the warmer one")
    assert warmer is not None and (warmer.op, warmer.dimensions) == ("max", ("temperature",))
    assert [q.low for q in quantities("comfort rated to -10 F")] == [-10.0]
    assert [(q.low, q.high) for q in quantities("2-10 lbs")] == [(907.2, 4536.0)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("which one burns longer?", "longer"),
        ("the one that runs longer", "longer"),
        ("which has a longer cord", "longer"),
        ("the bigger bottle one", "bigger"),
        ("which of them is lighter", "lighter"),
        ("what about bigger ones", None),
        ("which are quieter", None),
    ],
)
def test_a_comparative_said_of_one_shown_product_picks_it(text: str, word: str | None) -> None:
    picked = measure_pick(text)
    assert (picked.word if picked else None) == word


def test_a_plural_unit_word_is_that_unit() -> None:
    assert measure_pick("which one puts out more BTUs").dimensions == ("heat",)


def test_more_of_a_measure_named_by_its_noun_picks_by_it_but_any_with_more_asks_for_others() -> (
    None
):
    assert measure_pick("which one puts out more heat").dimensions == ("heat",)
    assert measure_pick("any with more power?") is None


def test_a_verb_of_a_measure_with_most_or_least_picks_by_that_measure() -> None:
    least = measure_pick("whichever weighs the least")
    heats = measure_pick("which one heats the most")
    assert least is not None and (least.op, least.dimensions) == ("max", ("weight",))
    assert heats is not None and (heats.op, heats.dimensions) == ("min", ("heat",))
    assert measure_pick("which weighs less than 2 kg") is None  # a limit, not a pick
    assert measure_pick("which one costs less") is None  # the price: not a measure


def test_or_colder_and_or_warmer_are_limits_on_a_rated_temperature() -> None:
    from retrieval.units import constraints

    colder = [c for c, *_ in constraints("sleeping bag rated to 30F or colder")]
    warmer = [c for c, *_ in constraints("a bag rated 40 F or warmer")]
    assert [(c.dimension, c.op, c.value) for c in colder] == [("temperature", "max", 30.0)]
    assert [(c.dimension, c.op, c.value) for c in warmer] == [("temperature", "min", 40.0)]


def test_the_best_of_a_measure_is_the_most_unless_more_is_worse() -> None:
    battery = measure_pick("which has the best battery")
    assert battery is not None and (battery.op, battery.dimensions) == ("min", ("time", "charge"))
    assert measure_pick("which has the best noise cancelling") is None


def test_a_bare_comparative_one_is_a_pick_and_maybe_joins_a_range() -> None:
    quieter = measure_pick("quieter one?")
    assert quieter is not None and (quieter.op, quieter.dimensions) == ("max", ("sound",))
    assert measure_pick("a quieter one?") is None  # another product
    [tent] = quantities("backpacking tent for 2 maybe 3 people")
    assert (tent.dimension, tent.low, tent.high) == ("people", 2.0, 3.0)
