"""Spelling correction of query words from the catalog's own vocabulary (symmetric deletes).

A query word the catalog never uses ("toliet") is replaced by the most frequent catalog word one
edit away (a deletion, insertion, substitution or transposition: the words share a one-letter
deletion). Words the catalog knows, numbers and short words stay, and so do words of the
language: a shopper's "trip", "pain" or "lover" is a word the shop does not use, not a typo of
"trim", "pair" or "over". The language's words are the whole words of the bundled embedding
model's vocabulary (its tokenizer), which the query's vector is made from anyway.

Shoppers also write as one word what catalogs write as two, and units their own way:
- an unknown word with no near neighbour that is two catalog words is split ("rustoleum" →
  "rust oleum" for "Rust-Oleum", "doorknob" → "door knob");
- an unknown word of numbers and units (or "x" between sizes) is split at them ("18v" → "18 v",
  "2x4x8" → "2 x 4 x 8", "6ft" → "6 ft"), as catalogs write "18-Volt" and "2 in. x 4 in.";
- a unit after a number is written as the catalog writes that unit most ("48 inch" → "48 in",
  "5 gallon" → "5 gal", "18 v" → "18 volt"), from the unit table's spellings of one unit.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+")
MIN_LENGTH = 4  # shorter words have too many neighbours one edit away
MIN_PART = 3  # a split of a joined word leaves catalog words of at least this length
_RUNS = re.compile(r"[a-z]+|[0-9]+")
_UNIT_AFTER_NUMBER = re.compile(r"(\b\d+(?:[./]\d+)?\s+)([a-z]+)\b")


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


@lru_cache(maxsize=1)
def _unit_spellings() -> dict[str, frozenset[str]]:
    """One-word units to their spellings, without one-letter ones unless the unit is one (the
    index drops one-letter words: "watt" must not become "w")."""
    from retrieval.units import spellings

    return {
        unit: frozenset(s for s in same if len(s) > 1 or s == unit)
        for unit, same in spellings().items()
    }


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

    def correct_word(self, word: str, *, split: bool = True) -> str:
        """The word itself if known or uncorrectable, else its most frequent near neighbour, else
        (with `split`) the two catalog words it joins, or its numbers and units apart (see the
        module)."""
        if word in self.counts or word in self.keep:
            return word
        if not word.isalpha():
            return _split_numbers(word) if split else word
        if len(word) < MIN_LENGTH:
            return word
        options: set[str] = set()
        for key in (word, *_deletes(word)):
            options.update(self._by_delete.get(key, ()))
        if not options:
            return self.split(word) if split else word
        return max(sorted(options), key=lambda w: self.counts[w])

    def split(self, word: str) -> str:
        """The word as two catalog words ("doorknob" → "door knob"), the split whose rarer
        part is most frequent; the word itself when there is none."""
        best, best_count = word, 0
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            left, right = word[:cut], word[cut:]
            count = min(self.counts.get(left, 0), self.counts.get(right, 0))
            if count > best_count:
                best, best_count = f"{left} {right}", count
        return best

    def unit_spelling(self, unit: str) -> str:
        """The catalog's most used spelling of a unit (the unit itself on a tie or if unknown)."""
        options = _unit_spellings().get(unit)
        if not options:
            return unit
        return max(sorted(options), key=lambda s: (self.counts.get(s, 0), s == unit))

    def correct(self, text: str, *, split: bool = True) -> str:
        """The text with every correctable word replaced and each unit after a number spelled as
        the catalog spells it (lower-cased words, original spacing); without `split`, only
        misspellings are corrected ("humidifer"), no word is cut in two ("snowboard")."""
        text = WORD.sub(lambda m: self.correct_word(m.group(0), split=split), text.lower())
        return _UNIT_AFTER_NUMBER.sub(lambda m: m.group(1) + self.unit_spelling(m.group(2)), text)


def _split_numbers(word: str) -> str:
    """A word of numbers and units apart ("18v" → "18 v", "12x12" → "12 x 12", "x8"); any other
    word with digits ("mp70", "m12v": model numbers) as it is."""
    from retrieval.units import spellings

    runs = _RUNS.findall(word)
    letters = [run for run in runs if run.isalpha()]
    if len(runs) < 2 or (runs[0].isalpha() and runs[0] != "x"):  # "m12v" is a model name
        return word
    if any(run != "x" and run not in spellings() for run in letters):
        return word
    return " ".join(runs)
