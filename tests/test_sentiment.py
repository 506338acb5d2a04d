"""Review sentiment, aspects and the review summary, with the shipped model (no training)."""

from __future__ import annotations

import dataclasses
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from assistant.commands.sentiment import label_lines, sentiment_command
from retrieval.aspects import clauses, extract_mentions, find_aspects, resolve_aspect
from retrieval.db import make_engine
from retrieval.review_summary import QUOTE_CHARS, clip_quote, summarize_reviews
from retrieval.sentiment import MODEL_PATH, SentimentClassifier, train
from retrieval.sentiment_cache import CachedSentiment
from retrieval.sentiment_lexicon import lexicon_score
from retrieval.texts import fingerprint
from tests.conftest import write_shop


@pytest.fixture(scope="module")
def classifier(embedder) -> SentimentClassifier:
    return SentimentClassifier.load(embedder=embedder)


@dataclass
class FakeReview:
    review_id: str
    rating: int
    text: str
    created_at: datetime | None = None


NOW = datetime(2025, 6, 30, tzinfo=UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_the_shipped_model_loads_without_training(classifier: SentimentClassifier) -> None:
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 200_000
    assert classifier.embedding_model.weights.shape == (384, 3)
    assert len(classifier.vocabulary) == classifier.word_model.weights.shape[0] > 100
    results = classifier.classify(["Great phone.", "Awful phone."])
    assert [r.label for r in results] == ["positive", "negative"]
    assert all(-1 <= r.score <= 1 for r in results)
    assert classifier.classify([]) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love it, works perfectly and the battery lasts for days.", "positive"),
        ("Excellent quality, highly recommend!", "positive"),
        ("not bad at all", "positive"),
        ("No complaints, it does exactly what it should.", "positive"),
        ("stopped working after a week", "negative"),
        ("Terrible. It broke the second time I used it, total waste of money.", "negative"),
        ("Not worth the price, very disappointed.", "negative"),
        ("Doesn't hold a charge anymore.", "negative"),
    ],
)
def test_obvious_sentences_get_the_right_label(
    classifier: SentimentClassifier, text: str, label: str
) -> None:
    assert classifier.classify([text])[0].label == label


def test_training_is_deterministic_and_the_result_loads(embedder, tmp_path: Path) -> None:
    texts = {5: "Love it, works great.", 4: "Good value.", 3: "It is okay, nothing special.",
             2: "Poor quality, disappointed.", 1: "Terrible, it broke."}  # fmt: skip
    rows = [
        {"review_id": f"R{i}", "product_id": f"P{i % 7}", "rating": stars, "text": text}
        for i, (stars, text) in enumerate(list(texts.items()) * 4)
    ]
    write_shop(tmp_path / "shop", reviews=rows)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    metrics = train(tmp_path / "shop", embedder, first)
    train(tmp_path / "shop", embedder, second)
    assert metrics["reviews"] == 20
    with np.load(first) as a, np.load(second) as b:
        assert all(np.array_equal(a[key], b[key]) for key in a.files)
    model = SentimentClassifier.load(first, embedder)
    assert [s.label for s in model.classify(["Love it.", "Terrible."])] == ["positive", "negative"]


def test_lexicon_handles_negation_and_contrast() -> None:
    assert lexicon_score("good") > 0 > lexicon_score("not good")
    assert lexicon_score("bad") < 0 < lexicon_score("not bad")
    assert lexicon_score("It looks nice but it broke in a day") < 0
    assert lexicon_score("The box is blue") == 0


def test_clauses_are_exact_substrings_cut_at_contrast_words() -> None:
    text = "Great sound, but the battery died after 2.5 hours. Fit is true to size; ok!"
    parts = clauses(text)
    assert [c for _, c in parts] == [
        "Great sound",
        "the battery died after 2.5 hours.",
        "Fit is true to size",
        "ok!",
    ]
    assert all(text[offset : offset + len(c)] == c for offset, c in parts)


def test_aspects_are_found_by_synonym_and_resolved() -> None:
    assert find_aspects("Battery life is short and it runs small") == ["battery", "fit"]
    assert find_aspects("Shipping was quick, customer service helpful") == [
        "shipping",
        "customer service",
    ]
    assert resolve_aspect("sizing") == "fit"
    assert resolve_aspect("Delivery") == "shipping"
    assert resolve_aspect("price/value") == "value"
    assert resolve_aspect("noise-cancelling") == "noise cancelling"
    assert resolve_aspect("warp drive") is None


def test_aspect_mentions_carry_praise_or_complaint(classifier: SentimentClassifier) -> None:
    text = "The sound is amazing, but the battery died after two days."
    [mentions] = extract_mentions([text], classifier)
    polarity = {m.aspect: m.polarity for m in mentions}
    assert polarity == {"sound": "praise", "battery": "complaint", "durability": "complaint"}
    assert all(text[m.start : m.start + len(m.text)] == m.text for m in mentions)


REVIEWS = [
    FakeReview("R1", 5, "Love it. The battery lasts all week and it is very quiet.", days_ago(400)),
    FakeReview("R2", 5, "Excellent blender, whisper quiet and easy to clean.", days_ago(380)),
    FakeReview("R3", 4, "Great value for the price. Battery life is excellent.", days_ago(300)),
    FakeReview("R4", 5, "Works perfectly, the battery is fantastic.", days_ago(250)),
    FakeReview("R5", 2, "Very loud and noisy. The battery died after a week.", days_ago(90)),
    FakeReview("R6", 1, "Terrible noise, it broke after two days. Waste of money.", days_ago(60)),
    FakeReview("R7", 1, "Awful, the battery stopped charging. Customer service never replied.",
               days_ago(30)),
    FakeReview("R8", 3, "It is fine.", None),
]  # fmt: skip


def test_summary_counts_come_from_the_reviews(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, now=NOW)
    assert summary.count == 8
    assert summary.average_rating == round(26 / 8, 2)
    assert summary.stars == {"5": 3, "4": 1, "3": 1, "2": 1, "1": 2}
    split = summary.sentiment
    assert (split.positive, split.negative) == (4, 3)
    assert split.positive + split.neutral + split.negative == 8
    assert split.positive_share == 0.5
    by_id = {r.review_id: r.text for r in REVIEWS}
    assert summary.praised[0].aspect == "battery" and summary.praised[0].mentions == 3
    assert summary.criticised[0].aspect == "battery" and summary.criticised[0].mentions == 2
    assert {"noise"} <= {a.aspect for a in summary.praised} & {a.aspect for a in summary.criticised}
    for item in summary.praised + summary.criticised:
        assert item.quote is not None and len(item.quote.text) <= QUOTE_CHARS
        assert item.quote.text in by_id[item.quote.review_id]


def test_summary_trend_compares_recent_reviews_with_earlier(
    classifier: SentimentClassifier,
) -> None:
    detail = summarize_reviews(REVIEWS, classifier, now=NOW).trend_detail
    assert detail is not None and detail.direction == "declining"
    assert (detail.recent.count, detail.earlier.count) == (3, 4)
    assert detail.recent.average_rating == round(4 / 3, 2)
    assert detail.earlier.average_rating == 4.75
    assert [q.period for q in detail.by_quarter] == ["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q2"]
    steady = [FakeReview(f"S{i}", 4 + i % 2, "Nice.", days_ago(30 * i)) for i in range(12)]
    summary = summarize_reviews(steady, classifier, now=NOW)
    assert summary.trend_detail is not None and summary.trend_detail.direction == "stable"
    assert summary.trend is not None and summary.trend.startswith("stable")
    assert summarize_reviews(REVIEWS[:2], classifier).trend is None


def test_summary_focuses_on_one_aspect(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, aspect="Noise", now=NOW)
    assert summarize_reviews(REVIEWS, classifier, aspect="sizing").focus.aspect == "fit"
    focus = summary.focus
    assert focus is not None and focus.aspect == "noise"
    assert (focus.reviews, focus.praise, focus.complaints) == (4, 2, 2)
    assert focus.praise_quote is not None and focus.complaint_quote is not None
    assert focus.complaint_quote.review_id in {"R5", "R6"}
    assert [a.aspect for a in summary.praised + summary.criticised] == ["noise", "noise"]
    assert summary.count == 8


def test_summary_of_an_aspect_nobody_mentions_says_so(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, aspect="zipper")
    assert summary.focus is not None and summary.focus.reviews == 0
    assert summary.focus.note == "no review mentions zipper"
    assert summary.praised == summary.criticised == []
    empty = summarize_reviews([], classifier, aspect="fit")
    assert empty.count == 0 and empty.focus is not None and empty.focus.note == "no reviews yet"


def test_long_quotes_are_cut_to_a_prefix_at_a_word() -> None:
    text = "word " * 60
    quote = clip_quote(text)
    assert len(quote) <= QUOTE_CHARS and text.startswith(quote) and quote.endswith("word")


def test_cli_labels_each_stdin_line(classifier: SentimentClassifier, monkeypatch) -> None:
    out = io.StringIO()
    count = label_lines(io.StringIO("Great phone!\n\nIt broke in a day.\n"), out, classifier, True)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 3 and [r["label"] for r in rows] == ["positive", "neutral", "negative"]
    assert rows[1] == {"text": "", "label": "neutral", "score": 0.0}
    monkeypatch.setattr(SentimentClassifier, "load", classmethod(lambda cls: classifier))
    app = typer.Typer()
    app.command()(sentiment_command)
    result = CliRunner().invoke(app, [], input="I love it\nterrible\n")
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.output.splitlines()] == [
        "positive",
        "negative",
    ]


def test_scores_are_cached_in_sql_per_model_version(classifier, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    computed: list[str] = []

    def counting(texts: list[str]) -> np.ndarray:
        computed.extend(texts)
        return SentimentClassifier.scores(classifier, texts)

    spy = dataclasses.replace(classifier)
    spy.scores = counting  # type: ignore[method-assign]
    texts = ["Love it, works great.", "Terrible, it broke.", "Love it, works great."]
    first = CachedSentiment(spy, engine).classify(texts)
    assert first == classifier.classify(texts) and computed == texts[:2]
    assert CachedSentiment(spy, engine).classify(texts[::-1]) == first[::-1]  # a new process
    assert computed == texts[:2]
    racing = CachedSentiment(spy, engine)  # another request stores a score already stored
    racing._store({fingerprint(texts[0]): -1.0})
    assert racing.classify(texts[:1]) == first[:1] and computed == texts[:2]
    retrained = dataclasses.replace(spy, version="retrained")
    retrained.scores = counting  # type: ignore[method-assign]
    CachedSentiment(retrained, engine).classify(texts[:1])
    assert computed == [*texts[:2], texts[0]]
