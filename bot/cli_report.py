"""The ``report`` command: the offer experiments report as an HTML page with PNG plots."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time, timezone
from pathlib import Path

from bot.domain.errors import InvalidInput
from bot.services.shop import Shop

ShopFor = Callable[[argparse.Namespace], Shop]


def parse_since(text: str | None, name: str = "--since") -> datetime | None:
    """``2026-12-01`` (or an ISO time) as an aware UTC datetime; ``None`` passes through.

    Args:
        text: What the user gave.
        name: How the error names the input to the user: the CLI option by default; the
            HTTP adapter passes its query parameter (``'since' query parameter``).

    Raises:
        InvalidInput: Not an ISO date or time.
    """
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text), time())
        except ValueError as exc:
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise InvalidInput(f"{name} needs a date like 2026-12-01, got {shown!r}") from exc
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def cmd_report(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Write ``index.html`` and the plots for one experiment (or all) into ``--out``."""
    from bot.report.html import write_report
    from bot.services.experiment_report import build_reports

    reports = build_reports(shop_for(args), args.experiment, parse_since(args.since))
    written = write_report(reports, Path(args.out))
    print(f"wrote {written[0]} and {len(written) - 1} plots")
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add the ``report`` command to the ``python -m bot`` parser."""
    report = commands.add_parser("report", help="write the offer experiments report (HTML + PNG)")
    report.add_argument("--experiment", default=None, help="experiment key (default: every one)")
    report.add_argument("--since", default=None, help="only data from this date on (2026-12-01)")
    report.add_argument("--out", required=True, help="folder for index.html and the plots")
    report.set_defaults(run=lambda a: cmd_report(a, shop_for))
