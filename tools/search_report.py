"""What a product search could and could not honour, for an honest reply.

Which constraints were applied and which not (and why), whether the shop sells the kind of
product asked for at all (with the nearest categories when it does not), and whether the query
names a product that the stock filter hid.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from retrieval.money import format_money
from retrieval.query_parser import SearchFilters
from retrieval.search import Searcher, SearchHit
from retrieval.units import base_unit
from retrieval.vocabulary import normal_words, stopwords

NAMED_SHARE = 0.6
"""A query names a product when it has this share of the title's words, or the brand and two."""


class NotApplied(BaseModel):
    """A constraint the search could not apply."""

    constraint: str
    reason: str = Field(description="currency: the shop does not sell in it; not_listed: no "
                        "product of that kind lists it")  # fmt: skip
    detail: str = ""


class NamedProduct(BaseModel):
    """A product the query names that the results leave out (out of stock)."""

    product_id: str
    title: str
    price: float
    currency: str
    in_stock: bool


def applied(filters: SearchFilters, currency: str) -> list[str]:
    """The constraints applied, in words ("under $300.00", "at least 1000 W", "wireless")."""
    words = []
    if filters.category:
        words.append(f"category {filters.category.split(' > ')[-1]}")
    low, high = filters.min_price, filters.max_price
    if low is not None:
        words.append(f"from {format_money(low, currency)}")
    if high is not None:
        words.append(f"up to {format_money(high, currency)}")
    if filters.min_rating is not None:
        words.append(f"rated {filters.min_rating:g}+ stars")
    if filters.in_stock:
        words.append("in stock")
    for limit in filters.units or []:
        words.append(f"{limit.text} ({limit.op} {limit.value:g} {base_unit(limit.dimension)})")
    for term in filters.terms or []:
        named = " or ".join(term.words)
        words.append(f"not {named}" if term.negated else named)
    return words


def not_applied(filters: SearchFilters) -> list[NotApplied]:
    """The constraints the catalog could not apply."""
    return [
        NotApplied(constraint=u.text, reason=u.reason, detail=u.detail) for u in filters.unmet or []
    ]


def _content(text: str) -> set[str]:
    return {w for w in normal_words(text) if w not in stopwords()}


def names(hit: SearchHit, query: str) -> bool:
    """Whether the query names this product (most of its title, or its brand and two words)."""
    title, asked = _content(hit.title), _content(query)
    brand = _content(hit.brand or "")
    shared = title & asked
    if title and len(shared) >= max(2, NAMED_SHARE * len(title)):
        return True
    return bool(brand) and brand <= asked and len(shared - brand) >= 2


def named_out_of_stock(
    searcher: Searcher, text: str, filters: SearchFilters, shown: list[str]
) -> NamedProduct | None:
    """The product the query names when the stock filter left it out of the results."""
    if not filters.in_stock or not text:
        return None
    loose = SearchFilters(category=filters.category)
    for hit in searcher.search(text, k=3, filters=loose).hits:
        if hit.product_id not in shown and not hit.in_stock and names(hit, text):
            return NamedProduct(
                product_id=hit.product_id,
                title=hit.title,
                price=hit.price,
                currency=hit.currency,
                in_stock=hit.in_stock,
            )
    return None
