"""Read-only units of work (``shop.read_factory``): they never wait for a writer, never
block one, and never write (issue 13's latency under load).

SQLite's busy timeout is set to 0 where a lock matters: a unit that needed the write lock
would fail at once with "database is locked" (no sleeps, no timing), and the writing unit's
failure under the same lock shows that the lock really is held.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import delete, event, insert, select, text, update
from sqlalchemy.exc import OperationalError

from bot.services.cart import get_cart
from bot.services.catalog import catalog_kind, list_products
from bot.services.gap_fillers import list_gap_fillers
from bot.services.recommend import cart_recommendations, recommend_for_skus
from bot.services.shop import Shop, build_shop
from bot.services.subscriptions import list_plans
from bot.store.errors import ReadOnlyViolation
from bot.store.tables import CustomerRow, ProductRow
from tests.conftest import SECRET
from tests.pg import fresh_database, postgres_missing

CART = (("PH-ARIA-256", 1), ("CF-MUG", 2))

Write = Callable[[object], object]
WRITES: dict[str, Write] = {
    "ORM insert (flush)": lambda s: s.add(CustomerRow(external_ref="ro-1")) or s.flush(),
    "ORM update (flush)": lambda s: (
        setattr(s.scalar(select(CustomerRow).limit(1)), "external_ref", "changed") or s.flush()
    ),
    "Core insert": lambda s: s.execute(insert(CustomerRow).values(external_ref="ro-2")),
    "Core update": lambda s: s.execute(update(ProductRow).values(stock=0)),
    "Core delete": lambda s: s.execute(delete(CustomerRow)),
    "raw SQL": lambda s: s.execute(text("DELETE FROM carts")),
    "DDL": lambda s: s.execute(text("CREATE TABLE sneaky (id INTEGER)")),
    # Hidden from the statement guard: the store itself refuses it (query_only / READ ONLY).
    "commented raw SQL": lambda s: s.execute(text("/* x */ UPDATE products SET stock = 0")),
}


def _file(shop: Shop) -> Path:
    return Path(shop.engine.url.database or "")


def _no_waiting(shop: Shop) -> None:
    """Every pooled connection from now on gives up at once on a lock (busy timeout 0)."""
    event.listen(shop.engine, "connect", lambda dbapi, _r: dbapi.execute("PRAGMA busy_timeout=0"))
    shop.engine.dispose()


@contextmanager
def _write_lock_held(shop: Shop) -> Iterator[None]:
    """Another connection holds the write lock, with an uncommitted change to the catalog."""
    connection = sqlite3.connect(_file(shop), isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE products SET stock = stock + 1000")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def test_reads_complete_while_another_connection_holds_the_write_lock(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, lines=CART)
    stock_before = {p.sku: p.stock for p in list_products(shop)}
    _no_waiting(shop)

    with _write_lock_held(shop):
        view = get_cart(shop, token, cart_id)
        suggestions = cart_recommendations(shop, token, cart_id, 3)
        by_skus = recommend_for_skus(shop, [sku for sku, _ in CART], 3)
        products = list_products(shop)
        kind = catalog_kind(shop)
        list_gap_fillers(shop)
        plans = list_plans(shop)
        with pytest.raises(OperationalError, match="locked"), shop.session_factory.begin() as s:
            s.execute(select(1))  # a writing unit needs the lock: it is held, nobody waits

    assert {line.product.sku: line.quantity for line in view.lines} == dict(CART)
    assert suggestions and by_skus and plans and kind.priced
    assert {p.sku: p.stock for p in products} == stock_before  # the committed snapshot


def test_a_read_only_unit_never_blocks_a_writer(shop: Shop) -> None:
    with shop.read_factory.begin() as session:
        before = session.scalar(select(ProductRow.stock).where(ProductRow.sku == "CF-MUG"))
        writer = sqlite3.connect(_file(shop), isolation_level=None, timeout=0)
        try:
            writer.execute("BEGIN IMMEDIATE")  # would fail at once if the reader held the lock
            writer.execute("UPDATE products SET stock = stock + 5 WHERE sku = 'CF-MUG'")
            writer.execute("COMMIT")
        finally:
            writer.close()
        again = session.scalar(select(ProductRow.stock).where(ProductRow.sku == "CF-MUG"))
        assert again == before  # one snapshot for the whole unit
    with shop.read_factory.begin() as session:
        after = session.scalar(select(ProductRow.stock).where(ProductRow.sku == "CF-MUG"))
    assert after == before + 5


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_in_a_read_only_unit_raises_and_changes_nothing(
    shop: Shop, new_cart, store_state, write: Write
) -> None:
    cart_id, token = new_cart(shop, lines=CART)
    before = store_state(shop)

    with pytest.raises(ReadOnlyViolation), shop.read_factory.begin() as session:
        session.scalar(select(ProductRow.id).limit(1))
        write(session)

    assert store_state(shop) == before
    with shop.session_factory.begin() as session:  # the pooled connection writes again
        session.execute(update(ProductRow).where(ProductRow.sku == "CF-MUG").values(stock=77))
    with shop.read_factory.begin() as session:
        assert session.scalar(select(ProductRow.stock).where(ProductRow.sku == "CF-MUG")) == 77
        assert session.scalar(text("SELECT count(*) FROM carts WHERE id = :i"), {"i": cart_id})
    assert get_cart(shop, token, cart_id).lines


@pytest.fixture
def pg_shop() -> Iterator[Shop]:
    """An empty, migrated PostgreSQL store with one customer."""
    missing = postgres_missing()
    if missing:
        pytest.skip(f"the PostgreSQL read-only tests need PostgreSQL on 127.0.0.1: {missing}")
    with fresh_database("ca_readonly") as url:
        shop = build_shop(url, SECRET)
        with shop.session_factory.begin() as session:
            session.add(CustomerRow(external_ref="pg-1"))
        yield shop
        shop.engine.dispose()


def _customers(shop: Shop) -> list[str | None]:
    with shop.read_factory.begin() as session:
        return list(session.scalars(select(CustomerRow.external_ref).order_by(CustomerRow.id)))


def test_postgresql_read_only_units_are_read_only_transactions(pg_shop: Shop) -> None:
    for _ in range(3):  # pooled connections: the mode never leaks into the next unit
        with pg_shop.read_factory.begin() as session:
            assert session.scalar(text("SHOW transaction_read_only")) == "on"
        with pg_shop.session_factory.begin() as session:
            assert session.scalar(text("SHOW transaction_read_only")) == "off"


def test_postgresql_writes_in_a_read_only_unit_raise_and_change_nothing(pg_shop: Shop) -> None:
    hidden = "WITH n AS (INSERT INTO customers (external_ref, created_at) VALUES ('x', now()) RETURNING id) SELECT id FROM n"  # noqa: E501 - refused by the server, not the guard
    for write in [*WRITES.values(), lambda s: s.execute(text(hidden))]:
        with pytest.raises(ReadOnlyViolation), pg_shop.read_factory.begin() as session:
            session.scalar(select(CustomerRow.id).limit(1))
            write(session)
        assert _customers(pg_shop) == ["pg-1"]


def test_postgresql_reads_go_on_while_a_writer_holds_its_transaction(pg_shop: Shop) -> None:
    with pg_shop.session_factory.begin() as writing:
        writing.execute(update(CustomerRow).values(external_ref="pg-2"))
        assert _customers(pg_shop) == ["pg-1"]  # the committed snapshot, without waiting
    assert _customers(pg_shop) == ["pg-2"]
