"""Amazon Reviews 2023: `meta_<Category>.jsonl` product metadata+ reviews JSONL → contract rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from retrieval.importers.common import (
    ImportReport,
    ShopWriter,
    SkipRow,
    Source,
    emit_row,
    from_epoch,
    numbered_lines,
    parse_number,
    stringify,
)
from retrieval.schema import MAX_TEXT, ProductRow, ReviewRow, Row

_META_USED = frozenset(
    "title average_rating rating_number features description price images store categories "
    "details parent_asin".split()
)
_REVIEW_USED = frozenset(
    "rating title text parent_asin user_id timestamp verified_purchase".split()
)


def _text(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _strings(value: Any) -> list[str]:
    """The non-empty strings of a list (or of a single string)."""
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _text(item))]


def _clip(text: str) -> str:
    """Text cut to the contract's longest free text."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _first_image(images: Any) -> str | None:
    """The first image's `large` URL (list of dicts, or the dict-of-lists of HF exports)."""
    if isinstance(images, dict):
        urls = images.get("large") or images.get("hi_res") or images.get("thumb")
        images = [{"large": url} for url in urls] if isinstance(urls, list) else []
    for image in images if isinstance(images, list) else []:
        if isinstance(image, dict):
            url = (
                _text(image.get("large")) or _text(image.get("hi_res")) or _text(image.get("thumb"))
            )
            if url:
                return url
    return None


def _details(value: Any) -> dict[str, Any]:
    """`details` as a dict (HF exports store it as a JSON string)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return {}
    return value if isinstance(value, dict) else {}


def _passthrough(obj: dict[str, Any], used: frozenset[str], model: type[Row]) -> dict[str, Any]:
    """Source fields the mapping does not use, kept as-is (renamed if they clash with ours)."""
    kept = {}
    for key, value in obj.items():
        if key in used or value is None:
            continue
        kept[f"amazon_{key}" if key in model.model_fields else key] = value
    return kept


def category_from_filename(path: Path) -> str | None:
    """ "All Beauty" from `meta_All_Beauty.jsonl.gz`, or None for other names."""
    name = path.name.split(".")[0]
    if not name.startswith("meta_") or name == "meta_":
        return None
    return name.removeprefix("meta_").replace("_", " ")


def amazon_product(
    meta: dict[str, Any], *, default_price: float | None = None, category: str | None = None
) -> dict[str, Any]:
    """A `meta_<Category>.jsonl` object as a products.jsonl row; SkipRow when it has no price."""
    try:
        price = parse_number(meta.get("price"))
    except ValueError:
        price = None
    row: dict[str, Any] = {}
    if price is None:
        if default_price is None:
            shown = meta.get("price")
            raise SkipRow("price", f"no price ({shown!r}); pass --default-price to import it")
        price, row["price_is_default"] = default_price, True
    details = _details(meta.get("details"))
    title = _text(meta.get("title"))
    row |= {
        "product_id": _text(meta.get("parent_asin")),
        "title": title,
        "brand": _text(meta.get("store")) or _text(details.get("Brand")),
        "category": " > ".join(_strings(meta.get("categories")))
        or _text(meta.get("main_category"))
        or category,
        "description": _clip(" ".join(_strings(meta.get("description")))) or title,
        "features": _strings(meta.get("features"))[:100],
        "attributes": {str(k): stringify(v) for k, v in details.items() if v is not None},
        "price": price,
        "rating": meta.get("average_rating"),
        "rating_count": meta.get("rating_number"),
        "image_url": _first_image(meta.get("images")),
    }
    row |= _passthrough(meta, _META_USED, ProductRow)
    return {key: value for key, value in row.items() if value is not None}


def review_id(product_id: str, user_id: str, timestamp: Any) -> str:
    """A stable review id: `<parent_asin>-<user_id>-<timestamp>`, hashed when over 64 chars."""
    key = f"{product_id}-{user_id}-{timestamp}"
    return key if len(key) <= 64 else "r-" + hashlib.sha1(key.encode()).hexdigest()


def amazon_review(obj: dict[str, Any]) -> dict[str, Any]:
    """A `<Category>.jsonl` review object as a reviews.jsonl row; SkipRow when it has no key."""
    product_id = _text(obj.get("parent_asin")) or _text(obj.get("asin"))
    user_id = _text(obj.get("user_id"))
    for name, value in (("parent_asin", product_id), ("user_id", user_id)):
        if value is None:
            raise SkipRow(name, "missing")
    try:
        created_at = from_epoch(obj.get("timestamp"))
    except (ValueError, OverflowError, OSError) as exc:
        raise SkipRow("timestamp", str(exc)) from None
    rating = obj.get("rating")
    if isinstance(rating, float) and rating.is_integer():
        rating = int(rating)
    title = _text(obj.get("title"))
    row = {
        "review_id": review_id(str(product_id), str(user_id), obj.get("timestamp")),
        "product_id": product_id,
        "customer_id": user_id,
        "rating": rating,
        "title": title,
        "text": _clip(_text(obj.get("text")) or title or ""),
        "created_at": created_at.isoformat(),
        "verified_purchase": obj.get("verified_purchase"),
    }
    row |= _passthrough(obj, _REVIEW_USED, ReviewRow)
    return {key: value for key, value in row.items() if value is not None}


def _json_objects(
    path: Path, out: ShopWriter, show_progress: bool
) -> Iterator[tuple[int, dict[str, Any], str]]:
    """(line, object, raw text) for each JSON object line; broken lines are rejected."""
    for number, raw in numbered_lines(path, show_progress):
        if not raw.strip():
            continue
        out.note_read(path.name)
        shown = raw[:200].decode("utf-8", errors="replace").strip()
        try:
            obj = json.loads(raw)
        except ValueError as exc:
            out.reject(path.name, number, [("row", f"invalid JSON: {exc}")], shown)
            continue
        if not isinstance(obj, dict):
            out.reject(path.name, number, [("row", "expected a JSON object")], shown)
            continue
        yield number, obj, shown


def import_amazon2023(
    meta_path: Path,
    reviews_path: Path | None,
    out_dir: Path,
    *,
    default_price: float | None = None,
    limit: int | None = None,
    show_progress: bool = False,
) -> ImportReport:
    """Convert Amazon Reviews 2023 files (meta, and optionally reviews) into a shop directory.

    `limit` caps the products imported; reviews of products past it are counted in `left_out`.
    """
    report = ImportReport(out_dir=out_dir)
    kinds = ["products"] + (["reviews"] if reviews_path else [])
    with ShopWriter(out_dir, "amazon2023", kinds, report) as out:
        imported, skipped, complete = _amazon_products(
            meta_path, out, default_price, limit, show_progress
        )
        if reviews_path is not None:
            _amazon_reviews(reviews_path, out, imported, skipped, complete, show_progress)
    if not complete:
        report.notes.append(f"stopped after {limit} products (--limit): the rest was not read")
    if report.left_out:
        report.notes.append(f"{report.left_out} review(s) of products past --limit left out")
    if report.defaulted_prices:
        report.notes.append(
            f"{report.defaulted_prices} product(s) have the --default-price "
            f"{default_price} (marked price_is_default)"
        )
    return report


def _amazon_products(
    path: Path, out: ShopWriter, default_price: float | None, limit: int | None, progress: bool
) -> tuple[set[str], dict[str, int], bool]:
    """Write products; (ids written, ids skipped -> line, whether the whole file was read)."""
    category = category_from_filename(path)
    seen: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for number, meta, raw in _json_objects(path, out, progress):
        if limit is not None and len(seen) >= limit:
            out.report.read[path.name] -= 1
            return set(seen), skipped, False
        try:
            data = amazon_product(meta, default_price=default_price, category=category)
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            if pid := _text(meta.get("parent_asin")):
                skipped.setdefault(pid, number)
            continue
        if emit_row(out, "products", data, seen, Source(path.name, number, raw)):
            out.report.defaulted_prices += bool(data.get("price_is_default"))
        elif pid := data.get("product_id"):
            skipped.setdefault(str(pid), number)
    return set(seen), skipped, True


def _amazon_reviews(
    path: Path,
    out: ShopWriter,
    products: set[str],
    skipped: dict[str, int],
    complete: bool,
    progress: bool,
) -> None:
    """Write the reviews of imported products; reject the rest with the reason."""
    seen: dict[str, int] = {}
    for number, obj, raw in _json_objects(path, out, progress):
        try:
            data = amazon_review(obj)
        except SkipRow as exc:
            out.reject(path.name, number, [(exc.field, exc.message)], raw)
            continue
        product_id = data["product_id"]
        if product_id in products:
            emit_row(out, "reviews", data, seen, Source(path.name, number, raw))
        elif product_id in skipped:
            reason = f"product {product_id!r} was not imported (meta line {skipped[product_id]})"
            out.reject(path.name, number, [("product_id", reason)], raw)
        elif complete:
            out.reject(path.name, number, [("product_id", f"unknown product {product_id!r}")], raw)
        else:
            out.report.left_out += 1
