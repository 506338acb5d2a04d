"""The learned intent of a message turned into what to do, with the slots read from its text.

The intent classifier (`understand/intent_model.py`) says what kind of request a message is;
entities (the shop's ids, positions in what was shown, emails, postal codes, months, money)
fill it in. Where the ids the text names settle it (an order id, a listed product's position),
they win over the classifier; below its calibrated confidence the rule reading decides.
"""

from __future__ import annotations

from assistant.planner import cues, slots
from assistant.planner.changes import is_change
from assistant.planner.state import ConversationState
from assistant.planner.understand.intent_model import CONFIDENT, IntentPrediction

_FIXED = {
    "bot_identity": "bot_identity",
    "greeting": "greeting",
    "thanks": "thanks",
    "goodbye": "bye",
    "help": "help",
    "out_of_scope": "out_of_scope",
}
PRODUCT_LABELS = frozenset({"search", "refine", "product_info", "compare", "reviews", "recommend"})
ORDER_LABELS = frozenset({"order_status", "order_history"})
STAFF_LABELS = frozenset({"find_customer", "catalog_report"})


_FAMILIES = (ORDER_LABELS, frozenset({"thanks", "goodbye"}))
"""Labels that lead to the same kind of answer: sure of the family is sure enough to act."""


def confident(prediction: IntentPrediction | None) -> str | None:
    """The predicted label when the classifier is sure enough to act on it: the label itself,
    or its family together ("order_history" 0.59 + "order_status" 0.41 is an order question)."""
    if prediction is None:
        return None
    if prediction.confidence >= CONFIDENT:
        return prediction.label
    family = next((f for f in _FAMILIES if prediction.label in f), frozenset())
    together = sum(p for label, p in prediction.ranked if label in family)
    return prediction.label if together >= CONFIDENT else None


def fixed_reply(label: str | None, text: str) -> str | None:
    """A reply with no tool ("thanks", "are you a bot?") when that is all the message is.

    A message that also names one of the shop's products, orders or money is not only small
    talk, so the rest of the policy reads it."""
    kind = _FIXED.get(label or "")
    if kind is None:
        return None
    if kind in ("greeting", "thanks", "bye") and slots.price_filters(text).max_price is not None:
        return None
    return kind


def handoff_topic(label: str | None, text: str, state: ConversationState) -> str | None:
    """Why a person takes over: "human", a damaged item, or the change asked for (cancel,
    return…)."""
    topic = cues.handoff_topic(text, agent=state.is_agent)
    if staff_listing(topic, text, state):
        return None
    if topic == "problem" and cues.DAMAGED.search(text) and not state.is_agent:
        return topic  # "my package arrived damaged": whatever else the message reads like
    if label == "human" and not state.is_agent:
        return "human"
    if label == "order_change" and not topic and about_products(text, state):
        return None  # "back to the white one - can the door be switched to open on the other
        # side?": a question about a product shown, no order named
    if label == "order_change" and (topic or not slots.order_status(text)):
        return topic if topic and (is_change(topic) or topic == "problem") else "change"
    return None  # ("C00026's cancelled orders": a status named, no change asked: a listing)


def about_products(text: str, state: ConversationState) -> bool:
    """True when a message points at the products shown and names no order or purchase."""
    if not state.products or cues.ORDERS_OF.search(text) or cues.BOUGHT.search(text):
        return False
    return bool(cues.REFERENCE_CUES.search(text)) and not state.find(text, "order")


def staff_listing(topic: str | None, text: str, state: ConversationState) -> bool:
    """A support agent naming a change only as an order status ("C00027 - any returns on their
    account?"): a listing for the console, not a hand-off."""
    return (
        state.is_agent
        and topic in ("return", "refund", "cancel")
        and bool(slots.order_status(text))
    )


def is_staff_question(label: str | None, state: ConversationState) -> bool:
    """A support agent's catalog report or customer search."""
    return state.is_agent and label in STAFF_LABELS
