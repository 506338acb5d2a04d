"""Review-sentiment scores remembered in SQL, so a product's reviews are embedded once.

Classifying a product's reviews and their aspect clauses means embedding them: hundreds of
milliseconds on a CPU for one product, and most of a `review_summary` or `compare_products`
turn. Reviews rarely change, so each score is stored per model version and text hash and read
back the next time, by any process. Scores of a retrained model are never mixed with the old
ones; the table can be emptied at any time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from retrieval.db import SentimentScore
from retrieval.sentiment import Sentiment, SentimentClassifier
from retrieval.texts import fingerprint

_LOOKUP_CHUNK = 500
log = logging.getLogger(__name__)


class CachedSentiment:
    """`classify` like the classifier's, computing only the texts not scored before."""

    def __init__(self, classifier: SentimentClassifier, engine: Engine) -> None:
        self.classifier = classifier
        self.engine = engine

    def classify(self, texts: list[str]) -> list[Sentiment]:
        """Label many texts, from the store where it has them."""
        keys = [fingerprint(t) for t in texts]
        known = self._stored(set(keys))
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in known}
        if missing:
            scores = self.classifier.scores(list(missing.values()))
            fresh = {k: float(s) for k, s in zip(missing, scores, strict=True)}
            self._store(fresh)
            known.update(fresh)
        return [self.classifier.sentiment(known[k]) for k in keys]

    def _stored(self, keys: Iterable[str]) -> dict[str, float]:
        wanted, found = sorted(keys), {}
        with Session(self.engine) as session:
            for start in range(0, len(wanted), _LOOKUP_CHUNK):
                rows = session.execute(
                    select(SentimentScore.text_hash, SentimentScore.score).where(
                        SentimentScore.model == self.classifier.version,
                        SentimentScore.text_hash.in_(wanted[start : start + _LOOKUP_CHUNK]),
                    )
                )
                found.update({key: score for key, score in rows})
        return found

    def _store(self, scores: dict[str, float]) -> None:
        """Remember new scores, best effort: a write that fails (say, another request stored
        some of them first) only means the rest are computed again next time."""
        rows = [
            {"model": self.classifier.version, "text_hash": key, "score": score}
            for key, score in scores.items()
        ]
        try:
            with Session(self.engine) as session, session.begin():
                session.execute(insert(SentimentScore), rows)
        except IntegrityError:
            log.debug("sentiment scores stored concurrently; these are kept next time")
        except SQLAlchemyError as exc:
            log.warning("sentiment scores not cached: %s", exc)
