"""Catalog use cases."""

from __future__ import annotations

from bot.domain.models import Product
from bot.services.shop import Shop
from bot.store.mapping import product_of
from bot.store.repositories import CatalogRepository


def list_products(shop: Shop) -> list[Product]:
    """Every active product, by SKU."""
    with shop.session_factory.begin() as session:
        return [product_of(row) for row in CatalogRepository(session).products()]
