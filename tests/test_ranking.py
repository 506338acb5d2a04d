"""Ranking on small catalogs: known items, model numbers, sizes, misspellings, name vs text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from retrieval.ingest import ingest_shop
from retrieval.lexical import LexicalIndex
from retrieval.ranking import (
    FEATURES,
    Evidence,
    RankingModel,
    candidates,
    feature_matrix,
    share_of_ideal,
)
from retrieval.ranking_spelling import Speller, words_of
from retrieval.search import Searcher
from tests.conftest import write_shop
from tests.shops import product

EARBUDS = "Audio > Earbuds"
TOOLS = "Tools > Power Tools"
BATH = "Bath > Accessories"


def _review(rid: str, pid: str, text: str) -> dict:
    return {
        "review_id": rid,
        "product_id": pid,
        "rating": 5,
        "text": text,
        "created_at": "2025-01-02T10:00:00Z",
    }


def _catalog() -> dict[str, list[dict]]:
    products = [
        product("E1", "Pulse Wireless Earbuds", 89.0, EARBUDS, brand="Kelvar"),
        product("E2", "Wireless Earbuds with Charging Case", 49.0, EARBUDS, brand="Sonara"),
        product("E3", "Sport Wireless Earbuds, Sweatproof", 59.0, EARBUDS, brand="Nordhaven"),
        product("E4", "Noise Cancelling Wireless Earbuds", 129.0, EARBUDS, brand="Sonara"),
        product("E5", "Budget Wireless Earbuds", 19.0, EARBUDS, brand="Velo"),
        product("T1", "Cordless Drill Driver DX-2040", 99.0, TOOLS, brand="Brisk"),
        product("T2", "Cordless Drill Driver DX-2050", 119.0, TOOLS, brand="Brisk"),
        product("T3", "Cordless Impact Driver", 89.0, TOOLS, brand="Torvik"),
        product("B1", "AA Batteries 4 Pack", 6.0, TOOLS, brand="Volta"),
        product("B2", "AA Batteries 2 Pack", 4.0, TOOLS, brand="Volta"),
        product("B3", "AA Batteries 8 Pack", 9.0, TOOLS, brand="Volta"),
        product("S1", "Elongated Toilet Seat", 39.0, BATH, brand="Aquor"),
        product("S2", "Bench Seat Cushion", 29.0, BATH, brand="Aquor"),
        product("S3", "Shower Seat", 49.0, BATH, brand="Aquor"),
        product("S4", "Toilet Paper Holder", 19.0, BATH, brand="Aquor"),
    ]
    products[5]["description"] = (
        "The DX-2040 drill driver is the compact sibling of the DX-2050. Unlike the DX-2050 it "
        "has a single battery; DX-2050 owners can share chargers with it."
    )
    products[1]["description"] = (
        "Earbuds with a charging case. Owners compare them with the Kelvar Pulse earbuds: "
        "the same pulse bass, the same Kelvar-style fit, the pulse of a good beat."
    )
    reviews = [
        _review("R1", "E2", "Better than my old Kelvar Pulse earbuds, the pulse bass is great."),
        _review("R2", "E3", "I returned my Kelvar Pulse earbuds for these."),
        _review("R3", "E4", "Kelvar pulse earbuds fans will like these too."),
        _review("R4", "T1", "Cheaper than the DX-2050 drill and just as good for me."),
    ]
    return {"products": products, "reviews": reviews}


@pytest.fixture
def searcher(tmp_path: Path, embedder) -> Searcher:
    settings = Settings(home=tmp_path / "h")
    ingest_shop(write_shop(tmp_path / "shop", **_catalog()), settings, embedder=embedder)
    return Searcher(settings, embedder=embedder)


def _ids(searcher: Searcher, query: str) -> list[str]:
    return [hit.product_id for hit in searcher.search(query, k=5).hits]


def test_known_item_query_ranks_the_named_product_first(searcher: Searcher) -> None:
    # other products mention it in their description and reviews: evidence, not an equal vote
    assert _ids(searcher, "kelvar pulse earbuds")[0] == "E1"


def test_model_number_in_the_name_outranks_mentions_elsewhere(searcher: Searcher) -> None:
    # T1's description and review name the DX-2050 three times; T2 is the DX-2050
    assert _ids(searcher, "drill driver dx-2050")[0] == "T2"
    assert _ids(searcher, "DX-2040 drill")[0] == "T1"


def test_single_digit_sizes_count(searcher: Searcher) -> None:
    assert _ids(searcher, "aa batteries 2 pack")[0] == "B2"
    assert _ids(searcher, "8 pack aa batteries")[0] == "B3"


def test_misspelled_query_is_corrected_from_the_catalog_words(searcher: Searcher) -> None:
    assert searcher.lexical.speller.correct("cordles impact drivr") == "cordless impact driver"
    assert _ids(searcher, "toliet seat")[0] == "S1"


def test_speller_keeps_known_words_numbers_and_short_words() -> None:
    speller = Speller(dict(words_of(["Toilet seat", "Toilet paper holder", "Tile saw 10 in"])))
    assert speller.correct("toliet seat") == "toilet seat"
    assert speller.correct("tile 10 in") == "tile 10 in"
    assert speller.correct("sau") == "sau"  # too short to guess
    assert speller.correct("zzzzzz") == "zzzzzz"


def test_speller_leaves_words_of_the_language_the_catalog_does_not_use() -> None:
    # "trip", "pain" and "lover" are one edit from catalog words but are not typos
    speller = Speller(
        dict(words_of(["Trim kit", "Pair of socks", "Toilet seat", "Over door hook"]))
    )
    assert speller.correct("gear for a camping trip") == "gear for a camping trip"
    assert speller.correct("back pain") == "back pain"
    assert speller.correct("coffee lover") == "coffee lover"
    assert speller.correct("toliet") == "toilet"


def test_speller_splits_joined_words_and_sizes_as_the_catalog_writes_them() -> None:
    speller = Speller(
        dict(
            words_of(
                [
                    "Rust-Oleum 12 oz. Gloss Spray Paint",
                    "Door Knob Set",
                    "DEWALT 18-Volt Drill",
                    "2 in. x 4 in. x 8 ft. Stud",
                    "5 gal. Bucket",
                    "M12V Impact Driver",
                ]
            )
        ),
        keep=frozenset({"newborn"}),
    )
    assert speller.correct("rustoleum spray") == "rust oleum spray"
    assert speller.correct("doorknob") == "door knob"
    assert speller.correct("newborn") == "newborn"  # a word of the language stays whole
    assert speller.correct("2x4x8 stud") == "2 x 4 x 8 stud"
    assert speller.correct("18v drill") == "18 volt drill"
    assert speller.correct("5 gallon bucket") == "5 gal bucket"
    assert speller.correct("6ft stud") == "6 ft stud"
    assert speller.correct("m12v impact") == "m12v impact"  # known to the catalog
    assert speller.correct("doorknob spary 18v", split=False) == "doorknob spray 18v"  # typos
    assert speller.correct("mp70 bulb") == "mp70 bulb"  # a model number, not a size


def test_unit_spellings_are_one_unit_written_shorter_or_longer() -> None:
    from retrieval.units import spellings

    assert spellings()["inch"] == {"in", "inch", "inches"}
    assert spellings()["v"] == {"v", "volt", "volts"}
    assert "pack" not in spellings()["tablets"]  # items both, not one unit


def test_a_name_match_outranks_the_same_words_in_a_description() -> None:
    texts = [
        "Phone case. Fits a bluetooth speaker dock or a bluetooth speaker stand.",
        "Bluetooth Speaker. Pairs with any phone.",
    ]
    names = ["Phone case", "Bluetooth Speaker"]
    index = LexicalIndex.build(["A", "B"], texts, names)
    tokens = index.tokens("bluetooth speaker")
    evidence = Evidence(index.term_scores(tokens, "text"), index.term_scores(tokens, "name"))
    rows = candidates(evidence, np.ones(2, dtype=bool))
    scores = RankingModel.load().score(feature_matrix(evidence, rows))
    assert rows[int(np.argmax(scores))] == 1


def test_query_words_in_the_names_order_outrank_the_same_words_apart() -> None:
    names = ["Saw Blade for Tile", "Wet Tile Saw"]  # same words, same lengths
    index = LexicalIndex.build(["A", "B"], names, names)
    tokens = index.tokens("tile saw")
    evidence = Evidence(
        index.term_scores(tokens, "text"),
        index.term_scores(tokens, "name"),
        name_order=lambda rows: index.name_pair_share(tokens, rows),
    )
    rows = candidates(evidence, np.ones(2, dtype=bool))
    scores = RankingModel.load().score(feature_matrix(evidence, rows))
    assert rows[int(np.argmax(scores))] == 1
    assert index.name_pair_share(tokens, [0, 1]).tolist() == [0.0, 1.0]


def test_shipped_weights_name_every_feature_and_their_data() -> None:
    model = RankingModel.load()
    assert set(model.weights) == set(FEATURES)
    assert "train" in model.trained_on


def test_a_name_with_only_some_of_the_query_words_is_not_scored_as_a_full_match() -> None:
    names = ["Harbor Basics Paper Towels", "Toddler Cotton Blanket", "Basics Toddler Blanket"]
    index = LexicalIndex.build(["A", "B", "C"], names, names)
    tokens = index.tokens("basics for a toddler")
    evidence = Evidence(index.term_scores(tokens, "text"), index.term_scores(tokens, "name"))
    name = feature_matrix(evidence, [0, 1, 2])[:, FEATURES.index("name")]
    assert 0 < name[0] < 0.75 and 0 < name[1] < 0.75
    assert name[2] == pytest.approx(1.0, abs=0.05)
    # without the name that has both words, the best partial match still stays below 1
    partial = feature_matrix(evidence, [0, 1])[:, FEATURES.index("name")]
    assert partial.max() < 0.75


def test_share_of_ideal_counts_each_token_at_its_best() -> None:
    terms = np.array([[2.0, 0.0, 1.0], [0.0, 3.0, 3.0]])  # (tokens, columns)
    assert share_of_ideal(terms).tolist() == pytest.approx([0.4, 0.6, 0.8])
    assert share_of_ideal(np.zeros((2, 3))).tolist() == [0.0, 0.0, 0.0]
    assert share_of_ideal(np.zeros((0, 3))).tolist() == [0.0, 0.0, 0.0]
