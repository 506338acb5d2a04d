"""Spelling correction of query words from the catalog's own vocabulary (symmetric deletes).

A query word the catalog never uses ("toliet", "dewalt20v" aside) is replaced by the most
frequent catalog word one edit away (a deletion, insertion, substitution or transposition:
the words share a one-letter deletion). Words the catalog knows, numbers and short words stay.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

WORD = re.compile(r"[a-z0-9]+")
MIN_LENGTH = 4  # shorter words have too many neighbours one edit away


def words_of(texts: Iterable[str]) -> Counter[str]:
    """How often each lower-case word occurs in the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(WORD.findall(text.lower()))
    return counts


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """Corrects words against a vocabulary with counts."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._by_delete: dict[str, list[str]] = {}
        for word in counts:
            if len(word) >= MIN_LENGTH and word.isalpha():
                for key in (word, *_deletes(word)):
                    self._by_delete.setdefault(key, []).append(word)

    def correct_word(self, word: str) -> str:
        """The word itself if known or uncorrectable, else its most frequent near neighbour."""
        if word in self.counts or len(word) < MIN_LENGTH or not word.isalpha():
            return word
        options: set[str] = set()
        for key in (word, *_deletes(word)):
            options.update(self._by_delete.get(key, ()))
        if not options:
            return word
        return max(sorted(options), key=lambda w: self.counts[w])

    def correct(self, text: str) -> str:
        """The text with every correctable word replaced (lower-cased words, original spacing)."""
        return WORD.sub(lambda m: self.correct_word(m.group(0)), text.lower())
