"""Cart-language cost per message: the new flows against a plain one-product add, same run.

Seeds the demo shop in a temporary SQLite store and times each flow on a fresh cart, in
alternating rounds so a busy moment hits all alike. The baseline is ``add_item`` with the
model's span and quantity (what every add did before issue 12); the others are the new paths:
the quantity grammar on a whole message, several products, "remove it" (product in focus) and
a swap. Prints p50 / p95 in ms and the ratio to the baseline's.

    .venv/bin/python bench/cart_language.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import percentile, table

from bot.chat.cart import add_item, remove_item, swap_item
from bot.chat.replies import ChatContext
from bot.domain.quantities import main_phrase
from bot.services.cart import add_to_cart, create_cart
from bot.services.seed import seed_demo
from bot.services.shop import Shop, build_shop

Case = Callable[[Shop, ChatContext], object]

CASES: dict[str, Case] = {
    "baseline: add (span + quantity)": lambda s, c: add_item(s, c, "ceramic mug", "2"),
    "add 2x mug (grammar)": lambda s, c: add_item(s, c, None, None, "add 2x ceramic mug"),
    "add a mug and a tripod": lambda s, c: add_item(s, c, None, None, "add a mug and a tripod"),
    "remove it (focus)": lambda s, c: remove_item(s, c, None, "remove it"),
    "the 128 GB one instead": lambda s, c: swap_item(s, c, "the 128 GB one instead"),
}


def _fresh(shop: Shop, round_: int, name: str) -> ChatContext:
    cart_id, token = create_cart(shop)
    add_to_cart(shop, token, cart_id, "CA-SD-64", 1)
    add_to_cart(shop, token, cart_id, "CF-MUG", 1)
    ctx = ChatContext(f"bench-{round_}-{name}", token)
    add_item(shop, ctx, "ceramic mug", None)  # the product in focus for "remove it"
    return ctx


def main() -> None:
    """Run the rounds and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shop = build_shop(f"sqlite:///{Path(folder) / 'shop.db'}", secret="bench-secret")
        seed_demo(shop, orders=400)
        times: dict[str, list[float]] = {name: [] for name in CASES}
        for round_ in range(args.rounds):
            for name, case in CASES.items():
                ctx = _fresh(shop, round_, name)
                start = time.perf_counter()
                case(shop, ctx)
                times[name].append((time.perf_counter() - start) * 1000)
        grammar = []
        for _ in range(2000):
            start = time.perf_counter()
            main_phrase("add half a dozen ceramic mugs and 2x tripod please")
            grammar.append((time.perf_counter() - start) * 1000)
    base = percentile(times["baseline: add (span + quantity)"], 0.95)
    rows = [
        (name, f"{percentile(t, 0.5):.2f}", f"{percentile(t, 0.95):.2f}",
         f"{percentile(t, 0.95) / base:.2f}x")
        for name, t in times.items()
    ]  # fmt: skip
    print(table(("flow", "p50 ms", "p95 ms", "p95 / baseline"), rows))
    print(f"\nquantity grammar alone: p50 {percentile(grammar, 0.5):.3f} ms, "
          f"p95 {percentile(grammar, 0.95):.3f} ms per message")  # fmt: skip
    print(f"{args.rounds} rounds, each flow on a fresh cart per round")


if __name__ == "__main__":
    main()
