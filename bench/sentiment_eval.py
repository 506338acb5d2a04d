"""Review-sentiment accuracy on the UCI Amazon phone sentences: VADER against ours.

    python bench/sentiment_eval.py [--uci PATH] [--out bench/results/sentiment.md]

The UCI set (1,000 sentences, binary) is used only here, for the report: the classifier is
trained on the demo shop's reviews. A neutral prediction counts on the side its score leans
(score ≥ 0 is positive); VADER is positive when its compound score is ≥ 0. The table is
printed and written, with the command and date, to bench/results/sentiment.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.sentiment import (  # noqa: E402
    COMPONENTS,
    SentimentClassifier,
    featurize,
    macro_f1,
)

UCI = ROOT.parent / "shared" / "data" / "uci-sentiment-amazon" / "amazon_cells_labelled.txt"
OUT = ROOT / "bench" / "results" / "sentiment.md"


def read_uci(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and 0/1 labels of a `sentence<TAB>label` file."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        sentence, _, label = line.rpartition("\t")
        if sentence and label.strip() in {"0", "1"}:
            texts.append(sentence)
            labels.append(int(label))
    return texts, np.array(labels)


def vader_scores(texts: list[str]) -> np.ndarray | None:
    """VADER compound scores, or None when vaderSentiment (a dev extra) is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in texts])


def row(method: str, scores: np.ndarray, labels: np.ndarray) -> str:
    """One table row: a score ≥ 0 is a positive prediction."""
    predicted = (scores >= 0).astype(int)
    accuracy = float(np.mean(predicted == labels))
    return f"| {method} | {accuracy:.3f} | {macro_f1(labels, predicted):.3f} | {len(labels)} |"


ABLATIONS = {
    "ours: lexicon only (ablation)": ("lexicon",),
    "ours: embedding regression only (ablation)": ("embedding",),
    "ours: word regression only (ablation)": ("words",),
    "ours: embedding + lexicon (ablation)": ("embedding", "lexicon"),
    "**ours: embedding + words + lexicon (shipped)**": COMPONENTS,
}


def evaluate(texts: list[str], labels: np.ndarray, classifier: SentimentClassifier) -> list[str]:
    """Table rows for VADER, our classifier and its parts (each part's vote is in [-1, 1])."""
    rows = []
    if (vader := vader_scores(texts)) is not None:
        rows.append(row("VADER (compound ≥ 0), baseline", vader, labels))
    started = time.perf_counter()
    votes = classifier.components(featurize(texts, classifier.embedder))
    print(
        f"classified {len(texts)} texts in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )
    for method, parts in ABLATIONS.items():
        rows.append(row(method, np.mean([votes[p] for p in parts], axis=0), labels))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table and write it with the command and date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uci", type=Path, default=UCI, help="amazon_cells_labelled.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.uci.exists():
        print(
            f"error: the UCI sentiment file is missing: {args.uci}\n"
            "It is `amazon_cells_labelled.txt` from UCI 'Sentiment Labelled Sentences' "
            "(Kotzias et al., 2015); pass its path with --uci.",
            file=sys.stderr,
        )
        return 2
    texts, labels = read_uci(args.uci)
    table = [
        "| method | accuracy | macro-F1 | n |",
        "|---|---:|---:|---:|",
        *evaluate(texts, labels, SentimentClassifier.load()),
    ]
    command = "python bench/sentiment_eval.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    report = "\n".join(
        [
            "# Review sentiment on UCI Amazon phone sentences",
            "",
            f"`{command}` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"Data: {args.uci.name} ({len(labels)} sentences, {int(labels.sum())} positive). "
            "Never used for training or tuning; our model is trained on the demo shop's reviews "
            "(`python -m retrieval.sentiment train`). Neutral predictions count on the side "
            "their score leans.",
            "",
            *table,
            "",
        ]
    )
    print("\n".join(table))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
