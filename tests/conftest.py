"""Shared fixtures for the unit and integration tiers.

* ``shop``: a fresh SQLite file per test, holding the seeded demo shop (catalog, plans,
  shipping policy, 2400 orders). Seeding takes seconds, so it runs once per session into a
  template file that each test copies into its own ``tmp_path``.
* ``empty_shop``: schema only, for tests that build their own tiny data.
* ``shop_factory``: the same, with options (``max_unsolicited``, ``rules``, ``seeded``).
* ``new_cart``: create a cart (optionally with lines) and get ``(cart_id, token)``.
* ``store_state``: a snapshot of every table a use case may change, to assert that a
  failing use case left the store exactly as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from bot.domain.ranking import RankingRules
from bot.services.cart import add_to_cart, create_cart
from bot.services.seed import seed_demo
from bot.services.shop import Shop, build_shop
from bot.store.tables import (
    CartLineRow,
    CartRow,
    ChannelChoiceRow,
    ChannelLinkRow,
    ChatSessionRow,
    CustomerRow,
    ExposureRow,
    IdempotencyKeyRow,
    ItemStatRow,
    LinkAttemptRow,
    LinkCodeRow,
    NeighbourBuildRow,
    NeighbourRow,
    OfferEventRow,
    OrderLineRow,
    OrderRow,
    PairStatRow,
    PendingChoiceRow,
    ProductRow,
    SubscriptionRow,
)

SECRET = "test-secret"
DEMO_ORDERS = 2400

ShopFactory = Callable[..., Shop]
NewCart = Callable[..., tuple[int, str]]

# Every table a use case may change (catalog stock, carts, history, offers, subscriptions).
_MUTABLE = (
    CustomerRow,
    ProductRow,
    CartRow,
    CartLineRow,
    OrderRow,
    OrderLineRow,
    ItemStatRow,
    PairStatRow,
    SubscriptionRow,
    OfferEventRow,
    IdempotencyKeyRow,
    LinkCodeRow,
    ChannelLinkRow,
    ChannelChoiceRow,
    ExposureRow,
    ChatSessionRow,
    LinkAttemptRow,
    NeighbourRow,
    NeighbourBuildRow,
    PendingChoiceRow,
)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the seeded demo shop, built once per test session."""
    path = tmp_path_factory.mktemp("template") / "shop.db"
    shop = build_shop(_url(path), secret=SECRET)
    added = seed_demo(shop, orders=DEMO_ORDERS)
    shop.engine.dispose()  # closes the last connection: SQLite checkpoints the WAL file
    assert added == DEMO_ORDERS
    return path


@pytest.fixture
def shop_factory(tmp_path: Path, seeded_template: Path) -> Iterator[ShopFactory]:
    """Build shops on fresh SQLite files in ``tmp_path`` (each call gets its own file)."""
    built: list[Shop] = []

    def make(
        seeded: bool = True, max_unsolicited: int = 1, rules: RankingRules | None = None
    ) -> Shop:
        path = tmp_path / f"shop-{len(built)}.db"
        if seeded:
            for suffix in ("", "-wal", "-shm"):
                source = seeded_template.with_name(seeded_template.name + suffix)
                if source.exists():
                    shutil.copy(source, path.with_name(path.name + suffix))
        shop = build_shop(_url(path), secret=SECRET, max_unsolicited=max_unsolicited, rules=rules)
        built.append(shop)
        return shop

    yield make
    for shop in built:
        shop.engine.dispose()


@pytest.fixture
def shop(shop_factory: ShopFactory) -> Shop:
    """A fresh copy of the seeded demo shop (max. one unsolicited offer per conversation)."""
    return shop_factory()


@pytest.fixture
def empty_shop(shop_factory: ShopFactory) -> Shop:
    """A fresh shop with the schema only: no products, plans, policy or orders."""
    return shop_factory(seeded=False)


@pytest.fixture
def new_cart() -> NewCart:
    """``new_cart(shop, customer_ref=None, lines=(("SKU", qty), ...)) -> (cart_id, token)``."""

    def make(
        shop: Shop, customer_ref: str | None = None, lines: Iterable[tuple[str, int]] = ()
    ) -> tuple[int, str]:
        cart_id, token = create_cart(shop, customer_ref)
        for sku, quantity in lines:
            add_to_cart(shop, token, cart_id, sku, quantity)
        return cart_id, token

    return make


@pytest.fixture
def store_state() -> Callable[[Shop], dict[str, list[tuple]]]:
    """``store_state(shop)``: every row of every changeable table, for before/after checks."""

    def snapshot(shop: Shop) -> dict[str, list[tuple]]:
        state: dict[str, list[tuple]] = {}
        connection = shop.engine.raw_connection()  # plain sqlite3: fast on the history tables
        try:
            cursor = connection.cursor()
            for table in _MUTABLE:
                name = table.__tablename__
                cursor.execute(f"SELECT * FROM {name} ORDER BY 1, 2")
                state[name] = cursor.fetchall()
        finally:
            connection.close()
        return state

    return snapshot
