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
from retrieval.aspect_lexicon import find_aspects, resolve_aspect
from retrieval.aspects import AspectSet, clauses, extract_mentions
from retrieval.db import make_engine
from retrieval.review_summary import QUOTE_CHARS, clip_quote, star_rating, summarize_reviews
from retrieval.sentiment import MODEL_PATH, SentimentClassifier, featurize
from retrieval.sentiment_cache import CachedSentiment
from retrieval.sentiment_chinese import is_chinese
from retrieval.sentiment_data import LabelledText
from retrieval.sentiment_lexicon import lexicon_score
from retrieval.sentiment_train import Corpus, Settings, fit_english
from retrieval.texts import fingerprint


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
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 3_000_000
    assert classifier.english.embedding.shape == (384,)
    assert len(classifier.english.terms.vocabulary) > 1000
    assert classifier.chinese is not None and len(classifier.chinese.terms.vocabulary) > 1000
    results = classifier.classify(["Great phone.", "Awful phone."])
    assert [r.label for r in results] == ["positive", "negative"]
    assert all(-1 <= r.score <= 1 for r in results)
    assert classifier.classify([]) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love it, works perfectly and the battery lasts for days.", "positive"),
        ("Excellent quality, highly recommend!", "positive"),
        ("No complaints, it does exactly what it should.", "positive"),
        ("stopped working after a week", "negative"),
        ("Terrible. It broke the second time I used it, total waste of money.", "negative"),
        ("Not worth the price, very disappointed.", "negative"),
        ("Doesn't hold a charge anymore.", "negative"),
        ("质量很好，非常满意，会回购的", "positive"),
        ("太差了，用了两天就坏了，很失望", "negative"),
    ],
)
def test_obvious_sentences_get_the_right_label(
    classifier: SentimentClassifier, text: str, label: str
) -> None:
    assert classifier.classify([text])[0].label == label


def test_negated_praise_and_complaint_lean_the_right_way(classifier) -> None:
    not_bad, not_good = classifier.classify(["not bad at all", "not good at all"])
    assert not_bad.score > 0 > not_good.score and not_good.label == "negative"


def test_text_in_chinese_script_goes_to_the_chinese_model(classifier) -> None:
    assert is_chinese("电池很耐用") and is_chinese("这个 iPhone 壳很好")
    assert not is_chinese("Great phone") and not is_chinese("Love the 电池 but the strap broke")
    english_only = dataclasses.replace(classifier, chinese=None)
    text = "物流很快，包装也很好"
    assert classifier.classify([text])[0].score != english_only.classify([text])[0].score


def test_training_is_deterministic_and_the_result_loads(embedder, tmp_path: Path) -> None:
    texts = {
        2: ["Love it, works great.", "Good value, happy.", "Excellent, recommend it."],
        0: ["Poor quality, disappointed.", "Terrible, it broke.", "Awful, do not buy."],
    }
    rows = [LabelledText(t, label, "g") for label, group in texts.items() for t in group] * 3
    corpus = Corpus(rows, featurize([r.text for r in rows], embedder))
    first, second = (fit_english(corpus, Settings(c=4.0)) for _ in range(2))
    assert np.array_equal(first.embedding, second.embedding) and first.bias == second.bias
    model = SentimentClassifier(first, None, 0.1, embedder)
    model.save(tmp_path / "m.npz")
    loaded = SentimentClassifier.load(tmp_path / "m.npz", embedder)
    assert [s.label for s in loaded.classify(["Love it.", "Terrible."])] == ["positive", "negative"]


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
    aspects = AspectSet.of({"sound": ["sound quality"], "battery": ["battery life"]})
    [mentions] = extract_mentions([text], classifier, aspects)
    polarity = {m.aspect: m.polarity for m in mentions}
    assert polarity == {"sound": "praise", "battery": "complaint"}
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


MINED = AspectSet.of({"battery": ["battery", "battery life"], "noise": ["noise", "quiet", "loud"]})


def test_summary_counts_come_from_the_reviews(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, MINED, now=NOW)
    assert summary.count == 8
    assert summary.average_rating == 3.3 == star_rating(26 / 8)
    assert summary.stars == {"5": 3, "4": 1, "3": 1, "2": 1, "1": 2}
    split = summary.sentiment
    assert (split.positive, split.negative) == (4, 3)
    assert split.positive + split.neutral + split.negative == 8
    assert split.positive_share == 0.5
    by_id = {r.review_id: r.text for r in REVIEWS}
    battery, noise = summary.themes
    assert (battery.aspect, battery.mentions, battery.praise, battery.complaints) == (
        "battery",
        5,
        3,
        2,
    )
    assert battery.stance == "like" and battery.percent == 63  # 5 of 8, halves round up
    assert (noise.aspect, noise.praise, noise.complaints, noise.stance) == ("noise", 2, 2, "mixed")
    assert summary.praised == [battery] and summary.criticised == []
    assert summary.positive_shares() == {"battery": 0.6, "noise": 0.5}
    for item in summary.praised + summary.criticised:
        assert item.quote is not None and len(item.quote.text) <= QUOTE_CHARS
        assert item.quote.text in by_id[item.quote.review_id]


def test_summary_trend_compares_recent_reviews_with_earlier(
    classifier: SentimentClassifier,
) -> None:
    detail = summarize_reviews(REVIEWS, classifier, now=NOW).trend_detail
    assert detail is not None and detail.direction == "declining"
    assert (detail.recent.count, detail.earlier.count) == (3, 4)
    assert detail.recent.average_rating == 1.3
    assert detail.earlier.average_rating == 4.8
    assert [q.period for q in detail.by_quarter] == ["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q2"]
    steady = [FakeReview(f"S{i}", 4 + i % 2, "Nice.", days_ago(30 * i)) for i in range(12)]
    summary = summarize_reviews(steady, classifier, now=NOW)
    assert summary.trend_detail is not None and summary.trend_detail.direction == "stable"
    assert summary.trend is not None and summary.trend.startswith("stable")
    assert summarize_reviews(REVIEWS[:2], classifier).trend is None


def test_summary_focuses_on_one_aspect(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, MINED, aspect="Noise", now=NOW)
    assert summarize_reviews(REVIEWS, classifier, aspect="sizing").focus.aspect == "fit"
    focus = summary.focus
    assert focus is not None and focus.aspect == "noise"
    assert (focus.reviews, focus.praise, focus.complaints) == (4, 2, 2)
    assert focus.praise_quote is not None and focus.complaint_quote is not None
    assert focus.complaint_quote.review_id in {"R5", "R6"}
    assert (focus.of_reviews, focus.percent) == (8, 50)
    assert summary.count == 8


def test_summary_of_an_aspect_nobody_mentions_says_so(classifier: SentimentClassifier) -> None:
    summary = summarize_reviews(REVIEWS, classifier, MINED, aspect="zipper")
    assert summary.focus is not None and summary.focus.reviews == 0
    assert summary.focus.note == "no review mentions zipper"
    assert summary.praised[0].aspect == "battery"
    empty = summarize_reviews([], classifier, aspect="fit")
    assert empty.count == 0 and empty.focus is not None and empty.focus.note == "no reviews yet"


def test_long_quotes_are_cut_to_a_prefix_at_a_word() -> None:
    text = "word " * 60
    quote = clip_quote(text)
    assert len(quote) <= QUOTE_CHARS and text.startswith(quote) and quote.endswith("word")


def test_cli_labels_each_stdin_line(classifier: SentimentClassifier, monkeypatch) -> None:
    out = io.StringIO()
    lines = "Great phone!\n\n这个手机很好用，很满意\nIt broke in a day.\n太差了，很失望\n"
    count = label_lines(io.StringIO(lines), out, classifier, True)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    labels = [r["label"] for r in rows]
    assert count == 5 and labels == ["positive", "neutral", "positive", "negative", "negative"]
    assert rows[1] == {"text": "", "label": "neutral", "score": 0.0}
    monkeypatch.setattr(SentimentClassifier, "load", classmethod(lambda cls, **_: classifier))
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
