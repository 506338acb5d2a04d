"""Fit and validate the Chinese sentiment model (training only; needs scikit-learn).

Validation: a fixed random 20% of reviews held out, and each of the 10 product categories
held out in turn (trained on the other nine). The shipped model is then fitted on all reviews.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from tqdm import tqdm

from retrieval.sentiment_chinese import ChineseSentiment, char_grams
from retrieval.sentiment_data import POSITIVE, LabelledText
from retrieval.sentiment_tfidf import TermWeights, fit_vocabulary, terms_matrix

MIN_DF = 3
MAX_TERMS = 60_000  # the most frequent n-grams: the shipped vocabulary (~1 MB compressed)
C = 2.0
HOLD_OUT_SHARE = 0.2
SEED = 13


def _logistic(features, positive: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(features, positive)
    return model.coef_.T.astype(np.float32), float(model.intercept_[0])


def fit_chinese(grams: Sequence[list[str]], labels: np.ndarray, c: float = C) -> ChineseSentiment:
    """Fit the logistic regression on the MAX_TERMS most frequent n-grams."""
    vocabulary, idf = fit_vocabulary(grams, MIN_DF, MAX_TERMS)
    weights, bias = _logistic(terms_matrix(grams, vocabulary, idf), labels == POSITIVE, c)
    return ChineseSentiment(TermWeights(vocabulary, idf, weights), bias)


def binary_macro_f1(labels: np.ndarray, scores: np.ndarray) -> float:
    """Macro-F1 of positive (score ≥ 0) vs negative."""
    from retrieval.sentiment import macro_f1

    return macro_f1(labels == POSITIVE, scores >= 0)


def validate_chinese(rows: list[LabelledText], c: float = C) -> dict[str, float]:
    """Held-out macro-F1: a random 20% split, and each category held out in turn."""
    grams = [char_grams(r.text) for r in tqdm(rows, desc="zh n-grams")]
    labels = np.array([r.label for r in rows])
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    held = np.zeros(len(rows), dtype=bool)
    held[order[: int(len(rows) * HOLD_OUT_SHARE)]] = True
    splits = {"random 20%": held}
    for group in sorted({r.group for r in rows}):
        splits[f"category {group}"] = np.array([r.group == group for r in rows])
    figures = {}
    for name, test in tqdm(splits.items(), desc="zh validation"):
        train = np.flatnonzero(~test)
        model = fit_chinese([grams[i] for i in train], labels[train], c)
        scores = model.terms.logits([grams[i] for i in np.flatnonzero(test)])[:, 0] + model.bias
        figures[name] = binary_macro_f1(labels[test], scores)
        tqdm.write(f"zh held-out {name}: macro-F1 {figures[name]:.4f}")
    return figures
