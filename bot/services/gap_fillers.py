"""Use cases: the shop's free-shipping gap fillers (list, add, remove).

A gap filler is a cheap product the shop is happy to offer whatever the cart (filters,
socks...): the gap closer falls back to it when nothing that goes with the cart closes the
free-shipping gap (``docs/recommendations.md``). Each call is one transaction; an unknown SKU
changes nothing and is named in the error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.errors import InvalidInput, UnknownProduct
from bot.domain.models import Product
from bot.services.shop import Shop
from bot.store.neighbours import NeighbourRepository

MAX_SKUS = 200


@dataclass(frozen=True)
class FillerChange:
    """What an add or remove did: SKUs whose listing changed, and the list afterwards."""

    changed: int
    fillers: list[Product]


def list_gap_fillers(shop: Shop) -> list[Product]:
    """The gap fillers, cheapest first."""
    with shop.read_factory.begin() as session:
        return NeighbourRepository(session).gap_fillers()


def _ids(repository: NeighbourRepository, skus: Sequence[str]) -> list[int]:
    """Product ids of ``skus``; every SKU must be in the catalog.

    Raises:
        InvalidInput: No SKU, or too many at once.
        UnknownProduct: A SKU is not in the catalog (nothing is changed).
    """
    wanted = [s.strip() for s in skus if s and s.strip()]
    if not wanted:
        raise InvalidInput("give at least one SKU")
    if len(wanted) > MAX_SKUS:
        raise InvalidInput(f"at most {MAX_SKUS} SKUs at once")
    known = repository.product_ids(wanted)
    missing = [s for s in wanted if s not in known]
    if missing:
        raise UnknownProduct(", ".join(missing))
    return [known[s] for s in wanted]


def add_gap_fillers(shop: Shop, skus: Sequence[str]) -> FillerChange:
    """List products as gap fillers (already listed ones stay as they are)."""
    with shop.session_factory.begin() as session:
        repository = NeighbourRepository(session)
        added = repository.add_gap_fillers(_ids(repository, skus))
        return FillerChange(added, repository.gap_fillers())


def remove_gap_fillers(shop: Shop, skus: Sequence[str]) -> FillerChange:
    """Stop listing products as gap fillers (the products stay in the catalog)."""
    with shop.session_factory.begin() as session:
        repository = NeighbourRepository(session)
        removed = repository.remove_gap_fillers(_ids(repository, skus))
        return FillerChange(removed, repository.gap_fillers())
