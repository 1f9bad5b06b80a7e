"""Per-cart recommendation latency of two code trees, in lockstep, on one synthetic store.

Two worker processes, one per tree (``--main-tree``, default: ``git archive`` of
``--main-ref`` into a temporary folder; and this tree), open the same SQLite store, build
their kNN index and warm the page cache. Then every cart goes to both, one after the other
(who goes first alternates cart by cart), so both are timed in the same minutes under the
same load. Each answer (the suggestions' full ``repr``: products, kinds, reasons) must be
the same: a mismatch is reported and makes the exit status 1.

The store is built once (``recommend_scale.bulk_build``, this tree's code) when ``--db``
does not exist, and kept for the next run.

    .venv/bin/python bench/recommend_compare.py --db /tmp/scale1m.db --orders 1000000
    .venv/bin/python bench/recommend_compare.py --db /tmp/s.db --orders 2000 --skus 500 \\
        --carts 50 --main-tree /work/main                # a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
THIS_TREE = HERE.parent.parent


def worker(db: str) -> None:
    """Answer ``[skus, limit]`` lines on stdin with ``{wall, cpu, answer}`` lines (one tree).

    ``bot`` is imported from ``PYTHONPATH``: the tree under test, not this file's.
    """
    import bot
    from bot.services.basket_knn import warm_up
    from bot.services.recommend import recommend_for_skus
    from bot.services.shop import build_shop

    shop = build_shop(f"sqlite:///{db}", secret="bench")
    baskets = warm_up(shop)
    print(json.dumps({"bot": bot.__file__, "baskets": baskets}), flush=True)
    for line in sys.stdin:
        skus, limit = json.loads(line)
        started, used = time.perf_counter(), time.thread_time()
        ranked = recommend_for_skus(shop, skus, limit)
        cpu = (time.thread_time() - used) * 1000
        wall = (time.perf_counter() - started) * 1000
        print(json.dumps({"wall": wall, "cpu": cpu, "answer": repr(ranked)}), flush=True)
    shop.engine.dispose()


class Worker:
    """One tree's worker process."""

    def __init__(self, name: str, tree: Path, db: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(tree))
        self.name, self.tree = name, tree
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(HERE), "--worker", "--db", str(db)],
            cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        hello = self._read()
        if not Path(hello["bot"]).resolve().is_relative_to(tree.resolve()):
            raise SystemExit(f"{name}: imported bot from {hello['bot']}, not from {tree}")
        self.baskets = hello["baskets"]
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.name}: the worker stopped (exit {self.process.wait()})")
        return json.loads(line)

    def ask(self, skus: Sequence[str], limit: int, timed: bool = True) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps([list(skus), limit]) + "\n")
        self.process.stdin.flush()
        reply = self._read()
        if timed:
            self.wall.append(reply["wall"])
            self.cpu.append(reply["cpu"])
        return reply["answer"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def main_tree(args: argparse.Namespace, workdir: Path) -> Path:
    """``--main-tree``, or ``--main-ref`` exported from this repository into ``workdir``."""
    if args.main_tree:
        return Path(args.main_tree)
    target = workdir / "main-tree"
    target.mkdir()
    archive = subprocess.run(  # noqa: S603
        ["git", "-C", str(THIS_TREE), "archive", args.main_ref],  # noqa: S607
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)  # noqa: S603,S607
    return target


def ensure_store(args: argparse.Namespace, workdir: Path) -> Path:
    """The store at ``--db``, built with this tree's bulk build if it does not exist."""
    db = Path(args.db)
    if db.exists():
        return db
    sys.path.insert(0, str(HERE.parent))
    import recommend_scale
    from synthetic import SyntheticShop

    from bot.services.shop import build_shop

    shop = build_shop(f"sqlite:///{db}", secret="bench")
    rows, build_s, _ = recommend_scale.bulk_build(
        shop, workdir, SyntheticShop(args.skus), args.orders
    )
    shop.engine.dispose()
    print(f"store built: {args.orders:,} orders, {rows:,} order rows in {build_s:.0f}s")
    return db


def carts(args: argparse.Namespace) -> list[list[str]]:
    sys.path.insert(0, str(HERE.parent))
    import recommend_scale
    from synthetic import SyntheticShop

    return recommend_scale.carts(SyntheticShop(args.skus), args.carts + args.warm)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(int(round(share * len(ordered) + 0.5)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)] if ordered else float("nan")


def lockstep(main: Worker, this: Worker, cases: list[list[str]], args) -> list[int]:
    """Every cart to both workers, the first alternating; returns the mismatching carts."""
    for cart in cases[: args.warm]:  # warm the page cache like a running shop
        main.ask(cart, args.limit, timed=False)
        this.ask(cart, args.limit, timed=False)
    mismatches = []
    for number, cart in enumerate(cases[args.warm :]):
        pair = (main, this) if number % 2 == 0 else (this, main)
        answers = {w.name: w.ask(cart, args.limit) for w in pair}
        if answers["main"] != answers["this"]:
            mismatches.append(number)
    return mismatches


def report(main: Worker, this: Worker, mismatches: list[int], loads: tuple) -> dict:
    p = percentile
    rows = {w.name: (p(w.wall, 0.5), p(w.wall, 0.95), p(w.cpu, 0.5), p(w.cpu, 0.95))
            for w in (main, this)}  # fmt: skip
    print("\n| tree | carts | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms |")
    print("|---|---|---|---|---|---|")
    for w in (main, this):
        print(f"| {w.name} ({w.tree}) | {len(w.wall)} | "
              + " | ".join(f"{v:.2f}" for v in rows[w.name]) + " |")  # fmt: skip
    ratios = [rows["this"][i] / rows["main"][i] for i in range(4)]
    print("| this/main | | " + " | ".join(f"{r:.2f}x" for r in ratios) + " |")
    print(
        f"\nload average at start {loads[0]:.2f}, at end {loads[1]:.2f}; "
        f"same answers on {len(this.wall) - len(mismatches)} of {len(this.wall)} carts"
    )
    if mismatches:
        print(f"DIFFERENT answers on carts {mismatches[:20]}")
    return {"main": rows["main"], "this": rows["this"], "ratios": ratios,
            "mismatches": mismatches, "loads": loads}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="the store (built when it does not exist)")
    parser.add_argument("--orders", type=int, default=1_000_000, help="orders of a new store")
    parser.add_argument("--skus", type=int, default=50_000)
    parser.add_argument("--carts", type=int, default=1500, help="carts timed")
    parser.add_argument("--warm", type=int, default=20, help="carts run untimed first")
    parser.add_argument("--limit", type=int, default=5, help="suggestions per cart")
    parser.add_argument("--main-tree", help="main's checkout (default: git archive --main-ref)")
    parser.add_argument("--main-ref", default="main")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.db)
        return {}
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        db, tree = ensure_store(args, workdir), main_tree(args, workdir)
        cases = carts(args)
        main_worker, this_worker = Worker("main", tree, db), Worker("this", THIS_TREE, db)
        try:
            loads = [os.getloadavg()[0]]
            mismatches = lockstep(main_worker, this_worker, cases, args)
            loads.append(os.getloadavg()[0])
        finally:
            main_worker.close()
            this_worker.close()
    print(f"kNN baskets: main {main_worker.baskets:,}, this {this_worker.baskets:,}")
    return report(main_worker, this_worker, mismatches, tuple(loads))


if __name__ == "__main__":
    result = main()
    sys.exit(1 if result.get("mismatches") else 0)
