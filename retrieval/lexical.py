"""BM25 lexical index over product text (bm25s), saved beside the other state."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import ModuleType

import numpy as np

_IDS_FILE = "ids.json"


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
        texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


class LexicalIndex:
    """A BM25 index whose document order is `ids`."""

    def __init__(self, ids: list[str], retriever: object) -> None:
        self.ids = ids
        self.retriever = retriever
        self._vocab: dict[str, int] = retriever.vocab_dict  # type: ignore[attr-defined]

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        """Index the texts (one per id)."""
        retriever = _bm25s().BM25()
        retriever.index(tokenize(texts), show_progress=False)
        return cls(list(ids), retriever)

    def save(self, directory: Path) -> None:
        """Write the index and its id order to a directory."""
        directory.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(directory), show_progress=False)  # type: ignore[attr-defined]
        (directory / _IDS_FILE).write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read an index written by `save`."""
        retriever = _bm25s().BM25.load(str(directory))
        ids = json.loads((directory / _IDS_FILE).read_text())
        return cls(ids, retriever)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query (zeros if no term is known)."""
        tokens = [t for t in tokenize([query])[0] if t in self._vocab]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self.retriever.get_scores(tokens)  # type: ignore[attr-defined]
