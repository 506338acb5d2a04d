"""Aspect mentions in review text, with the polarity of each mention.

The aspects and the phrases that name them come from the shop's own reviews (mined at ingest
per category, `retrieval.aspect_mining`), passed in as an `AspectSet`. Review text is split
into sentences and, at contrast words ("but", "however", "但是", "，"), into clauses; each clause
that names an aspect is classified on its own, so "great sound but the battery died" praises
the sound and complains about the battery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from retrieval.aspect_lexicon import find_aspects, resolve_aspect, synonyms
from retrieval.sentiment_chinese import chinese_sentence_spans, is_chinese
from retrieval.sentiment_lexicon import sentence_spans

if TYPE_CHECKING:
    from retrieval.sentiment import Sentiment, SentimentClassifier

Polarity = Literal["praise", "neutral", "complaint"]
# A single clause scores closer to zero than a whole review, so a mention takes the sign of its
# score with this small dead zone rather than the review-level neutral margin.
MENTION_MARGIN = 0.1
_CONTRAST = re.compile(
    r",?\s*\b(?:but|however|although|though|whereas|except)\b,?\s*|[，,]?\s*(?:但是|但|不过|可是|然而)\s*",
    re.I,
)
_CLAUSE_ZH = re.compile(r"[，,、]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

__all__ = ["AspectMention", "AspectSet", "clauses", "extract_mentions", "find_aspects"]


class AspectMention(BaseModel):
    """One clause of a review that names an aspect, and whether it praises or complains."""

    aspect: str
    polarity: Polarity
    score: float
    text: str
    start: int


def _pattern(term: str) -> str:
    if _HAN.search(term):
        return re.escape(term)
    words = term.split()
    body = r"\s+".join(map(re.escape, words))
    return rf"\b{body}(?:s|es)?\b"


class AspectSet:
    """Aspects by name, in order, each with the phrases that name it."""

    def __init__(self, terms: dict[str, tuple[str, ...]]) -> None:
        self.terms = terms
        self._patterns = {
            name: re.compile(
                "|".join(_pattern(t) for t in sorted(own, key=len, reverse=True)), re.I
            )
            for name, own in terms.items()
        }

    @classmethod
    def of(cls, aspects: dict[str, list[str]]) -> AspectSet:
        """From the mined aspects (name → terms)."""
        return cls({name: tuple(dict.fromkeys([name, *terms])) for name, terms in aspects.items()})

    def named_in(self, text: str) -> list[str]:
        """The aspects a text names, in the set's order."""
        return [name for name, pattern in self._patterns.items() if pattern.search(text)]

    def focus(self, asked: str) -> AspectSet:
        """One aspect named as asked: the mined aspects that match the question's word or its
        synonyms, merged (or the asked words themselves when none does)."""
        name = " ".join(asked.lower().replace("_", " ").split())
        wanted = {w.lower() for w in synonyms(name)}
        words = {w for t in wanted for w in t.split()}
        terms = [name, *wanted]
        for own in self.terms.values():
            if any(t in wanted or t.split()[0] in words for t in own):
                terms += own
        return AspectSet({name: tuple(dict.fromkeys(terms))})


def clauses(text: str) -> list[tuple[int, str]]:
    """Sentences, cut again at contrast words (and, in Chinese, commas), as (offset, exact
    substring) pairs."""
    chinese = is_chinese(text)
    spans: list[tuple[int, str]] = []
    for begin, end in chinese_sentence_spans(text) if chinese else sentence_spans(text):
        bounds = [begin]
        for cut in (_CLAUSE_ZH if chinese else _CONTRAST).finditer(text, begin, end):
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
    """The name an asked-for aspect is reported under: the synonym list's name, or the words."""
    return resolve_aspect(aspect) or " ".join(aspect.lower().replace("_", " ").split())


@dataclass(frozen=True)
class Candidate:
    """A clause of text number `index` that names aspects, before it is classified."""

    index: int
    start: int
    text: str
    aspects: list[str]


def candidates(texts: list[str], aspects: AspectSet) -> list[Candidate]:
    """The clauses of the texts that name one of the aspects."""
    return [
        Candidate(index, offset, clause, names)
        for index, text in enumerate(texts)
        for offset, clause in clauses(text)
        if (names := aspects.named_in(clause))
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
    texts: list[str], classifier: SentimentClassifier, aspects: AspectSet
) -> list[list[AspectMention]]:
    """Aspect mentions per text, all clauses classified in one batch."""
    found = candidates(texts, aspects)
    return mentions_of(found, classifier.classify([c.text for c in found]), len(texts))
