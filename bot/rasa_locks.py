"""Rasa's Redis lock store with atomic ticket updates, for several Rasa replicas.

Rasa 3.6.21's ``RedisLockStore`` keeps each conversation's ticket lock as one JSON value and
changes it with a plain GET, modify, SET. Two replicas taking a ticket for the same
conversation at the same moment can both read "no tickets", both take ticket 0 and run the
conversation twice at once (two user turns interleaved); a replica finishing its turn can
delete the lock while another has just queued behind it, which then fails with
``LockError`` (HTTP 500). The replica test (``tests/live/test_replicas.py``) hit both.

:class:`AtomicRedisLockStore` makes every read-modify-write one optimistic Redis
transaction (``WATCH`` / ``MULTI`` / ``EXEC``, retried when another replica changed the key)
and lets Redis expire a lock whose tickets have all expired, e.g. after a replica crashed
mid-turn. Configure it in ``endpoints.production.yml``::

    lock_store:
      type: bot.rasa_locks.AtomicRedisLockStore
      url: ${REDIS_HOST}
      ...

A crashed replica's ticket blocks its conversation until the ticket expires: Rasa's
``TICKET_LOCK_LIFETIME`` (seconds, default 60) sets that time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    """A ``RedisLockStore`` whose ticket changes are atomic across processes."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Connect as Rasa's ``RedisLockStore`` does, from the ``lock_store`` endpoint."""
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        """Apply ``change`` to the stored lock in one transaction; retry on a conflict."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(lock)
                    pipe.multi()
                    if new is None or not new.tickets:
                        pipe.delete(key)
                    else:
                        last_expiry = max(ticket.expires for ticket in new.tickets)
                        pipe.set(key, new.dumps(), pxat=math.ceil(last_expiry * 1000) + 1000)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Queue a new ticket for the conversation, creating its lock if needed."""

        def take(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take)
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (and the lock once none is left)."""

        def prune(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, prune)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove one ticket; the lock goes when its last ticket does."""

        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish a ticket; unlike Rasa's, never deletes a lock someone just queued on."""
        self.finish_serving(conversation_id, ticket_number)
