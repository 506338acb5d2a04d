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
# A single clause scores closer to zero than a whole review, so mentions take the sign of the
# score with this small dead zone rather than the classifier's review-level neutral margin
# (on the demo shop's praise and complaint phrases: ~80% right, ~12% neutral).
MENTION_MARGIN = 0.05

ASPECTS: dict[str, tuple[str, ...]] = {
    "battery": (
        "battery", "batteries", "battery life", "charge", "charges", "charging", "charger",
        "recharge", "rechargeable", "runtime", "run time",
    ),
    "sound": (
        "sound", "sounds", "audio", "bass", "treble", "volume", "speaker", "speakers",
        "sound quality", "vocals", "earpiece",
    ),
    "noise cancelling": (
        "noise cancelling", "noise canceling", "noise-cancelling", "noise-canceling", "anc",
    ),
    "microphone": ("microphone", "mic", "mics"),
    "fit": (
        "fit", "fits", "fitting", "fitted", "sizing", "true to size", "runs small",
        "runs large", "runs big", "too tight", "too loose", "snug", "baggy", "size up",
        "size down", "size chart",
    ),
    "size": (
        "size", "sizes", "too small", "too big", "too large", "dimensions", "compact",
        "bulky", "takes up",
    ),
    "comfort": (
        "comfort", "comfortable", "comfy", "uncomfortable", "cushioning", "cushioned",
        "padding", "padded", "itchy", "chafe", "chafes", "pinch", "pinches",
    ),
    "arch support": ("arch support", "supportive", "lack of support"),
    "noise": (
        "noise", "noisy", "loud", "louder", "quiet", "quieter", "quietly", "silent",
        "silently", "whisper", "rattle", "rattles", "rattling", "hum", "hums", "humming",
        "buzz", "buzzing", "racket",
    ),
    "assembly": (
        "assembly", "assemble", "assembled", "assembling", "set up", "setup", "setting it up",
        "install", "installation", "installed", "installing", "put together",
        "putting together",
    ),
    "instructions": ("instructions", "instruction", "manual", "directions", "user guide"),
    "durability": (
        "durability", "durable", "lasted", "lasts", "long lasting", "long-lasting",
        "broke", "broken", "breaks", "fell apart", "falls apart", "wore out", "wear out",
        "worn out", "signs of wear", "held up", "holding up", "holds up", "built to last",
        "stopped working", "quit working", "died", "going strong", "like new", "showing wear",
    ),
    "quality": (
        "quality", "build quality", "build", "well made", "well-made", "cheaply made",
        "poorly made", "craftsmanship", "construction", "flimsy", "solid", "sturdy",
        "feels cheap", "quality control",
    ),
    "material": (
        "material", "materials", "fabric", "leather", "cotton", "stitching", "seams", "pilled",
        "pilling", "fading",
    ),
    "value": (
        "value", "price", "priced", "pricey", "worth", "worth it", "money", "cost", "costs",
        "expensive", "overpriced", "bargain", "affordable", "deal", "cheap", "cheaper", "steal",
        "paid",
    ),
    "shipping": (
        "shipping", "shipped", "delivery", "delivered", "arrived", "arrival", "courier",
        "tracking", "on time", "late", "showed up",
    ),
    "packaging": ("packaging", "package", "packaged", "packed", "boxed", "wrapping"),
    "customer service": (
        "customer service", "customer support", "support team", "seller", "warranty",
        "refund", "replacement", "return policy", "on hold", "support",
    ),
    "ease of use": (
        "ease of use", "easy to use", "hard to use", "difficult to use", "simple to use",
        "complicated to use", "user friendly", "user-friendly", "intuitive", "controls",
        "buttons", "interface", "settings",
    ),
    "app": ("app", "apps", "companion app"),
    "taste": ("taste", "tastes", "tasted", "flavor", "flavors", "flavour", "flavours",
              "aftertaste"),
    "freshness": ("fresh", "freshness", "stale", "expiration date"),
    "smell": ("smell", "smells", "scent", "scents", "odor", "odour", "fragrance", "stinks"),
    "texture": ("texture", "greasy", "clumps", "clumpy", "residue"),
    "screen": ("screen", "display", "resolution", "touchscreen", "touch screen",
               "dead pixels"),
    "brightness": ("brightness", "bright", "dim", "dimmer"),
    "video": ("video", "video quality", "picture quality", "night vision"),
    "weight": ("weight", "heavy", "heavier", "lightweight", "lighter", "weighs"),
    "design": ("design", "designed", "looks", "style", "stylish", "color", "colour",
               "appearance", "finish"),
    "cleaning": ("cleaning", "clean", "cleans", "cleanup", "wash", "washing", "washable",
                 "dishwasher safe"),
    "performance": ("performance", "performs", "power", "powerful", "underpowered",
                    "suction"),
    "speed": ("speed", "slow", "slower", "takes forever"),
    "temperature": ("temperature", "thermostat", "ice cold", "heat", "heats", "heating",
                    "hot spots"),
    "capacity": ("capacity", "roomy", "plenty of room"),
    "waterproofing": ("waterproof", "waterproofing", "water resistant", "water-resistant",
                      "soaked", "downpour"),
    "leaks": ("leak", "leaks", "leaked", "leaking", "leakproof", "leak-proof"),
    "breathability": ("breathable", "breathability", "breathes", "sweaty", "clammy"),
    "warmth": ("warm", "warmth", "warmer", "toasty"),
    "accuracy": ("accuracy", "accurate", "accurately", "inaccurate", "readings"),
    "sharpness": ("sharpness", "razor sharp", "dull", "blade", "blades"),
    "nonstick": ("nonstick", "non-stick", "coating"),
    "stability": ("stability", "stable", "unstable", "wobble", "wobbles", "wobbly",
                  "tips over"),
    "thickness": ("thickness", "thick", "thin", "thinner"),
    "safety": ("safety", "safe", "unsafe"),
    "grip": ("grip", "grips", "traction", "slippery", "non-slip"),
    "connectivity": (
        "bluetooth", "wifi", "wi-fi", "connection", "connects", "pairing", "paired",
        "connectivity", "signal", "reception", "disconnects", "dropout",
    ),
    "skin": ("skin",),
    "results": ("results",),
    "sleep": ("sleep", "asleep", "sleeping"),
    "fun": ("fun", "boring", "bored"),
    "pieces": ("pieces",),
    "story": ("story", "plot", "ending"),
    "characters": ("characters", "character development"),
    "writing": ("writing", "prose", "well written", "poorly edited"),
    "recipes": ("recipe", "recipes"),
    "illustrations": ("illustrations", "photos", "photography", "pictures"),
}  # fmt: skip
# Names people ask about that are spelled differently from the aspect they mean.
_ALIASES = {"price/value": "value"}

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


def polarity(score: float) -> Polarity:
    """Praise above MENTION_MARGIN, a complaint below its negative, neutral between."""
    if score > MENTION_MARGIN:
        return "praise"
    return "complaint" if score < -MENTION_MARGIN else "neutral"


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
                    polarity=polarity(sentiment.score),
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
