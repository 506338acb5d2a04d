"""recommend_products: hybrid recommendations for a product or for the session's customer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from tools.catalog import load_product
from tools.context import ToolContext
from tools.registry import ToolError, tool

if TYPE_CHECKING:
    from retrieval.recommender import Recommendation


class RecommendArgs(BaseModel):
    """Arguments of recommend_products."""

    for_product_id: str | None = Field(default=None, description="Recommend around this product")
    for_customer: str | None = Field(
        default=None,
        description="Customer id; customers may only name themselves (support agents: anyone)",
    )
    kind: Literal["together", "similar"] = Field(
        default="together",
        description="With for_product_id: 'together' for what goes with it (bought together "
        "first), 'similar' for alternatives like it",
    )
    k: int = Field(default=5, ge=1, le=20)


class RecommendedProduct(BaseModel):
    """A recommendation with the facts to show and why."""

    product_id: str
    title: str
    price: float
    currency: str
    rating: float | None
    in_stock: bool
    reason: str
    source: str


class RecommendResult(BaseModel):
    """Recommendations and what they were computed for."""

    basis: str
    basis_kind: Literal["product", "customer", "popular"]
    basis_title: str | None = None
    products: list[RecommendedProduct]


def _allowed_customer(ctx: ToolContext, requested: str | None) -> str | None:
    session = ctx.session
    if requested is None:
        return session.customer_id
    if session.is_agent or requested == session.customer_id:
        return requested
    raise ToolError("Recommendations by purchase history are only available for your own account.")


@tool(RecommendArgs)
def recommend_products(ctx: ToolContext, args: RecommendArgs) -> RecommendResult:
    """Recommend products: bought together with / similar to a product, or for the verified
    customer from their purchase history (excluding what they already bought)."""
    recommender = ctx.shop.recommender
    recs: list[Recommendation]
    basis_title = None
    if args.for_product_id:
        anchor = load_product(ctx, args.for_product_id)
        related = recommender.similar_to if args.kind == "similar" else recommender.for_product
        recs, basis = related(anchor.product_id, k=args.k), anchor.product_id
        basis_title = anchor.title
    else:
        customer = _allowed_customer(ctx, args.for_customer)
        try:
            recs = recommender.for_customer(customer, k=args.k) if customer else []
        except KeyError as exc:
            raise ToolError(f"No customer {args.for_customer!r}.") from exc
        if not customer:
            recs = recommender.popular(k=args.k)
        basis = customer or "popular"
    products = []
    for rec in recs:
        product = load_product(ctx, rec.product_id)
        products.append(
            RecommendedProduct(
                product_id=product.product_id,
                title=product.title,
                price=product.price,
                currency=product.currency,
                rating=product.rating,
                in_stock=product.in_stock,
                reason=rec.reason,
                source=rec.source,
            )
        )
    ctx.session.shown_products = [p.product_id for p in products]
    kind = "product" if args.for_product_id else "customer" if basis != "popular" else "popular"
    return RecommendResult(basis=basis, basis_kind=kind, basis_title=basis_title, products=products)
