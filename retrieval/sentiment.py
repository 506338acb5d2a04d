"""Review sentiment: three equal votes, each in [-1, 1], averaged into one score.

1. a logistic regression on sentence embeddings (all-MiniLM-L6-v2),
2. a logistic regression on negation-marked words,
3. a hand-written lexicon with negation ("not bad"), boosters and "but" clauses.

The two regressions are trained on the shop's own reviews with stars as weak labels (4–5
positive, 3 neutral, 1–2 negative) and ship as `retrieval/models/sentiment.npz`. A text is
scored sentence by sentence and the sentence features are averaged, so the model trained on
whole reviews reads single sentences on the same scale. Retrain with

    python -m retrieval.sentiment train [--shop data/demo]

Training is deterministic: a fixed hash split by product holds out ~20% of the products to
choose the neutral margin, then both regressions are refitted on every review by full-batch
gradient descent from zeros.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from retrieval.embedder import Embedder
from retrieval.sentiment_lexicon import lexicon_score, negation_marked, sentences

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")
COMPONENTS = ("embedding", "words", "lexicon")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "sentiment.npz"
DEFAULT_SHOP = Path(__file__).resolve().parents[1] / "data" / "demo"
VALIDATION_SHARE = 0.2
MIN_WORD_COUNT = 3
# Words with no polarity of their own, left out of the word regression: in a generated shop
# they follow its templates ("very happy about that") and would carry its stars.
FUNCTION_WORDS = frozenset(
    """a an the and or but so to of in on at for with from by as if than then is are was were
    be been being am do does did has have had it its it's this that these those there here i
    i'm i've i'd me my we our you your they them their he she his her what which who very
    really just also too quite much more most about after before up out over again""".split()
)
_L2 = {"embedding": 1e-3, "words": 1e-2}
_STEPS = 400
_LEARNING_RATE = 2.0


class Sentiment(BaseModel):
    """The polarity of one text: a label and a score in [-1, 1] (negative … positive)."""

    label: Label
    score: float = Field(ge=-1.0, le=1.0)


@dataclass(frozen=True)
class LabelledText:
    """A training text with its star-derived label (0 negative, 1 neutral, 2 positive)."""

    text: str
    label: int
    group: str


@dataclass
class Linear:
    """A softmax regression over the three labels."""

    weights: np.ndarray
    bias: np.ndarray

    def score(self, features: np.ndarray) -> np.ndarray:
        """P(positive) − P(negative) per row."""
        probs = _softmax(features @ self.weights.astype(np.float32) + self.bias)
        return probs[:, 2] - probs[:, 0]


def star_label(rating: int) -> int:
    """The weak label of a star rating: 1–2 negative (0), 3 neutral (1), 4–5 positive (2)."""
    return 0 if rating <= 2 else (1 if rating == 3 else 2)


def in_validation(group: str) -> bool:
    """Whether a product's reviews are held out (a fixed hash split, ~20% of products)."""
    return hashlib.sha256(group.encode()).digest()[0] / 256 < VALIDATION_SHARE


def read_reviews(shop: Path) -> list[LabelledText]:
    """The labelled review texts of a shop directory (its reviews.jsonl)."""
    path = shop / "reviews.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: pass --shop DIR with a reviews.jsonl")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            text = str(row.get("text") or "").strip()
            if text:
                rows.append(LabelledText(text, star_label(int(row["rating"])), row["product_id"]))
    return rows


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit_softmax(features: np.ndarray, labels: np.ndarray, l2: float) -> Linear:
    """Class-balanced multinomial logistic regression with L2, by full-batch gradient descent."""
    n, dims = features.shape
    counts = np.bincount(labels, minlength=len(LABELS)).astype(np.float64)
    sample_weight = (n / (len(LABELS) * np.maximum(counts, 1.0)))[labels] / n
    onehot = np.eye(len(LABELS))[labels]
    x = features.astype(np.float64)
    weights, bias = np.zeros((dims, len(LABELS))), np.zeros(len(LABELS))
    velocity_w, velocity_b = np.zeros_like(weights), np.zeros_like(bias)
    for _ in range(_STEPS):
        error = (_softmax(x @ weights + bias) - onehot) * sample_weight[:, None]
        velocity_w = 0.9 * velocity_w - _LEARNING_RATE * (x.T @ error + l2 * weights)
        velocity_b = 0.9 * velocity_b - _LEARNING_RATE * error.sum(axis=0)
        weights += velocity_w
        bias += velocity_b
    return Linear(weights.astype(np.float32), bias.astype(np.float32))


@dataclass
class Features:
    """Per-text features, each the mean over the text's sentences."""

    embedding: np.ndarray
    words: list[Counter[str]]
    lexicon: np.ndarray


def featurize(texts: list[str], embedder: Embedder) -> Features:
    """Embed and tokenise every sentence once (one batch), then average per text."""
    split = [sentences(t) for t in texts]
    flat = [s for parts in split for s in parts]
    vectors = embedder.embed(flat)
    lexical = np.array([lexicon_score(s) for s in flat], dtype=np.float32)
    embedding = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    pooled_lexicon = np.zeros(len(texts), dtype=np.float32)
    words: list[Counter[str]] = []
    start = 0
    for i, parts in enumerate(split):
        stop = start + len(parts)
        embedding[i] = vectors[start:stop].mean(axis=0)
        pooled_lexicon[i] = lexical[start:stop].mean()
        bag: Counter[str] = Counter()
        for sentence in parts:
            bag.update(negation_marked(sentence))
        words.append(Counter({w: c / len(parts) for w, c in bag.items()}))
        start = stop
    return Features(embedding, words, pooled_lexicon)


def bag_matrix(words: list[Counter[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Rows of averaged word counts over a fixed vocabulary (unknown words dropped)."""
    matrix = np.zeros((len(words), len(vocabulary)), dtype=np.float32)
    for i, bag in enumerate(words):
        for word, value in bag.items():
            if (j := vocabulary.get(word)) is not None:
                matrix[i, j] = value
    return matrix


@dataclass
class SentimentClassifier:
    """Labels review texts positive / neutral / negative with a score in [-1, 1]."""

    embedding_model: Linear
    word_model: Linear
    vocabulary: dict[str, int]
    neutral_margin: float
    embedder: Embedder
    version: str = "unsaved"  # a hash of the weights file: cached scores are kept per version

    @classmethod
    def load(cls, path: Path = MODEL_PATH, embedder: Embedder | None = None) -> SentimentClassifier:
        """The shipped model (no training needed); pass the process's embedder to share it."""
        with np.load(path) as data:
            return cls(
                embedding_model=Linear(data["embedding_weights"], data["embedding_bias"]),
                word_model=Linear(data["word_weights"], data["word_bias"]),
                vocabulary={str(w): i for i, w in enumerate(data["vocabulary"])},
                neutral_margin=float(data["neutral_margin"]),
                embedder=embedder or Embedder(),
                version=hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest(),
            )

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the weights and vocabulary as a small .npz file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            embedding_weights=self.embedding_model.weights.astype(np.float16),
            embedding_bias=self.embedding_model.bias,
            word_weights=self.word_model.weights.astype(np.float16),
            word_bias=self.word_model.bias,
            vocabulary=np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__)),
            neutral_margin=np.float32(self.neutral_margin),
        )

    def components(self, features: Features) -> dict[str, np.ndarray]:
        """Each vote's score in [-1, 1], per text."""
        return {
            "embedding": self.embedding_model.score(features.embedding),
            "words": self.word_model.score(bag_matrix(features.words, self.vocabulary)),
            "lexicon": features.lexicon,
        }

    def scores(self, texts: list[str]) -> np.ndarray:
        """The averaged votes in [-1, 1], per text."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        votes = self.components(featurize(texts, self.embedder))
        return np.clip(np.mean([votes[c] for c in COMPONENTS], axis=0), -1.0, 1.0)

    def label(self, score: float) -> Label:
        """The label of a score: neutral within the margin around zero."""
        if score > self.neutral_margin:
            return "positive"
        return "negative" if score < -self.neutral_margin else "neutral"

    def sentiment(self, score: float) -> Sentiment:
        """A score with its label."""
        return Sentiment(label=self.label(score), score=round(score, 4))

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
    candidates = np.round(np.arange(0.0, 0.61, 0.02), 2)
    return float(max(candidates, key=lambda m: (macro_f1(labels, ternary(scores, m)), -m)))


def _fit(
    features: Features, labels: np.ndarray, rows: np.ndarray
) -> tuple[Linear, Linear, dict[str, int]]:
    """The embedding and word regressions, and the word vocabulary, fitted on `rows`."""
    counts = Counter(w for i in np.flatnonzero(rows) for w in features.words[i])
    kept = sorted(
        w
        for w, c in counts.items()
        if c >= MIN_WORD_COUNT and w.removeprefix("not_") not in FUNCTION_WORDS
    )
    vocabulary = {w: i for i, w in enumerate(kept)}
    bags = bag_matrix([features.words[i] for i in np.flatnonzero(rows)], vocabulary)
    return (
        fit_softmax(features.embedding[rows], labels[rows], _L2["embedding"]),
        fit_softmax(bags, labels[rows], _L2["words"]),
        vocabulary,
    )


def train(shop: Path, embedder: Embedder | None = None, out: Path = MODEL_PATH) -> dict[str, float]:
    """Fit on the shop's reviews, pick the neutral margin on held-out products, save; metrics."""
    embedder = embedder or Embedder()
    rows = read_reviews(shop)
    features = featurize([r.text for r in rows], embedder)
    labels = np.array([r.label for r in rows])
    held = np.array([in_validation(r.group) for r in rows])
    if held.all() or not held.any():
        raise ValueError(f"{shop}: too few products to hold some out; add more reviews")
    model = SentimentClassifier(*_fit(features, labels, ~held), 0.0, embedder)
    votes = model.components(features)
    fused = np.mean([votes[c] for c in COMPONENTS], axis=0)[held]
    model.neutral_margin = best_margin(fused, labels[held])
    polar = labels[held] != 1
    metrics = {
        "reviews": float(len(rows)),
        "held_out": float(held.sum()),
        "neutral_margin": model.neutral_margin,
        "held_out_macro_f1_3class": macro_f1(labels[held], ternary(fused, model.neutral_margin)),
        "held_out_accuracy_binary": float(np.mean((fused[polar] >= 0) * 2 == labels[held][polar])),
    }
    everything = np.ones(len(rows), dtype=bool)
    model.embedding_model, model.word_model, model.vocabulary = _fit(features, labels, everything)
    model.save(out)
    return metrics


def main(argv: list[str] | None = None) -> int:
    """`python -m retrieval.sentiment train [--shop DIR] [--out FILE]`."""
    parser = argparse.ArgumentParser(prog="python -m retrieval.sentiment")
    commands = parser.add_subparsers(dest="command", required=True)
    fit = commands.add_parser("train", help="train on a shop's reviews and save the weights")
    fit.add_argument("--shop", type=Path, default=DEFAULT_SHOP)
    fit.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    metrics = train(args.shop, out=args.out)
    for key, value in metrics.items():
        print(f"{key}: {value:.4g}")
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
