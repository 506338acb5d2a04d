"""Fit the shipped intent classifier on `examples/` and write `intent_model.npz` and REPORT.md.

    python -m assistant.planner.understand.train

Splits (`examples.split_of`): hyper-parameters (C, the weight of the term block), the
temperature and the confidence threshold are chosen on the validation split with a model
fitted on the fit split; the shipped model is then refitted on fit + validation with those
choices. The held-out split is only scored, by the shipped model: per-intent precision, recall
and F1, macro-F1, expected calibration error, and per-message latency (embedding included).
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import get_settings
from assistant.planner.understand.examples import (
    HELDOUT_PERCENT,
    VALIDATION_PERCENT,
    Example,
    load_examples,
)
from assistant.planner.understand.intent_model import (
    CONFIDENT,
    MODEL_PATH,
    IntentModel,
    intent_terms,
    softmax,
)
from retrieval.embedder import Embedder
from retrieval.sentiment_tfidf import TermWeights, fit_vocabulary, terms_matrix

REPORT_PATH = Path(__file__).resolve().parent / "REPORT.md"
GRID = list(itertools.product((4.0, 16.0, 64.0, 256.0), (0.0, 0.5, 1.0, 2.0)))
"""(C, term-block weight) pairs tried; weight 0 is the embedding alone."""
MIN_DF = 2
TARGET_ACCURACY = 0.95
"""The confidence threshold is the lowest at which validation predictions at or above it are
at least this often right: below it, a clarifying question is the better bet."""
ECE_BINS = 10


@dataclass
class Corpus:
    """Examples with their embeddings and terms, row-aligned."""

    examples: list[Example]
    vectors: np.ndarray
    grams: list[list[str]]

    def take(self, *splits: str) -> Corpus:
        index = [i for i, e in enumerate(self.examples) if e.split in splits]
        return Corpus(
            [self.examples[i] for i in index], self.vectors[index], [self.grams[i] for i in index]
        )

    @property
    def texts(self) -> list[str]:
        return [e.text for e in self.examples]

    def targets(self, labels: tuple[str, ...]) -> np.ndarray:
        return np.array([labels.index(e.intent) for e in self.examples])


def fit(
    corpus: Corpus, labels: tuple[str, ...], c: float, term_weight: float, embedder: Embedder
) -> IntentModel:
    """Multinomial logistic regression over [embedding, term_weight × TF-IDF]; temperature 1."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    vocabulary, idf = fit_vocabulary(corpus.grams, MIN_DF, 10**6) if term_weight else ({}, [])
    idf = np.asarray(idf, dtype=np.float32)
    blocks = [csr_matrix(corpus.vectors)]
    if vocabulary:
        blocks.append(terms_matrix(corpus.grams, vocabulary, idf) * term_weight)
    classifier = LogisticRegression(C=c, max_iter=5000)
    classifier.fit(hstack(blocks).tocsr(), corpus.targets(labels))
    coef = classifier.coef_.T.astype(np.float32)  # (features, labels)
    dimensions = corpus.vectors.shape[1]
    return IntentModel(
        labels=labels,
        embedding=coef[:dimensions],
        terms=TermWeights(vocabulary, idf, coef[dimensions:] * term_weight),
        bias=classifier.intercept_.astype(np.float32),
        temperature=1.0,
        embedder=embedder,
    )


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Unweighted mean F1 over the labels present in the truth."""
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, labels=np.unique(truth), average="macro"))


def fit_temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of the truth."""
    from scipy.optimize import minimize_scalar

    def nll(log_t: float) -> float:
        p = softmax(logits / np.exp(log_t))
        return float(-np.log(np.maximum(p[np.arange(len(truth)), truth], 1e-12)).mean())

    return float(np.exp(minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded").x))


def choose_threshold(confidence: np.ndarray, correct: np.ndarray) -> float:
    """The lowest confidence threshold whose kept predictions are ≥ TARGET_ACCURACY right."""
    for threshold in np.round(np.arange(0.0, 1.0, 0.01), 2):
        kept = confidence >= threshold
        if kept.any() and correct[kept].mean() >= TARGET_ACCURACY:
            return float(threshold)
    return 1.0


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray) -> float:
    """|accuracy − mean confidence| averaged over equal-width confidence bins, by bin size."""
    bins = np.minimum((confidence * ECE_BINS).astype(int), ECE_BINS - 1)
    total = 0.0
    for b in range(ECE_BINS):
        inside = bins == b
        if inside.any():
            gap = abs(correct[inside].mean() - confidence[inside].mean())
            total += inside.sum() / len(confidence) * gap
    return float(total)


def latency_ms(model: IntentModel, texts: list[str]) -> tuple[float, float, float]:
    """Median and p95 milliseconds of `predict` on one message at a time (after a warm-up),
    and the median of embedding alone, measured in the same loop as the baseline."""
    model.predict(texts[0])
    total, embedding = [], []
    for text in texts:
        start = time.perf_counter()
        model.embedder.embed_query(text)
        middle = time.perf_counter()
        model.predict(text)
        embedding.append((middle - start) * 1000)
        total.append((time.perf_counter() - middle) * 1000)
    return float(np.median(total)), float(np.percentile(total, 95)), float(np.median(embedding))


def select(
    fit_part: Corpus, validation: Corpus, labels: tuple[str, ...], embedder: Embedder
) -> tuple[float, float, list[str]]:
    """The grid point with the best validation macro-F1 (first on ties), and a log line each."""
    truth = validation.targets(labels)
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    lines = []
    for c, weight in GRID:
        model = fit(fit_part, labels, c, weight, embedder)
        predicted = model.logits(validation.texts, validation.vectors).argmax(axis=1)
        score = macro_f1(truth, predicted)
        lines.append(f"| {c:g} | {weight:g} | {score:.3f} |")
        if score > best[0]:
            best = (score, c, weight)
    return best[1], best[2], lines


def main(argv: list[str] | None = None) -> int:
    """Train, calibrate, evaluate on held-out, write the model and the report."""
    from sklearn.metrics import precision_recall_fscore_support

    examples = load_examples()
    labels = tuple(sorted({e.intent for e in examples}))
    embedder = Embedder.from_settings(get_settings())
    embedder.prepare()
    texts = [e.text for e in examples]
    corpus = Corpus(examples, embedder.embed(texts), [intent_terms(t) for t in texts])
    fit_part, validation = corpus.take("fit"), corpus.take("validation")
    heldout = corpus.take("heldout")

    c, weight, grid_lines = select(fit_part, validation, labels, embedder)
    chosen = fit(fit_part, labels, c, weight, embedder)
    val_logits = chosen.logits(validation.texts, validation.vectors)
    val_truth = validation.targets(labels)
    temperature = fit_temperature(val_logits, val_truth)
    val_p = softmax(val_logits / temperature)
    confident = choose_threshold(val_p.max(axis=1), val_p.argmax(axis=1) == val_truth)

    model = fit(corpus.take("fit", "validation"), labels, c, weight, embedder)
    model.temperature = temperature
    note = f"C={c:g} terms×{weight:g} T={temperature:.3f} embedder={embedder.variant}"
    model.save(MODEL_PATH, confident, note)

    truth = heldout.targets(labels)
    p = model.probabilities(heldout.texts, heldout.vectors)
    predicted, confidence = p.argmax(axis=1), p.max(axis=1)
    correct = predicted == truth
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=range(len(labels)), zero_division=0
    )
    median, p95, embed_median = latency_ms(model, heldout.texts)
    kept = confidence >= confident
    figures = {
        "macro_f1": float(f1.mean()),
        "accuracy": float(correct.mean()),
        "ece": expected_calibration_error(confidence, correct),
        "ece_uncalibrated": expected_calibration_error(
            softmax(model.logits(heldout.texts, heldout.vectors)).max(axis=1), correct
        ),
        "conf_right": float(confidence[correct].mean()),
        "conf_wrong": float(confidence[~correct].mean()) if (~correct).any() else float("nan"),
        "kept": float(kept.mean()),
        "kept_accuracy": float(correct[kept].mean()) if kept.any() else float("nan"),
        "median_ms": median,
        "p95_ms": p95,
        "embed_ms": embed_median,
        "weight_bytes_mb": model.weight_bytes / 1e6,
    }
    rows = [
        f"| {label} | {precision[i]:.3f} | {recall[i]:.3f} | {f1[i]:.3f} | {support[i]} |"
        for i, label in enumerate(labels)
    ]
    print("\n".join(["| intent | precision | recall | F1 | n |", *rows]))
    print(
        f"held-out macro-F1 {figures['macro_f1']:.3f}  accuracy {figures['accuracy']:.3f}  "
        f"ECE {figures['ece']:.3f} (uncalibrated {figures['ece_uncalibrated']:.3f})  "
        f"CONFIDENT {confident:.2f}  latency median {median:.1f} ms p95 {p95:.1f} ms  "
        f"weights {model.weight_bytes / 1e6:.2f} MB  ({note})"
    )
    wrong = [
        f"| {heldout.texts[i]} | {heldout.examples[i].intent} | {labels[predicted[i]]} | "
        f"{confidence[i]:.2f} |"
        for i in np.flatnonzero(~correct)
    ]
    write_report(
        examples, labels, rows, grid_lines, (c, weight, temperature, confident), figures, wrong
    )
    print(f"wrote {MODEL_PATH} and {REPORT_PATH}", file=sys.stderr)
    if round(CONFIDENT, 2) != round(confident, 2):
        print(f"set CONFIDENT = {confident:.2f} in intent_model.py (now {CONFIDENT})")
    return 0


def write_report(
    examples: list[Example],
    labels: tuple[str, ...],
    rows: list[str],
    grid_lines: list[str],
    chosen: tuple[float, float, float, float],
    figures: dict[str, float],
    wrong: list[str],
) -> None:
    """REPORT.md: data, choices and held-out figures (regenerated by every training run)."""
    c, weight, temperature, confident = chosen
    counts = {label: Counter() for label in labels}
    for e in examples:
        counts[e.intent][e.split] += 1
    count_rows = [
        f"| {label} | {sum(n.values())} | {n['fit']} | {n['validation']} | {n['heldout']} |"
        for label, n in counts.items()
    ]
    total = Counter(e.split for e in examples)
    size = MODEL_PATH.stat().st_size
    text = REPORT_TEMPLATE.format(
        heldout=HELDOUT_PERCENT,
        validation=VALIDATION_PERCENT,
        counts="\n".join(count_rows),
        total=f"| all | {len(examples)} | {total['fit']} | {total['validation']} | "
        f"{total['heldout']} |",
        grid="\n".join(grid_lines),
        c=c,
        weight=weight,
        temperature=temperature,
        confident=confident,
        target=TARGET_ACCURACY,
        rows="\n".join(rows),
        wrong="\n".join(wrong) or "| (none) | | | |",
        size_kb=size / 1024,
        bins=ECE_BINS,
        **figures,
    )
    REPORT_PATH.write_text(text, encoding="utf-8")


REPORT_TEMPLATE = """\
# Intent classifier: report

Written by `python -m assistant.planner.understand.train` (do not edit by hand).

## Data

Example utterances in `examples/<intent>.yaml` (sources per group in each file). Split by a
stable hash of the normalised utterance: {heldout}% held out (never fitted or tuned on),
{validation}% validation (hyper-parameters, temperature, threshold), the rest fitted.

| intent | all | fit | validation | held-out |
|---|---|---|---|---|
{counts}
{total}

## Choices (validation split)

Multinomial logistic regression over the all-MiniLM-L6-v2 sentence embedding and TF-IDF terms
(words, word pairs, in-word character 3–5-grams seen in ≥ 2 examples), the term block scaled
by a weight. Validation macro-F1 of a model fitted on the fit split:

| C | term weight | validation macro-F1 |
|---|---|---|
{grid}

Chosen: C = {c:g}, term weight = {weight:g}. Temperature T = {temperature:.3f} minimises the
validation negative log-likelihood (probabilities = softmax(logits / T)). `CONFIDENT` =
{confident:.2f}: the lowest threshold at which validation predictions with at least that
confidence are ≥ {target:.0%} right; below it the planner asks a clarifying question. The
shipped model is refitted on fit + validation with these choices.

## Held-out figures (shipped model)

Macro-F1 **{macro_f1:.3f}**, accuracy {accuracy:.3f}.

| intent | precision | recall | F1 | n |
|---|---|---|---|---|
{rows}

Calibration: expected calibration error {ece:.3f} ({bins} equal-width bins; {ece_uncalibrated:.3f}
at T = 1). Mean confidence {conf_right:.3f} when right, {conf_wrong:.3f} when wrong. At
`CONFIDENT` = {confident:.2f}, {kept:.1%} of held-out messages are answered directly, and
{kept_accuracy:.1%} of those are right.

Latency of `IntentModel.predict` on one message, embedding included, over the held-out
messages on the training machine: median {median_ms:.1f} ms, p95 {p95_ms:.1f} ms; embedding
alone, in the same loop: median {embed_ms:.1f} ms.
Memory: the loaded weights and vocabulary take {weight_bytes_mb:.2f} MB; `intent_model.npz` is
{size_kb:.0f} KiB.

Held-out errors:

| utterance | intent | predicted | confidence |
|---|---|---|---|
{wrong}
"""

if __name__ == "__main__":
    raise SystemExit(main())
