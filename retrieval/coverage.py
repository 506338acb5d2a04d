"""Does the shop sell what the query asks for? A relevance floor for honest answers.

A query that names no category of the shop is "not carried" when at least half of its content
words appear nowhere in the products' own text (titles, brands, categories, descriptions,
features, attributes; compared as stems, a near spelling counts as known, so a typo is not
a missing product type), or when no product comes within `SIMILARITY_FLOOR` of it in meaning.
The thresholds were set on the odd lines of bench/unsold_queries.txt and the demo golden set
(no golden query, vague ones included, may fall below) and are reported on the even lines by
bench/relevance_floor.py.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from retrieval.query_parser import ParsedQuery
from retrieval.units import quantities
from retrieval.vocabulary import Vocabulary, normal_words, stopwords

if TYPE_CHECKING:
    from retrieval.search import Searcher

UNKNOWN_SHARE = 0.5
SIMILARITY_FLOOR = 0.26
TYPO_CUTOFF = 0.85
TYPO_MIN_LENGTH = 5
NEAREST = 3


@dataclass
class Coverage:
    """Whether the query's product type is sold, and if not, what comes nearest."""

    carried: bool
    unknown: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)
    similarity: float | None = None


def _typo_of_known(word: str, vocabulary: Vocabulary) -> bool:
    if len(word) < TYPO_MIN_LENGTH:
        return False
    candidates = [w for w in vocabulary.words if w[:1] == word[:1]]
    return bool(difflib.get_close_matches(word, candidates, n=1, cutoff=TYPO_CUTOFF))


def unknown_words(text: str, vocabulary: Vocabulary) -> tuple[list[str], int]:
    """The query's content words the shop's products never use, and how many content words."""
    measured = set(normal_words(" ".join(text[q.start : q.end] for q in quantities(text))))
    words = [  # not numbers, nor a number with its unit ("4mm", "16gb", "4 litre"): measures,
        w  # not kinds
        for w in normal_words(text)
        if w not in stopwords() and not w.isdigit() and not quantities(w) and w not in measured
    ]
    unknown = [w for w in words if not vocabulary.knows(w) and not _typo_of_known(w, vocabulary)]
    return unknown, len(words)


def coverage(searcher: Searcher, parsed: ParsedQuery) -> Coverage:
    """Whether the shop carries what a parsed query asks for (always true when it names one
    of the shop's categories or has no words left)."""
    vocabulary = searcher.catalog.vocabulary
    if not parsed.text or parsed.filters.category or vocabulary is None:
        return Coverage(carried=True)
    text = searcher.lexical.speller.correct(parsed.text, split=False)  # "humidifer" as the
    # search reads it; "snowboard" is not "snow board" here: a kind the shop may not sell
    unknown, total = unknown_words(text, vocabulary)
    everything = np.ones(len(searcher.catalog.ids), dtype=bool)
    try:
        scores = searcher.matrix.scores(searcher.embedder.embed_query(text), everything)
    except Exception:  # noqa: BLE001 - without vectors only the word test decides
        scores = None
    best = float(scores.max()) if scores is not None and scores.size else None
    missing = bool(total) and len(unknown) / total >= UNKNOWN_SHARE
    if not missing and (best is None or best >= SIMILARITY_FLOOR):
        return Coverage(carried=True, similarity=best)
    nearest: list[str] = []
    if scores is not None:
        for i in np.argsort(-scores)[:50]:
            leaf = str(searcher.catalog.category[i]).split(" > ")[-1]
            if leaf not in nearest:
                nearest.append(leaf)
            if len(nearest) == NEAREST:
                break
    return Coverage(carried=False, unknown=unknown, nearest=nearest, similarity=best)
