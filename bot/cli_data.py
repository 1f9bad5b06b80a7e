"""Data commands: ``import-products``, ``import-orders`` and the batch ``recommend``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from bot.domain.imports import ORDER_COLUMNS, PRODUCT_COLUMNS, check_header
from bot.domain.ranking import RankingRules, Scoring
from bot.services.imports import ImportReport, Row, import_orders, import_products
from bot.services.shop import Shop

ShopFor = Callable[[argparse.Namespace], Shop]


class _Counting(io.RawIOBase):
    """A binary reader that counts the bytes read (for the progress bar)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.done = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.raw.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.done += len(chunk)
        return len(chunk)


class ProgressBar:
    """A one-line progress bar on stderr (redrawn at most 5 times a second)."""

    def __init__(self, label: str, total_bytes: int, counter: _Counting) -> None:
        self.label, self.total, self.counter = label, max(total_bytes, 1), counter
        self.started = self.drawn = time.perf_counter()

    def __call__(self, report: ImportReport, final: bool = False) -> None:
        """Redraw after a batch; the final call ends the line (only that one off a terminal)."""
        now = time.perf_counter()
        if not final and (now - self.drawn < 0.2 or not sys.stderr.isatty()):
            return
        self.drawn = now
        share = min(self.counter.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        print(
            f"\r{self.label} [{bar:<30}] {share:4.0%} {report.rows:,} rows, "
            f"{report.added:,} added, {len(report.problems):,} skipped, {now - self.started:.1f}s",
            end="\n" if final else "",
            file=sys.stderr,
            flush=True,
        )


def read_csv(path: Path, required: tuple[str, ...]) -> tuple[Iterator[Row], _Counting]:
    """Stream ``(line number, row)`` from a CSV file after checking its header."""
    counter = _Counting(path.open("rb"))
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    check_header(reader.fieldnames, required)

    def rows() -> Iterator[Row]:
        with text:
            for row in reader:
                yield reader.line_num, row

    return rows(), counter


def _import(args: argparse.Namespace, shop_for: ShopFor, orders: bool) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    rows, counter = read_csv(path, ORDER_COLUMNS if orders else PRODUCT_COLUMNS)
    bar = ProgressBar(path.name, os.path.getsize(path), counter)
    run = import_orders if orders else import_products
    report = run(shop_for(args), rows, args.batch_size, bar)
    bar(report, final=True)
    for problem in report.problems:
        print(f"skipped {path.name} {problem}", file=sys.stderr)
    kind = "orders" if orders else "products"
    summary = f"{report.added} {kind} added, {report.unchanged} already there"
    if not orders:
        summary += f", {report.updated} updated"
    else:
        summary += f", statistics {report.statistics}"
    print(f"{summary}, {len(report.problems)} rows skipped")
    return 0


def rules_from(args: argparse.Namespace, defaults: RankingRules) -> RankingRules:
    """The chat's ranking rules with the filters the command line switched."""
    return RankingRules(
        max_price_ratio=defaults.max_price_ratio if args.price_band else None,
        min_price_ceiling=defaults.min_price_ceiling,
        require_stock=args.stock,
        min_together=defaults.min_together if args.min_together is None else args.min_together,
        min_share=defaults.min_share if args.min_share is None else Decimal(args.min_share),
        scoring=Scoring(args.scoring) if args.scoring else defaults.scoring,
        prior_orders=defaults.prior_orders,
        popularity_damping=defaults.popularity_damping,
        best_sellers=defaults.best_sellers if args.best_sellers is None else args.best_sellers,
    )


def cmd_recommend(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Read one JSON list of SKUs per stdin line; write one JSON list of ranked SKUs."""
    from bot.services.recommend import recommend_for_skus

    shop = shop_for(args)
    rules = rules_from(args, shop.rules)
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            cart = json.loads(line)
            if not isinstance(cart, list) or not all(isinstance(s, str) for s in cart):
                raise ValueError("not a list of SKU strings")
        except ValueError as error:
            print(f"error: stdin line {number}: {error}", file=sys.stderr)
            return 2
        ranked = recommend_for_skus(shop, cart, args.limit, rules)
        print(json.dumps([s.product.sku for s in ranked]), flush=args.flush)
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add the data commands to the ``python -m bot`` parser."""
    for name, orders in (("import-products", False), ("import-orders", True)):
        what = "orders (order_id,sku[,quantity])" if orders else "a catalog (sku,name,category…)"
        command = commands.add_parser(name, help=f"import {what} from a CSV file")
        command.add_argument("file", help="CSV file with a header row")
        command.add_argument("--batch-size", type=int, default=2000 if orders else 1000)
        command.set_defaults(run=lambda a, o=orders: _import(a, shop_for, o))
    rec = commands.add_parser("recommend", help="rank add-ons for JSON carts read from stdin")
    rec.add_argument("--limit", type=int, default=3, help="SKUs per cart (default 3)")
    rec.add_argument("--price-band", action=argparse.BooleanOptionalAction, default=True)
    rec.add_argument("--stock", action=argparse.BooleanOptionalAction, default=True,
                     help="only products in stock (--no-stock: stock-less data)")  # fmt: skip
    rec.add_argument("--min-together", type=int, default=None)
    rec.add_argument("--min-share", default=None, help="e.g. 0.05; 0 keeps every pair")
    rec.add_argument("--scoring", choices=[s.value for s in Scoring], default=None)
    rec.add_argument("--best-sellers", type=int, default=None,
                     help="best sellers that join the candidates (chat: 0)")  # fmt: skip
    rec.add_argument("--flush", action="store_true", help="flush after every line")
    rec.set_defaults(run=lambda a: cmd_recommend(a, shop_for))
