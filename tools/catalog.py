"""Catalog tools: search_products, get_product, compare_products."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from retrieval.catalog import Catalog
from retrieval.comparatives import relative_limits
from retrieval.coverage import coverage
from retrieval.db import Product, Review
from retrieval.product_names import name_words
from retrieval.query_parser import ParsedQuery, SearchFilters, parse_query
from retrieval.review_summary import star_rating
from retrieval.search import SearchHit, SearchResult
from retrieval.vocabulary import normal_words, stopwords
from tools.context import ToolContext
from tools.registry import ToolError, tool
from tools.search_report import NamedProduct, NotApplied, applied, named_out_of_stock, not_applied


class SearchProductsArgs(BaseModel):
    """Arguments of search_products."""

    query: str = Field(min_length=1, max_length=500, description="What the shopper wants")
    max_price: float | None = Field(
        default=None, ge=0, description="Highest price, in the shop's currency"
    )
    min_price: float | None = Field(
        default=None, ge=0, description="Lowest price, in the shop's currency"
    )
    currency: str | None = Field(
        default=None,
        description="ISO code of the currency the shopper named for the price limits, if any "
        "(never convert; a currency the shop does not sell in is reported, not applied)",
    )
    category: str | None = Field(default=None, description="Category name, e.g. Dishwashers")
    min_rating: float | None = Field(default=None, ge=0, le=5, description="Minimum stars")
    in_stock: bool | None = Field(default=None, description="Only products in stock")
    than: list[str] | None = Field(
        default=None,
        max_length=5,
        description="Ids of products already shown that comparative words in the query are "
        'relative to ("a bigger one", "anything quieter?"): results must beat all of them',
    )
    require: list[str] | None = Field(
        default=None,
        max_length=5,
        description="Words every product shown must have (in its title, brand, attributes, "
        "options or features), to narrow a "
        'list ("which are ipx7?" → ["ipx7"]); when none has them, none is removed and '
        "`not_applied` says so",
    )
    k: int = Field(default=5, ge=1, le=20, description="How many products")


class ProductLine(BaseModel):
    """A product as a list shows it, facts from the database."""

    product_id: str
    title: str
    category: str
    price: float
    currency: str
    rating: float | None
    rating_count: int | None
    in_stock: bool


class ProductHit(ProductLine):
    """One search result, with why it matched."""

    brand: str | None
    image_url: str | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    reason: str


class SearchProductsResult(BaseModel):
    """Ranked products, the constraints applied and not applied, and honest notes: the kind of
    product is not sold (with the nearest categories), only N match, a named product is out
    of stock."""

    query: str
    filters: dict[str, Any]
    products: list[ProductHit]
    currency: str = Field(default="USD", description="The shop's currency (ISO 4217)")
    applied: list[str] = Field(default_factory=list)
    not_applied: list[NotApplied] = Field(default_factory=list)
    only: int | None = Field(default=None, description="Fewer than asked satisfy the constraints")
    carried: bool = True
    not_carried: str | None = Field(default=None, description="What the shop does not sell")
    nearest_categories: list[str] = Field(default_factory=list)
    named_out_of_stock: NamedProduct | None = None


@tool(SearchProductsArgs)
def search_products(ctx: ToolContext, args: SearchProductsArgs) -> SearchProductsResult:
    """Search the catalog (hybrid keyword + semantic + reviews) with optional filters on price,
    category, minimum rating and stock; limits on measured attributes ("at least 1000 W", "for 6
    people") and the shop's feature words ("wireless") are read from the query. Returns ranked
    products with price, rating and stock, and what to tell the shopper: `applied` and
    `not_applied` constraints (say why), `only` (just that many match; do not pad the list),
    `carried` false (the shop does not sell that kind of product: say so and offer
    `nearest_categories`), `named_out_of_stock` (the product named is out of stock)."""
    if (
        args.min_price is not None
        and args.max_price is not None
        and args.min_price > args.max_price
    ):
        raise ToolError("min_price is above max_price; swap them or drop one.")
    explicit = SearchFilters(
        min_price=args.min_price,
        max_price=args.max_price,
        category=args.category,
        min_rating=args.min_rating,
        in_stock=args.in_stock,
        currency=args.currency.upper() if args.currency else None,
    )
    searcher = ctx.shop.searcher
    if args.than:
        explicit = _relative(ctx, args.query, args.than, explicit)
    require = args.require or []  # words every product shown must have ("which are glass")
    pool = args.k * _NARROW_POOL if require else args.k
    result = searcher.search(args.query, k=pool, filters=explicit, near_misses=False)
    found = coverage(searcher, ParsedQuery(text=result.text, filters=result.filters))
    if found.carried and (best := _featured_category(searcher.catalog, result)) is not None:
        scoped = explicit.merged(SearchFilters(category=best))  # "dry food for my new puppy":
        result = searcher.search(args.query, k=pool, filters=scoped, near_misses=False)
    if not found.carried:
        result.hits = []
    result.hits = _without_strays(result.hits)
    narrowed: list[str] = []
    if kinds := _kind_of(searcher.catalog, result.text, result.hits):  # "santoku knife"
        result.hits = [h for h in result.hits if searcher.catalog.has_title_words(h.title, kinds)]
        narrowed.append(" ".join(kinds))
    if not require and (stated := _stated(searcher.catalog, result, args.category)):
        result.hits = [h for h in result.hits if _mentions(searcher.catalog, h, stated)]
        narrowed.append(" ".join(stated))  # "dash cam front and rear": those that say so
    unmet: list[NotApplied] = []
    if require and result.hits:
        words = " ".join(require)
        kept = [h for h in result.hits if _mentions(searcher.catalog, h, require)]
        if kept:
            narrowed.append(words)
        else:
            leaf = result.hits[0].category.split(" > ")[-1]
            unmet = [NotApplied(constraint=words, reason="not_listed", detail=leaf)]
        result.hits = (kept or result.hits)[: args.k]
    hits = [
        ProductHit(
            **h.model_dump(exclude={"score", "why", "rating", "matched"}),
            rating=star_rating(h.rating),
            reason=h.why[0] if h.why else "",
        )
        for h in result.hits
    ]
    ctx.session.shown_products = [h.product_id for h in hits]
    ctx.session.last_query = result.text or args.query
    ctx.session.last_filters = result.filters.model_dump(exclude_none=True)
    constrained = [*applied(result.filters, searcher.catalog.money.currency), *narrowed]
    return SearchProductsResult(
        query=args.query,
        filters=result.filters.model_dump(exclude_none=True),
        products=hits,
        currency=searcher.catalog.money.currency,
        applied=constrained,
        not_applied=[*not_applied(result.filters), *unmet],
        only=len(hits) if found.carried and constrained and len(hits) < args.k else None,
        carried=found.carried,
        not_carried=None if found.carried else result.text,
        nearest_categories=found.nearest,
        named_out_of_stock=named_out_of_stock(
            searcher, result.text, result.filters, [h.product_id for h in hits]
        ),
    )


_STRAY_SHARE = 0.5
"""A product of another category than the best hit's, scored under this share of it, is
padding, not a result ("mens down parka" lists the parkas, not office chairs)."""


def _without_strays(hits: list[SearchHit]) -> list[SearchHit]:
    if not hits or hits[0].score <= 0:
        return hits
    best, floor = hits[0].category, _STRAY_SHARE * hits[0].score
    return [h for h in hits if h.category == best or h.score >= floor]


def _featured_category(catalog: Catalog, result: SearchResult) -> str | None:
    """The best hit's category when the query named none but a word of its name ("dry food"
    of Dry Dog Food, "kit" of STEM Kits) and that category lists one of the query's feature
    words ("puppy" of a dog food's life stage): searched again within it, that word is a
    constraint there, as it is when the category is named in full."""
    if result.filters.category or not result.hits:
        return None
    best = result.hits[0].category
    if not set(normal_words(best.split(" > ")[-1])) & set(normal_words(result.text)):
        return None  # ("first apartment kitchen essentials": a cookbook is no kind it named)
    scoped = catalog.resolve(result.filters.model_copy(update={"category": best}), result.text)
    return best if any(not t.negated for t in scoped.terms or []) else None


_AGE = re.compile(r"\b(\d{1,2})[\s-]*(?:yrs?|years?|y/?o|mo(?:nth)?s?)\b", re.I)
"""A number that is someone's age ("my 10 yr old", "a 3 year old"), not a stated number."""
_USE = re.compile(r"\bfor (?:my |our |his |her |their |a |an |the )?(\w+)", re.I)


def _kind_of(catalog: Catalog, text: str, hits: list[SearchHit]) -> list[str]:
    """The words of the query that only the best hit's category's titles use and that some
    hits' titles have and others lack: the kind asked for; none when every hit has them, or
    when the titles without them name the category instead (two names of one kind)."""
    if not hits:
        return []
    uses = set(normal_words(" ".join(_USE.findall(text))))  # "for my dorm": a use, not a kind
    words = [w for w in catalog.type_words(text, hits[0].category) if w not in uses]
    having = [h for h in hits if catalog.has_title_words(h.title, words)]
    leaf = normal_words(hits[0].category.split(" > ")[-1])
    if not any(catalog.has_title_words(h.title, leaf) for h in having) and any(
        catalog.has_title_words(h.title, leaf) for h in hits
    ):
        return []  # "portable charger" of Power Banks: another name of the category's kind
    return words if words and having and len(having) < len(hits) else []


def _stated(catalog: Catalog, result: SearchResult, given: str | None) -> list[str]:
    """The query's numbers and phrases of two words or more that some of the hits of its
    category state (in the name or as feature words) and others do not, beyond the category's
    own name ("front … rear" of "dash cam that records front and rear", "self … base", "72 … 30"
    of "standing desk 72 x 30"); none when the query named no category or no hit states them
    all. A single word ("electric", "quiet") only ranks: titles leave out what every one of
    the kind is."""
    category = result.filters.category
    hits = result.hits
    if not category or given or len(hits) < 2:
        return []
    termed = {w for t in result.filters.terms or [] for w in name_words(" ".join(t.words))}
    measured = {w for u in result.filters.units or [] for w in name_words(u.text)}
    measured |= set(_AGE.findall(result.text))  # "my 10 yr old": an "Ages 8+" kit fits too
    skipped = set(name_words(category)) | stopwords() | termed | measured  # those filter already
    counted = [(w, sum(_mentions(catalog, h, [w]) for h in hits)) for w in name_words(result.text)]
    kept = [(w, n) for w, n in counted if n and w not in skipped]  # words no hit has only rank
    differ = [0 < n < len(hits) for _, n in kept]
    stated = list(
        dict.fromkeys(
            w
            for i, (w, _) in enumerate(kept)
            if differ[i] and (w.isdigit() or any(differ[max(i - 1, 0) : i] + differ[i + 1 : i + 2]))
        )
    )
    return stated if stated and any(_mentions(catalog, h, stated) for h in hits) else []


_NARROW_POOL = 4
"""How many more products a narrowed search ranks, to find `k` that have the words."""


def _mentions(catalog: Catalog, hit: SearchHit, words: list[str]) -> bool:
    """Whether a product has every one of the words: in its name (compared as names are) or as
    a feature word of its attributes, options or features."""
    have = set(name_words(f"{hit.title} {hit.brand or ''}"))
    return all(set(name_words(w)) & have or catalog.has_word(hit.product_id, w) for w in words)


def _relative(
    ctx: ToolContext, query: str, than: list[str], explicit: SearchFilters
) -> SearchFilters:
    """The explicit filters plus the limits the query's comparative words set against `than`
    (alongside the query's own limits; words no such product measures are reported)."""
    catalog = ctx.shop.searcher.catalog
    ids = [ctx.shop.index.canonical(i, "product") or i for i in than]
    limits, unmet = relative_limits(query, catalog, ids)
    if not (limits or unmet):
        return explicit
    own = parse_query(query, catalog.categories, catalog.money).filters.units or []
    return explicit.model_copy(update={"units": [*own, *limits] or None, "unmet": unmet or None})


class GetProductArgs(BaseModel):
    """Arguments of get_product."""

    product_id: str = Field(min_length=1, max_length=64, description="A product id like P00042")


class VariantInfo(BaseModel):
    """A purchasable variant."""

    item_id: str
    options: dict[str, str]
    price: float
    available: bool


class RatingSummary(BaseModel):
    """Stars from the reviews in the database."""

    average: float | None
    count: int
    stars: dict[str, int]


class ProductDetails(BaseModel):
    """Everything about one product."""

    product_id: str
    title: str
    brand: str | None
    category: str
    description: str
    features: list[str]
    attributes: dict[str, str]
    price: float
    currency: str
    in_stock: bool
    image_url: str | None
    variants: list[VariantInfo]
    rating: RatingSummary


def load_product(ctx: ToolContext, product_id: str) -> Product:
    """The product row, or a readable error naming the bad id."""
    typed = product_id.strip()
    with Session(ctx.shop.engine, expire_on_commit=False) as session:
        product = session.get(Product, ctx.shop.index.canonical(typed, "product") or typed)
    if product is None:
        raise ToolError(f"No product with id {product_id!r}. Use search_products to find ids.")
    return product


def rating_summary(ctx: ToolContext, product_id: str) -> RatingSummary:
    """Star histogram and average computed from the stored reviews."""
    with Session(ctx.shop.engine) as session:
        rows = session.execute(
            select(Review.rating, func.count())
            .where(Review.product_id == product_id)
            .group_by(Review.rating)
        ).all()
    stars = Counter({int(r): int(n) for r, n in rows})
    count = sum(stars.values())
    average = star_rating(sum(r * n for r, n in stars.items()) / count) if count else None
    return RatingSummary(
        average=average, count=count, stars={str(s): stars.get(s, 0) for s in range(5, 0, -1)}
    )


def product_details(ctx: ToolContext, product: Product) -> ProductDetails:
    """A product row as the tool result."""
    return ProductDetails(
        product_id=product.product_id,
        title=product.title,
        brand=product.brand,
        category=product.category,
        description=product.description,
        features=list(product.features or []),
        attributes=dict(product.attributes or {}),
        price=product.price,
        currency=product.currency,
        in_stock=product.in_stock,
        image_url=product.image_url,
        variants=[VariantInfo(**v) for v in product.variants or []],
        rating=rating_summary(ctx, product.product_id),
    )


@tool(GetProductArgs)
def get_product(ctx: ToolContext, args: GetProductArgs) -> ProductDetails:
    """Full details of one product: description, features, attributes, price, stock,
    variants with their availability, and a rating summary."""
    details = product_details(ctx, load_product(ctx, args.product_id))
    if details.product_id not in ctx.session.shown_products:
        ctx.session.shown_products = [details.product_id, *ctx.session.shown_products][:20]
    return details


class CompareProductsArgs(BaseModel):
    """Arguments of compare_products."""

    product_ids: list[str] = Field(description="2 to 4 product ids to compare")

    @field_validator("product_ids")
    @classmethod
    def _two_to_four(cls, value: list[str]) -> list[str]:
        unique = list(dict.fromkeys(v.strip() for v in value if v.strip()))
        if not 2 <= len(unique) <= 4:
            raise ValueError(f"compare 2 to 4 different products (got {len(unique)})")
        return unique


class ComparedProduct(BaseModel):
    """One column of a comparison."""

    product_id: str
    title: str
    price: float
    currency: str
    rating: float | None
    rating_count: int
    in_stock: bool
    praised: list[str]
    criticised: list[str]


class AspectDifference(BaseModel):
    """A review aspect the products differ on: share of positive mentions per product."""

    aspect: str
    positive_share: dict[str, float | None]


class ComparisonResult(BaseModel):
    """Products side by side."""

    products: list[ComparedProduct]
    attributes: dict[str, dict[str, str]]
    cheapest: str
    best_rated: str | None
    review_aspects: list[AspectDifference]


@tool(CompareProductsArgs)
def compare_products(ctx: ToolContext, args: CompareProductsArgs) -> ComparisonResult:
    """Compare 2 to 4 products side by side on price, rating, key attributes and the review
    aspects they differ on."""
    from tools.reviews import product_reviews

    products = [load_product(ctx, pid) for pid in args.product_ids]
    columns, shares = [], {}
    for product in products:
        summary = product_reviews(ctx, product)
        stars = rating_summary(ctx, product.product_id)
        columns.append(
            ComparedProduct(
                product_id=product.product_id,
                title=product.title,
                price=product.price,
                currency=product.currency,
                rating=stars.average,
                rating_count=stars.count,
                in_stock=product.in_stock,
                praised=[a.aspect for a in summary.praised[:3]],
                criticised=[a.aspect for a in summary.criticised[:3]],
            )
        )
        shares[product.product_id] = summary.positive_shares()
    keys = sorted({k for p in products for k in (p.attributes or {})})
    attributes = {
        key: {p.product_id: (p.attributes or {}).get(key, "—") for p in products} for key in keys
    }
    rated = [c for c in columns if c.rating is not None]
    return ComparisonResult(
        products=columns,
        attributes=attributes,
        cheapest=min(columns, key=lambda c: c.price).product_id,
        best_rated=max(rated, key=lambda c: c.rating or 0).product_id if rated else None,
        review_aspects=_aspect_differences(shares),
    )


def _aspect_differences(shares: dict[str, dict[str, float]]) -> list[AspectDifference]:
    aspects = {a for per in shares.values() for a in per}
    spread = []
    for aspect in aspects:
        values = [per[aspect] for per in shares.values() if aspect in per]
        if len(values) >= 2:
            spread.append((max(values) - min(values), aspect))
    spread.sort(reverse=True)
    return [
        AspectDifference(
            aspect=aspect,
            positive_share={pid: per.get(aspect) for pid, per in shares.items()},
        )
        for gap, aspect in spread[:5]
        if gap > 0
    ]
