"""Schema migrations on SQLite and on PostgreSQL (skipped where PostgreSQL is absent).

* The revisions, replayed one by one, build exactly the schema of ``bot/store/tables/``
  (so a new store may be made with ``create_all`` and stamped).
* A store from before migrations (revision 0001's tables, no ``alembic_version``) holding
  the whole seeded demo shop is upgraded in place: every row is kept, and the assistant
  recommends exactly what it does on a store seeded with today's code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, func, insert, select, text
from sqlalchemy.engine import Engine

from bot.services.recommend import recommend_for_skus
from bot.services.seed import seed_demo
from bot.services.shop import build_shop
from bot.store.db import make_engine
from bot.store.schema import (
    compare_options,
    head_revision,
    migrate_step_by_step,
    store_revision,
    upgrade_schema,
)
from bot.store.statistics import StatisticsRepository
from bot.store.tables import Base
from tests.conftest import SECRET
from tests.pg import fresh_database, postgres_missing

CART = ("CF-BEANS-ESP",)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty store on each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
        yield engine
        engine.dispose()
        return
    missing = postgres_missing()
    if missing:
        pytest.skip(f"PostgreSQL migration tests need PostgreSQL on 127.0.0.1: {missing}")
    with fresh_database("ca_schema") as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def _rows(engine: Engine, metadata: MetaData) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table.name: sorted(tuple(map(str, row)) for row in connection.execute(select(table)))
            for table in metadata.sorted_tables
        }


def test_the_revisions_build_the_schema_of_the_tables_module(engine: Engine) -> None:
    migrate_step_by_step(engine)

    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts=compare_options()), Base.metadata
        )
        revision = store_revision(connection)

    assert differences == []
    assert revision == head_revision()


def test_an_empty_store_is_created_and_stamped_and_a_second_run_changes_nothing(
    engine: Engine,
) -> None:
    assert upgrade_schema(engine) == head_revision()
    assert upgrade_schema(engine) == head_revision()

    with engine.connect() as connection:
        assert (
            compare_metadata(
                MigrationContext.configure(connection, opts=compare_options()), Base.metadata
            )
            == []
        )
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1


def _make_pre_migration_store(engine: Engine, seeded_template: Path) -> MetaData:
    """Revision 0001's tables without ``alembic_version``, holding the seeded demo shop."""
    migrate_step_by_step(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    old = MetaData()
    old.reflect(engine)
    source = make_engine(f"sqlite:///{seeded_template}")
    with source.connect() as read, engine.begin() as write:
        for table in old.sorted_tables:
            rows = [dict(row) for row in read.execute(select(table)).mappings()]
            if rows:
                write.execute(insert(table), rows)
    source.dispose()
    return old


def test_upgrading_a_store_from_before_migrations_keeps_every_row(
    engine: Engine, seeded_template: Path
) -> None:
    old = _make_pre_migration_store(engine, seeded_template)
    before = _rows(engine, old)

    shop = build_shop(str(engine.url.render_as_string(hide_password=False)), SECRET)
    fallback = recommend_for_skus(shop, CART, limit=5)  # no neighbour lists yet: basket scoring
    seed_demo(shop)  # adds no order, builds the missing neighbour lists
    upgraded = [(s.product.sku, s.reason) for s in recommend_for_skus(shop, CART, limit=5)]
    shop.engine.dispose()

    assert fallback, "the upgraded store should recommend add-ons before the lists are built"

    assert _rows(engine, old) == before
    assert sum(len(rows) for rows in before.values()) > 10_000  # the whole demo shop
    with engine.begin() as connection:
        assert store_revision(connection) == head_revision()
        orders = connection.scalar(text("SELECT count(*) FROM orders"))
    with build_shop(str(engine.url), SECRET).session_factory.begin() as session:
        statistics = StatisticsRepository(session)
        assert statistics.total_orders() == orders and not statistics.is_stale()
    reference = build_shop(f"sqlite:///{seeded_template}", SECRET)
    assert upgraded == [
        (s.product.sku, s.reason) for s in recommend_for_skus(reference, CART, limit=5)
    ]
    reference.engine.dispose()


def test_a_store_from_a_newer_version_is_refused_not_touched(engine: Engine) -> None:
    upgrade_schema(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        products = connection.scalar(
            select(func.count()).select_from(Base.metadata.tables["products"])
        )

    with pytest.raises(Exception, match="9999"):
        upgrade_schema(engine)

    with engine.connect() as connection:
        assert store_revision(connection) == "9999"
        assert (
            connection.scalar(select(func.count()).select_from(Base.metadata.tables["products"]))
            == products
        )
