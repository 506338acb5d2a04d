"""The conversation state: identity from the runtime, the rest derived from the messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from assistant.planner.steps import Pending
from assistant.planner.understand.intent_model import IntentPrediction
from retrieval.shop_index import IdKind, ShopIndex

Role = Literal["visitor", "customer", "agent"]
LIST_TOOLS = ("search_products", "recommend_products", "compare_products")
ORDER_TOOLS = ("get_order", "list_orders")


@dataclass(frozen=True)
class PlannerContext:
    """What the runtime tells the planner, never read from any text: who is talking (from the
    session) and the shop's ids (so they are recognised whatever their format)."""

    role: Role = "visitor"
    customer_id: str | None = None
    ids: ShopIndex = field(default_factory=ShopIndex)
    verify_with: tuple[str, ...] = ("email",)
    """What the shop accepts with the postal code: "email", "order" (an order id) or both."""
    predict: Callable[[str], IntentPrediction] | None = None
    """The intent classifier (memoised per text); None reads intents by the rules alone."""
    category: Callable[[str], str | None] | None = None
    """The shop's category a text names ("foam rollers"), from its catalog; None: unknown."""
    kind: Callable[[str], str | None] | None = None
    """The category a text names or its titles' type words name ("green tea"); None: unknown."""


@dataclass
class ToolRecord:
    """One tool call and what came back."""

    name: str
    args: dict[str, Any]
    ok: bool
    data: dict[str, Any] = field(default_factory=dict)
    error: str = ""


@dataclass
class PastTurn:
    """A earlier message of the user and the tool results of its turn."""

    text: str
    records: list[ToolRecord]

    def succeeded(self, *names: str) -> bool:
        """True when one of the named tools ran successfully in this turn."""
        return any(r.ok and r.name in names for r in self.records)


@dataclass
class ConversationState:
    """What the conversation has established before the current message, and this turn so far."""

    role: Role | None = None
    customer_id: str | None = None
    ids: ShopIndex = field(default_factory=ShopIndex)
    verify_with: tuple[str, ...] = ("email",)
    classifier: Callable[[str], IntentPrediction] | None = None
    categories: Callable[[str], str | None] | None = None
    kinds: Callable[[str], str | None] | None = None
    verified: bool = False
    verify_failures: int = 0
    locked: bool = False
    products: list[dict[str, Any]] = field(default_factory=list)
    earlier: list[dict[str, Any]] = field(default_factory=list)
    """The list shown before `products` ("the little nest ones" narrowed two to one: "the other
    pack" is the one left out)."""
    list_tool: str | None = None
    last_search: dict[str, Any] | None = None
    focus: dict[str, Any] | None = None
    focused: list[dict[str, Any]] = field(default_factory=list)
    """Products singled out one at a time since the last list was shown, oldest first ("the
    cheapest", then "the priciest": "compare those two"; "the other one")."""
    orders: list[dict[str, Any]] = field(default_factory=list)
    focus_order: str | None = None
    focus_customer: str | None = None
    """The one customer a support agent last looked up ("show her orders")."""
    last_shown: Literal["products", "orders"] | None = None
    pending: Pending | None = None
    """The question the last reply asked, if a short answer to it settles what to do."""
    history: list[PastTurn] = field(default_factory=list)
    message: str = ""
    turn: list[ToolRecord] = field(default_factory=list)

    @property
    def is_agent(self) -> bool:
        """A support agent's console conversation."""
        return self.role == "agent"

    def turn_ok(self, name: str) -> list[ToolRecord]:
        """This turn's successful results of one tool, oldest first."""
        return [r for r in self.turn if r.ok and r.name == name]

    def turn_failed(self, name: str) -> list[ToolRecord]:
        """This turn's failed calls of one tool, oldest first."""
        return [r for r in self.turn if not r.ok and r.name == name]

    def find(self, text: str, kind: IdKind) -> list[str]:
        """The shop's ids of one kind named in the text."""
        return self.ids.find(text, kind)

    def masked(self, text: str, *kinds: IdKind) -> str:
        """The text with ids of these kinds replaced by "<kind>_ref" (for the cue patterns)."""
        return self.ids.mask(text, kinds)

    def predict(self, text: str) -> IntentPrediction | None:
        """The classifier's reading of a message, if the planner has one."""
        return self.classifier(text) if self.classifier else None

    def category_of(self, text: str) -> str | None:
        """The shop's category the text names, if the planner knows the catalog."""
        return self.categories(text) if self.categories else None

    def kind_of(self, text: str) -> str | None:
        """The category the text names, or the one its type words name ("any green tea"), for
        telling requests apart; falls back to `category_of` when the planner has no kinds."""
        return self.kinds(text) if self.kinds else self.category_of(text)

    def verified_now(self) -> bool:
        """Verified before this turn, or by a successful verify_customer in it."""
        return self.verified or bool(self.turn_ok("verify_customer"))

    def called(self, name: str, args: dict[str, Any]) -> bool:
        """True when this exact call already ran this turn."""
        return any(r.name == name and r.args == args for r in self.turn)


def text_of(message: BaseMessage) -> str:
    """The plain text of a message, whatever the content format."""
    content = message.content
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and isinstance(block.get("text"), str):
            parts.append(block["text"])
    return "".join(parts)


def _record(message: ToolMessage, calls: dict[str, tuple[str, dict[str, Any]]]) -> ToolRecord:
    name, args = calls.get(message.tool_call_id, (message.name or "", {}))
    text = text_of(message)
    if message.status == "error":
        return ToolRecord(name=name or message.name or "", args=args, ok=False, error=text)
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        data = None
    if not isinstance(data, dict):
        return ToolRecord(name=name, args=args, ok=False, error=text)
    return ToolRecord(name=name, args=args, ok=True, data=data)


def fold(state: ConversationState, record: ToolRecord) -> None:
    """Fold one tool result into the state, the way it changes what the user has seen."""
    data = record.data
    if record.name == "verify_customer":
        if record.ok:
            state.verified, state.verify_failures = True, 0
            state.customer_id = str(data.get("customer_id") or "") or state.customer_id
        else:
            state.verify_failures += 1
            state.locked = state.locked or "too many" in record.error.lower()
        return
    if not record.ok:
        return
    if record.name in LIST_TOOLS:
        products = [
            _with_attributes(p, data) for p in data.get("products") or [] if isinstance(p, dict)
        ]
        if products:
            state.earlier = state.products
            state.products, state.list_tool, state.last_shown = products, record.name, "products"
            state.focus = products[0] if len(products) == 1 else None
            state.focused = [state.focus] if state.focus else []
        if record.name == "search_products":
            query = str(data.get("query") or record.args.get("query") or "")
            state.last_search = {
                "query": _listed_words(query, data),
                "filters": dict(data.get("filters") or {}),
                "k": record.args.get("k"),
            }
        if record.name == "recommend_products" and data.get("basis_kind") == "product":
            state.focus = next(
                (p for p in state.products if p.get("product_id") == data.get("basis")),
                {"product_id": data.get("basis")},
            )
    elif record.name in ("get_product", "review_summary") and data.get("product_id"):
        state.focus = data
        state.focused = [
            *(p for p in state.focused if p.get("product_id") != data["product_id"]),
            data,
        ]
        if record.name == "get_product" and not state.products:
            state.products, state.last_shown = [data], "products"
    elif record.name == "find_customer":
        found = [c for c in data.get("customers") or [] if isinstance(c, dict)]
        state.focus_customer = str(found[0].get("customer_id")) if len(found) == 1 else None
    elif record.name == "list_orders":
        state.focus_customer = str(data.get("customer_id") or "") or state.focus_customer
        state.orders = [o for o in data.get("orders") or [] if isinstance(o, dict)]
        state.last_shown = "orders"
        state.focus_order = state.orders[0].get("order_id") if len(state.orders) == 1 else None
    elif record.name == "get_order":
        state.focus_order, state.last_shown = data.get("order_id"), "orders"


def _with_attributes(product: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A listed product with its attributes; a comparison gives them per attribute, so they
    are gathered back per product ("the cheaper one's field of view?" after a comparison)."""
    if "attributes" in product or not isinstance(data.get("attributes"), dict):
        return product
    pid = product.get("product_id")
    attributes = {
        str(key): values[pid]
        for key, values in data["attributes"].items()
        if isinstance(values, dict) and values.get(pid) not in (None, "—")
    }
    return {**product, "attributes": attributes}


def _listed_words(query: str, data: dict[str, Any]) -> str:
    """The query less the words the search reported no product lists ("brooks", "hood"), so a
    later refinement does not carry them on."""
    unlisted = {
        word
        for note in data.get("not_applied") or []
        if isinstance(note, dict) and note.get("reason") == "not_listed"
        for word in str(note.get("constraint") or "").lower().split()
    }
    return " ".join(w for w in query.split() if w.lower() not in unlisted)


def _pending(message: AIMessage) -> Pending | None:
    """The question a stored reply asked (its typed `pending` field), if any."""
    value = message.additional_kwargs.get("pending")
    if not isinstance(value, dict) or value.get("kind") not in ("handoff", "change"):
        return None
    return Pending(kind=value["kind"], topic=str(value.get("topic") or "human"))


def derive_state(
    messages: list[BaseMessage], context: PlannerContext | None = None
) -> ConversationState:
    """The state of the conversation: identity from the context, lists shown from the messages."""
    context = context or PlannerContext()
    state = ConversationState(
        role=context.role,
        customer_id=context.customer_id,
        ids=context.ids,
        verify_with=context.verify_with,
        classifier=context.predict,
        categories=context.category,
        kinds=context.kind,
    )
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    last_human = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    current: PastTurn | None = None
    for index, message in enumerate(messages):
        if isinstance(message, HumanMessage):
            if index == last_human:
                state.message = text_of(message)
                current = None
            else:
                current = PastTurn(text=text_of(message), records=[])
                state.history.append(current)
        elif isinstance(message, AIMessage):
            if index < last_human and not message.tool_calls:
                state.pending = _pending(message)
            for call in message.tool_calls:
                calls[call.get("id") or ""] = (call["name"], dict(call.get("args") or {}))
        elif isinstance(message, ToolMessage):
            record = _record(message, calls)
            if index > last_human:
                state.turn.append(record)
            else:
                if current is not None:
                    current.records.append(record)
                fold(state, record)
    if state.role == "customer" and state.customer_id:
        state.verified = True
    return state
