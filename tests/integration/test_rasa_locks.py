"""The atomic Redis lock store against the Redis on 127.0.0.1:6379 (skipped where absent)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_locks import AtomicRedisLockStore


@pytest.fixture
def prefix() -> Iterator[str]:
    """A fresh key prefix; its keys are deleted afterwards."""
    client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis on 127.0.0.1:6379: {error}")
    value = "t" + uuid.uuid4().hex[:12]
    yield value
    for key in client.scan_iter(f"{value}*"):
        client.delete(key)


def _store(prefix: str) -> AtomicRedisLockStore:
    config = EndpointConfig(url="127.0.0.1", port=6379, db=0, key_prefix=prefix)
    return AtomicRedisLockStore(endpoint_config=config)


def test_concurrent_tickets_from_many_stores_are_all_distinct(prefix: str) -> None:
    stores = [_store(prefix) for _ in range(4)]

    def take(store: AtomicRedisLockStore) -> list[int]:
        return [store.issue_ticket("conv") for _ in range(100)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [n for batch in pool.map(take, stores) for n in batch]

    assert sorted(numbers) == list(range(400))


def test_finishing_a_turn_keeps_the_lock_for_whoever_queued_behind_it(prefix: str) -> None:
    store = _store(prefix)
    first = store.issue_ticket("conv")
    second = store.issue_ticket("conv")

    store.cleanup("conv", first)
    lock = store.get_lock("conv")
    assert lock is not None and lock.now_serving == second and not lock.is_locked(second)

    store.cleanup("conv", second)
    assert store.get_lock("conv") is None


def test_a_lock_left_by_a_crashed_replica_expires_in_redis(prefix: str) -> None:
    store = _store(prefix)
    store.issue_ticket("conv", lock_lifetime=5)

    ttl_ms = store.red.pttl(store.key_prefix + "conv")

    assert 5000 <= ttl_ms <= 6500


def test_expired_tickets_are_dropped_and_the_next_one_is_served(prefix: str) -> None:
    store = _store(prefix)
    store.issue_ticket("conv", lock_lifetime=-1)  # already expired, as a dead replica's
    waiting = store.issue_ticket("conv")

    store.update_lock("conv")

    lock = store.get_lock("conv")
    assert lock is not None and [t.number for t in lock.tickets] == [waiting]
