"""What a product's reviews say, as numbers taken from the data: sentiment split, the themes
reviewers raise (aspects mined from the shop's reviews) with honest counts and shares, a real
quote each, and the trend over time.

Each review counts once per aspect, with the polarity of its strongest mention of it. An aspect
is a like or a complaint by its balance (more reviews praise it than complain, or the reverse),
never both; themes are ordered by the share of reviews that mention them, and a complaint raised
by under RARE_SHARE of the reviews is marked rare."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, Field

from retrieval.aspects import AspectMention, AspectSet, aspect_name, candidates, mentions_of

if TYPE_CHECKING:
    from retrieval.sentiment import Sentiment

QUOTE_CHARS = 140
TOP_ASPECTS = 3
MIN_THEME_REVIEWS = 2  # an aspect one review mentions is an anecdote, not a theme
RARE_SHARE = 0.05
RECENT_DAYS = 182
MIN_TREND_REVIEWS = 3
# A change in average stars counts as a trend only if it is this large and beyond two
# standard errors of the difference; otherwise the ratings are "stable".
MIN_STAR_CHANGE = 0.25
MAX_QUARTERS = 8
Direction = Literal["improving", "declining", "stable"]
Stance = Literal["like", "complaint", "mixed", "neutral"]
# aspect -> polarity -> (review_id, that review's strongest mention of the aspect)
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
    """A theme: an aspect, how many reviews mention it and how they lean."""

    aspect: str
    mentions: int = Field(description="reviews that mention the aspect")
    of_reviews: int = Field(default=0, description="reviews of the product (the whole)")
    percent: int = Field(default=0, description="mentions as a whole-number percentage")
    praise: int = Field(default=0, description="of those reviews, how many praise it")
    complaints: int = Field(default=0, description="of those reviews, how many complain")
    stance: Stance = "neutral"
    rare: bool = Field(default=False, description="a complaint under RARE_SHARE of reviews")
    quote: Quote | None = None


class AspectFocus(BaseModel):
    """Everything the reviews say about one aspect."""

    aspect: str
    reviews: int = Field(description="reviews that mention the aspect")
    of_reviews: int = Field(default=0, description="reviews of the product (the whole)")
    percent: int = Field(default=0, description="reviews as a whole-number percentage")
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
    themes: list[AspectCount] = Field(default_factory=list, description="by share, largest first")
    praised: list[AspectCount] = Field(default_factory=list, description="likes, by share")
    criticised: list[AspectCount] = Field(default_factory=list, description="complaints, by share")
    focus: AspectFocus | None = None
    trend: str | None = None
    trend_detail: TrendDetail | None = None

    def positive_shares(self) -> dict[str, float]:
        """Per theme, the share of its praise among its praise and complaints."""
        return {
            t.aspect: round(t.praise / (t.praise + t.complaints), 2)
            for t in self.themes
            if t.praise + t.complaints
        }


def star_rating(value: float | None) -> float | None:
    """An average of stars as every reply shows it: one decimal, halves rounded up (3.75 → 3.8)."""
    if value is None:
        return None
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def percent(part: int, whole: int) -> int:
    """A whole-number percentage, halves rounded up."""
    return math.floor(100 * part / whole + 0.5) if whole else 0


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
    """aspect -> polarity -> (review_id, mention): each review once per aspect, with the
    polarity of its strongest mention of it."""
    table: _Table = defaultdict(lambda: defaultdict(list))
    for review, found in zip(reviews, mentions, strict=True):
        strongest: dict[str, AspectMention] = {}
        for mention in found:
            held = strongest.get(mention.aspect)
            if held is None or abs(mention.score) > abs(held.score):
                strongest[mention.aspect] = mention
        for aspect, mention in strongest.items():
            table[aspect][mention.polarity].append((review.review_id, mention))
    return table


def _stance(praise: int, complaints: int) -> Stance:
    if praise > complaints:
        return "like"
    if complaints > praise:
        return "complaint"
    return "mixed" if praise else "neutral"


def _themes(table: _Table, count: int) -> list[AspectCount]:
    """Aspects mentioned by at least MIN_THEME_REVIEWS reviews, by share of reviews."""
    rows = []
    for aspect, found in table.items():
        reviews = len({rid for kind in found.values() for rid, _ in kind})
        if reviews < MIN_THEME_REVIEWS:
            continue
        praise, complaints = len(found.get("praise", [])), len(found.get("complaint", []))
        stance = _stance(praise, complaints)
        quote = None
        if stance == "like":
            quote = _best_quote(found["praise"], "high")
        elif stance == "complaint":
            quote = _best_quote(found["complaint"], "low")
        rows.append(
            AspectCount(
                aspect=aspect,
                mentions=reviews,
                of_reviews=count,
                percent=percent(reviews, count),
                praise=praise,
                complaints=complaints,
                stance=stance,
                rare=stance == "complaint" and reviews < RARE_SHARE * count,
                quote=quote,
            )
        )
    return sorted(rows, key=lambda r: (-r.mentions, r.aspect))


def _focus(name: str, table: _Table, count: int) -> AspectFocus:
    found = table.get(name, {})
    reviews = {rid for kind in found.values() for rid, _ in kind}
    return AspectFocus(
        aspect=name,
        reviews=len(reviews),
        of_reviews=count,
        percent=percent(len(reviews), count),
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
        average_rating=star_rating(sum(stars) / len(stars)) or 0.0,
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
    aspects: AspectSet | None = None,
    aspect: str | None = None,
    now: datetime | None = None,
) -> ReviewSummary:
    """Summarise reviews: themes from `aspects` (the shop's mined aspects of the product's
    category); with `aspect`, also what the reviews say about that one aspect.

    The trend compares the RECENT_DAYS before `now` (default: the newest review) with
    everything earlier.
    """
    name = aspect_name(aspect) if aspect else None
    if not reviews:
        focus = AspectFocus(aspect=name, reviews=0, note="no reviews yet") if name else None
        return ReviewSummary(count=0, focus=focus)
    texts = [r.text for r in reviews]
    aspects = aspects or AspectSet({})
    found = candidates(texts, aspects)
    focused = candidates(texts, aspects.focus(name)) if name else []
    clauses = [c.text for c in found + focused]
    sentiments = classifier.classify(texts + clauses)
    labels = [s.label for s in sentiments[: len(texts)]]
    mentions = sentiments[len(texts) :]
    table = _by_aspect(reviews, mentions_of(found, mentions[: len(found)], len(texts)))
    themes = _themes(table, len(reviews))
    focus = None
    if name is not None:
        focus_table = _by_aspect(reviews, mentions_of(focused, mentions[len(found) :], len(texts)))
        focus = _focus(name, focus_table, len(reviews))
    stars = Counter(int(r.rating) for r in reviews)
    detail = _trend(reviews, labels, now)
    return ReviewSummary(
        count=len(reviews),
        average_rating=star_rating(sum(int(r.rating) for r in reviews) / len(reviews)),
        stars={str(s): stars[s] for s in range(5, 0, -1)},
        sentiment=_split(labels),
        themes=themes,
        praised=[t for t in themes if t.stance == "like"][:TOP_ASPECTS],
        criticised=[t for t in themes if t.stance == "complaint"][:TOP_ASPECTS],
        focus=focus,
        trend=_trend_phrase(detail) if detail else None,
        trend_detail=detail,
    )
