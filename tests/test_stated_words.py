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
