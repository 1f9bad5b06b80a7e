"""``python -m bot shipping``: show or set the currency, free-shipping threshold and fee."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.domain.models import ShippingPolicy
from bot.money import format_money
from bot.services.shop import Shop

ShopFor = Callable[[argparse.Namespace], Shop]


def describe(policy: ShippingPolicy) -> str:
    """One line: "shipping: free from $50.00, else $4.99 (USD)"."""
    threshold = format_money(policy.threshold, policy.currency)
    fee = format_money(policy.flat_rate, policy.currency)
    return f"shipping: free from {threshold}, else {fee} ({policy.currency})"


def apply(args: argparse.Namespace, shop: Shop) -> ShippingPolicy | None:
    """Apply ``--currency``/``--free-shipping-over``/``--shipping-fee`` when any is given."""
    from bot.services.shipping import configure_shipping

    given = (args.currency, args.free_shipping_over, args.shipping_fee)
    if all(value is None for value in given):
        return None
    return configure_shipping(shop, *given)


def add_flags(command: argparse.ArgumentParser) -> None:
    """The shipping flags (``shipping`` and ``import-products``)."""
    command.add_argument("--currency", help="the shop's ISO 4217 currency, e.g. EUR or JPY")
    command.add_argument(
        "--free-shipping-over", metavar="AMOUNT", help="free shipping from this subtotal"
    )
    command.add_argument("--shipping-fee", metavar="AMOUNT", help="flat fee below it")


def cmd_shipping(args: argparse.Namespace, shop_for: ShopFor) -> int:
    """Set what is given, then print the policy."""
    from bot.services.cart_lines import shipping_policy

    shop = shop_for(args)
    policy = apply(args, shop)
    if policy is None:
        with shop.read_factory.begin() as session:
            policy = shipping_policy(session)
    print(describe(policy))
    return 0


def register(commands: argparse._SubParsersAction, shop_for: ShopFor) -> None:
    """Add ``shipping`` to the ``python -m bot`` parser."""
    shipping = commands.add_parser(
        "shipping", help="show or set the currency, free-shipping threshold and shipping fee"
    )
    add_flags(shipping)
    shipping.set_defaults(run=lambda a: cmd_shipping(a, shop_for))
