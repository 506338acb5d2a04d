"""Aspects of a product that reviews talk about, found by a synonym lexicon, with polarity.

Review text is split into sentences and, at contrast words ("but", "however", ";"), into
clauses; each clause that names an aspect is classified, so "great sound but the battery
died" is praise for sound and a complaint about the battery.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from retrieval.sentiment_lexicon import sentence_spans

if TYPE_CHECKING:
    from retrieval.sentiment import Sentiment, SentimentClassifier

Polarity = Literal["praise", "neutral", "complaint"]

ASPECTS: dict[str, tuple[str, ...]] = {
    "battery": (
        "battery", "batteries", "battery life", "charge", "charges", "charging", "charger",
        "recharge", "rechargeable", "runtime", "run time",
    ),
    "sound": (
        "sound", "sounds", "audio", "bass", "treble", "volume", "speaker", "speakers",
        "sound quality", "microphone", "mic", "earpiece",
    ),
    "fit": (
        "fit", "fits", "fitting", "fitted", "sizing", "size", "sizes", "true to size",
        "runs small", "runs large", "runs big", "too small", "too big", "too large",
        "too tight", "too loose", "snug",
    ),
    "comfort": (
        "comfort", "comfortable", "comfy", "uncomfortable", "cushioning", "cushioned",
        "padding", "padded", "soft", "itchy", "chafe", "chafes", "pinch", "pinches",
    ),
    "noise": (
        "noise", "noisy", "loud", "quiet", "quieter", "quietly", "silent", "silently",
        "whisper", "rattle", "rattles", "rattling", "hum", "humming", "buzz", "buzzing",
    ),
    "assembly": (
        "assembly", "assemble", "assembled", "assembling", "set up", "setup", "install",
        "installation", "installed", "put together", "putting together",
    ),
    "instructions": ("instructions", "instruction", "manual", "directions", "user guide"),
    "durability": (
        "durability", "durable", "lasted", "lasts", "long lasting", "long-lasting",
        "broke", "broken", "breaks", "fell apart", "falls apart", "wore out", "wear out",
        "worn out", "stopped working", "quit working", "died",
    ),
    "quality": (
        "quality", "build quality", "build", "well made", "well-made", "sturdy",
        "cheaply made", "poorly made", "craftsmanship", "construction", "flimsy", "solid",
        "feels cheap",
    ),
    "material": ("material", "materials", "fabric", "leather", "cotton", "stitching", "seams"),
    "value": (
        "value", "price", "priced", "pricey", "worth", "worth it", "money", "cost", "costs",
        "expensive", "overpriced", "bargain", "affordable", "deal", "cheap",
    ),
    "shipping": (
        "shipping", "shipped", "delivery", "delivered", "arrived", "arrival", "courier",
        "on time", "late",
    ),
    "packaging": ("packaging", "package", "packaged", "packed", "wrapping"),
    "customer service": (
        "customer service", "customer support", "support team", "seller", "warranty",
        "refund", "replacement", "return policy",
    ),
    "ease of use": (
        "ease of use", "easy to use", "hard to use", "difficult to use", "simple to use",
        "user friendly", "user-friendly", "intuitive", "controls", "buttons", "app",
        "interface", "complicated",
    ),
    "taste": ("taste", "tastes", "tasted", "flavor", "flavors", "flavour", "flavours"),
    "smell": ("smell", "smells", "scent", "scents", "odor", "odour", "fragrance", "stinks"),
    "screen": ("screen", "display", "brightness", "resolution", "touchscreen", "touch screen"),
    "weight": ("weight", "heavy", "lightweight", "weighs", "light weight"),
    "design": ("design", "designed", "look", "looks", "style", "stylish", "color", "colour",
               "appearance"),
    "cleaning": ("cleaning", "clean", "cleans", "wash", "washing", "washable",
                 "dishwasher safe"),
    "performance": ("performance", "performs", "power", "powerful", "speed", "suction"),
    "grip": ("grip", "traction", "slippery", "non-slip"),
    "connectivity": (
        "bluetooth", "wifi", "wi-fi", "connection", "connects", "pairing", "paired",
        "connectivity", "signal", "reception",
    ),
}  # fmt: skip
# Names people ask about that are spelled differently from the aspect they mean.
_ALIASES = {"price/value": "value", "delivery": "shipping", "support": "customer service"}

_ASPECT_OF = {word: name for name, words in ASPECTS.items() for word in words}
_ASPECT_OF.update({name: name for name in ASPECTS})
_MENTION = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_ASPECT_OF, key=len, reverse=True)) + r")\b",
    re.I,
)
_CONTRAST = re.compile(r",?\s*\b(?:but|however|although|though|whereas|except)\b,?\s*", re.I)


class AspectMention(BaseModel):
    """One clause of a review that names an aspect, and whether it praises or complains."""

    aspect: str
    polarity: Polarity
    score: float
    text: str
    start: int


def resolve_aspect(name: str) -> str | None:
    """The aspect a name or synonym refers to ("sizing" → "fit"), or None if unknown."""
    key = " ".join(name.lower().replace("_", " ").split())
    return _ALIASES.get(key) or _ASPECT_OF.get(key)


def find_aspects(text: str) -> list[str]:
    """The aspects a text names, in order of first mention."""
    return list(dict.fromkeys(_ASPECT_OF[m.group(1).lower()] for m in _MENTION.finditer(text)))


def clauses(text: str) -> list[tuple[int, str]]:
    """Sentences, cut again at contrast words, as (offset, exact substring) pairs."""
    spans: list[tuple[int, str]] = []
    for begin, end in sentence_spans(text):
        bounds = [begin]
        for cut in _CONTRAST.finditer(text, begin, end):
            bounds += [cut.start(), cut.end()]
        bounds.append(end)
        for start, stop in zip(bounds[::2], bounds[1::2], strict=True):
            part = text[start:stop]
            if any(c.isalnum() for c in part):
                start += len(part) - len(part.lstrip())
                spans.append((start, part.strip()))
    return spans


def polarity(label: str) -> Polarity:
    """The polarity of a sentiment label: positive is praise, negative a complaint."""
    return "praise" if label == "positive" else ("complaint" if label == "negative" else "neutral")


def aspect_name(aspect: str) -> str:
    """The lexicon aspect a name refers to, or the name itself (lower-case) as a free term."""
    return resolve_aspect(aspect) or " ".join(aspect.lower().split())


def _namer(aspect: str | None) -> Callable[[str], list[str]]:
    """A function giving the aspects a clause names, narrowed to one aspect or free term."""
    if aspect is None:
        return find_aspects
    name = aspect_name(aspect)
    if name in ASPECTS:
        return lambda clause: [n for n in find_aspects(clause) if n == name]
    term = re.compile(r"\b" + r"\s+".join(map(re.escape, name.split())) + r"\b", re.I)
    return lambda clause: [name] if term.search(clause) else []


@dataclass(frozen=True)
class Candidate:
    """A clause of text number `index` that names aspects, before it is classified."""

    index: int
    start: int
    text: str
    aspects: list[str]


def candidates(texts: list[str], aspect: str | None = None) -> list[Candidate]:
    """The clauses of the texts that name an aspect (only `aspect`, if given)."""
    named = _namer(aspect)
    return [
        Candidate(index, offset, clause, names)
        for index, text in enumerate(texts)
        for offset, clause in clauses(text)
        if (names := named(clause))
    ]


def mentions_of(
    found: list[Candidate], sentiments: list[Sentiment], count: int
) -> list[list[AspectMention]]:
    """Classified candidates grouped per text (`count` texts)."""
    mentions: list[list[AspectMention]] = [[] for _ in range(count)]
    for candidate, sentiment in zip(found, sentiments, strict=True):
        for name in candidate.aspects:
            mentions[candidate.index].append(
                AspectMention(
                    aspect=name,
                    polarity=polarity(sentiment.label),
                    score=sentiment.score,
                    text=candidate.text,
                    start=candidate.start,
                )
            )
    return mentions


def extract_mentions(
    texts: list[str], classifier: SentimentClassifier, aspect: str | None = None
) -> list[list[AspectMention]]:
    """Aspect mentions per text (only `aspect`'s, if given), all clauses classified in one
    batch."""
    found = candidates(texts, aspect)
    return mentions_of(found, classifier.classify([c.text for c in found]), len(texts))
