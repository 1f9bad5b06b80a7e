"""Chat latency and throughput: this assistant against Rasa's own floor, in one run.

The floor is the starter assistant ``rasa init`` creates (no custom actions, no store),
trained in a temporary folder on this machine during the run. Both assistants answer the
same number of 6-turn conversations over the REST channel at each concurrency; the table
gives p50/p95/p99 latency per message and messages per second, each as a ratio to the floor.

    .venv/bin/python bench/chat_latency.py                       # 1, 8 and 32 at a time
    .venv/bin/python bench/chat_latency.py --concurrency 1 --conversations 8   # quick look
    .venv/bin/python bench/chat_latency.py --skus 50000    # 50k-SKU catalog: add/remove by name

With ``--skus N`` the store also holds N generated products (bench/catalog_names.py,
imported with the project's importer), and our conversations add a product by its full
name, add another by a misspelt name, ask for the cart and remove the first product.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.chat_load import LoadResult, run_load  # noqa: E402
from bot.config import PROJECT_ROOT  # noqa: E402
from bot.launcher import Stack, free_port, wait_for  # noqa: E402

OURS = ("hi", "what's in my cart?", "how far am I from free shipping?",
        "what goes with my cart?", "no thanks", "thanks")  # fmt: skip
FLOOR = ("hi", "I am sad", "yes", "great", "are you a bot?", "bye")
SECRET = "bench-secret"


def train_floor(folder: Path) -> Path:
    """Create and train the ``rasa init`` starter in ``folder`` (reused if already trained)."""
    models = folder / "models"
    if not any(models.glob("*.tar.gz")):
        folder.mkdir(parents=True, exist_ok=True)
        print(f"training the `rasa init` floor in {folder} ...", flush=True)
        with (folder / "init.log").open("wb") as log:
            subprocess.run(
                [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", "."],
                check=True, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
    return max(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


def start_floor(folder: Path, model: Path, logs: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Serve the floor model; return the process and its REST webhook."""
    port = free_port()
    log = (logs / "floor.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--model", str(model), "--port", str(port)],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_for({"floor": f"http://127.0.0.1:{port}/"}, {"floor": process}, 300)
    return process, f"http://127.0.0.1:{port}/webhooks/rest/webhook"


def big_catalog(shop, skus: int, folder: Path) -> tuple[str, ...]:
    """Import ``skus`` generated products; the conversation script that uses them."""
    import csv

    from bench import catalog_names
    from bot.cli_data import read_csv
    from bot.domain.imports import PRODUCT_COLUMNS
    from bot.services.imports import import_products

    products = catalog_names.catalog(skus)
    path = folder / "products.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "category", "price", "stock"])
        writer.writerows([sku, name, "misc", "9.99", "1000000"] for sku, name in products)
    import_products(shop, read_csv(path, PRODUCT_COLUMNS)[0])
    first, second = products[skus // 3][1], products[skus // 2][1]
    typo = catalog_names.misspelt(second)
    return ("hi", f"add the {first}", f"please add 2 {typo}", "what's in my cart?",
            f"remove the {first}", "thanks")  # fmt: skip


def start_ours(folder: Path, logs: Path, skus: int = 0) -> tuple[Stack, list[str], tuple[str, ...]]:
    """Seed a store (and a big catalog), start the stack, make one cart token per conversation."""
    from bot.services.demo import start_demo_shopper
    from bot.services.seed import seed_demo
    from bot.services.shop import build_shop

    db_url = f"sqlite:///{folder / 'shop.db'}"
    shop = build_shop(db_url, SECRET)
    seed_demo(shop)
    script = big_catalog(shop, skus, folder) if skus else OURS
    tokens = [start_demo_shopper(shop, f"bench-{i}").token for i in range(400)]
    stack = Stack(
        db_url=db_url,
        model=PROJECT_ROOT / "models" / "checkout.tar.gz",
        shop_port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        log_dir=logs,
        env={"SHOP_SECRET": SECRET, "SHOP_RATE_LIMIT_EXEMPT": "127.0.0.1"},
    )  # fmt: skip  (the load generator is one client: exempt from the rate limits)
    stack.start()
    return stack, tokens, script


def _row(level: int, ours: LoadResult, floor: LoadResult) -> str:
    cells = [f"{level:>3}"]
    for q in (50, 95, 99):
        mine, base = ours.percentile(q), floor.percentile(q)
        cells.append(f"{mine:7.1f} / {base:6.1f} ms ({mine / base:4.2f}x)")
    cells.append(
        f"{ours.throughput:6.1f} / {floor.throughput:6.1f} msg/s "
        f"({ours.throughput / floor.throughput:4.2f}x)"
    )
    return " | ".join(cells)


def measure(
    args: argparse.Namespace,
    ours_url: str,
    tokens: list[str],
    floor_url: str,
    script: tuple[str, ...] = OURS,
) -> None:
    """Warm up, then run both assistants at every concurrency and print the table."""
    used = itertools.count()

    def metadata(_: int) -> dict[str, str]:
        return {"token": tokens[next(used) % len(tokens)]}

    def floor_meta(_: int) -> dict[str, str]:
        return {}

    asyncio.run(run_load(ours_url, script, 4, 2, metadata, "warm"))
    asyncio.run(run_load(floor_url, FLOOR, 4, 2, floor_meta, "warm"))
    print("\nconc | p50 ours / floor | p95 ours / floor | p99 ours / floor | throughput")
    for level in args.concurrency:
        count = max(args.conversations // args.rounds, level)
        floors: list[LoadResult] = []
        ourses: list[LoadResult] = []
        for r in range(args.rounds):  # alternate, so a busy moment hits both alike
            floors.append(
                asyncio.run(run_load(floor_url, FLOOR, count, level, floor_meta, f"f{level}-{r}"))
            )
            ourses.append(
                asyncio.run(run_load(ours_url, script, count, level, metadata, f"o{level}-{r}"))
            )
        floor, ours = LoadResult.combine(floors), LoadResult.combine(ourses)
        if ours.failures or floor.failures:
            print(f"  ({ours.failures} failed messages ours, {floor.failures} floor)")
        print(_row(level, ours, floor), flush=True)
    print(f"\nours: {script}")
    print(f"\n{len(script)} turns per conversation, about {args.conversations} conversations per "
          f"level in {args.rounds} alternating rounds; machine: {os.cpu_count()} CPUs")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")],
                        default=[1, 8, 32])  # fmt: skip
    parser.add_argument("--conversations", type=int, default=48)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate floor and ours this many times per level")  # fmt: skip
    parser.add_argument("--skus", type=int, default=0,
                        help="also import this many products and chat about them")  # fmt: skip
    parser.add_argument("--floor-dir", type=Path, default=None,
                        help="train or reuse the floor here, not in a temp folder")  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="chat-bench-") as tmp:
        folder, logs = Path(tmp), Path(tmp) / "logs"
        logs.mkdir()
        floor_model = train_floor(args.floor_dir or folder / "floor")
        floor, floor_url = start_floor(floor_model.parent.parent, floor_model, logs)
        stack, tokens, script = start_ours(folder, logs, args.skus)
        try:
            measure(args, stack.rest_url, tokens, floor_url, script)
        finally:
            stack.stop()
            floor.terminate()
            floor.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
