"""The ``prune-keys`` command: delete idempotency keys older than their retention."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.services.housekeeping import key_retention, prune_idempotency_keys
from bot.services.shop import Shop

ShopFor = Callable[[argparse.Namespace], Shop]


def cmd_prune_keys(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Prune keys older than ``--days`` (default ``SHOP_KEY_RETENTION_DAYS``, else 7).

    Raises:
        RetentionSettingError: The retention is not 1..3650 days (printed, exit 2).
    """
    given = None if args.days is None else {"SHOP_KEY_RETENTION_DAYS": args.days}
    retention = key_retention(given)
    deleted = prune_idempotency_keys(shop_for(args), retention)
    print(f"pruned {deleted} idempotency key(s) older than {retention.days} day(s)")
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add ``prune-keys`` to the ``python -m bot`` parser."""
    prune = commands.add_parser(
        "prune-keys", help="delete idempotency keys older than their retention (default 7 days)"
    )
    prune.add_argument(
        "--days", default=None, help="keep keys this many days (default SHOP_KEY_RETENTION_DAYS, 7)"
    )
    prune.set_defaults(run=lambda a: cmd_prune_keys(a, shop_for))
