"""Sentiment of Chinese review text: character 1–3-gram TF-IDF and a logistic regression.

Trained on ChineseNlpCorpus online_shopping_10_cats (62,774 labelled reviews, 10 categories;
`python -m retrieval.sentiment train` fits it with the English model). The score is
P(positive) − P(negative) in [-1, 1]. Which model reads a text is chosen by its script
(`is_chinese`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.sentiment_tfidf import TermWeights

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SPACE = re.compile(r"\s+")
MAX_GRAM = 3
# Clause and sentence marks of Chinese text (full-width punctuation).
_CN_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


def is_chinese(text: str) -> bool:
    """Whether a text is mostly Chinese: more Han characters than Latin words."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(_LATIN_WORD.findall(text))


def char_grams(text: str) -> list[str]:
    """Character 1…MAX_GRAM-grams of the text with white space removed."""
    chars = _SPACE.sub("", text.lower())
    return [chars[i : i + n] for n in range(1, MAX_GRAM + 1) for i in range(len(chars) - n + 1)]


def chinese_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of Chinese text (cut at 。！？； and line breaks)."""
    return [m.span() for m in _CN_SENTENCE.finditer(text) if m.group(0).strip()]


@dataclass
class ChineseSentiment:
    """A binary classifier over character n-grams: weights (terms × 1) and a bias."""

    terms: TermWeights
    bias: float

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """P(positive) − P(negative) per text, in [-1, 1]."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        logits = self.terms.logits([char_grams(t) for t in texts])[:, 0] + self.bias
        return (np.tanh(logits / 2)).astype(np.float32)  # 2·sigmoid(z) − 1

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays to save."""
        return {**self.terms.arrays("zh"), "zh_bias": np.float32(self.bias)}

    @classmethod
    def from_arrays(cls, data: np.lib.npyio.NpzFile) -> ChineseSentiment:
        """Read what `arrays` wrote."""
        return cls(TermWeights.from_arrays(data, "zh"), float(data["zh_bias"]))
