"""The command line's store checks: a usable ``--db``, and no new file for a read command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

BAD_URL = (ArgumentError, NoSuchModuleError)
"""What SQLAlchemy raises for a ``--db`` that is no usable URL (bad syntax, unknown driver)."""

EXISTING_STORE_COMMANDS = frozenset(
    {"recommend", "report", "gap-fillers", "rebuild-neighbours", "prune-keys", "shipping"}
)
"""Commands that read (or tidy) a store: a path that holds none is an error, never a new file."""


class CliError(Exception):
    """A bad command line or environment: one line on stderr, exit status 2."""


def require_store(url: str) -> None:
    """Refuse a SQLite URL whose file does not exist (a mistyped ``--db``): nothing is created.

    Raises:
        CliError: The URL is not a SQLAlchemy URL, or names a missing SQLite file.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CliError(f"--db {url!r} is neither a store URL nor a file path") from None
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not Path(path).is_file():
        raise CliError(
            f"no store at {path}: check --db (a path or a URL such as sqlite:///var/shop.db); "
            "this command never creates one (python -m bot seed or import-products does)"
        )


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; ``--db`` before and after the command must agree (else exit 2)."""
    args = parser.parse_args(argv)
    after = getattr(args, "db_after", None)
    if after is not None:
        if args.db is not None and args.db != after:
            parser.error(f"--db given twice ({args.db} before {args.command}, {after} after it)")
        args.db = after
    return args
