"""What reading the pending question first costs per chat turn (in-process, seeded SQLite).

Baseline and subject are measured in the same run, alternating, on the same store:
the "show cart" flow called directly (baseline) and through ``bot.chat.dialogue.handle``
(subject) — with no question pending, and with an add-on offer pending. Prints ratios.

    .venv/bin/python bench/dialogue_overhead.py [--turns 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import median, percentile, table
from bot.chat import cart, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext
from bot.services.cart import add_to_cart, create_cart
from bot.services.seed import seed_demo
from bot.services.shop import build_shop


def _timed(call, turns: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(turns):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    """Run the comparison and print a Markdown table of ms per turn and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        shop = build_shop(f"sqlite:///{Path(folder) / 'shop.db'}", "bench-secret")
        seed_demo(shop, orders=300)
        cart_id, token = create_cart(shop, "bench")
        add_to_cart(shop, token, cart_id, "PH-ARIA-256", 1)
        plain = ChatContext("bench-plain", token)
        offered = ChatContext("bench-offer", token)
        selling.suggest_addon(shop, offered)  # an add-on offer stays open
        turn = Turn("action_show_cart", "show_cart", 0.99, "what's in my cart?")
        rows = []
        for name, ctx in (("nothing pending", plain), ("offer pending", offered)):
            base, subject = [], []
            for _ in range(3):  # alternate rounds: a busy moment hits both alike
                base += _timed(lambda c=ctx: cart.show_cart(shop, c), args.turns // 3)
                subject += _timed(
                    lambda c=ctx: handle(
                        shop, c, turn, lambda x: cart.show_cart(shop, x), lambda *a: []
                    ),
                    args.turns // 3,
                )
            rows.append(
                (
                    name,
                    f"{median(base):.2f}",
                    f"{median(subject):.2f}",
                    f"{median(subject) / median(base):.2f}x",
                    f"{percentile(base, 0.95):.2f}",
                    f"{percentile(subject, 0.95):.2f}",
                )
            )
        header = ("case", "p50 flow ms", "p50 dialogue+flow ms", "ratio", "p95 flow", "p95 d+f")
        print(table(header, rows))


if __name__ == "__main__":
    main()
