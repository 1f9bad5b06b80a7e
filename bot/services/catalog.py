"""Catalog use cases."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.models import Product
from bot.services.shop import Shop
from bot.store.mapping import product_of
from bot.store.repositories import CatalogRepository


def list_products(shop: Shop) -> list[Product]:
    """Every active product, by SKU."""
    with shop.read_factory.begin() as session:
        return [product_of(row) for row in CatalogRepository(session).products()]


@dataclass(frozen=True)
class CatalogKind:
    """Whether any product has a price, whether any has stock, and how many products."""

    priced: bool
    stocked: bool
    products: int = 1


def catalog_kind(shop: Shop) -> CatalogKind:
    """Tell a shop catalog from price-less or stock-less basket data (one read)."""
    with shop.read_factory.begin() as session:
        price, stock, products = CatalogRepository(session).price_stock_and_size()
    return CatalogKind(priced=price > 0, stocked=stock > 0, products=products)
