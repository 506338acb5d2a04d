"""Spelling correction of query words from the catalog's own vocabulary (symmetric deletes).

A query word the catalog never uses ("toliet") is replaced by the most frequent catalog word one
edit away (a deletion, insertion, substitution or transposition: the words share a one-letter
deletion). Words the catalog knows, numbers and short words stay, and so do words of the
language: a shopper's "trip", "pain" or "lover" is a word the shop does not use, not a typo of
"trim", "pair" or "over". The language's words are the whole words of the bundled embedding
model's vocabulary (its tokenizer), which the query's vector is made from anyway.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+")
MIN_LENGTH = 4  # shorter words have too many neighbours one edit away


def words_of(texts: Iterable[str]) -> Counter[str]:
    """How often each lower-case word occurs in the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(WORD.findall(text.lower()))
    return counts


@lru_cache(maxsize=1)
def language_words() -> frozenset[str]:
    """Whole alphabetic words of the bundled embedding model's vocabulary (not word pieces)."""
    from retrieval.embedder import model_dir

    vocab = json.loads((model_dir() / "tokenizer.json").read_text())["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha() and w.isascii() and len(w) >= MIN_LENGTH)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """Corrects words against a vocabulary with counts; words in `keep` are never changed
    (by default the language's words, `language_words()`)."""

    def __init__(self, counts: dict[str, int], keep: frozenset[str] | None = None) -> None:
        self.counts = counts
        self.keep = language_words() if keep is None else keep
        self._by_delete: dict[str, list[str]] = {}
        for word in counts:
            if len(word) >= MIN_LENGTH and word.isalpha():
                for key in (word, *_deletes(word)):
                    self._by_delete.setdefault(key, []).append(word)

    def correct_word(self, word: str) -> str:
        """The word itself if known or uncorrectable, else its most frequent near neighbour."""
        if word in self.counts or word in self.keep or len(word) < MIN_LENGTH or not word.isalpha():
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
