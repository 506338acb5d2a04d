"""`shopassist sentiment [--json]`: label review texts read from stdin, one per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

if TYPE_CHECKING:
    from retrieval.sentiment import SentimentClassifier

BATCH = 256


def _batches(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    stream = iter(lines)
    while batch := list(islice(stream, size)):
        yield batch


def label_lines(
    lines: Iterable[str],
    out: TextIO,
    classifier: SentimentClassifier,
    as_json: bool = False,
    batch: int = BATCH,
) -> int:
    """Write one result per input line (`label<TAB>score<TAB>text`, or JSON); the count."""
    written = 0
    for chunk in _batches(lines, batch):
        texts = [line.rstrip("\r\n") for line in chunk]
        results = iter(classifier.classify([t for t in texts if t.strip()]))
        for text in texts:
            label, score = ("neutral", 0.0)
            if text.strip():
                found = next(results)
                label, score = found.label, found.score
            if as_json:
                out.write(json.dumps({"text": text, "label": label, "score": score}) + "\n")
            else:
                out.write(f"{label}\t{score:+.3f}\t{text}\n")
            written += 1
        out.flush()
    return written


def sentiment_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines: text, label, score")] = False,
) -> None:
    """Label review texts from stdin, one per line (English or Chinese, any mix): positive /
    neutral / negative and a score."""
    from assistant.config import get_settings
    from retrieval.embedder import Embedder
    from retrieval.sentiment import SentimentClassifier

    classifier = SentimentClassifier.load(embedder=Embedder.from_settings(get_settings()))
    label_lines(
        sys.stdin, sys.stdout, classifier, as_json, batch=1 if sys.stdin.isatty() else BATCH
    )
