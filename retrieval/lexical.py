"""BM25 lexical indexes over product text (bm25s), saved beside the other state.

Two fields are indexed: `text` (everything a product says: title, brand, category, description,
features, attributes) and `name` (its title and brand only), so a ranker can weigh a match in
the name above one in the description. The words of the text, with their counts, are kept for
spelling correction of queries.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import ModuleType

import numpy as np

from retrieval.ranking_spelling import Speller, words_of

_IDS_FILE = "ids.json"
_WORDS_FILE = "words.json"
FIELDS = ("text", "name")
TOKEN_PATTERN = r"(?u)\b(?:\w\w+|\d)\b"
"""Words of two or more characters, and single digits ("3/4 in", "2 pack" keep their numbers)."""


def _bm25s() -> ModuleType:
    """bm25s, imported lazily (start-up time), with its logger back at WARNING: it sets DEBUG."""
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


def _build(texts: list[str]) -> object:
    retriever = _bm25s().BM25()
    retriever.index(tokenize(texts), show_progress=False)
    return retriever


class LexicalIndex:
    """BM25 indexes of each field whose document order is `ids`, and the text's word counts."""

    def __init__(
        self, ids: list[str], retrievers: dict[str, object], words: dict[str, int]
    ) -> None:
        self.ids = ids
        self.retrievers = retrievers
        self.speller = Speller(words)
        self._vocab: dict[str, dict[str, int]] = {
            name: r.vocab_dict  # type: ignore[attr-defined]
            for name, r in retrievers.items()
        }

    @classmethod
    def build(cls, ids: list[str], texts: list[str], names: list[str]) -> LexicalIndex:
        """Index the texts and the names (one of each per id)."""
        retrievers = {"text": _build(texts), "name": _build(names)}
        return cls(list(ids), retrievers, dict(words_of(texts)))

    def save(self, directory: Path) -> None:
        """Write the indexes, the word counts and the id order (last: it marks a complete save)."""
        directory.mkdir(parents=True, exist_ok=True)
        for name, retriever in self.retrievers.items():
            retriever.save(str(directory / name), show_progress=False)  # type: ignore[attr-defined]
        (directory / _WORDS_FILE).write_text(json.dumps(self.speller.counts))
        (directory / _IDS_FILE).write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read an index written by `save`; FileNotFoundError if it is missing or older."""
        if not all((directory / name).is_dir() for name in FIELDS):
            raise FileNotFoundError(f"{directory}: no field indexes (written by an older version)")
        retrievers = {name: _bm25s().BM25.load(str(directory / name)) for name in FIELDS}
        words = json.loads((directory / _WORDS_FILE).read_text())
        ids = json.loads((directory / _IDS_FILE).read_text())
        return cls(ids, retrievers, words)

    def tokens(self, query: str) -> list[str]:
        """The query's stemmed tokens (stop words dropped), duplicates kept once, in order."""
        return list(dict.fromkeys(tokenize([query])[0]))

    def term_scores(self, tokens: list[str], field: str = "text") -> np.ndarray:
        """BM25 contribution of each token to every document: shape (tokens, documents)."""
        out = np.zeros((len(tokens), len(self.ids)), dtype=np.float32)
        vocab = self._vocab[field]
        retriever = self.retrievers[field]
        for row, token in enumerate(tokens):
            if token in vocab and self.ids:
                out[row] = retriever.get_scores([token])  # type: ignore[attr-defined]
        return out

    def scores(self, query: str, field: str = "text") -> np.ndarray:
        """BM25 score of every document for the query (zeros if no term is known)."""
        return self.term_scores(self.tokens(query), field).sum(axis=0)
