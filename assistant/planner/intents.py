"""Intent rules: what the current message asks for, read against the conversation state."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.guardrails import looks_like_injection
from assistant.planner import cues, policy, slots
from assistant.planner.changes import is_change
from assistant.planner.follow_ups import (
    Reading,
    asks_of_listing,
    focus_attributes,
    focus_question,
    focus_variant,
    list_attributes,
    list_pick,
    named_question,
    read,
    same_question,
)
from assistant.planner.intent import Intent
from assistant.planner.references import (
    attributes_measuring,
    having_words,
    measured_pick,
    picking_words,
    referenced,
)
from assistant.planner.state import ORDER_TOOLS, ConversationState
from assistant.planner.understand.language import detect_language, expand_shorthand
from retrieval.comparatives import comparatives
from retrieval.shop_index import ID_KINDS

MAX_CHARS = 2000


def order_request(text: str, state: ConversationState, label: str | None = None) -> Intent | None:
    """The order question in a message ("where is <an order id>", "show my orders"), if any.

    `label` is the classifier's reading ("order_status", "order_history") when it is sure the
    message asks about orders; without one the rule cues decide whether it does."""
    ids = state.find(text, "order")
    customers = state.find(text, "customer") if state.is_agent else []
    if state.is_agent and not customers and state.focus_customer:
        if cues.THEIR.search(text) or cues.AND_THEN.search(text):  # "show her orders"
            customers = [state.focus_customer]
    about = customers and (cues.ORDERS_OF.search(text) or slots.order_status(text))
    asks = ids or cues.ORDER.search(text) or about  # ("did they ever send anything back?")
    if label is None and (not asks or (not ids and cues.BUY.search(text))):
        return None
    if ids:
        return Intent("order", order_ids=ids[:3])
    if state.is_agent and not customers and slots.email(text):
        return _staff_intent("find_customer", text, state)  # "does <email> have anything shipped"
    customer = customers[0] if customers else None
    which = {"month": slots.month(text), "items": _bought(text, state)}
    listing = cues.ORDER_LIST.search(text) and not cues.ORDER_SINGLE.search(text)
    said = slots.order_status(text) or cues.OPEN_ORDERS.search(text)  # "anything on its way"
    which_ones = bool(slots.order_status(text)) and bool(cues.WHICH_ORDERS.search(text))
    history = label == "order_history" and not cues.LATEST_ORDER.search(text)  # (its newest)
    if history or (listing and (label is None or said)) or which_ones:
        status = slots.order_status(text)
        open_only = bool(cues.OPEN_ORDERS.search(text)) and status is None
        return Intent("orders", status=status, open_only=open_only, customer_id=customer, **which)
    if cues.PRONOUN.search(text) and not (customer or any(which.values()) or state.focus_order):
        listed = [str(o.get("order_id")) for o in state.orders]
        if state.last_shown == "orders" and 1 < len(listed) <= 3:  # "was it delivered?" after
            return Intent("order", order_ids=listed)  # two orders with the item: each of them
    pick = "latest" if cues.LATEST.search(text) else "track" if cues.TRACK.search(text) else None
    status = slots.order_status(text) if any(which.values()) else None  # "the blender i sent
    # back": of the orders with a blender, the returned one
    return Intent("order", pick=pick, status=status, customer_id=customer, **which)


def _bought(text: str, state: ConversationState) -> str | None:
    """What the order question says was in the order, if anything."""
    text = slots.without_status(state.masked(text, *ID_KINDS))  # not "back" of "sent it back"
    for words in (cues.ORDER_PHRASES, cues.ORDER_FOLLOWUP):  # "on its way", "which carrier"
        text = words.sub(" ", text)
    for credential in (slots.email(text), _zip(text, state)):
        text = text.replace(credential, " ") if credential else text
    words = slots.item_words(text)
    words = [w for w in words if not w.endswith("_ref") and slots.order_status(w) is None]
    return " ".join(state.ids.sold_words(words)) or None


def pending_order(state: ConversationState) -> tuple[Intent | None, str | None, str | None]:
    """The unanswered order question waiting for verification, and an email/ZIP given since."""
    email = zip_code = None
    for turn in reversed(state.history):
        if turn.succeeded(*ORDER_TOOLS) or turn.succeeded("verify_customer"):
            return None, None, None
        email = email or slots.email(turn.text)
        zip_code = zip_code or _zip(turn.text, state)
        request = order_request(turn.text, state)
        if request is not None and not state.is_agent:
            request.customer_id = None
        if request is not None:
            return request, email, zip_code
        verifying = any(r.name == "verify_customer" for r in turn.records)
        if not (verifying or slots.email(turn.text) or _zip(turn.text, state)):
            return None, email, zip_code
    return None, email, zip_code


def _zip(text: str, state: ConversationState) -> str | None:
    """A postal code typed alone or after "zip", never one of the shop's ids."""
    return slots.zip_code(state.masked(text, *ID_KINDS), bare=True)


def _strip(text: str, pattern: re.Pattern[str]) -> str:
    return " ".join(pattern.sub(" ", text).split())


def _order_refs(text: str, state: ConversationState) -> list[str]:
    """Order ids the text points at by position in the last order list ("the second one")."""
    if state.last_shown != "orders" or state.find(text, "order"):
        return []  # an order id typed now wins over "the second one" or the one discussed
    about_products = any(
        p.search(text) for p in (cues.COMPARE, cues.REVIEWS, cues.SIMILAR, cues.COMPLEMENT)
    )
    ids = []
    for position in [] if about_products else slots.ordinals(text):
        if -len(state.orders) <= position < len(state.orders):
            ids.append(str(state.orders[position].get("order_id")))
    if not ids and state.focus_order and cues.ORDER_FOLLOWUP.search(text):
        if not _bought(text, state):  # "the socks i ordered, shipped yet?": other orders
            ids.append(state.focus_order)
    return ids


def _identity_notes(text: str, state: ConversationState) -> tuple[str, list[str]]:
    """Claims of identity and other customers' ids, noted and removed (never identity)."""
    notes: list[str] = []
    if looks_like_injection(text) or cues.INJECTION.search(text):
        notes.append("injection")
        text = _strip(_strip(text, cues.INJECTION), cues.INJECTION_TAIL)
    if state.is_agent:
        return text, notes
    named = state.find(text, "customer")
    text = state.masked(text, "customer")
    if cues.CLAIM.search(text):
        notes.append("identity_claim")
        text = _strip(text, cues.CLAIM)
    others = not named or any(c != state.customer_id for c in named)
    if others and cues.CUSTOMER_ID.search(text):
        notes.append("other_customer")
        text = _strip(text, cues.CUSTOMER_ID)
    if cues.ALL_ORDERS.search(text):
        notes.append("all_orders")
    return text, notes


def _small_talk(text: str) -> str | None:
    """greeting / thanks / bye when the message is nothing more than that."""
    if cues.QUESTION_AFTER_FILLER.search(text):
        return None  # "ok so where is it"
    rest = text
    for cue in (cues.GREETING, cues.INTRODUCTION, cues.THANKS, cues.BYE):
        rest = _strip(rest, cue)
    if slots.content_words(rest):
        return None
    if cues.BYE.search(text):
        return "bye"
    if cues.THANKS.search(text):
        return "thanks"
    if cues.GREETING.search(text):
        return "greeting"
    return None


def classify(state: ConversationState) -> Intent:
    """The intent of the current message in this conversation."""
    raw = expand_shorthand(" ".join(state.message[:MAX_CHARS].split()))
    if not re.search(r"[^\W_]", raw):
        return Intent("clarify")
    text, notes = _identity_notes(raw, state)
    if not state.is_agent and cues.PRIVACY.search(state.masked(raw, "customer")):
        return Intent("privacy", notes=[n for n in notes if n == "injection"])
    if cues.DATA_POLICY.search(raw):
        return Intent("data_policy")
    if state.pending is not None and (answer := _answer(raw, state)) is not None:
        return answer
    language = detect_language(state.ids.names.without(raw, state.ids.names.named(raw)))
    if language != "en":
        return Intent("other_language", topic=language)
    if (named := _named_customer(text, state)) is not None:
        return named
    if _credentials(text, state):
        label = _credited_label(text, state)
    else:
        label = policy.confident(state.predict(cues.without_greeting(text)))
    intent = (_learned(label, text, state, notes) if label else None) or _classify(
        text, state, notes
    )
    intent.notes = list(dict.fromkeys([*notes, *intent.notes]))
    return intent


_ORDERED = re.compile(r"\border(?:s|ed)?\b|\bpurchase[sd]?\b|\bbought\b|\breturns?\b", re.I)


def _of_focus(text: str, focus: dict[str, Any]) -> bool:
    """True when a message points at the product in focus or asks about what its listing says."""
    return bool(cues.IT.search(text)) or asks_of_listing(text, focus)


def _named_customer(text: str, state: ConversationState) -> Intent | None:
    """A support agent asking about a customer's orders by their name ("what orders has Grace
    Rossi placed", "Pedro Evans - anything ordered in february?", "Ximena Murphy, anything of
    hers processing?"): look them up, then list."""
    if not state.is_agent or not (_ORDERED.search(text) or slots.order_status(text)):
        return None
    if state.find(text, "customer") or state.find(text, "order") or slots.email(text):
        return None
    name = slots.person_name(text) or slots.capitalised_name(text, state.ids.sold_words)
    if name is None:
        return None
    return Intent(
        "find_customer", topic=name, status=slots.order_status(text), month=slots.month(text)
    )


def _answer(text: str, state: ConversationState) -> Intent | None:
    """The message as the answer to the question the last reply asked: "yes" to an offered
    person, an order number to "which order do you mean?"."""
    pending = state.pending
    if pending is None:
        return None
    if pending.kind == "handoff" and cues.AFFIRM.search(text):
        return Intent("handoff", topic=pending.topic)
    orders = state.find(text, "order") or _order_refs(text, state)
    if pending.kind == "change" and orders:
        return Intent("change", topic=pending.topic, order_ids=orders[:1])
    return None


_CREDENTIAL_WORDS = frozenset({"email", "mail", "zip", "postal", "postcode", "code"})


def _credited_label(text: str, state: ConversationState) -> str | None:
    """The order question a visitor asks alongside their email and postal code ("can u check
    on my order, email … zip …"), as the classifier reads the words around them; None for the
    credentials alone or when an earlier question waits for them."""
    bare = text
    for credential in (slots.email(text), _zip(text, state)):
        bare = bare.replace(credential, " ") if credential else bare
    if not set(slots.content_words(bare)) - _CREDENTIAL_WORDS or pending_order(state)[0]:
        return None
    label = policy.confident(state.predict(" ".join(bare.split())))
    return label if label in policy.ORDER_LABELS else None


def _credentials(text: str, state: ConversationState) -> bool:
    """An email or postal code in a visitor's message: verification, read by the rules."""
    if state.is_agent:
        return False
    return bool(slots.email(text) or _zip(text, state) or _awaiting_zip(text, state))


def _learned(label: str, text: str, state: ConversationState, notes: list[str]) -> Intent | None:
    """The intent as the classifier reads it, filled in from the text; None leaves it to the
    rules (a request the classifier's label cannot be acted on as)."""
    named = any(state.find(text, kind) for kind in ID_KINDS)  # "who placed O-12329"
    if (kind := policy.fixed_reply(label, text)) and not (
        named
        or (kind == "out_of_scope" and state.category_of(text))  # "cat trees": the shop sells them
        or (kind == "out_of_scope" and state.focus and _of_focus(text, state.focus))  # "can i
        # hang it on the wall", "can the door swing the other way?": the product in focus
        or (kind != "out_of_scope" and cues.QUESTION_AFTER_FILLER.search(text))  # "ok so where"
    ):
        return Intent(kind)
    if topic := policy.handoff_topic(label, text, state):
        return _handoff(topic, text, state)
    if policy.is_staff_question(label, state):
        return _staff_intent(label, text, state)
    if state.is_agent and label in policy.PRODUCT_LABELS and _reports(text):
        return _staff_intent("catalog_report", text, state)  # "lowest rated stick vacuum"
    if label in policy.ORDER_LABELS and not (state.products and slots.superlative(text)):
        return _order_intent(text, state, notes, label)  # (not "which of those can i order")
    if (follow_up := _order_ellipsis(text, state)) is not None:
        return _order_intent(text, state, notes, follow_up)
    if label in policy.PRODUCT_LABELS and cues.BOUGHT.search(text) and not cues.BUY.search(text):
        return _order_intent(text, state, notes, "order_status")  # "did the knife ship"
    if label in policy.PRODUCT_LABELS:
        if _order_refs(text, state) or state.find(text, "order"):
            return None  # an order named: the rules read the question about it
        suspicious = bool({"injection", "identity_claim", "other_customer"} & set(notes))
        return _product_intent(text, state, suspicious, label)
    return None


def _reports(text: str) -> bool:
    """A support agent asking for the worst rated or the out-of-stock products of a kind, or
    for the cheapest, priciest or best rated of what the shop has ("cheapest espresso machine
    we have in stock")."""
    asked = slots.report_filters(text)
    if asked.get("sort") == "rating_low" or asked.get("stock") == "out":
        return True
    return bool(asked.get("sort")) and bool(cues.OUR_CATALOG.search(text))


def _order_ellipsis(text: str, state: ConversationState) -> str | None:
    """ "and the green tea?", "and the cancelled ones?" right after orders were shown: the same
    question about other orders (by what was bought, or by status); a status with nothing the
    shop sells ("anything processing rn"): the orders in it; the reading, else None."""
    status = slots.order_status(text)
    about_one = state.focus_order and cues.PRONOUN.search(text)  # "has it shipped yet?"
    unsold = not state.ids.sold_words(slots.content_words(text))
    if status and unsold and not about_one and not state.is_agent:
        return "order_history"  # "anything processing rn", "was anything of mine cancelled"
    if state.last_shown != "orders" or not cues.AND_THEN.search(text):
        return None
    if status:
        return "order_history"
    return "order_status" if _bought(text, state) else None


def _staff_intent(label: str, text: str, state: ConversationState) -> Intent:
    """A support agent's customer search or catalog report."""
    customers = state.find(text, "customer")
    if label == "find_customer" or customers:
        customer = next(iter(customers), None)
        name = None if customer or slots.email(text) else slots.person_name(text)
        return Intent(
            "find_customer",
            customer_id=customer,
            email=slots.email(text),
            topic=name,
            status=slots.order_status(text),  # "… and list their pending orders": listed after
            month=slots.month(text),
        )
    return Intent(
        "report", query=slots.report_subject(text) or "", filters=slots.report_filters(text)
    )


def _handoff(topic: str, text: str, state: ConversationState) -> Intent:
    """A hand-off, or for a verified customer a change to an order ("return the skillet": the
    orders that had it)."""
    orders = state.find(text, "order") or _order_refs(text, state)
    if is_change(topic) and not state.is_agent and state.verified:
        return Intent("change", topic=topic, order_ids=orders, items=_bought(text, state))
    return Intent("handoff", topic=topic, order_ids=orders)


def _classify(text: str, state: ConversationState, notes: list[str]) -> Intent:
    agent = state.is_agent
    if cues.BOT_IDENTITY.search(text):
        return Intent("bot_identity")
    topic = cues.handoff_topic(text, agent=agent)
    if topic and not policy.staff_listing(topic, text, state):
        return _handoff(topic, text, state)
    if cues.OUT_OF_SCOPE.search(text):
        return Intent("out_of_scope")
    if kind := _small_talk(text):
        return Intent(kind)
    if cues.HELP.search(text) and not slots.content_words(_strip(text, cues.HELP)):
        return Intent("help")
    customers = state.find(text, "customer") if agent else []
    finds = agent and (
        cues.FIND_CUSTOMER.search(state.masked(text, "customer")) or slots.person_name(text)
    )
    if finds and not state.find(text, "order"):
        if not (customers and cues.ORDERS_OF.search(text)):
            return _staff_intent("find_customer", text, state)
    named = state.find(text, "product") or state.find(text, "order") or customers
    if agent and not named and slots.report_filters(text) and not cues.ORDERS_OF.search(text):
        return _staff_intent("catalog_report", text, state)
    if request := _order_intent(text, state, notes, _order_ellipsis(text, state)):
        return request
    if not agent and (slots.email(text) or slots.zip_code(state.masked(text, *ID_KINDS))):
        return _with_pending(Intent("verify"), text, state)
    if not agent and _awaiting_zip(text, state):
        return _with_pending(Intent("verify"), text, state)
    suspicious = bool({"injection", "identity_claim", "other_customer"} & set(notes))
    if (product := _product_intent(text, state, suspicious)) is not None:
        return product
    if suspicious:
        return Intent("refuse")
    return Intent("clarify")


def _awaiting_zip(text: str, state: ConversationState) -> bool:
    """A bare number or email sent while an order question waits for verification, or a
    postal code tried again after a failed verification ("sorry, 83477")."""
    pending, _, _ = pending_order(state)
    if pending is not None and bool(_zip(text, state) or slots.email(text)):
        return True
    code = slots.zip_code(state.masked(text, *ID_KINDS), bare=True)
    if code and any(r.name == "verify_customer" for r in state.turn):
        return True  # this message was already taken as verification this turn
    return bool(code and state.verify_failures and not state.verified and not state.locked)


def _with_pending(intent: Intent, text: str, state: ConversationState) -> Intent:
    """Credentials from this message (and earlier ones), continuing a waiting order question."""
    pending, email, zip_code = pending_order(state)
    target = pending if pending is not None else intent
    target.email = slots.email(text) or email
    target.zip = _zip(text, state) or zip_code
    return target


def _order_intent(
    text: str, state: ConversationState, notes: list[str], label: str | None = None
) -> Intent | None:
    if (refs := _order_refs(text, state)) and not state.find(text, "product"):
        intent = Intent("order", order_ids=refs)
    elif (intent := order_request(text, state, label)) is None:
        if "all_orders" in notes:
            intent = Intent("orders")
        elif state.focus_order and cues.ORDER_FOLLOWUP.search(text):
            intent = Intent("order", order_ids=[state.focus_order])
        else:
            return None
    if state.is_agent:
        return intent
    intent.customer_id = None
    intent.email, intent.zip = slots.email(text), _zip(text, state)
    if not (intent.email and intent.zip):
        _, email, zip_code = pending_order(state)
        intent.email, intent.zip = intent.email or email, intent.zip or zip_code
    return intent


def _product_intent(
    text: str, state: ConversationState, suspicious: bool, label: str | None = None
) -> Intent | None:
    """Compare, reviews, recommend, details, refine or search; None when nothing fits.

    With the classifier's `label` the intent is that one, filled in from the text (a search
    when it names nothing to act on); without, the rule cues decide. A message that carried an
    injection or identity claim searches only when it plainly asks to.
    """
    customers = state.find(text, "customer") if state.is_agent else []
    if customers and (cues.RECOMMEND.search(text) or cues.SIMILAR.search(text)):
        return Intent("recommend", topic="personal", customer_id=customers[0])
    r = read(text, state)
    if len(r.named) >= 2 and cues.CHOICE.search(text) and not cues.REVIEWS.search(text):
        return Intent("compare", products=[{"product_id": i} for i in r.named[:4]], aspect=r.aspect)
    if (picked := list_pick(r, state)) is not None:
        return _about_picked(r, picked, state)
    if (again := same_question(r, state)) is not None:
        return again
    if slots.superlative(r.text) == "in_stock" and state.last_search is not None:
        return _refine(r)  # "the one that's in stock" when several are: those in stock
    if (about := focus_attributes(r, state) or list_attributes(r, state)) is not None:
        return about
    if (variant := focus_variant(r, state)) is not None:
        return variant
    if (question := focus_question(r, state) or named_question(r, state)) is not None:
        return question
    beyond = comparatives(text) or slots.price_direction(text)  # "cheaper alternatives"
    if cues.SIMILAR.search(text) and (r.has_ref or _pronoun_ref(text, state)) and not beyond:
        if recommended := _recommend(r, state):
            return recommended  # "nice, show me more like this one"
    if label is not None:
        return _labelled(label, r, state, suspicious)
    if state.last_search is not None and not r.content and beyond and not cues.REVIEWS.search(text):
        return _refine(r)  # "cheaper alternatives to that?": beyond what was shown
    if cues.REVIEWS.search(text) and len(r.named) > 1:
        return _reviews(r, state)  # "reviews for the gearshift vs the autovance"
    if cues.COMPARE.search(text):
        return _details(r, state) if _one_singled_out(r, state) else _compare(r, state)
    if cues.WHICH_ONE.search(text) and not cues.REVIEWS.search(text) and _one_singled_out(r, state):
        return _details(r, state)  # "ok which of them is the leather one": a pick, no opinion
    if cues.REVIEWS.search(text) or (
        r.aspect
        and r.ask is None
        and cues.ASPECT_QUESTION.search(text)
        and (r.has_ref or _pronoun_ref(text, state))
    ):
        return _reviews(r, state)
    if recommended := _recommend(r, state):
        return recommended
    if r.has_ref or (cues.DETAILS.search(text) and _pronoun_ref(text, state)):
        return _details(r, state)
    if state.last_search is not None and cues.is_refinement(text, r.content, r.colour):
        return _refine(r)
    if _elliptical(r, state):
        return _refine(r, narrow=True)
    if search := _search(r, state, suspicious):
        return search
    if cues.DETAILS.search(text) and state.products:
        return Intent("details", products=referenced(text, state)[:1])
    return None


def _labelled(label: str, r: Reading, state: ConversationState, suspicious: bool) -> Intent | None:
    """The product intent the classifier read, or a search when there is nothing to act on."""
    referent = r.has_ref or _pronoun_ref(r.text, state) or bool(state.focus)
    single = _one_singled_out(r, state)
    if label == "compare" and single:
        return _details(r, state)  # "the walnut one - single or dual motor?": a question of it
    if label == "compare" and not (cues.ONES.search(r.text) and r.content and state.last_search):
        return _compare(r, state)  # ("which of these come with a room sensor": those only)
    if label == "reviews" and (referent or r.content or r.named):
        return _reviews(r, state)
    if label == "recommend" and (recommended := _recommend(r, state)):
        return recommended
    if state.last_search is not None and not r.content and comparatives(r.text):
        return _refine(r)  # "a bigger one?": the last search, beyond what was shown
    if label == "product_info" and r.named and not r.has_ref:
        return _details(r, state)
    if label == "product_info" and referent and not (r.content and not r.has_ref and r.ask is None):
        return _details(r, state)
    if (r.colour or r.size) and single:
        return _details(r, state)  # "the trailhawk ones in orange, size 11?": its option
    bare = not r.content  # only constraints ("under $630"): they adjust the last search
    if (
        label in ("refine", "search")
        and state.last_search is not None
        and (label == "refine" or bare)
    ):
        return _refine(r, narrow=bool(r.content))  # "which are ipx7": only those
    by_words = single and not state.find(r.text, "product")
    if r.has_ref and (label != "search" or by_words):
        return _details(r, state)  # ("the full grain leather pair, how much": that product)
    if _elliptical(r, state):
        return _refine(r, narrow=True)
    if state.last_search is not None and not r.content and cues.IN_STOCK.search(r.text):
        return _refine(r)  # "in stock?" after a list: those of its products in stock
    return _search(r, state, suspicious)


def _compare(r: Reading, state: ConversationState) -> Intent:
    if cues.BOTH.search(r.text) and len(state.focused) >= 2 and not state.find(r.text, "product"):
        return Intent("compare", products=state.focused[-2:], aspect=r.aspect)  # "the cheapest",
        # "and the priciest?", "compare those two"
    products = referenced(r.text, state, bare_pairs=True, default_first=False)
    focus = state.focus if state.focus and state.focus.get("product_id") else None
    if len(products) == 1 and focus and cues.PRONOUN.search(r.text):
        products = [focus, *products] if focus is not products[0] else products
    alike = state.ids.names.alike(r.text) if cues.BOTH.search(r.text) else []
    if len(products) < 2 and alike:  # "the difference between the two trailpup dog beds"
        products = [{"product_id": i} for i in alike]
    if len(products) < 2 and not state.find(r.text, "product"):
        products = _compare_default(r.text, state)
    return Intent("compare", products=products[:4], aspect=r.aspect)


def _reviews(r: Reading, state: ConversationState) -> Intent:
    content = state.ids.sold_words(r.content)  # "what are reviewers saying": nothing to find
    products = referenced(r.text, state, default_first=not content)
    several = len(r.named) > 1 and [p.get("product_id") for p in products[:2]] == r.named[:2]
    chosen = products[:2] if several else products[:1]  # two products named: each one's reviews
    return Intent("reviews", products=chosen, aspect=r.aspect, query=" ".join(content))


def _recommend(r: Reading, state: ConversationState) -> Intent | None:
    if cues.SIMILAR.search(r.text) or cues.COMPLEMENT.search(r.text):
        products = referenced(r.text, state)
        if products:
            topic = "similar" if cues.SIMILAR.search(r.text) else "complement"
            return Intent("recommend", products=products[:1], topic=topic)
    if cues.RECOMMEND.search(r.text) and (not r.content or cues.FOR_ME.search(r.text)):
        return Intent("recommend", topic="personal")
    return None


def _details(r: Reading, state: ConversationState) -> Intent:
    products = referenced(r.text, state)
    notes = ["purchase"] if cues.BUY.search(r.text) else []
    if len(products) == 1:
        return replace(_about_picked(r, products[0], state), notes=notes)
    return Intent(
        "details", products=products[:3], colour=r.colour, size=r.size, ask=r.ask, notes=notes
    )


def _about_picked(r: Reading, product: dict[str, Any], state: ConversationState) -> Intent:
    """What is asked of the one product a message singles out: a colour that picked it ("is
    the black one in stock", "the teal one") is not asked again; the words left once those that
    picked it are gone (only it has them, or they pick: "walnut", "cheapest") are a question
    about it ("the cheaper one's field of view?", "does the drivex one have a warranty")."""
    colour, ask = r.colour, r.ask
    picking = colour and re.search(rf"\bthe {re.escape(colour)} ones?\b", r.text, re.I)
    if picking and colour.lower() in having_words(product):
        colour, ask = None, cues.detail_question(r.text.replace(colour, " "), None, r.size)
    attributes = {str(k): v for k, v in (product.get("attributes") or {}).items()}
    picking = picking_words(product, state)  # what only it has
    said = slots.superlative_words(r.text) | {
        w for c in comparatives(r.text) for w in c.word.split()
    }
    rest = [  # not the words that picked it ("walnut", "cheapest", "top rated")
        w for w in r.content
        if w.rstrip("s") not in picking and w not in said and slots.superlative(w) is None
    ]  # fmt: skip
    keys = _measured_keys(r.text, product, state) if ask is None and not colour else []
    if keys:  # "the one that runs longer between charges?": the whole clause picked it; the
        # words of the other clauses are the question ("the lighter one, is it down?")
        rest = [w for w in r.content if w not in _clause_words(r.text, said)]
    question = bool(
        cues.ASPECT_QUESTION.search(r.text)
        or slots.asked_attributes(rest, attributes)
        or (keys and rest and cues.IT.search(r.text))
        or _asked_in_a_clause(r.text, set(rest))  # "the brightmill one, is there a warranty"
    )
    if ask is None and not colour and rest and question:  # "does the drivex one have a warranty"
        return Intent("details", products=[product], size=r.size, ask="attributes", asked=rest)
    if keys:
        return Intent("details", products=[product], ask="measured", asked=keys)
    return Intent("details", products=[product], colour=colour, size=r.size, ask=ask)


_CLAUSE_END = re.compile(r"[,;?!]|\s-\s|\band\b|\bbut\b|\balso\b", re.I)


def _clause_words(text: str, words: set[str]) -> set[str]:
    """The words of the clauses of the text that have one of these words."""
    clauses = [set(slots.words(c)) for c in _CLAUSE_END.split(text)]
    return set().union(*(c for c in clauses if c & words))


def _asked_in_a_clause(text: str, words: set[str]) -> bool:
    """True when a clause of the text with one of these words is a question ("…, is there a
    warranty on that")."""
    return any(
        cues.QUESTION.search(c.strip()) and set(slots.words(c)) & words
        for c in _CLAUSE_END.split(text)
    )


def _measured_keys(text: str, product: dict[str, Any], state: ConversationState) -> list[str]:
    """The product's attributes that state the measure the text picked it by ("the bigger
    one": size 5 oz), if a measure picked it."""
    measured = measured_pick(text, state)
    if measured is None or measured[0].get("product_id") != product.get("product_id"):
        return []
    return attributes_measuring(product, (measured[1],))


def _one_singled_out(r: Reading, state: ConversationState) -> bool:
    """True when a "which one" or "the … one" message names one listed product ("which one
    does 2k", "the walnut one - single or dual motor?") and asks for no comparison outright."""
    if not r.has_ref or cues.COMPARE_WORD.search(r.text):
        return False
    return len(referenced(r.text, state, default_first=False)) == 1


def _refine(r: Reading, *, narrow: bool = False) -> Intent:
    notes = [*_refine_notes(r.text), *(["narrow"] if narrow else [])]
    return Intent("refine", query=" ".join(r.content), colour=r.colour, notes=notes)


def _search(r: Reading, state: ConversationState, suspicious: bool) -> Intent | None:
    if (r.content or slots.price_filters(r.text).model_dump(exclude_none=True)) and (
        not suspicious or cues.asks_to_shop(r.text)
    ):
        notes = ["purchase"] if cues.BUY.search(r.text) else []
        query = cues.clean_query(r.text)
        if kind := _kind_of_focus(r, state):  # "show me other long ones" after a hose
            query = " ".join([*r.content, kind.split(" > ")[-1]])
        return Intent("search", query=query, notes=notes)
    return None


def _kind_of_focus(r: Reading, state: ConversationState) -> str | None:
    """The kind of the product in focus, when a message asks for other ones of it and names
    no kind of its own ("if not show me other long ones")."""
    focus = state.focus or {}
    if not focus.get("title") or state.last_shown == "products" and state.last_search:
        return None  # (after a list, a request without a kind narrows that list)
    if not cues.OTHER_ONES.search(r.text):
        return None
    if state.kind_of(r.text) or state.category_of(r.text):
        return None
    return state.kind_of(str(focus["title"]))


def _elliptical(r: Reading, state: ConversationState) -> bool:
    """A request that leaves the kind of product out ("one with a built-in grinder", "for
    women", "a multipack") right after a search's list was shown: it narrows that search."""
    base = state.last_search
    if base is None or state.last_shown != "products" or not state.products or r.named:
        return False
    if not r.content or state.category_of(r.text):
        return False
    short = state.categories is not None and len(r.content) <= 2  # and no category named
    return bool(cues.ELLIPSIS.search(r.text)) or short


def _pronoun_ref(text: str, state: ConversationState) -> bool:
    return bool(cues.PRONOUN.search(text) and (state.focus or state.products))


def _compare_default(text: str, state: ConversationState) -> list[dict[str, Any]]:
    """What "which is better" compares: the last comparison, else the top of the last list."""
    products = state.products
    if cues.PRONOUN_MANY.search(text) and len(products) > 2:
        return products[:3]
    if state.list_tool == "compare_products":
        return products[:4]
    return products[:2]


def _refine_notes(text: str) -> list[str]:
    notes = []
    if cues.MORE_RESULTS.search(text):
        notes.append("more")
    if slots.wants_better_rated(text):
        notes.append("better_rated")
    if cues.IN_STOCK.search(text):
        notes.append("in_stock")
    return notes
