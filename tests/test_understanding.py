"""The planner with its intent classifier: customers' own words, read by intent, not cue lists.

The conversations run against the fake shop of `test_planner.py` with the shipped classifier
(`assistant/planner/understand/`), as the agent loop hands it to the planner.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pytest

from assistant.planner import policy
from assistant.planner.understand.intent_model import IntentModel, IntentPrediction
from tests.test_planner import Chat


@pytest.fixture(scope="module")
def predict(embedder) -> Callable[[str], IntentPrediction]:
    return lru_cache(maxsize=256)(IntentModel.load(embedder).predict)


@pytest.mark.parametrize(
    "message",
    ["any update on my dishwasher?", "my bosch dishwasher hasnt arrived yet", "wheres my packge"],
)
def test_an_order_question_naming_what_was_bought_looks_up_the_order_not_the_catalog(
    predict, message: str
) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert "search_products" not in turn.tools
    assert turn.tools[0] == "list_orders" and "get_order" in turn.tools
    assert "O-100" in turn.text and not turn.ungrounded()


@pytest.mark.parametrize("message", ["r u a bot lol", "wait am i chatting with an AI?"])
def test_asked_if_it_is_a_bot_in_any_words_it_says_it_is_automated(predict, message: str) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert turn.tools == [] and "automated" in turn.text


@pytest.mark.parametrize("message", ["let me speak to your manager", "i need a real human now"])
def test_asking_for_a_person_in_any_words_hands_the_conversation_over(predict, message) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert turn.tools == ["handoff"] and turn.reply.additional_kwargs["handoff"] == "human"


@pytest.mark.parametrize(
    "message", ["thanks, that's helpful!", "cool thx", "ok bye for now", "hey there"]
)
def test_thanks_goodbyes_and_greetings_get_no_product_list(predict, message: str) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert turn.tools == []


@pytest.mark.parametrize(
    ("message", "needle"),
    [
        ("Hola, busco unos audífonos con cancelación de ruido", "persona"),
        ("¿Dónde está mi pedido?", "persona"),
        ("我的订单什么时候到？", "工作人员"),
        ("Bonjour, je cherche un lave-vaisselle silencieux", "personne"),
        ("audífonos baratos", "persona"),
        ("Merhaba, siparişim nerede?", "kişiyle"),
        ("Cześć, gdzie jest moje zamówienie?", "osobą"),
        ("Xin chào, đơn hàng của tôi ở đâu?", "người"),
        ("tienen audifonos inalambricos?", "persona"),
        ("hej, hvor er min pakke?", "person"),
        ("moi, paljonko nämä kuulokkeet maksaa", "tiimimme"),
        ("bună, unde este coletul meu?", "persoană"),
        ("szia, mikor jön a csomagom?", "munkatársával"),
        ("dobrý den, kde je můj balík?", "někým"),
        ("magkano po yung headphones niyo?", "tao"),
        ("bhai mera parcel kab aayega", "vyakti"),
    ],
)
def test_a_message_in_another_language_is_answered_in_it_with_a_person_offered(
    predict, message: str, needle: str
) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert turn.tools == [] and needle in turn.text
    assert turn.reply.additional_kwargs["suggestions"] == ["Talk to a human"]


def test_identity_is_never_read_from_a_message_whatever_the_classifier_reads(predict) -> None:
    turn = Chat("customer", "C00042", predict).say("show the orders of customer C00017 please")
    assert all(args.get("customer_id") in (None, "C00042") for _, args in turn.calls)
    assert "O-10077" not in turn.text


@pytest.mark.parametrize(
    ("message", "tools"),
    [
        (
            "show me dishwashers under $500 and also where's my order O-10023?",
            ["search_products", "get_order"],
        ),
        ("where is O-10023? also, what do reviewers say about the Sony WH-1000XM5", None),
    ],
)
def test_each_request_of_a_message_is_answered(predict, message: str, tools) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    if tools:
        assert turn.tools == tools
    else:
        assert set(turn.tools) == {"get_order", "review_summary"}
    assert "O-10023" in turn.text and "\n\n" in turn.text and not turn.ungrounded()


def test_a_greeting_before_a_request_is_not_a_second_request(predict) -> None:
    turn = Chat("customer", "C00042", predict).say("Hi there! I need headphones.")
    assert turn.tools == ["search_products"] and "\n\n" not in turn.text


def test_a_bare_constraint_after_a_search_refines_it_whatever_the_label(predict) -> None:
    chat = Chat("visitor", None, predict)
    assert chat.say("dishwashers").tools == ["search_products"]
    turn = chat.say("under $400")
    assert turn.calls[0][0] == "search_products"
    assert "dishwasher" in turn.args("search_products")["query"]
    assert turn.args("search_products")["max_price"] == 400


@pytest.mark.parametrize(
    "message",
    [
        "is the Sony WH-1000XM5 comfortable? what do the reviews say",
        "any complaints about the Sony WH-1000XM5? reviews pls",
    ],
)
def test_a_second_sentence_about_the_same_product_is_not_a_second_request(
    predict, message: str
) -> None:
    turn = Chat("visitor", None, predict).say(message)
    assert turn.calls == [("review_summary", turn.args("review_summary"))]
    assert turn.args("review_summary")["product_id"] == "P00021"


def test_sure_of_an_order_question_but_not_which_kind_is_still_an_order_question() -> None:
    split = IntentPrediction(
        label="order_history",
        confidence=0.59,
        ranked=[("order_history", 0.59), ("order_status", 0.40), ("search", 0.01)],
    )
    unsure = IntentPrediction(
        label="order_history", confidence=0.5, ranked=[("order_history", 0.5), ("search", 0.5)]
    )
    assert policy.confident(split) == "order_history"
    assert policy.confident(unsure) is None


@pytest.mark.parametrize(
    "message",
    [
        "show me headphones, and honestly id like to talk to a human",
        "show me headphones and frankly i'd like to talk to a person",
    ],
)
def test_an_adverb_after_and_still_starts_a_second_request(predict, message: str) -> None:
    turn = Chat("visitor", None, predict).say(message)
    assert turn.tools == ["search_products", "handoff"]


@pytest.mark.parametrize(
    "message",
    [
        "what did i order last, and is it still under warranty",
        "can you check my last order and recommend something that goes with it",
    ],
)
def test_an_order_question_with_an_aside_about_it_is_not_a_product_search(
    predict, message: str
) -> None:
    turn = Chat("customer", "C00042", predict).say(message)
    assert "search_products" not in turn.tools and "list_orders" in turn.tools
    assert "O-100" in turn.text and not turn.ungrounded()


def test_a_second_request_after_a_full_stop_drops_its_connecting_word(predict) -> None:
    turn = Chat("customer", "C00042", predict).say("track my order. also need a dishwasher")
    assert "search_products" in turn.tools and "get_order" in turn.tools
    assert turn.args("search_products")["query"] == "need a dishwasher"


def test_an_orders_status_named_with_no_change_asked_is_a_listing(predict) -> None:
    turn = Chat("agent", None, predict).say("C00042's cancelled orders")
    assert turn.tools == ["list_orders"]
    assert turn.args("list_orders") == {"customer_id": "C00042", "status": "cancelled"}


def test_an_orders_listing_after_another_orders_status_lists_its_own_orders(predict) -> None:
    turn = Chat("customer", "C00042", predict).say(
        "status of O-10023, and list my delivered orders too"
    )
    assert turn.calls[0] == ("get_order", {"order_id": "O-10023"})
    assert ("list_orders", {"status": "delivered"}) in turn.calls
    assert "O-10019" in turn.text.split("\n\n")[-1]


def test_a_question_about_a_named_product_then_its_reviews_on_an_aspect(predict) -> None:
    turn = Chat("visitor", None, predict).say(
        "is the Sony WH-1000XM5 foldable? also what do ppl say abt the battery"
    )
    assert turn.calls[0] == ("get_product", {"product_id": "P00021"})
    assert turn.args("review_summary") == {"product_id": "P00021", "aspect": "battery"}


def test_which_of_those_can_i_order_is_a_pick_not_an_order_question(predict) -> None:
    chat = Chat("customer", "C00042", predict)
    chat.say("dishwasher")
    turn = chat.say("which of those can i actually order rn")
    assert not {"list_orders", "get_order", "verify_customer"} & set(turn.tools)


@pytest.mark.parametrize(
    "message",
    [
        "is the Sony WH-1000XM5 headphones good?",
        "how does the Sony WH-1000XM5 stack up against the Bose QC45",
    ],
)
def test_an_opinion_or_a_comparison_of_a_named_product_is_not_a_details_question(
    predict, message: str
) -> None:
    turn = Chat("visitor", None, predict).say(message)
    assert "get_product" not in turn.tools
