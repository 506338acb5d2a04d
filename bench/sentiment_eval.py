"""Review-sentiment macro-F1 on public labelled reviews, each figure beside VADER in this run.

    python bench/sentiment_eval.py [--part all|english|chinese] [--data ../shared/data]
                                   [--cache DIR] [--out FILE]

Rows (all macro-F1; a neutral prediction counts on the side its score leans, VADER is
positive when its compound score is ≥ 0):
- UCI Amazon phone sentences and AMAZON_FASHION 5-core (1–2 vs 4–5 stars): the shipped model;
  neither set is ever trained on.
- Blitzer, each domain held out: the shipped settings trained on the other three domains plus
  All_Beauty, scored on the held-out domain.
- All_Beauty 1–2 vs 4–5 stars: a variant trained on the four Blitzer domains only; and, as the
  shipped model is trained (Blitzer + All_Beauty), each review scored by a model trained on
  Blitzer and the All_Beauty products of the other folds (never its own product).
- AMAZON_FASHION three labels (3 stars neutral): the shipped model and its neutral margin.
- Chinese online_shopping_10_cats: a random 20% held out, and each category held out in turn
  (VADER reads English only: no baseline).
The table is printed and written, with the command and date, to bench/results/sentiment.md
(`--part chinese`: sentiment_zh.md).
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

from retrieval.embedder import Embedder  # noqa: E402
from retrieval.sentiment import SentimentClassifier, macro_f1, ternary  # noqa: E402
from retrieval.sentiment_data import (  # noqa: E402
    DATA,
    NEUTRAL,
    POSITIVE,
    LabelledText,
    read_chinese,
    read_fashion,
    read_uci,
)
from retrieval.sentiment_train import (  # noqa: E402
    PRODUCT_FOLDS,
    Corpus,
    binary_f1,
    domain_held_out,
    fit_english,
    joined,
    load_english,
    out_of_fold_scores,
    shipped_settings,
)
from retrieval.sentiment_train_zh import validate_chinese  # noqa: E402

OUT = ROOT / "bench" / "results" / "sentiment.md"


def vader_scores(texts: list[str]) -> np.ndarray | None:
    """VADER compound scores, or None when vaderSentiment (a dev extra) is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] for t in texts])


def polar(rows: list[LabelledText]) -> list[LabelledText]:
    """The rows that are not neutral."""
    return [r for r in rows if r.label != NEUTRAL]


def vader_f1(rows: list[LabelledText]) -> str:
    """VADER's binary macro-F1 on the polar rows, or "—" without vaderSentiment."""
    rows = polar(rows)
    scores = vader_scores([r.text for r in rows])
    if scores is None:
        return "—"
    return f"{macro_f1([r.label == POSITIVE for r in rows], scores >= 0):.3f}"


def row(name: str, n: int, ours: float, vader: str, note: str = "") -> str:
    """One table row with the difference to VADER."""
    gap = f"{ours - float(vader):+.3f}" if vader not in {"—", "n/a"} else ""
    return f"| {name} | {n} | **{ours:.3f}** | {vader} | {gap} | {note} |"


def shipped_rows(model: SentimentClassifier, data: Path) -> list[str]:
    """UCI and AMAZON_FASHION with the shipped model."""
    lines = []
    for name, rows in (
        ("UCI Amazon sentences", read_uci(data)),
        ("AMAZON_FASHION 1–2 vs 4–5", polar(read_fashion(data))),
    ):
        scores = model.scores([r.text for r in rows])
        ours = macro_f1([r.label == POSITIVE for r in rows], scores >= 0)
        lines.append(row(name, len(rows), ours, vader_f1(rows), "never trained on"))
    fashion = read_fashion(data)
    scores = model.scores([r.text for r in fashion])
    labels = np.array([r.label for r in fashion])
    three = macro_f1(labels, ternary(scores, model.neutral_margin))
    lines.append(row("AMAZON_FASHION 3 labels", len(fashion), three, "n/a", "3 stars neutral"))
    return lines


def held_out_rows(domains: dict[str, Corpus], beauty: Corpus) -> list[str]:
    """Each Blitzer domain held out, and All_Beauty with a Blitzer-only variant."""
    figures = domain_held_out(domains, [beauty], shipped_settings())
    lines = [
        row(
            f"Blitzer {d} (held out)",
            len(c.rows),
            figures[d],
            vader_f1(c.rows),
            "trained on the other 3 + All_Beauty",
        )
        for d, c in domains.items()
    ]
    mean = float(np.mean(list(figures.values())))
    vaders = [vader_f1(c.rows) for c in domains.values()]
    vader_mean = f"{np.mean([float(v) for v in vaders]):.3f}" if "—" not in vaders else "—"
    lines.append(
        row("Blitzer mean of the 4", sum(len(c.rows) for c in domains.values()), mean, vader_mean)
    )
    blitzer = joined(list(domains.values()))
    variant = fit_english(blitzer, shipped_settings())
    vader = vader_f1(beauty.rows)
    n = len(polar(beauty.rows))
    lines.append(
        row(
            "All_Beauty 1–2 vs 4–5", n, binary_f1(variant, beauty), vader, "trained on Blitzer only"
        )
    )
    scores = out_of_fold_scores(blitzer, beauty, shipped_settings())
    labels = beauty.labels
    ours = macro_f1(labels[labels != NEUTRAL] == POSITIVE, scores[labels != NEUTRAL] >= 0)
    note = f"each of {PRODUCT_FOLDS} product folds held out: trained on Blitzer + the other folds"
    lines.append(row("All_Beauty 1–2 vs 4–5", n, ours, vader, note))
    return lines


def chinese_rows(data: Path) -> list[str]:
    """The Chinese model's held-out figures (no VADER baseline for Chinese)."""
    rows = read_chinese(data)
    figures = validate_chinese(rows)
    sizes = {"random 20%": int(len(rows) * 0.2)}
    sizes |= {f"category {g}": sum(r.group == g for r in rows) for g in {r.group for r in rows}}
    lines = [row(f"Chinese {k} (held out)", sizes[k], v, "n/a") for k, v in figures.items()]
    categories = [v for k, v in figures.items() if k.startswith("category")]
    lines.append(
        row("Chinese mean over held-out categories", len(rows), float(np.mean(categories)), "n/a")
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the table and write it with the command and date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--cache", type=Path, help="sentence vectors kept between runs")
    parser.add_argument("--part", choices=("all", "english", "chinese"), default="all")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or OUT.with_name("sentiment_zh.md" if args.part == "chinese" else OUT.name)
    if not (args.data / "reviews-blitzer").exists():
        print(f"error: the public review sets are missing under {args.data}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    table = [
        "| set | n | ours | VADER | ours − VADER | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    if args.part != "chinese":
        embedder = Embedder(home=args.cache) if args.cache else Embedder()
        embedder.prepare()  # the int8 ONNX export under --cache, as a shop's home has it
        model = SentimentClassifier.load(embedder=embedder)
        domains, beauty = load_english(args.data, embedder, args.cache)
        table += shipped_rows(model, args.data) + held_out_rows(domains, beauty)
    if args.part != "english":
        table += chinese_rows(args.data)
    settings_note = "Macro-F1; neutral predictions count on the side their score leans."
    if args.part != "chinese":
        chosen = shipped_settings()
        settings_note = f"English settings chosen by domain-held-out validation: `{chosen}`. "
        settings_note += "Macro-F1; neutral predictions count on the side their score leans."
    command = "python bench/sentiment_eval.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    report = "\n".join(
        [
            "# Review sentiment on public labelled reviews",
            "",
            f"`{command}` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
            f"{time.perf_counter() - started:.0f} s",
            "",
            settings_note,
            "",
            *table,
            "",
        ]
    )
    print("\n".join(table))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
