"""The ``gap-fillers`` command: list, add or remove the shop's free-shipping gap fillers."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.money import format_money
from bot.services.shop import Shop

ShopFor = Callable[[argparse.Namespace], Shop]


def cmd_gap_fillers(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Run ``list`` / ``add SKU...`` / ``remove SKU...`` and print the list afterwards."""
    from bot.services import gap_fillers

    shop = shop_for(args)
    if args.action == "list":
        fillers = gap_fillers.list_gap_fillers(shop)
    else:
        change = (
            gap_fillers.add_gap_fillers(shop, args.skus)
            if args.action == "add"
            else gap_fillers.remove_gap_fillers(shop, args.skus)
        )
        done = "added" if args.action == "add" else "removed"
        print(f"{done} {change.changed} gap filler(s)")
        fillers = change.fillers
    if not fillers:
        print("no gap fillers: with nothing relevant, the assistant says the gap alone")
    for product in fillers:
        print(f"{product.sku}\t{format_money(product.price, product.currency)}\t{product.name}")
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add ``gap-fillers {list,add,remove}`` to the ``python -m bot`` parser."""
    fillers = commands.add_parser(
        "gap-fillers", help="list, add or remove free-shipping gap fillers"
    )
    actions = fillers.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="the gap fillers, cheapest first")
    for name, what in (("add", "list these SKUs as gap fillers"), ("remove", "stop listing them")):
        action = actions.add_parser(name, help=what)
        action.add_argument("skus", nargs="+", metavar="SKU")
    for action in actions.choices.values():  # `--db` after the action works too
        action.add_argument("--db", default=argparse.SUPPRESS, help="store URL")
    fillers.set_defaults(run=lambda a: cmd_gap_fillers(a, shop_for))
