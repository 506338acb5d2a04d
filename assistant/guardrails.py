"""Input guardrails: injection markers treated as data, and PII redaction for logs."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
_SECRET_PARAM = re.compile(r"(?i)\b((?:access_)?token|session|api_key|key|password)=[^&\s\"']+")
_PHONE = re.compile(r"(?<!\w)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\w)")
_INTL_PHONE = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?![\w-])")
"""+44 20 7946 0958, +55 (11) 98765-4321, 0091 98765 43210: a country code, then digit groups."""
_NATIONAL_PHONE = re.compile(
    r"(?<![\w+-])(?:\(0?\d{2,4}\)|0\d{1,4})(?:[ .-]?\d{2,5}){2,4}(?![\w-])"
)
"""(11) 98765-4321, 020 7946 0958, 06 12 34 56 78: a trunk "0" or an area code in brackets."""
_POSTAL_CODES = (
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"),  # UK: SW1A 1AA
    re.compile(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b"),  # Canada: H2X 1Y4
    re.compile(r"(?<![\w-])\d{5}-\d{3}(?![\w-])"),  # Brazil: 01310-100
)
_NAMED_POSTAL = re.compile(
    r"\b(zip(?: ?code)?|cep|plz|pin(?: ?code)?|post ?code|postal code)(\s*(?:is|:|#)?\s*)"
    r"(?=[a-z]*\d)[a-z0-9]{2,8}(?:[ -](?=[a-z]*\d)[a-z0-9]{2,4})?\b",
    re.I,
)
"""Any code the text names as one: "zip 15265", "CEP: 04571-120", "postcode is 38410"."""
_ZIP_PLUS_4 = re.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:previous|prior|above|earlier) (?:instructions|rules|prompts?)"
    r"|disregard (?:the |all )?(?:previous|above|system)|you are now|new instructions?:"
    r"|system prompt|developer mode|act as (?:an? )?(?:admin|administrator|developer)"
    r"|reveal (?:your|the) (?:prompt|instructions)|list (?:all|every) (?:customers?|orders?)",
    re.I,
)


def _luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[card]" if 13 <= len(digits) <= 19 and _luhn_ok(digits) else match.group(0)


def redact(text: str) -> str:
    """Mask signed tokens and keys in URLs, emails, card numbers, phone numbers (any country)
    and postal codes."""
    text = _SECRET_PARAM.sub(r"\1=[secret]", text)
    text = _EMAIL.sub("[email]", text)
    text = _CARD.sub(_card, text)
    text = _INTL_PHONE.sub("[phone]", text)
    text = _NAMED_POSTAL.sub(r"\1\2[postal]", text)
    for postal in _POSTAL_CODES:
        text = postal.sub("[postal]", text)
    for phone in (_PHONE, _NATIONAL_PHONE):
        text = phone.sub("[phone]", text)
    return _ZIP_PLUS_4.sub("[postal]", text)


def looks_like_injection(text: str) -> bool:
    """True when text contains instructions aimed at the assistant rather than the shop."""
    return bool(_INJECTION.search(text or ""))


class RedactingFilter(logging.Filter):
    """A logging filter that redacts PII from every record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with PII masked (an access log's arguments one by one,
        as its formatter reads them as a tuple)."""
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
            record.msg = redact(str(record.msg))
        else:
            record.msg = redact(record.getMessage())
            record.args = ()
        return True


def redacting_log_config(base: dict[str, Any]) -> dict[str, Any]:
    """A logging dictConfig (e.g. uvicorn's) whose every handler redacts, access log included."""
    config = copy.deepcopy(base)
    config.setdefault("filters", {})["redact"] = {"()": RedactingFilter}
    for handler in config.get("handlers", {}).values():
        handler["filters"] = [*handler.get("filters", []), "redact"]
    return config


def install_log_redaction() -> None:
    """Redact PII in everything the root logger's handlers write."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
