"""An in-memory snapshot of the products' filterable facts, read from SQL."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from retrieval.db import Product
from retrieval.query_parser import SearchFilters


@dataclass
class Catalog:
    """Parallel arrays over every product, for masks and popularity."""

    ids: list[str]
    price: np.ndarray
    rating: np.ndarray
    rating_count: np.ndarray
    in_stock: np.ndarray
    category: np.ndarray
    index: dict[str, int]
    _paths: list[str] = field(init=False, repr=False)  # distinct category paths, sorted
    _lower: list[str] = field(init=False, repr=False)
    _codes: np.ndarray = field(init=False, repr=False)  # each product's index into _paths

    def __post_init__(self) -> None:
        paths, codes = np.unique(self.category.astype(str), return_inverse=True)
        self._paths = paths.tolist()
        self._lower = [p.lower() for p in self._paths]
        self._codes = codes

    @classmethod
    def load(cls, engine: Engine) -> Catalog:
        """Read the facts of every product."""
        columns = (
            Product.product_id,
            Product.price,
            Product.rating,
            Product.rating_count,
            Product.in_stock,
            Product.category,
        )
        with Session(engine) as session:
            rows = session.execute(select(*columns).order_by(Product.product_id)).all()
        ids = [r[0] for r in rows]
        return cls(
            ids=ids,
            price=np.array([r[1] for r in rows], dtype=np.float64),
            rating=np.array([r[2] or 0.0 for r in rows], dtype=np.float64),
            rating_count=np.array([r[3] or 0 for r in rows], dtype=np.float64),
            in_stock=np.array([bool(r[4]) for r in rows], dtype=bool),
            category=np.array([r[5] for r in rows], dtype=object),
            index={id_: i for i, id_ in enumerate(ids)},
        )

    @property
    def categories(self) -> list[str]:
        """Distinct category paths."""
        return self._paths

    def mask(self, filters: SearchFilters) -> np.ndarray:
        """True for every product that satisfies the filters."""
        keep = np.ones(len(self.ids), dtype=bool)
        if filters.min_price is not None:
            keep &= self.price >= filters.min_price
        if filters.max_price is not None:
            keep &= self.price <= filters.max_price
        if filters.min_rating is not None:
            keep &= self.rating >= filters.min_rating
        if filters.in_stock:
            keep &= self.in_stock
        if filters.category:
            needle = filters.category.lower()
            matching = [i for i, path in enumerate(self._lower) if needle in path]
            keep &= np.isin(self._codes, matching)
        return keep

    def popularity(self) -> np.ndarray:
        """A Bayesian-smoothed rating weighted by review volume."""
        prior, weight = 3.5, 5.0
        smoothed = (self.rating * self.rating_count + prior * weight) / (self.rating_count + weight)
        return smoothed * np.log1p(self.rating_count)
