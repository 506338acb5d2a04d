"""Support-agent tools: catalog reports over stock and ratings, and finding a customer.

Both read SQL, the source of truth, and refuse any session that is not a support agent's:
a customer never lists other customers, and stock reports are a console view.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from retrieval.db import Customer, Order, Product
from retrieval.review_summary import star_rating
from retrieval.shop_index import title_stems
from tools.catalog import ProductLine
from tools.context import ToolContext
from tools.registry import ToolError, tool

AGENTS_ONLY = "Only support agents can use this."
_LINE_COLUMNS = [getattr(Product, name) for name in ProductLine.model_fields]
"""The product columns a report line shows (read without descriptions, reviews or variants)."""
Sort = Literal["rating_low", "rating_high", "price_low", "price_high"]


class CatalogReportArgs(BaseModel):
    """Arguments of catalog_report."""

    about: str | None = Field(
        default=None,
        max_length=200,
        description="Which products: words of a category or of product titles "
        "(e.g. 'dishwashers'); leave out for the whole catalog",
    )
    stock: Literal["in", "out"] | None = Field(
        default=None, description="'out': only products out of stock; 'in': only in stock"
    )
    sort: Sort | None = Field(default=None, description="Order: lowest/highest rating or price")
    limit: int = Field(default=10, ge=1, le=50)


class CatalogReport(BaseModel):
    """Products matching a report, with how many matched before the limit."""

    about: str | None
    scope: Literal["category", "title", "catalog", "none"]
    """What `about` matched: category names, product titles, nothing given, or nothing at all."""
    matched: int
    of_total: int
    """Products in the scope before the stock filter (so "3 of 40 dishwashers are out of stock")."""
    products: list[ProductLine]


def _scope(
    products: list[Row[Any]], about: str | None
) -> tuple[Literal["category", "title", "catalog", "none"], list[Row[Any]]]:
    """The products `about` means: those whose category names it, else whose title does."""
    if not about:
        return "catalog", products
    wanted = title_stems(about)
    if not wanted:
        return "catalog", products
    by_category = [p for p in products if wanted <= title_stems(p.category.replace(">", " "))]
    if by_category:
        return "category", by_category
    by_title = [p for p in products if wanted <= title_stems(f"{p.title} {p.brand or ''}")]
    return ("title", by_title) if by_title else ("none", [])


def _sort_key(sort: Sort) -> tuple[bool, object]:
    """How to order products for a sort: (reverse, key function)."""
    if sort in ("rating_low", "rating_high"):
        return sort == "rating_high", lambda p: (p.rating or 0.0, p.rating_count or 0)
    return sort == "price_high", lambda p: p.price


@tool(CatalogReportArgs)
def catalog_report(ctx: ToolContext, args: CatalogReportArgs) -> CatalogReport:
    """Support agents: list products of a category (or matching title words) that are out of
    stock or in stock, or ordered by rating or price ("worst rated headphones", "which
    dishwashers are out of stock"), with how many match out of how many in that scope."""
    if not ctx.session.is_agent:
        raise ToolError(AGENTS_ONLY)
    with Session(ctx.shop.engine) as db:
        products = list(db.execute(select(*_LINE_COLUMNS, Product.brand)).all())
    scope, chosen = _scope(products, args.about)
    total = len(chosen)
    if args.stock:
        chosen = [p for p in chosen if p.in_stock == (args.stock == "in")]
    if args.sort:
        reverse, key = _sort_key(args.sort)
        rated = [p for p in chosen if p.rating is not None or not args.sort.startswith("rating")]
        chosen = sorted(rated, key=key, reverse=reverse)  # type: ignore[arg-type]
    return CatalogReport(
        about=args.about,
        scope=scope,
        matched=len(chosen),
        of_total=total,
        products=[
            ProductLine(**p._asdict() | {"rating": star_rating(p.rating)})
            for p in chosen[: args.limit]
        ],
    )


class FindCustomerArgs(BaseModel):
    """Arguments of find_customer."""

    email: str | None = Field(default=None, max_length=320, description="The customer's email")
    name: str | None = Field(default=None, max_length=200, description="Words of their name")


class FoundCustomer(BaseModel):
    """A customer record as the support console shows it."""

    customer_id: str
    name: str | None
    email: str | None
    orders: int


class FoundCustomers(BaseModel):
    """Customers matching an email (exactly, any case) or every word of a name."""

    customers: list[FoundCustomer]
    total: int


def _folded(name: str) -> str:
    """A name compared without case or accents ("Gómez" is "gomez")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@tool(FindCustomerArgs)
def find_customer(ctx: ToolContext, args: FindCustomerArgs) -> FoundCustomers:
    """Support agents: find customers by email (exact) or by name, with their order counts;
    then list_orders with the customer_id."""
    if not ctx.session.is_agent:
        raise ToolError(AGENTS_ONLY)
    if not (args.email or args.name):
        raise ToolError("Give an email address or a name to look for.")
    query = select(Customer)
    if args.email:
        query = query.where(func.lower(Customer.email) == args.email.strip().lower())
    for word in (args.name or "").split():
        query = query.where(Customer.name.ilike(f"%{word}%"))
    with Session(ctx.shop.engine) as db:
        found = list(db.scalars(query).all())
        if args.name and not found and not args.email:  # "gomez" for "Gómez": every name, folded
            found = list(db.scalars(select(Customer)).all())
        if args.name:
            words = _folded(args.name).split()
            found = [c for c in found if all(w in _folded(c.name or "").split() for w in words)]
        counts = dict(
            db.execute(
                select(Order.customer_id, func.count())
                .where(Order.customer_id.in_([c.customer_id for c in found[:20]]))
                .group_by(Order.customer_id)
            ).all()
        )
    return FoundCustomers(
        total=len(found),
        customers=[
            FoundCustomer(
                customer_id=c.customer_id,
                name=c.name,
                email=c.email,
                orders=int(counts.get(c.customer_id, 0)),
            )
            for c in found[:20]
        ],
    )
