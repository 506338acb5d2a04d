"""The intent classifier: a linear model over a sentence embedding and TF-IDF terms, with a
temperature-scaled (calibrated) confidence.

Weights are fitted by `python -m assistant.planner.understand.train` on the examples in
`examples/` and shipped as `intent_model.npz`; at run time only numpy and the project's
embedder are needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from retrieval.embedder import Embedder
from retrieval.sentiment_lexicon import tokens
from retrieval.sentiment_tfidf import TermWeights

MODEL_PATH = Path(__file__).resolve().parent / "intent_model.npz"
CONFIDENT = 0.73
"""Below this confidence the planner asks a clarifying question instead of acting. Chosen by
`train` on the validation split: the lowest threshold at which the predictions kept are at
least `train.TARGET_ACCURACY` right (see REPORT.md); a test checks it matches the shipped
model."""
CHAR_GRAMS = (3, 4, 5)


class IntentPrediction(BaseModel):
    """The most likely intent of a message, its calibrated probability, and every intent ranked."""

    label: str
    confidence: float = Field(ge=0.0, le=1.0)
    ranked: list[tuple[str, float]]


def intent_terms(text: str) -> list[str]:
    """Words, word pairs and in-word character n-grams (which survive typos) of a message."""
    words = tokens(text)
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    grams = [
        f"#{padded[i : i + n]}"
        for padded in (f"<{w}>" for w in words if w.isalnum())
        for n in CHAR_GRAMS
        for i in range(len(padded) - n + 1)
    ]
    return words + pairs + grams


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class IntentModel:
    """Intent labels with their linear weights; `predict` embeds and scores a message."""

    labels: tuple[str, ...]
    embedding: np.ndarray  # (dimensions, labels)
    terms: TermWeights  # (terms, labels)
    bias: np.ndarray  # (labels,)
    temperature: float
    embedder: Embedder

    @classmethod
    def load(cls, embedder: Embedder, path: Path = MODEL_PATH) -> IntentModel:
        """The shipped model; pass the process's embedder (`Embedder.from_settings`) to share it."""
        with np.load(path) as data:
            return cls(
                labels=tuple(str(label) for label in data["labels"]),
                embedding=data["embedding"].astype(np.float32),
                terms=TermWeights.from_arrays(data, "terms"),
                bias=data["bias"].astype(np.float32),
                temperature=float(data["temperature"]),
                embedder=embedder,
            )

    def save(self, path: Path, confident: float, trained_with: str) -> None:
        """Write the weights (float16 matrices) with the threshold and a note of the training."""
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            embedding=self.embedding.astype(np.float16),
            bias=self.bias.astype(np.float32),
            temperature=np.float32(self.temperature),
            confident=np.float32(confident),
            trained_with=np.array(trained_with),
            **self.terms.arrays("terms"),
        )

    @property
    def weight_bytes(self) -> int:
        """Bytes the loaded weights and vocabulary take (the memory the model adds)."""
        vocabulary = sum(len(term) + 8 for term in self.terms.vocabulary)
        arrays = (self.embedding, self.terms.idf, self.terms.weights, self.bias)
        return vocabulary + sum(a.nbytes for a in arrays)

    def logits(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Uncalibrated scores per text and label, from the texts and their embeddings."""
        grams = [intent_terms(t) for t in texts]
        return vectors @ self.embedding + self.terms.logits(grams) + self.bias

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Calibrated probabilities per text and label."""
        return softmax(self.logits(texts, vectors) / self.temperature)

    def predict_many(
        self, texts: Sequence[str], vectors: np.ndarray | None = None
    ) -> list[IntentPrediction]:
        """Predict the intent of each message, embedded in one batch unless their embeddings
        (from the same embedder, e.g. a search that already embedded the message) are given."""
        if not texts:
            return []
        if vectors is None:
            vectors = self.embedder.embed(list(texts))
        return [self._prediction(row) for row in self.probabilities(texts, vectors)]

    def predict(self, text: str) -> IntentPrediction:
        """Predict the intent of one message."""
        return self.predict_many([text])[0]

    def _prediction(self, row: np.ndarray) -> IntentPrediction:
        order = np.argsort(-row, kind="stable")
        ranked = [(self.labels[i], round(float(row[i]), 4)) for i in order]
        return IntentPrediction(label=ranked[0][0], confidence=ranked[0][1], ranked=ranked)
