"""Reviews scored per second on 2 cores: the sentiment model before this change and now.

    python bench/sentiment_throughput.py [--before COMMIT] [--n 300] [--repeats 3] [--home DIR]

Both models score the same real reviews (Blitzer kitchen, All_Beauty and Chinese
online-shopping reviews, `--n` of each) with the same int8 ONNX embedder, in this process, with
2 threads. "Before" is the classifier and weights at COMMIT (default: the last commit before
the models were trained on public data), loaded from git into a temporary package. Scores are
computed fresh each round (no SQL cache). Prints medians and the ratio to "before".
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.embedder import Embedder  # noqa: E402
from retrieval.sentiment import SentimentClassifier  # noqa: E402
from retrieval.sentiment_data import read_beauty, read_blitzer, read_chinese  # noqa: E402

BEFORE = "703e05a"
_FILES = ("retrieval/sentiment.py", "retrieval/sentiment_lexicon.py")


def _git_show(commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=ROOT, check=True, capture_output=True
    ).stdout


def load_before(commit: str, folder: Path, embedder: Embedder):
    """The classifier of `commit` as a module under `folder` (its imports pointed there)."""
    package = folder / "before_sentiment"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for path in _FILES:
        text = _git_show(commit, path).decode()
        text = text.replace("from retrieval.sentiment_lexicon", "from before_sentiment.lexicon")
        name = "lexicon.py" if path.endswith("lexicon.py") else "sentiment.py"
        (package / name).write_text(text)
    (package / "models" / "sentiment.npz").write_bytes(
        _git_show(commit, "retrieval/models/sentiment.npz")
    )
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location(
        "before_sentiment.sentiment", package / "sentiment.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.SentimentClassifier.load(embedder=embedder)


def rate(classifier, texts: list[str], repeats: int) -> tuple[float, float]:
    """Median seconds to score all texts, and reviews per second."""
    classifier.scores(texts[:8])  # load the backend outside the timing
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        classifier.scores(texts)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return median, len(texts) / median


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--n", type=int, default=300, help="reviews of each set")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--home", type=Path, help="where the ONNX export is kept")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as scratch:
        embedder = Embedder(home=args.home or Path(scratch))
        embedder.prepare()
        sets = {
            "Blitzer kitchen": [r.text for r in read_blitzer("kitchen")[: args.n]],
            "All_Beauty": [r.text for r in read_beauty()[: args.n]],
            "Chinese": [r.text for r in read_chinese()[::200][: args.n]],
        }
        models = {
            f"before ({args.before})": load_before(args.before, Path(scratch), embedder),
            "now": SentimentClassifier.load(embedder=embedder),
        }
        print(f"embedder {embedder.variant}, 2 threads, median of {args.repeats}")
        print("| reviews | model | n | median s | reviews/s | × before |")
        print("|---|---|---:|---:|---:|---:|")
        for name, texts in sets.items():
            baseline = None
            for label, model in models.items():
                seconds, per_second = rate(model, texts, args.repeats)
                baseline = baseline or per_second
                print(
                    f"| {name} | {label} | {len(texts)} | {seconds:.2f} | {per_second:.0f} | "
                    f"{per_second / baseline:.2f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
