"""Pruning idempotency keys: old keys go, recent ones (and their replays) stay."""

import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from bot.cli import main
from bot.services.housekeeping import prune_idempotency_keys, start_housekeeping
from bot.store.repositories import CartRepository
from bot.store.tables import IdempotencyKeyRow

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)


def _keys_aged(shop, ages: dict[str, timedelta]) -> None:
    """Record one key per name, created that long before NOW."""
    with shop.session_factory.begin() as session:
        carts = CartRepository(session)
        for key, age in ages.items():
            assert carts.claim_key(key)
            session.execute(
                update(IdempotencyKeyRow)
                .where(IdempotencyKeyRow.key == key)
                .values(created_at=NOW - age)
            )


def _keys(shop) -> set[str]:
    with shop.session_factory.begin() as session:
        return set(session.scalars(select(IdempotencyKeyRow.key)))


def test_keys_older_than_the_retention_are_deleted_and_no_others(shop) -> None:
    _keys_aged(
        shop,
        {
            "turn:old": timedelta(days=8),
            "delivery:slack:older": timedelta(days=30),
            "turn:edge": timedelta(days=7) - timedelta(seconds=1),
            "api:1:fresh": timedelta(minutes=5),
        },
    )

    deleted = prune_idempotency_keys(shop, timedelta(days=7), now=NOW)

    assert deleted == 2
    assert _keys(shop) == {"turn:edge", "api:1:fresh"}
    # a pruned key is free again: the same delivery id is a new request after the retention
    with shop.session_factory.begin() as session:
        assert CartRepository(session).claim_key("delivery:slack:older")
        assert not CartRepository(session).claim_key("api:1:fresh")


def test_pruning_an_empty_table_deletes_nothing(shop) -> None:
    assert prune_idempotency_keys(shop, timedelta(days=1), now=NOW) == 0


def test_the_serving_thread_prunes_at_once_and_stops_when_told(shop) -> None:
    _keys_aged(shop, {"turn:ancient": timedelta(days=400), "turn:new": timedelta(seconds=1)})
    stop = threading.Event()

    thread = start_housekeeping(shop, timedelta(days=7), every=timedelta(hours=1), stop=stop)
    stop.set()
    thread.join(timeout=30)

    assert not thread.is_alive()
    # the first round runs before the thread waits: the 400-day-old key is gone
    assert "turn:ancient" not in _keys(shop)


def test_cli_prunes_with_days_and_refuses_a_bad_value(shop, capsys) -> None:
    now = datetime.now(timezone.utc)
    _keys_aged(shop, {"turn:a": NOW - now + timedelta(days=3)})  # 3 days old, as of now
    url = str(shop.engine.url)

    assert main(["--db", url, "prune-keys", "--days", "5"]) == 0
    assert capsys.readouterr().out == "pruned 0 idempotency key(s) older than 5 day(s)\n"
    assert main(["prune-keys", "--days", "2", "--db", url]) == 0
    assert capsys.readouterr().out == "pruned 1 idempotency key(s) older than 2 day(s)\n"

    assert main(["--db", url, "prune-keys", "--days", "0"]) == 2
    assert "from 1 to 3650, not '0'" in capsys.readouterr().err
