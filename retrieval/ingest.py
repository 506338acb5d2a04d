"""Load a shop directory: validate everything, write SQL, embed what changed into Chroma."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.orm import Session
from tqdm import tqdm

from assistant.config import Settings
from retrieval.aspect_mining import mine_shop_aspects
from retrieval.db import TABLES, Base, Customer, Product, make_engine
from retrieval.embedder import Embedder
from retrieval.lexical import LexicalIndex
from retrieval.reader import RowError, read_shop
from retrieval.review_matrix import review_owners
from retrieval.schema import ID_FIELDS, ProductRow, ReviewRow, Row
from retrieval.shop_index import bump_version
from retrieval.texts import fingerprint, name_text, product_text, review_text
from retrieval.vector_matrix import CACHE_DIRS, VectorMatrix, cache_marker
from retrieval.vectors import PRODUCTS, REVIEWS, VectorStore, chroma_client
from retrieval.vocabulary import save_vocabulary

log = logging.getLogger(__name__)
EMBED_CHUNK = 512
SQL_CHUNK = 5000
LEXICAL_DIR = "lexical"


class IngestError(Exception):
    """The shop has invalid rows and nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} invalid row(s); nothing was written")


@dataclass
class IngestReport:
    """What an ingest read, wrote and embedded."""

    read: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    embedded: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    vectors: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    rejects_file: Path | None = None


def _row_record(kind: str, row: Row) -> dict[str, Any]:
    record = row.core()
    record["extra"] = row.extra
    record["content_hash"] = fingerprint(row.model_dump(mode="json"))
    if kind in ("reviews", "orders"):
        for key in ("created_at", "placed_at"):
            if key in record:
                record[key] = getattr(row, key)
    return record


def _write_sql(session: Session, kind: str, rows: Sequence[Row], report: IngestReport) -> None:
    table = TABLES[kind]
    id_field = ID_FIELDS[kind]
    key = getattr(table, id_field)
    stored = dict(session.execute(select(key, table.content_hash)).all())
    new, changed = [], []
    for row in rows:
        record = _row_record(kind, row)
        old = stored.get(record[id_field])
        if old is None:
            new.append(record)
        elif old != record["content_hash"]:
            changed.append(record)
    for start in range(0, len(new), SQL_CHUNK):
        session.execute(insert(table), new[start : start + SQL_CHUNK])
    for start in range(0, len(changed), SQL_CHUNK):
        session.execute(update(table), changed[start : start + SQL_CHUNK])
    report.written[kind] = len(new) + len(changed)
    report.unchanged[kind] = len(rows) - len(new) - len(changed)


def _embed_changed(
    vectors: VectorStore,
    embedder: Embedder,
    name: str,
    items: list[tuple[str, str, dict[str, Any]]],
    show_progress: bool,
    home: Path,
) -> int:
    """Embed (id, text, metadata) items whose hash (of the text and the embedder variant)
    Chroma does not hold yet; the collection's in-memory cache is marked stale first."""
    hashes = vectors.hashes(name, [id_ for id_, _, _ in items])
    variant = embedder.variant
    todo = []
    for id_, text, meta in items:
        digest = fingerprint(f"{variant}\n{text}")
        if hashes.get(id_) != digest:
            todo.append((id_, text, {**meta, "text_hash": digest}))
    todo.sort(key=lambda item: len(item[1]))
    if todo:
        cache_marker(home, name).unlink(missing_ok=True)
    bar = tqdm(total=len(todo), desc=f"embedding {name}", unit="text", disable=not show_progress)
    for start in range(0, len(todo), EMBED_CHUNK):
        chunk = todo[start : start + EMBED_CHUNK]
        matrix = embedder.embed([text for _, text, _ in chunk])
        vectors.upsert(name, [i for i, _, _ in chunk], matrix, [m for _, _, m in chunk])
        bar.update(len(chunk))
    bar.close()
    return len(todo)


def _write_rejects(settings: Settings, errors: list[RowError]) -> Path:
    folder = settings.ensure_home() / "rejects"
    folder.mkdir(exist_ok=True)
    path = folder / f"rejects-{datetime.now(UTC):%Y%m%d-%H%M%S}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for err in errors:
            record = {"file": err.file, "line": err.line, "field": err.field}
            record |= {"message": err.message, "raw": err.raw}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def reset_state(engine: Engine, vectors: VectorStore, settings: Settings) -> None:
    """Drop every table's shop rows and both vector collections."""
    with Session(engine) as session, session.begin():
        for table in TABLES.values():
            session.execute(delete(table))
    for name in (PRODUCTS, REVIEWS):
        vectors.drop(name)
    for folder in (LEXICAL_DIR, *CACHE_DIRS.values()):
        shutil.rmtree(settings.home / folder, ignore_errors=True)


def _invalidate_derived(settings: Settings) -> None:
    """Drop the lexical index's marker: it no longer matches SQL. (A vector cache is marked
    stale by `_embed_changed` when its vectors change, and is checked against SQL's ids.)"""
    (settings.home / LEXICAL_DIR / "ids.json").unlink(missing_ok=True)


def _cache_vectors(
    engine: Engine, vectors: VectorStore, home: Path, say: Callable[[str], None]
) -> None:
    """Write each collection's in-memory cache again if this ingest marked it stale (or it is
    missing): products in catalog order, reviews in review-id order."""
    for name in (PRODUCTS, REVIEWS):
        if not cache_marker(home, name).exists():
            say(f"caching {name.removesuffix('s')} vectors")
            ids = _product_ids(engine) if name == PRODUCTS else review_owners(engine)[0]
            VectorMatrix.from_store(vectors, ids, name).save(home / CACHE_DIRS[name])


def _product_ids(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Product.product_id).order_by(Product.product_id)))


def rebuild_lexical(engine: Engine, settings: Settings) -> int:
    """Rebuild and save the BM25 index from the products in SQL."""
    with Session(engine) as session:
        products = session.scalars(select(Product).order_by(Product.product_id)).all()
        index = LexicalIndex.build(
            [p.product_id for p in products],
            [product_text(p) for p in products],
            [name_text(p) for p in products],
        )
    index.save(settings.home / LEXICAL_DIR)
    return len(products)


def ingest_shop(
    directory: Path,
    settings: Settings,
    *,
    reset: bool = False,
    skip_invalid: bool = False,
    show_progress: bool = False,
    embedder: Embedder | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> IngestReport:
    """Validate a shop directory and load it; idempotent, and only changed texts are embedded."""
    say = on_stage or (lambda _msg: None)
    settings.ensure_home()
    engine = make_engine(settings.sqlalchemy_url)
    vectors = VectorStore(chroma_client(settings))
    if reset:
        say("resetting the database and vector store")
        reset_state(engine, vectors, settings)
    with Session(engine) as session:
        known_products = set(session.scalars(select(Product.product_id)))
        known_customers = set(session.scalars(select(Customer.customer_id)))
    say(f"validating {directory}")
    data = read_shop(Path(directory), known_products, known_customers)
    report = IngestReport(errors=data.errors, read={k: len(v) for k, v in data.rows.items()})
    if data.errors and not skip_invalid:
        raise IngestError(data.errors)
    if data.errors:
        report.rejects_file = _write_rejects(settings, data.errors)
    say("writing rows to the database")
    with Session(engine) as session, session.begin():
        for kind in TABLES:
            if kind in data.rows:
                _write_sql(session, kind, data.rows[kind], report)
        if report.written.get("products"):
            _invalidate_derived(settings)  # rebuilt below; a run that dies first leaves none
    embedder = embedder or Embedder.from_settings(settings)
    embedder.prepare()
    products: list[ProductRow] = data.rows.get("products", [])  # type: ignore[assignment]
    reviews: list[ReviewRow] = data.rows.get("reviews", [])  # type: ignore[assignment]
    product_items = [(p.product_id, product_text(p), {"category": p.category}) for p in products]
    review_items = [
        (r.review_id, review_text(r), {"product_id": r.product_id, "rating": r.rating})
        for r in reviews
    ]
    for name, items in ((PRODUCTS, product_items), (REVIEWS, review_items)):
        report.embedded[name] = _embed_changed(
            vectors, embedder, name, items, show_progress, settings.home
        )
    if report.written.get("products") or not (settings.home / LEXICAL_DIR / "ids.json").exists():
        say("building the lexical index")
        rebuild_lexical(engine, settings)
        say("building the shop's vocabulary (units, feature words)")
        save_vocabulary(engine)
    _cache_vectors(engine, vectors, settings.home, say)
    say("mining review aspects")
    changed = reset or bool(report.written.get("reviews") or report.written.get("products"))
    mine_shop_aspects(engine, embedder, changed=changed)
    if reset or any(report.written.values()):
        with Session(engine) as session, session.begin():
            bump_version(session)  # last: a running server reloads only complete caches
    report.totals = table_counts(engine)
    report.vectors = {name: vectors.count(name) for name in (PRODUCTS, REVIEWS)}
    engine.dispose()
    return report


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per shop table."""
    from sqlalchemy import func

    with Session(engine) as session:
        return {
            kind: session.scalar(select(func.count()).select_from(table)) or 0
            for kind, table in TABLES.items()
        }


__all__ = ["Base", "IngestError", "IngestReport", "ingest_shop", "rebuild_lexical", "reset_state"]
