"""BM25 lexical indexes over product text (bm25s), saved beside the other state.

Two fields are indexed: `text` (everything a product says: title, brand, category, description,
features, attributes) and `name` (its title and brand only), so a ranker can weigh a match in
the name above one in the description. The order of each name's words is kept too (as token ids),
so a ranker can tell "tile saw" in a name from "saw ... tile". The words of the text, with their
counts, are kept for spelling correction of queries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np

from retrieval.ranking_spelling import Speller, words_of

_IDS_FILE = "ids.json"
_WORDS_FILE = "words.json"
_NAME_ORDER_FILE = "name_order.npz"
FIELDS = ("text", "name")
TOKEN_PATTERN = r"(?u)\b(?:\w\w+|\d)\b"
"""Words of two or more characters, and single digits ("3/4 in", "2 pack" keep their numbers)."""


@cache
def _bm25s() -> ModuleType:
    """bm25s, imported lazily (start-up time), with its logger back at WARNING: it sets DEBUG
    (once: setting a level clears every logger's cache)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _stemmer():  # noqa: ANN202 - PyStemmer has no type stubs
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-case, drop English stop words, stem."""
    return _bm25s().tokenize(
        texts,
        token_pattern=TOKEN_PATTERN,
        stopwords="en",
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )


def _build(tokens: list[list[str]]) -> object:
    retriever = _bm25s().BM25()
    retriever.index(tokens, show_progress=False)
    return retriever


@dataclass(frozen=True)
class WordOrder:
    """Each document's token ids in order, as one flat array cut at `starts`."""

    flat: np.ndarray  # int32 token ids of every document, one after another
    starts: np.ndarray  # (documents + 1,) where each document's ids begin

    @classmethod
    def of(cls, tokens: list[list[str]], vocab: dict[str, int]) -> WordOrder:
        """The ids of tokenized documents under a vocabulary."""
        lengths = np.array([len(doc) for doc in tokens], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)])
        flat = np.array([vocab[t] for doc in tokens for t in doc], dtype=np.int32)
        return cls(flat, starts)

    def pairs_found(self, pairs: set[tuple[int, int]], rows: Sequence[int]) -> np.ndarray:
        """For each row, how many of `pairs` it has as adjacent ids (in that order)."""
        out = np.zeros(len(rows), dtype=np.float32)
        if pairs:
            for n, row in enumerate(rows):
                ids = self.flat[self.starts[row] : self.starts[row + 1]].tolist()
                out[n] = len(pairs.intersection(zip(ids, ids[1:], strict=False)))
        return out


class LexicalIndex:
    """BM25 indexes of each field whose document order is `ids`, and the text's word counts."""

    def __init__(
        self,
        ids: list[str],
        retrievers: dict[str, object],
        words: dict[str, int],
        name_order: WordOrder,
    ) -> None:
        self.ids = ids
        self.retrievers = retrievers
        self.name_order = name_order
        self.speller = Speller(words)
        self._vocab: dict[str, dict[str, int]] = {
            name: r.vocab_dict  # type: ignore[attr-defined]
            for name, r in retrievers.items()
        }

    @classmethod
    def build(cls, ids: list[str], texts: list[str], names: list[str]) -> LexicalIndex:
        """Index the texts and the names (one of each per id)."""
        name_tokens = tokenize(names)
        retrievers = {"text": _build(tokenize(texts)), "name": _build(name_tokens)}
        order = WordOrder.of(name_tokens, retrievers["name"].vocab_dict)  # type: ignore[attr-defined]
        return cls(list(ids), retrievers, dict(words_of(texts)), order)

    def save(self, directory: Path) -> None:
        """Write the indexes, the word counts and the id order (last: it marks a complete save)."""
        directory.mkdir(parents=True, exist_ok=True)
        for name, retriever in self.retrievers.items():
            retriever.save(str(directory / name), show_progress=False)  # type: ignore[attr-defined]
        (directory / _WORDS_FILE).write_text(json.dumps(self.speller.counts))
        order = self.name_order
        np.savez(directory / _NAME_ORDER_FILE, flat=order.flat, starts=order.starts)
        (directory / _IDS_FILE).write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read an index written by `save`; FileNotFoundError if it is missing or older."""
        if (
            not all((directory / name).is_dir() for name in FIELDS)
            or not (directory / _NAME_ORDER_FILE).exists()
        ):
            raise FileNotFoundError(f"{directory}: written by an older version (no field indexes)")
        retrievers = {name: _bm25s().BM25.load(str(directory / name)) for name in FIELDS}
        words = json.loads((directory / _WORDS_FILE).read_text())
        ids = json.loads((directory / _IDS_FILE).read_text())
        with np.load(directory / _NAME_ORDER_FILE) as order:
            name_order = WordOrder(order["flat"], order["starts"])
        return cls(ids, retrievers, words, name_order)

    def tokens(self, query: str) -> list[str]:
        """The query's stemmed tokens (stop words dropped), duplicates kept once, in order."""
        return list(dict.fromkeys(tokenize([query])[0]))

    def name_pair_share(self, tokens: list[str], rows: Sequence[int]) -> np.ndarray:
        """For each row, the share of the query's adjacent token pairs that its name has next to
        each other in the same order ("tile saw" in "Wet Tile Saw", not in "Saw Blade for Tile")."""
        vocab = self._vocab["name"]
        adjacent = list(zip(tokens, tokens[1:], strict=False))
        pairs = {(vocab[a], vocab[b]) for a, b in adjacent if a in vocab and b in vocab}
        found = self.name_order.pairs_found(pairs, rows)
        return found / len(adjacent) if adjacent else found

    def term_scores(self, tokens: list[str], field: str = "text") -> np.ndarray:
        """BM25 contribution of each token to every document: shape (tokens, documents)."""
        out = np.zeros((len(tokens), len(self.ids)), dtype=np.float32)
        vocab = self._vocab[field]
        # bm25s keeps each token's precomputed scores as a sparse column (its postings): write
        # them straight in (its own get_scores adds them with np.add.at, ~10x slower)
        sparse = self.retrievers[field].scores  # type: ignore[attr-defined]
        indptr, indices, data = sparse["indptr"], sparse["indices"], sparse["data"]
        for row, token in enumerate(tokens):
            token_id = vocab.get(token)
            if token_id is not None:
                start, end = indptr[token_id], indptr[token_id + 1]
                out[row, indices[start:end]] = data[start:end]
        return out

    def scores(self, query: str, field: str = "text") -> np.ndarray:
        """BM25 score of every document for the query (zeros if no term is known)."""
        return self.term_scores(self.tokens(query), field).sum(axis=0)
