"""Opening the loaded shop: one place that builds the store, index and searcher."""

from __future__ import annotations

from assistant.config import Settings
from retrieval.search import Searcher
from tools.context import Shop


class NotIngestedError(RuntimeError):
    """The shop has not been loaded under SHOPASSIST_HOME yet."""


def open_searcher(settings: Settings) -> Searcher:
    """A searcher over the shop in settings.home, or a clear error saying how to load one."""
    if settings.database_url is None and not (settings.home / "shop.db").exists():
        raise NotIngestedError(
            f"no shop loaded in {settings.home}: run `shopassist ingest` first "
            "(or set SHOPASSIST_HOME to where you ingested)"
        )
    return Searcher(settings)


def open_shop(settings: Settings) -> Shop:
    """The world the tools read: database, search index, recommender and sentiment (lazy)."""
    searcher = open_searcher(settings)
    return Shop(settings=settings, engine=searcher.engine, searcher=searcher)
