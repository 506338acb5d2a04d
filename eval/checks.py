"""One check per expectation type: outcomes, not wording (tools, args, facts, grounding)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eval.results import CheckResult, ToolCallRecord
from eval.suite import Expect, ToolExpect
from retrieval.money import ShopMoney
from retrieval.shop_index import IdKind, ShopIndex

TRACKING_ID = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,}\b|\b\d{12,}\b")
STATUS = re.compile(r"\b(pending|processing|shipped|delivered|cancell?ed|returned)\b", re.I)
_CLAUSE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_STATUS_WINDOW = 80
_TOLERANCE = 0.005
_ID_FIELDS: dict[IdKind, str] = {
    "product": "product_id",
    "item": "item_id",
    "order": "order_id",
    "customer": "customer_id",
}
_REPLY_MONEY = ShopMoney()
"""Replies write amounts the same way in every shop ("€1,234.50"), whatever its locale."""
_WORDED = re.compile(r"[^\W\d_]{4,}")
"""A currency word ("100 dollars"): how shoppers write, in an example of a query, never how a
reply states a price (always a symbol or an ISO code, `retrieval.money.format_money`)."""


def _show(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_number(value: Any) -> float | None:
    if _is_number(value):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return float(value)
    return None


def value_matches(expected: Any, actual: Any) -> bool:
    """Subset match: strings ignoring case, numbers numerically, dicts and lists recursively."""
    if _is_number(expected):
        number = _as_number(actual)
        return number is not None and abs(number - float(expected)) <= 1e-9
    if isinstance(expected, str):
        return isinstance(actual, str | int | float) and str(actual).strip().casefold() == (
            expected.strip().casefold()
        )
    if isinstance(expected, dict):
        return isinstance(actual, dict) and not arg_mismatches(expected, actual)
    if isinstance(expected, list):
        return isinstance(actual, list) and all(
            any(value_matches(e, a) for a in actual) for e in expected
        )
    return expected == actual


def arg_mismatches(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """The expected arguments a call lacks or gives differently, one line each."""
    problems = []
    for key, want in expected.items():
        if key not in actual:
            problems.append(f"{key}: missing (expected {_show(want)})")
        elif not value_matches(want, actual[key]):
            problems.append(f"{key}: expected {_show(want)}, got {_show(actual[key])}")
    return problems


def _called(calls: list[ToolCallRecord]) -> str:
    return ", ".join(f"{c.name}({_show(c.args)})" for c in calls) or "no tools"


def check_tools(expected: list[ToolExpect], calls: list[ToolCallRecord]) -> CheckResult:
    """Each expected tool was called at least once with matching arguments."""
    problems = []
    for want in expected:
        same = [c for c in calls if c.name == want.name]
        if not same:
            problems.append(f"{want.name} not called")
            continue
        misses = [arg_mismatches(want.args, c.args) for c in same]
        if all(misses):
            problems.append(f"{want.name} args differ: {'; '.join(min(misses, key=len))}")
    detail = "; ".join(problems) + f" (called: {_called(calls)})" if problems else _called(calls)
    return CheckResult(name="tools", passed=not problems, detail=detail)


def check_no_tools(forbidden: list[str], calls: list[ToolCallRecord]) -> CheckResult:
    """None of the forbidden tools was called."""
    extra = sorted({c.name for c in calls} & set(forbidden))
    detail = f"forbidden tool(s) called: {', '.join(extra)}" if extra else "none called"
    return CheckResult(name="no_tools", passed=not extra, detail=detail)


def _contains(reply: str, needle: str) -> bool:
    return needle.casefold() in reply.casefold()


def check_reply_contains(needles: list[str], reply: str) -> CheckResult:
    """The reply contains every needle (case-insensitive)."""
    missing = [n for n in needles if not _contains(reply, n)]
    detail = f"missing: {_show(missing)}" if missing else "all present"
    return CheckResult(name="reply_contains", passed=not missing, detail=detail)


def check_reply_contains_any(needles: list[str], reply: str) -> CheckResult:
    """The reply contains at least one needle (case-insensitive)."""
    found = [n for n in needles if _contains(reply, n)]
    detail = f"found {_show(found[0])}" if found else f"none of {_show(needles)} in the reply"
    return CheckResult(name="reply_contains_any", passed=bool(found), detail=detail)


def check_reply_not_contains(needles: list[str], reply: str) -> CheckResult:
    """The reply contains none of the needles (case-insensitive)."""
    present = [n for n in needles if _contains(reply, n)]
    detail = f"present: {_show(present)}" if present else "none present"
    return CheckResult(name="reply_not_contains", passed=not present, detail=detail)


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) or "nothing"


def check_shown(expected: list[str], products: list[str]) -> CheckResult:
    """Every expected product id is among the products the reply presents."""
    missing = [p for p in expected if p not in products]
    detail = f"not presented: {_ids(missing)} (presented: {_ids(products)})" if missing else "all"
    return CheckResult(name="shown", passed=not missing, detail=detail)


def check_shown_any(expected: list[str], products: list[str]) -> CheckResult:
    """At least one expected product id is among the products the reply presents."""
    found = [p for p in expected if p in products]
    detail = f"presented {found[0]}" if found else f"none of {_ids(expected)} presented"
    return CheckResult(name="shown_any", passed=bool(found), detail=detail)


def check_not_shown(forbidden: list[str], products: list[str]) -> CheckResult:
    """None of the forbidden product ids is among the products the reply presents."""
    present = [p for p in forbidden if p in products]
    detail = f"presented: {_ids(present)}" if present else "none presented"
    return CheckResult(name="not_shown", passed=not present, detail=detail)


@dataclass(frozen=True)
class Fact:
    """A checkable fact stated in a reply."""

    kind: str
    text: str


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _numbers(value: Any) -> Iterator[float]:
    if _is_number(value):
        yield float(value)
    elif isinstance(value, str):
        if (number := _as_number(value)) is not None:
            yield number
        yield from (a.value for a in _REPLY_MONEY.amounts(value))
    elif isinstance(value, dict | list | tuple):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _numbers(item)


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list | tuple):
        for item in value:
            yield from _dicts(item)


def _norm_status(word: str) -> str:
    return word.lower().replace("canceled", "cancelled")


def ids_of(results: list[Any]) -> ShopIndex:
    """An index of the ids the tool results carry (for checks run without the shop's index:
    ids of the same shape that the results lack still read as ids)."""
    ids: dict[IdKind, list[str]] = {kind: [] for kind in _ID_FIELDS}
    for record in _dicts(results):
        for kind, name in _ID_FIELDS.items():
            if isinstance(record.get(name), str):
                ids[kind].append(record[name])
    return ShopIndex.build(ids)


def order_statuses(reply: str, index: ShopIndex) -> list[tuple[str, str]]:
    """(order id, status) pairs: a status word in the clause right after an order id."""
    pairs = []
    matches = [m for m in index.matches(reply) if m.kind == "order"]
    for i, match in enumerate(matches):
        stop = matches[i + 1].start if i + 1 < len(matches) else len(reply)
        window = reply[match.end : min(stop, match.end + _STATUS_WINDOW)]
        if end := _CLAUSE_END.search(window):
            window = window[: end.start()]
        pairs += [(match.id, _norm_status(s)) for s in STATUS.findall(window)]
    return pairs


def ungrounded_facts(reply: str, results: list[Any], index: ShopIndex | None = None) -> list[Fact]:
    """Facts stated in the reply that none of the tool results contains; ids are recognised
    with the shop's index (any format), else with one built from the results."""
    texts = list(_strings(results))
    blob = "\n".join(texts)
    index = index or ids_of(results)
    missing: list[Fact] = []
    for match in index.matches(reply):
        fact = Fact(match.kind, match.id)
        if match.id not in blob and fact not in missing:
            missing.append(fact)
    upper = blob.upper()
    missing += [
        Fact("tracking", t) for t in dict.fromkeys(TRACKING_ID.findall(reply)) if t not in upper
    ]
    numbers = list(_numbers(results))
    amounts = {a.text: a.value for a in _REPLY_MONEY.amounts(reply) if not _WORDED.search(a.text)}
    for text, value in amounts.items():
        if not any(abs(value - n) <= _TOLERANCE for n in numbers):
            missing.append(Fact("price", text))
    orders = list(_dicts(results))
    for order_id, status in dict.fromkeys(order_statuses(reply, index)):
        facts = [d for d in orders if d.get("order_id") == order_id]
        if not any(status in {_norm_status(s) for s in _strings(d)} for d in facts):
            missing.append(Fact("status", f"{order_id} {status}"))
    return missing


def check_grounded(reply: str, results: list[Any], index: ShopIndex | None = None) -> CheckResult:
    """Every id, price, tracking id and order status in the reply comes from the tool results."""
    missing = ungrounded_facts(reply, results, index)
    detail = (
        "ungrounded: " + ", ".join(f"{f.kind} {f.text}" for f in missing)
        if missing
        else "every fact found in the tool results"
    )
    return CheckResult(name="grounded", passed=not missing, detail=detail)


def run_checks(
    expect: Expect,
    reply: str,
    calls: list[ToolCallRecord],
    products: list[str] | None = None,
    index: ShopIndex | None = None,
) -> list[CheckResult]:
    """Check a turn against its expectations (only those the suite gave); `products` are the
    ids the reply presents (the final event's `products`), `index` the shop's ids."""
    products = products or []
    checks = []
    if expect.tools:
        checks.append(check_tools(expect.tools, calls))
    if expect.no_tools:
        checks.append(check_no_tools(expect.no_tools, calls))
    if expect.reply_contains:
        checks.append(check_reply_contains(expect.reply_contains, reply))
    if expect.reply_contains_any:
        checks.append(check_reply_contains_any(expect.reply_contains_any, reply))
    if expect.reply_not_contains:
        checks.append(check_reply_not_contains(expect.reply_not_contains, reply))
    if expect.shown:
        checks.append(check_shown(expect.shown, products))
    if expect.shown_any:
        checks.append(check_shown_any(expect.shown_any, products))
    if expect.not_shown:
        checks.append(check_not_shown(expect.not_shown, products))
    if expect.grounded:
        sources = [c.result for c in calls] + [c.error for c in calls if c.error]
        checks.append(check_grounded(reply, sources, index))
    return checks
