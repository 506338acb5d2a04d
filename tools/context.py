"""What a tool may read: the shop (injected) and the caller's session (never model-chosen)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from assistant.config import Settings
    from assistant.planner.understand.intent_model import IntentPrediction
    from retrieval.recommender import Recommender
    from retrieval.search import Searcher
    from retrieval.sentiment_cache import CachedSentiment
    from retrieval.shop_index import ShopIndex

Role = Literal["visitor", "customer", "agent"]
_MEMO_MESSAGES = 256


class SessionState(BaseModel):
    """Who is talking and what they have seen; identity only changes through verify_customer."""

    id: str
    role: Role = "visitor"
    customer_id: str | None = None
    token_bound: bool = False
    ended: bool = False
    verify_failures: int = 0
    shown_products: list[str] = Field(default_factory=list)
    last_query: str | None = None
    last_filters: dict[str, object] = Field(default_factory=dict)

    @property
    def is_agent(self) -> bool:
        """A support agent may look up any customer and order."""
        return self.role == "agent"


@dataclass
class Shop:
    """The loaded world tools read from; built once per process."""

    settings: Settings
    engine: Engine
    searcher: Searcher
    _recommender: Recommender | None = field(default=None, repr=False)
    _sentiment: CachedSentiment | None = field(default=None, repr=False)
    _index: ShopIndex | None = field(default=None, repr=False)
    _currency: str | None = field(default=None, repr=False)
    _verify_methods: tuple[str, ...] | None = field(default=None, repr=False)
    _version: str = field(default="", repr=False)
    _intents: Callable[[str], IntentPrediction] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from retrieval.shop_index import shop_version

        self._version = shop_version(self.engine)

    @property
    def index(self) -> ShopIndex:
        """The shop's ids and emails, for reading them in any text (built on first use)."""
        if self._index is None:
            from retrieval.shop_index import ShopIndex

            self._index = ShopIndex.from_db(self.engine)
        return self._index

    def verify_methods(self) -> tuple[str, ...]:
        """What a visitor verifies with besides the postal code ("email", "order"), per shop."""
        if self._verify_methods is None:
            from tools.verification import verify_methods

            self._verify_methods = verify_methods(self.engine, self.settings.verify_by)
        return self._verify_methods

    @property
    def currency(self) -> str:
        """The currency most of the shop's products are priced in (ISO 4217)."""
        if self._currency is None:
            from sqlalchemy import func, select
            from sqlalchemy.orm import Session

            from retrieval.db import Product

            with Session(self.engine) as db:
                row = db.execute(
                    select(Product.currency, func.count())
                    .group_by(Product.currency)
                    .order_by(func.count().desc())
                ).first()
            self._currency = row[0] if row else "USD"
        return self._currency

    def refresh(self) -> bool:
        """Reload catalog, indexes and recommender if an ingest changed the shop since loading.

        One small SQL read; a running server calls it per request, so a new price, stock level
        or product is answered without a restart.
        """
        from retrieval.search import Searcher
        from retrieval.shop_index import shop_version

        version = shop_version(self.engine)
        if version == self._version:
            return False
        self.searcher = Searcher(self.settings, embedder=self.searcher.embedder, engine=self.engine)
        self._recommender, self._index, self._currency = None, None, None
        self._verify_methods = None
        self._version = version
        return True

    @property
    def recommender(self) -> Recommender:
        """The recommender, built on first use."""
        if self._recommender is None:
            from retrieval.recommender import Recommender

            self._recommender = Recommender.from_db(
                self.engine, self.searcher.vectors, matrix=self.searcher.matrix
            )
        return self._recommender

    @property
    def intents(self) -> Callable[[str], IntentPrediction]:
        """The planner's intent classifier (shipped weights, this process's embedder), loaded
        on first use; a message's prediction is memoised, as a turn reads it at every step."""
        if self._intents is None:
            from assistant.planner.understand.intent_model import IntentModel

            model = IntentModel.load(self.searcher.embedder)
            self._intents = lru_cache(maxsize=_MEMO_MESSAGES)(model.predict)
        return self._intents

    def category_of(self, text: str) -> str | None:
        """The category of the catalog whose name the text says ("foam rollers"), if any."""
        from retrieval.query_parser import match_category

        return match_category(text, self.searcher.catalog.categories)

    def kind_of(self, text: str) -> str | None:
        """The category the text names, or else the one its titles' type words name ("green
        tea", "training treats"), if any."""
        vocabulary = self.searcher.catalog.vocabulary
        named = self.category_of(text)
        return named if named or vocabulary is None else vocabulary.kind_of(text)

    @property
    def sentiment(self) -> CachedSentiment:
        """The shipped review-sentiment classifier (scores cached in SQL), loaded on first use."""
        if self._sentiment is None:
            from retrieval.sentiment import SentimentClassifier
            from retrieval.sentiment_cache import CachedSentiment

            classifier = SentimentClassifier.load(embedder=self.searcher.embedder)
            self._sentiment = CachedSentiment(classifier, self.engine)
        return self._sentiment


@dataclass
class TurnInfo:
    """What happened during one turn, beyond its messages (filled in by the agent loop)."""

    fallback: bool = False
    failures: list[str] = field(default_factory=list)


@dataclass
class ToolContext:
    """Injected into every tool call from the runtime, not from the model's arguments."""

    shop: Shop
    session: SessionState
    turn: TurnInfo = field(default_factory=TurnInfo)
    client: str | None = None
    """Who is connecting (e.g. "ip:203.0.113.7"), for per-client limits; None for local callers."""
