"""What a product's reviews say, as numbers taken from the data: sentiment split, aspects
praised and criticised with a real quote each, and the trend over time."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, Field

from retrieval.aspects import AspectMention, aspect_name, candidates, mentions_of

if TYPE_CHECKING:
    from retrieval.sentiment import Sentiment

QUOTE_CHARS = 140
TOP_ASPECTS = 3
RECENT_DAYS = 182
MIN_TREND_REVIEWS = 3
# A change in average stars counts as a trend only if it is this large and beyond two
# standard errors of the difference; otherwise the ratings are "stable".
MIN_STAR_CHANGE = 0.25
MAX_QUARTERS = 8
Direction = Literal["improving", "declining", "stable"]
# aspect -> polarity -> (review_id, that review's strongest mention of that polarity)
_Table = dict[str, dict[str, list[tuple[str, AspectMention]]]]


class ReviewLike(Protocol):
    """What a review must offer (the `Review` table row fits)."""

    @property
    def review_id(self) -> str: ...

    @property
    def rating(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def created_at(self) -> datetime | None: ...


class Classifier(Protocol):
    """Labels texts (the classifier itself, or its SQL-cached wrapper)."""

    def classify(self, texts: list[str]) -> list[Sentiment]: ...


class SentimentSplit(BaseModel):
    """How many reviews the classifier reads as positive, neutral and negative, and shares."""

    positive: int = 0
    neutral: int = 0
    negative: int = 0
    positive_share: float = 0.0
    neutral_share: float = 0.0
    negative_share: float = 0.0


class Quote(BaseModel):
    """A short exact excerpt of one review's text."""

    text: str = Field(max_length=QUOTE_CHARS)
    review_id: str


class AspectCount(BaseModel):
    """An aspect and how many reviews praise it (in `praised`) or criticise it (`criticised`)."""

    aspect: str
    mentions: int
    quote: Quote | None = None


class AspectFocus(BaseModel):
    """Everything the reviews say about one aspect."""

    aspect: str
    reviews: int = Field(description="reviews that mention the aspect")
    praise: int = Field(default=0, description="reviews that praise it")
    neutral: int = Field(default=0, description="reviews that mention it neutrally")
    complaints: int = Field(default=0, description="reviews that complain about it")
    praise_quote: Quote | None = None
    complaint_quote: Quote | None = None
    note: str | None = None


class PeriodStats(BaseModel):
    """Ratings within one stretch of time."""

    period: str
    count: int
    average_rating: float
    positive_share: float


class TrendDetail(BaseModel):
    """Recent reviews against earlier ones, and the figures by calendar quarter."""

    direction: Direction
    since: date
    recent: PeriodStats
    earlier: PeriodStats
    by_quarter: list[PeriodStats]


class ReviewSummary(BaseModel):
    """A grounded summary of a set of reviews; every figure is counted from them."""

    count: int
    average_rating: float | None = None
    stars: dict[str, int] = Field(default_factory=dict)
    sentiment: SentimentSplit = Field(default_factory=SentimentSplit)
    praised: list[AspectCount] = Field(default_factory=list)
    criticised: list[AspectCount] = Field(default_factory=list)
    focus: AspectFocus | None = None
    trend: str | None = None
    trend_detail: TrendDetail | None = None


def clip_quote(text: str) -> str:
    """A prefix of text of at most QUOTE_CHARS characters, cut at a word boundary."""
    if len(text) <= QUOTE_CHARS:
        return text
    head = text[: QUOTE_CHARS + 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else head[:QUOTE_CHARS]).rstrip(" ,;:-")


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _split(labels: Sequence[str]) -> SentimentSplit:
    counts = Counter(labels)
    n = len(labels)
    return SentimentSplit(
        positive=counts["positive"],
        neutral=counts["neutral"],
        negative=counts["negative"],
        positive_share=_share(counts["positive"], n),
        neutral_share=_share(counts["neutral"], n),
        negative_share=_share(counts["negative"], n),
    )


def _best_quote(
    found: list[tuple[str, AspectMention]], strongest: Literal["high", "low"]
) -> Quote | None:
    if not found:
        return None
    sign = -1 if strongest == "high" else 1
    review_id, mention = min(found, key=lambda f: (sign * f[1].score, len(f[1].text)))
    return Quote(text=clip_quote(mention.text), review_id=review_id)


def _by_aspect(reviews: Sequence[ReviewLike], mentions: list[list[AspectMention]]) -> _Table:
    """aspect -> polarity -> one (review_id, strongest mention) per review."""
    table: _Table = defaultdict(lambda: defaultdict(list))
    for review, found in zip(reviews, mentions, strict=True):
        seen: dict[tuple[str, str], AspectMention] = {}
        for mention in found:
            key = (mention.aspect, mention.polarity)
            if key not in seen or abs(mention.score) > abs(seen[key].score):
                seen[key] = mention
        for (aspect, kind), mention in seen.items():
            table[aspect][kind].append((review.review_id, mention))
    return table


def _ranked(table: _Table, kind: str) -> list[AspectCount]:
    strongest: Literal["high", "low"] = "high" if kind == "praise" else "low"
    rows = [
        AspectCount(
            aspect=aspect, mentions=len(found[kind]), quote=_best_quote(found[kind], strongest)
        )
        for aspect, found in table.items()
        if found[kind]
    ]
    return sorted(rows, key=lambda r: (-r.mentions, r.aspect))[:TOP_ASPECTS]


def _focus(name: str, table: _Table) -> AspectFocus:
    found = table.get(name, {})
    reviews = {rid for kind in found.values() for rid, _ in kind}
    return AspectFocus(
        aspect=name,
        reviews=len(reviews),
        praise=len(found.get("praise", [])),
        neutral=len(found.get("neutral", [])),
        complaints=len(found.get("complaint", [])),
        praise_quote=_best_quote(found.get("praise", []), "high"),
        complaint_quote=_best_quote(found.get("complaint", []), "low"),
        note=None if reviews else f"no review mentions {name}",
    )


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _period(name: str, rows: list[tuple[datetime, int, str]]) -> PeriodStats:
    stars = [r for _, r, _ in rows]
    return PeriodStats(
        period=name,
        count=len(rows),
        average_rating=round(sum(stars) / len(stars), 2),
        positive_share=_share(sum(1 for *_, label in rows if label == "positive"), len(rows)),
    )


def _direction(recent: list[int], earlier: list[int]) -> Direction:
    def mean_var(xs: list[int]) -> tuple[float, float]:
        mean = sum(xs) / len(xs)
        return mean, sum((x - mean) ** 2 for x in xs) / max(len(xs) - 1, 1)

    (m1, v1), (m0, v0) = mean_var(recent), mean_var(earlier)
    delta = m1 - m0
    error = math.sqrt(v1 / len(recent) + v0 / len(earlier))
    if abs(delta) < MIN_STAR_CHANGE or abs(delta) < 2 * error:
        return "stable"
    return "improving" if delta > 0 else "declining"


def _trend(
    reviews: Sequence[ReviewLike], labels: list[str], now: datetime | None
) -> TrendDetail | None:
    dated = [
        (_utc(r.created_at), r.rating, label)
        for r, label in zip(reviews, labels, strict=True)
        if r.created_at is not None
    ]
    if not dated:
        return None
    end = _utc(now) if now is not None else max(d for d, _, _ in dated)
    since = end - timedelta(days=RECENT_DAYS)
    recent = [row for row in dated if since < row[0] <= end]
    earlier = [row for row in dated if row[0] <= since]
    if len(recent) < MIN_TREND_REVIEWS or len(earlier) < MIN_TREND_REVIEWS:
        return None
    quarters: dict[str, list[tuple[datetime, int, str]]] = defaultdict(list)
    for row in dated:
        if row[0] <= end:
            quarters[f"{row[0].year}-Q{(row[0].month - 1) // 3 + 1}"].append(row)
    return TrendDetail(
        direction=_direction([r for _, r, _ in recent], [r for _, r, _ in earlier]),
        since=since.date(),
        recent=_period(f"since {since.date()}", recent),
        earlier=_period(f"before {since.date()}", earlier),
        by_quarter=[_period(q, quarters[q]) for q in sorted(quarters)[-MAX_QUARTERS:]],
    )


def _trend_phrase(detail: TrendDetail) -> str:
    recent, earlier = detail.recent, detail.earlier
    return (
        f"{detail.direction}: average {recent.average_rating}★ from {recent.count} reviews "
        f"since {detail.since} vs {earlier.average_rating}★ from {earlier.count} before"
    )


def summarize_reviews(
    reviews: list[ReviewLike],
    classifier: Classifier,
    aspect: str | None = None,
    now: datetime | None = None,
) -> ReviewSummary:
    """Summarise reviews; with `aspect`, praise and complaints narrow to that aspect.

    The trend compares the RECENT_DAYS before `now` (default: the newest review) with
    everything earlier.
    """
    name = aspect_name(aspect) if aspect else None
    if not reviews:
        focus = AspectFocus(aspect=name, reviews=0, note="no reviews yet") if name else None
        return ReviewSummary(count=0, focus=focus)
    texts = [r.text for r in reviews]
    found = candidates(texts, aspect)
    sentiments = classifier.classify(texts + [c.text for c in found])
    labels = [s.label for s in sentiments[: len(texts)]]
    table = _by_aspect(reviews, mentions_of(found, sentiments[len(texts) :], len(texts)))
    stars = Counter(int(r.rating) for r in reviews)
    detail = _trend(reviews, labels, now)
    return ReviewSummary(
        count=len(reviews),
        average_rating=round(sum(int(r.rating) for r in reviews) / len(reviews), 2),
        stars={str(s): stars[s] for s in range(5, 0, -1)},
        sentiment=_split(labels),
        praised=_ranked(table, "praise"),
        criticised=_ranked(table, "complaint"),
        focus=_focus(name, table) if name is not None else None,
        trend=_trend_phrase(detail) if detail else None,
        trend_detail=detail,
    )
