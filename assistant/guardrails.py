"""Input guardrails: injection markers treated as data, and PII redaction for logs."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
_PHONE = re.compile(r"(?<!\w)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\w)")
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
    """Mask emails, card numbers and phone numbers."""
    text = _EMAIL.sub("[email]", text)
    text = _CARD.sub(_card, text)
    return _PHONE.sub("[phone]", text)


def looks_like_injection(text: str) -> bool:
    """True when text contains instructions aimed at the assistant rather than the shop."""
    return bool(_INJECTION.search(text or ""))


class RedactingFilter(logging.Filter):
    """A logging filter that redacts PII from every record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with PII masked."""
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def install_log_redaction() -> None:
    """Redact PII in everything the root logger's handlers write."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
