"""Housekeeping: idempotency keys older than their retention are pruned.

Every chat message with a message id, every platform delivery id and every API
``Idempotency-Key`` leaves one row in ``idempotency_keys`` (:mod:`bot.chat.replays`,
:mod:`bot.services.deliveries`, :func:`bot.services.cart.add_to_cart`). A retry is only a
retry for a while: clients retry within seconds, Slack within the hour, Telegram and Twilio
within a day. After ``SHOP_KEY_RETENTION_DAYS`` (default 7) a key protects nothing, so the
table is pruned: by the shop API every hour (:func:`start_housekeeping`) and on demand by
``python -m bot prune-keys``.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from bot.domain.errors import InvalidInput
from bot.services.shop import Shop
from bot.store.repositories import CartRepository

log = logging.getLogger(__name__)

KEY_RETENTION_DAYS = 7
"""Default days an idempotency key is kept (a retry after that is a new request)."""
MAX_KEY_RETENTION_DAYS = 3650
PRUNE_EVERY = timedelta(hours=1)
"""How often a serving shop API prunes (a key lives at most retention + this long)."""


class RetentionSettingError(InvalidInput):
    """The key retention (``SHOP_KEY_RETENTION_DAYS`` or ``--days``) is out of range."""


def key_retention(env: Mapping[str, str] | None = None) -> timedelta:
    """How long idempotency keys are kept: ``SHOP_KEY_RETENTION_DAYS`` (default 7 days).

    Raises:
        RetentionSettingError: The value is not a whole number from 1 to 3650.
    """
    env = os.environ if env is None else env
    raw = env.get("SHOP_KEY_RETENTION_DAYS", "").strip()
    if not raw:
        return timedelta(days=KEY_RETENTION_DAYS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_KEY_RETENTION_DAYS:
        raise RetentionSettingError(
            "the key retention (SHOP_KEY_RETENTION_DAYS or --days) must be a whole number "
            f"of days from 1 to {MAX_KEY_RETENTION_DAYS}, not {raw!r}"
        )
    return timedelta(days=int(raw))


def prune_idempotency_keys(shop: Shop, retention: timedelta, now: datetime | None = None) -> int:
    """Delete the idempotency keys recorded more than ``retention`` ago, in one transaction.

    Args:
        shop: The shop whose store is pruned.
        retention: How long a key is kept (at least one day is sensible: see the module).
        now: The current time (UTC; tests); default: the clock.

    Returns:
        How many keys were deleted.
    """
    cutoff = (now or datetime.now(timezone.utc)) - retention
    with shop.session_factory.begin() as session:
        return CartRepository(session).prune_keys(cutoff)


def start_housekeeping(
    shop: Shop,
    retention: timedelta,
    every: timedelta = PRUNE_EVERY,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Prune now, then every ``every``, in a daemon thread (a serving process's start).

    A failure is logged and retried at the next round; it never stops the server.

    Args:
        shop: The store to prune.
        retention: How long a key is kept.
        every: The time between two prunes.
        stop: Set it to end the thread (tests); ``None``: runs as long as the process.

    Returns:
        The started thread.
    """
    stop = stop or threading.Event()

    def run() -> None:
        while True:
            try:
                deleted = prune_idempotency_keys(shop, retention)
                if deleted:
                    log.info("pruned %d idempotency keys older than %s", deleted, retention)
            except Exception:  # noqa: BLE001 - housekeeping must never stop the server
                log.exception("pruning idempotency keys failed; retrying in %s", every)
            if stop.wait(every.total_seconds()):
                return

    thread = threading.Thread(target=run, name="housekeeping", daemon=True)
    thread.start()
    return thread
