"""Review sentiment trained on real labelled reviews, English and Chinese.

English text is read by one logistic regression over three feature blocks:

1. the mean all-MiniLM-L6-v2 embedding of the text's sentences,
2. TF-IDF of its words and word pairs, negation-marked to the end of the clause ("not_good"),
   each term scaled by its naive-Bayes log-count ratio (Wang & Manning 2012),
3. a hand-written lexicon's score of the whole text and of its sentences (mean, min, max, last).

It is trained on the Blitzer multi-domain reviews (books, DVDs, electronics, kitchen) and
Amazon All_Beauty, stars 4–5 positive and 1–2 negative, and chosen by domain-held-out
validation (train on three Blitzer domains, test on the fourth). The score is
P(positive) − P(negative) in [-1, 1]; a text is neutral when the score lies within a margin
fitted on 3-star reviews. Text in Chinese script is read by `retrieval.sentiment_chinese`.
Both ship in `retrieval/models/sentiment.npz`; retrain (the data are named in
`retrieval/sentiment_data.py`) with

    python -m retrieval.sentiment train
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from retrieval.embedder import Embedder
from retrieval.sentiment_chinese import ChineseSentiment, is_chinese
from retrieval.sentiment_lexicon import lexicon_score, negation_marked_tokens, sentences
from retrieval.sentiment_tfidf import TermWeights

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")
BLOCKS = ("embedding", "terms", "lexicon")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "sentiment.npz"
LEXICON_FEATURES = 5


class Sentiment(BaseModel):
    """The polarity of one text: a label and a score in [-1, 1] (negative … positive)."""

    label: Label
    score: float = Field(ge=-1.0, le=1.0)


def english_terms(text: str) -> list[str]:
    """Negation-marked words of an English text and pairs of those words ("not_bad not_at")."""
    words = negation_marked_tokens(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class Features:
    """Per-text features: mean sentence embedding, terms and lexicon scores."""

    embedding: np.ndarray  # (texts, 384)
    terms: list[list[str]]
    lexicon: np.ndarray  # (texts, LEXICON_FEATURES)


def featurize(texts: list[str], embedder: Embedder) -> Features:
    """Embed every sentence of every text in one batch, then pool per text."""
    split = [sentences(t) for t in texts]
    return pool(texts, split, embedder.embed([s for parts in split for s in parts]))


def pool(texts: list[str], split: list[list[str]], vectors: np.ndarray) -> Features:
    """Per-text features from the texts, their sentences and the sentences' vectors in order."""
    flat = [s for parts in split for s in parts]
    sentence_scores = np.array([lexicon_score(s) for s in flat], dtype=np.float32)
    embedding = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    lexicon = np.zeros((len(texts), LEXICON_FEATURES), dtype=np.float32)
    start = 0
    for i, parts in enumerate(split):
        stop = start + len(parts)
        embedding[i] = vectors[start:stop].mean(axis=0)
        own = sentence_scores[start:stop]
        lexicon[i] = (lexicon_score(texts[i]), own.mean(), own.min(), own.max(), own[-1])
        start = stop
    return Features(embedding, [english_terms(t) for t in texts], lexicon)


@dataclass
class EnglishModel:
    """Binary logistic regression weights over the three feature blocks."""

    embedding: np.ndarray  # (384,)
    lexicon: np.ndarray  # (LEXICON_FEATURES,)
    terms: TermWeights  # (terms, 1)
    bias: float

    def logits(self, features: Features, blocks: Iterable[str] = BLOCKS) -> np.ndarray:
        """The log-odds of positive per text, from the chosen blocks (all by default)."""
        total = np.full(len(features.terms), self.bias, dtype=np.float32)
        for block in blocks:
            if block == "embedding":
                total += features.embedding @ self.embedding.astype(np.float32)
            elif block == "lexicon":
                total += features.lexicon @ self.lexicon.astype(np.float32)
            else:
                total += self.terms.logits(features.terms)[:, 0]
        return total


def to_score(logits: np.ndarray) -> np.ndarray:
    """P(positive) − P(negative) of binary log-odds, in [-1, 1]."""
    return np.tanh(np.asarray(logits, dtype=np.float32) / 2)


@dataclass
class SentimentClassifier:
    """Labels review texts positive / neutral / negative with a score in [-1, 1]."""

    english: EnglishModel
    chinese: ChineseSentiment | None
    neutral_margin: float
    embedder: Embedder
    version: str = "unsaved"  # a hash of the weights file: cached scores are kept per version

    @classmethod
    def load(cls, path: Path = MODEL_PATH, embedder: Embedder | None = None) -> SentimentClassifier:
        """The shipped model (no training needed); pass the process's embedder to share it."""
        with np.load(path) as data:
            english = EnglishModel(
                embedding=data["en_embedding"].astype(np.float32),
                lexicon=data["en_lexicon"].astype(np.float32),
                terms=TermWeights.from_arrays(data, "en"),
                bias=float(data["en_bias"]),
            )
            chinese = ChineseSentiment.from_arrays(data) if "zh_terms" in data else None
            margin = float(data["neutral_margin"])
        return cls(
            english=english,
            chinese=chinese,
            neutral_margin=margin,
            embedder=embedder or Embedder(),
            version=hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest(),
        )

    def save(self, path: Path = MODEL_PATH, trained_with: str = "") -> None:
        """Write both models' weights and vocabularies as one compressed .npz file, with a
        note of the training settings."""
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {
            "en_embedding": self.english.embedding.astype(np.float16),
            "en_lexicon": self.english.lexicon.astype(np.float32),
            "en_bias": np.float32(self.english.bias),
            **self.english.terms.arrays("en"),
            "neutral_margin": np.float32(self.neutral_margin),
            "trained_with": np.array(trained_with),
        }
        if self.chinese is not None:
            arrays |= self.chinese.arrays()
        np.savez_compressed(path, **arrays)

    def english_scores(self, texts: list[str], blocks: Iterable[str] = BLOCKS) -> np.ndarray:
        """Scores of English texts from the chosen feature blocks."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        return to_score(self.english.logits(featurize(texts, self.embedder), blocks))

    def scores(self, texts: list[str]) -> np.ndarray:
        """Scores in [-1, 1], per text; each text read by the model of its script."""
        out = np.zeros(len(texts), dtype=np.float32)
        chinese = np.array([self.chinese is not None and is_chinese(t) for t in texts], dtype=bool)
        if chinese.any() and self.chinese is not None:
            out[chinese] = self.chinese.scores([texts[i] for i in np.flatnonzero(chinese)])
        if (~chinese).any():
            out[~chinese] = self.english_scores([texts[i] for i in np.flatnonzero(~chinese)])
        return out

    def label(self, score: float) -> Label:
        """The label of a score: neutral within the margin around zero."""
        if score > self.neutral_margin:
            return "positive"
        return "negative" if score < -self.neutral_margin else "neutral"

    def sentiment(self, score: float) -> Sentiment:
        """A score with its label."""
        return Sentiment(label=self.label(score), score=round(float(score), 4))

    def classify(self, texts: list[str]) -> list[Sentiment]:
        """Label many texts (all their sentences embedded in batches)."""
        return [self.sentiment(float(s)) for s in self.scores(texts)]


def macro_f1(truth: Iterable[int], predicted: Iterable[int]) -> float:
    """Unweighted mean F1 over the classes present in the truth."""
    y, p = np.asarray(list(truth)), np.asarray(list(predicted))
    scores = []
    for label in np.unique(y):
        denominator = np.sum(p == label) + np.sum(y == label)
        scores.append(2 * np.sum((p == label) & (y == label)) / denominator)
    return float(np.mean(scores))


def ternary(scores: np.ndarray, margin: float) -> np.ndarray:
    """Labels 0/1/2 of scores, neutral within the margin."""
    return np.where(scores > margin, 2, np.where(scores < -margin, 0, 1))


def best_margin(scores: np.ndarray, labels: np.ndarray) -> float:
    """The neutral margin that maximises three-class macro-F1 on held-out texts."""
    candidates = np.round(np.arange(0.0, 0.81, 0.02), 2)
    return float(max(candidates, key=lambda m: (macro_f1(labels, ternary(scores, m)), -m)))


def main(argv: list[str] | None = None) -> int:
    """`python -m retrieval.sentiment train [--data DIR] [--out FILE] [--cache DIR]`."""
    from retrieval.sentiment_data import DATA

    parser = argparse.ArgumentParser(prog="python -m retrieval.sentiment")
    commands = parser.add_subparsers(dest="command", required=True)
    fit = commands.add_parser(
        "train",
        help="train on reviews-blitzer, reviews-amazon-beauty and reviews-chinese "
        "(public labelled reviews under --data) and save the weights",
    )
    fit.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    fit.add_argument("--out", type=Path, default=MODEL_PATH)
    fit.add_argument("--cache", type=Path, help="keep sentence vectors here between runs")
    args = parser.parse_args(argv)
    from retrieval.sentiment_train import train

    metrics = train(args.data, out=args.out, cache=args.cache)
    for key, value in metrics.items():
        print(f"{key}: {value:.4g}")
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
