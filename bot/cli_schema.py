"""Schema commands: ``migrate`` (what every process does on start) and ``new-migration``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.store.db import make_engine
from bot.store.schema import new_migration, store_revision, upgrade_schema

UrlFor = Callable[[argparse.Namespace], str]


def cmd_migrate(args: argparse.Namespace, url_for: UrlFor) -> int:
    """Bring the shop store to the newest schema revision and say where it was."""
    engine = make_engine(url_for(args))
    try:
        with engine.connect() as connection:
            before = store_revision(connection)
        after = upgrade_schema(engine)
    finally:
        engine.dispose()
    was = "already current" if before == after else f"was {before or 'unversioned or empty'}"
    print(f"shop store at schema revision {after} ({was})")
    return 0


def cmd_new_migration(args: argparse.Namespace) -> int:
    """Generate a migration for changes made to ``bot/store/tables/``."""
    for path in new_migration(args.message):
        print(f"wrote {path}: review it, then run `python -m bot migrate`")
    return 0


def register(commands: argparse._SubParsersAction, url_for: UrlFor) -> None:
    """Add the schema commands to the ``python -m bot`` parser."""
    migrate = commands.add_parser("migrate", help="apply schema migrations to the shop store")
    migrate.set_defaults(run=lambda a: cmd_migrate(a, url_for))
    new = commands.add_parser("new-migration", help="generate a migration from bot/store/tables/")
    new.add_argument("message", help="what the migration changes, e.g. 'gift wrap flag'")
    new.set_defaults(run=cmd_new_migration)
