"""Train the shipped sentiment models on public labelled reviews (needs scikit-learn).

English: Blitzer books / dvd / electronics / kitchen and Amazon All_Beauty (stars 1–2
negative, 4–5 positive). The settings (C, whether the terms are scaled by naive-Bayes
log-count ratios, how strongly the embedding block counts) are chosen by domain-held-out
validation: each Blitzer domain is held out in turn, the model is trained on the other three
plus All_Beauty, and the settings with the best mean held-out macro-F1 win. The neutral margin
is fitted on All_Beauty's three labels with out-of-fold scores (each product fold scored by a
model trained on Blitzer and the other folds). Then the model is fitted on everything and its
term vocabulary pruned to the strongest KEEP_TERMS.
Chinese: `retrieval.sentiment_train_zh`, fitted on all of online_shopping_10_cats (its
held-out figures: `bench/sentiment_eval.py`). UCI sentences and AMAZON_FASHION are never read
here (evaluation only); nor is any shop's data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from retrieval.embedder import DIMENSIONS, Embedder
from retrieval.sentiment import (
    MODEL_PATH,
    EnglishModel,
    Features,
    SentimentClassifier,
    best_margin,
    macro_f1,
    pool,
    to_score,
)
from retrieval.sentiment_chinese import char_grams
from retrieval.sentiment_data import (
    BLITZER_DOMAINS,
    DATA,
    NEUTRAL,
    POSITIVE,
    LabelledText,
    read_beauty,
    read_blitzer,
    read_chinese,
)
from retrieval.sentiment_lexicon import sentences
from retrieval.sentiment_tfidf import TermWeights, fit_vocabulary, pruned, terms_matrix
from retrieval.sentiment_train_zh import fit_chinese

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

MIN_DF = 2
MAX_TERMS = 200_000
KEEP_TERMS = 40_000
PRODUCT_FOLDS = 5
CHUNK = 2048


@dataclass(frozen=True)
class Settings:
    """One point of the model-selection grid."""

    c: float = 1.0
    embedding_scale: float = 1.0  # the embedding block is multiplied by this before fitting
    lexicon_scale: float = 1.0
    terms: bool = True
    nb_scaled: bool = False  # each term column times its naive-Bayes log-count ratio


# Earlier selections (bench/RESULTS.md) found that every block counts (mean held-out macro-F1:
# terms alone 0.852, no embedding 0.859, no terms 0.860, no lexicon 0.869, all three 0.880 at
# C=4; embedding x3 0.875), so the grid asks how the term block is weighted: plain TF-IDF or
# scaled by naive-Bayes log-count ratios (Wang & Manning 2012), at which C, and how strongly the
# embedding block is held back against the scaled terms (x0.5: its weights are penalised 4x as
# much). A single sentence's embedding is a unit vector while a review's mean embedding has norm
# about 0.6, so the embedding block counts about 1.7x more in a clause than in the reviews the
# model is fitted on.
GRID = [Settings(4.0)]
GRID += [Settings(c, e, nb_scaled=True) for c in (4.0, 16.0, 64.0) for e in (1.0, 0.5)]


@dataclass
class Corpus:
    """Labelled texts and their features, row-aligned."""

    rows: list[LabelledText]
    features: Features

    @property
    def labels(self) -> np.ndarray:
        return np.array([r.label for r in self.rows])

    def take(self, mask: np.ndarray) -> Corpus:
        index = np.flatnonzero(mask)
        return Corpus(
            [self.rows[i] for i in index],
            Features(
                self.features.embedding[index],
                [self.features.terms[i] for i in index],
                self.features.lexicon[index],
            ),
        )


def corpus(
    rows: list[LabelledText], embedder: Embedder, name: str, cache: Path | None = None
) -> Corpus:
    """Featurize rows; sentence vectors are read from (or written to) `cache`/NAME.npz, so a
    retrain with other settings does not embed the same reviews again."""
    split = [sentences(r.text) for r in rows]
    flat = [s for parts in split for s in parts]
    offsets = np.cumsum([0] + [len(parts) for parts in split])
    path = cache / f"{name}.npz" if cache else None
    vectors = None
    if path is not None and path.exists():
        with np.load(path) as stored:
            if np.array_equal(stored["offsets"], offsets):
                vectors = stored["vecs"].astype(np.float32)
    if vectors is None:
        vectors = np.zeros((len(flat), DIMENSIONS), dtype=np.float32)
        for start in tqdm(range(0, len(flat), CHUNK), desc=f"embedding {name}", unit="×2048 sent."):
            vectors[start : start + CHUNK] = embedder.embed(flat[start : start + CHUNK])
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, vecs=vectors.astype(np.float16), offsets=offsets)
    return Corpus(rows, pool([r.text for r in rows], split, vectors))


def joined(parts: Sequence[Corpus]) -> Corpus:
    """Several corpora as one."""
    return Corpus(
        [r for p in parts for r in p.rows],
        Features(
            np.concatenate([p.features.embedding for p in parts]),
            [t for p in parts for t in p.features.terms],
            np.concatenate([p.features.lexicon for p in parts]),
        ),
    )


@dataclass
class Prepared:
    """A training set's polar rows and their term matrix (reused across settings)."""

    polar: Corpus
    vocabulary: dict[str, int]
    idf: np.ndarray
    terms: object  # scipy.sparse.csr_matrix


def prepare(train: Corpus) -> Prepared:
    """The polar rows of `train` (neutral rows are left out) and their TF-IDF matrix over a
    vocabulary fitted on them."""
    polar = train.take(train.labels != NEUTRAL)
    vocabulary, idf = fit_vocabulary(polar.features.terms, MIN_DF, MAX_TERMS)
    return Prepared(polar, vocabulary, idf, terms_matrix(polar.features.terms, vocabulary, idf))


def fit_english(
    train: Corpus | Prepared, settings: Settings, keep: int = KEEP_TERMS
) -> EnglishModel:
    """Fit the binary model on the polar rows of `train` with the given settings."""
    from scipy.sparse import csr_matrix, diags, hstack
    from sklearn.linear_model import LogisticRegression

    ready = train if isinstance(train, Prepared) else prepare(train)
    polar = ready.polar
    vocabulary, idf, terms = ready.vocabulary, ready.idf, ready.terms
    if not settings.terms:
        vocabulary, idf = {}, np.zeros(0, dtype=np.float32)
        terms = csr_matrix((len(polar.rows), 0), dtype=np.float32)
    ratio = log_count_ratio(terms, polar.labels == POSITIVE) if settings.nb_scaled else None
    blocks = [
        terms @ diags(ratio) if ratio is not None else terms,
        csr_matrix(polar.features.embedding * settings.embedding_scale),
        csr_matrix(polar.features.lexicon * settings.lexicon_scale),
    ]
    model = LogisticRegression(
        C=settings.c, solver="liblinear", class_weight="balanced", max_iter=2000
    )
    model.fit(hstack(blocks).tocsr(), polar.labels == POSITIVE)
    coef = model.coef_[0].astype(np.float32)
    n_terms, dims = len(vocabulary), polar.features.embedding.shape[1]
    term_coef = coef[:n_terms] * ratio if ratio is not None else coef[:n_terms]
    return EnglishModel(
        embedding=coef[n_terms : n_terms + dims] * settings.embedding_scale,
        lexicon=coef[n_terms + dims :] * settings.lexicon_scale,
        terms=pruned(TermWeights(vocabulary, idf, term_coef[:, None]), keep),
        bias=float(model.intercept_[0]),
    )


def log_count_ratio(terms: csr_matrix, positive: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Per term, log of its share of positive texts' term occurrences (binarized, add-alpha)
    over its share of negative texts' (Wang & Manning 2012); folded into the term weights
    after fitting, so scoring is unchanged."""
    present = (terms > 0).astype(np.float32)
    p = alpha + np.asarray(present[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[~positive].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


def binary_f1(model: EnglishModel, test: Corpus) -> float:
    """Macro-F1 of positive (score ≥ 0) vs negative on the polar rows of `test`."""
    polar = test.take(test.labels != NEUTRAL)
    return macro_f1(polar.labels == POSITIVE, model.logits(polar.features) >= 0)


def domain_held_out(
    domains: dict[str, Corpus],
    extra: Sequence[Corpus],
    settings: Settings,
    prepared: dict[str, Prepared] | None = None,
) -> dict[str, float]:
    """Held-out macro-F1 per Blitzer domain (trained on the other three plus `extra`);
    `prepared` keeps each rotation's term matrix for the next settings."""
    prepared = {} if prepared is None else prepared
    figures = {}
    for name, test in domains.items():
        if name not in prepared:
            rest = [c for n, c in domains.items() if n != name]
            prepared[name] = prepare(joined(rest + list(extra)))
        figures[name] = binary_f1(fit_english(prepared[name], settings), test)
    return figures


def select(
    domains: dict[str, Corpus], extra: Sequence[Corpus]
) -> tuple[Settings, dict[str, float], list[str]]:
    """The grid point with the best mean domain-held-out macro-F1, its figures, and a report
    line per grid point."""
    report, best, best_figures, prepared = [], GRID[0], {}, {}
    for settings in tqdm(GRID, desc="model selection (4 rotations each)"):
        figures = domain_held_out(domains, extra, settings, prepared)
        mean = float(np.mean(list(figures.values())))
        cells = " ".join(f"{k} {v:.3f}" for k, v in figures.items())
        report.append(f"{settings} mean {mean:.4f} ({cells})")
        tqdm.write(report[-1])
        if not best_figures or mean > np.mean(list(best_figures.values())):
            best, best_figures = settings, figures
    return best, best_figures, report


def out_of_fold_scores(base: Corpus, beauty: Corpus, settings: Settings) -> np.ndarray:
    """A score per All_Beauty review from a model trained on `base` and the All_Beauty
    products of the other folds: no review is scored by a model that saw its product."""
    folds = np.array([hash_fold(r.group) for r in beauty.rows])
    scores = np.zeros(len(beauty.rows), dtype=np.float32)
    for fold in range(PRODUCT_FOLDS):
        model = fit_english(joined([base, beauty.take(folds != fold)]), settings)
        held = beauty.take(folds == fold)
        scores[folds == fold] = to_score(model.logits(held.features))
    return scores


def hash_fold(group: str) -> int:
    """A stable fold number of a product id."""
    import hashlib

    return hashlib.sha256(group.encode()).digest()[0] % PRODUCT_FOLDS


def load_english(
    data: Path, embedder: Embedder, cache: Path | None
) -> tuple[dict[str, Corpus], Corpus]:
    """The four Blitzer domains and All_Beauty, featurized."""
    domains = {d: corpus(read_blitzer(d, data), embedder, d, cache) for d in BLITZER_DOMAINS}
    return domains, corpus(read_beauty(data), embedder, "beauty", cache)


def train(
    data: Path = DATA,
    embedder: Embedder | None = None,
    out: Path = MODEL_PATH,
    cache: Path | None = None,
) -> dict[str, float]:
    """Select, fit and save both models; the validation figures. Sentences are embedded as a
    shop embeds them: by the int8 ONNX export, kept under `cache` (torch without one)."""
    if embedder is None:
        embedder = Embedder(home=cache)
        embedder.prepare()
    domains, beauty = load_english(data, embedder, cache)
    settings, held_out, _ = select(domains, [beauty])
    print(f"chosen: {settings}")
    blitzer = joined(list(domains.values()))
    margin = best_margin(out_of_fold_scores(blitzer, beauty, settings), beauty.labels)
    english = fit_english(joined([blitzer, beauty]), settings)
    chinese_rows = read_chinese(data)
    chinese = fit_chinese(
        [char_grams(r.text) for r in tqdm(chinese_rows, desc="zh n-grams (all)")],
        np.array([r.label for r in chinese_rows]),
    )
    SentimentClassifier(english, chinese, margin, embedder).save(out, json.dumps(asdict(settings)))
    return {
        **{f"held-out {d} macro-F1": v for d, v in held_out.items()},
        "held-out Blitzer mean macro-F1": float(np.mean(list(held_out.values()))),
        "neutral margin": margin,
        "english terms": float(len(english.terms.vocabulary)),
        "chinese terms": float(len(chinese.terms.vocabulary)),
    }


def shipped_settings(path: Path = MODEL_PATH) -> Settings:
    """The settings the shipped model was trained with (recorded in its file)."""
    with np.load(path) as data:
        return Settings(**json.loads(str(data["trained_with"])))
