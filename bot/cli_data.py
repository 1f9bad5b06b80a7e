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
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from bot import cli_shipping as shipping_flags
from bot.domain.imports import ORDER_COLUMNS, PRODUCT_COLUMNS, check_header
from bot.domain.ranking import RankingRules, Scoring
from bot.services.catalog import CatalogKind
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
    shop = shop_for(args)
    policy = None if orders else shipping_flags.apply(args, shop)  # before the rows' checks
    if policy is not None:
        print(shipping_flags.describe(policy))
    bar = ProgressBar(path.name, os.path.getsize(path), counter)
    run = import_orders if orders else import_products
    report = run(shop, rows, args.batch_size, bar)
    bar(report, final=True)
    for problem in report.problems:
        print(f"skipped {path.name} {problem}", file=sys.stderr)
    kind = "orders" if orders else "products"
    summary = f"{report.added} {kind} added, {report.unchanged} already there"
    if not orders:
        summary += f", {report.updated} updated"
        if report.duplicates:
            summary += f", {report.duplicates} duplicate rows merged (same SKU; last row kept)"
    else:
        summary += f", statistics {report.statistics}"
    print(f"{summary}, {len(report.problems)} rows skipped")
    return 0


# Basket data: every pair counts, best sellers fill short lists, and whole lists are read
# (the quality benchmark's setting; the chat bounds big carts' reads with ``max_list_rows``).
BASKET_PRESET = {
    "min_together": 1,
    "min_share": Decimal(0),
    "best_sellers": 20,
    "max_list_rows": None,
}


def rules_from(
    args: argparse.Namespace, defaults: RankingRules, kind: CatalogKind | None = None
) -> RankingRules:
    """The chat's ranking rules, fitted to the store, with the filters the command line set.

    ``--preset basket`` (or, with ``--preset auto``, a store whose products have neither
    prices nor stock) is basket data: no price band, no stock filter, every co-purchase pair
    counts and 20 best sellers fill a short list (``--scoring basket``: join the candidates).
    With ``auto`` a price-less store alone switches the price band off and a stock-less one
    the stock filter. Explicit flags win.
    """
    kind = kind or CatalogKind(priced=True, stocked=True)
    preset = getattr(args, "preset", "auto")
    basket = preset == "basket" or (preset == "auto" and not kind.priced and not kind.stocked)
    shop_like = preset == "shop"
    base = replace(defaults, **BASKET_PRESET) if basket else defaults
    band = (shop_like or kind.priced) and not basket
    stock = (shop_like or kind.stocked) and not basket
    band = band if args.price_band is None else args.price_band
    stock = stock if args.stock is None else args.stock
    return replace(
        base,
        max_price_ratio=base.max_price_ratio if band else None,
        min_price_ratio=base.min_price_ratio if band else None,
        require_stock=stock,
        min_together=base.min_together if args.min_together is None else args.min_together,
        min_share=base.min_share if args.min_share is None else Decimal(args.min_share),
        scoring=Scoring(args.scoring) if args.scoring else base.scoring,
        best_sellers=base.best_sellers if args.best_sellers is None else args.best_sellers,
    )


def cmd_recommend(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Read one JSON list of SKUs per stdin line; write one JSON list of ranked SKUs.

    With ``--reasons`` each suggestion is ``{"sku": …, "reason": …}`` (its true reason). A
    store without products (a mistyped ``--db``) is an error, never a run of empty answers.
    """
    from bot.services.catalog import catalog_kind

    shop = shop_for(args)
    kind = catalog_kind(shop)
    if kind.products == 0:
        print(
            f"error: the store {shop.engine.url!r} holds no products: import a catalog first "
            "(python -m bot import-products FILE) or check --db",
            file=sys.stderr,
        )
        return 2
    rules = rules_from(args, shop.rules, kind)
    if rules.require_stock and not kind.stocked:
        print(
            "note: no product of this store has stock, and the stock filter (--preset shop "
            "or --stock) keeps only products in stock: every answer will be empty; "
            "drop it with --no-stock",
            file=sys.stderr,
        )
    try:
        return _recommend_lines(args, shop, rules)
    except BrokenPipeError:  # `recommend … | head -3`: the reader is gone, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _recommend_lines(args: argparse.Namespace, shop: Shop, rules: RankingRules) -> int:
    from bot.services.recommend import recommend_for_skus

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
        if args.reasons:
            out = [{"sku": s.product.sku, "reason": s.reason} for s in ranked]
            print(json.dumps(out, ensure_ascii=False), flush=args.flush)
        else:
            print(json.dumps([s.product.sku for s in ranked]), flush=args.flush)
    return 0


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (else a usage error)."""

    def parse(text: str) -> int:
        if not text.strip().isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}")
        return int(text)

    return parse


def _share(text: str) -> Decimal:
    """An argparse type: a share from 0 to 1 ("0.05" is 5 %)."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        value = Decimal(-1)
    if not value.is_finite() or not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be a share from 0 to 1, e.g. 0.05 for 5%")
    return value


def cmd_rebuild_neighbours(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Rebuild every neighbour list; ``--if-stale`` is for cron (``bot/services/neighbours.py``)."""
    from datetime import timedelta

    from bot.services.neighbours import rebuild_if_stale, rebuild_neighbours

    started = time.perf_counter()
    if args.if_stale:
        report = rebuild_if_stale(shop_for(args), max_age=timedelta(hours=args.max_age_hours))
        if report is None:
            print("neighbour lists are fresh: nothing to do")
            return 0
    else:
        report = rebuild_neighbours(shop_for(args))
    print(
        f"{report.rows:,} neighbour rows for {report.products:,} products from "
        f"{report.orders:,} orders in {time.perf_counter() - started:.1f}s"
    )
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add the data commands to the ``python -m bot`` parser."""
    for name, orders in (("import-products", False), ("import-orders", True)):
        what = "orders (order_id,sku[,quantity])" if orders else "a catalog (sku,name,category…)"
        command = commands.add_parser(name, help=f"import {what} from a CSV file")
        command.add_argument("file", help="CSV file with a header row")
        command.add_argument("--batch-size", type=int, default=2000 if orders else 1000)
        if not orders:
            shipping_flags.add_flags(command)
        command.set_defaults(run=lambda a, o=orders: _import(a, shop_for, o))
    rec = commands.add_parser("recommend", help="rank add-ons for JSON carts read from stdin")
    rec.add_argument("--limit", type=_whole(1, 1000), default=3, help="SKUs per cart (default 3)")
    rec.add_argument("--preset", choices=("auto", "basket", "shop"), default="auto",
                     help="auto (default): basket data when no product has a price or "
                     "stock; basket: price-less, stock-less; shop: the chat's filters")  # fmt: skip
    rec.add_argument("--price-band", action=argparse.BooleanOptionalAction, default=None,
                     help="price band around the main line (default: if prices exist)")  # fmt: skip
    rec.add_argument("--stock", action=argparse.BooleanOptionalAction, default=None,
                     help="only products in stock (default: when stock exists)")  # fmt: skip
    rec.add_argument("--min-together", type=_whole(0, 10**9), default=None)
    rec.add_argument("--min-share", type=_share, default=None, help="e.g. 0.05; 0 keeps every pair")
    rec.add_argument("--scoring", choices=[s.value for s in Scoring], default=None)
    rec.add_argument("--best-sellers", type=_whole(0, 1000), default=None,
                     help="best sellers that fill a short list (chat: 0)")  # fmt: skip
    rec.add_argument("--flush", action="store_true", help="flush after every line")
    rec.add_argument("--reasons", action="store_true",
                     help="print each suggestion as {sku, reason}: its true reason")  # fmt: skip
    rec.set_defaults(run=lambda a: cmd_recommend(a, shop_for))
    rebuild = commands.add_parser(
        "rebuild-neighbours", help="rebuild the ranking's neighbour lists from the history"
    )
    rebuild.add_argument(
        "--if-stale", action="store_true", help="only if never built, 10%% more orders, or old"
    )
    rebuild.add_argument(
        "--max-age-hours", type=float, default=24.0, help="--if-stale: lists older (default 24)"
    )
    rebuild.set_defaults(run=lambda a: cmd_rebuild_neighbours(a, shop_for))
