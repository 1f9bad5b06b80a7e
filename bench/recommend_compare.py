"""Per-cart recommendation latency of two code trees, in lockstep, on one synthetic store.

Two worker processes, one per tree (``--main-tree``, default: ``git archive`` of
``--main-ref`` into a temporary folder; and this tree), open the same SQLite store, build
their kNN index and warm the page cache. Then every cart goes to both, one after the other
(who goes first alternates cart by cart), so both are timed in the same minutes under the
same load. Each answer (the suggestions' full ``repr``: products, kinds, reasons) must be
the same: a mismatch is reported and makes the exit status 1.

The store is built once (``recommend_scale.bulk_build``, this tree's code) when ``--db``
does not exist, and kept for the next run.

``--writer-hold MS`` adds a second phase under write load: the same carts again while a third
process writes to the store like a busy shop (``BEGIN IMMEDIATE``, one idempotency-key row,
the write lock held ``MS``, ``COMMIT``, then ``--writer-gap MS`` idle; its rows are deleted
at the end). Rankings read nothing it writes, so the answers must still be identical. Both
phases are reported, each with this/main ratios.

    .venv/bin/python bench/recommend_compare.py --db /tmp/scale1m.db --orders 1000000
    .venv/bin/python bench/recommend_compare.py --db /tmp/scale1m.db --writer-hold 5 \\
        --writer-gap 20                                  # with and without a writer
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


WRITER_KEY = "bench-writer:"
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how the store writes its timestamps on SQLite


def writer(db: str, hold_ms: float, gap_ms: float) -> None:
    """Hold SQLite's write lock ``hold_ms`` per transaction, ``gap_ms`` apart, until stdin ends.

    Plain ``sqlite3`` (no project code): the same writer for both trees.
    """
    import sqlite3
    import threading
    from datetime import datetime, timezone

    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    connection = sqlite3.connect(db, isolation_level=None, timeout=10)
    connection.execute("PRAGMA busy_timeout=10000")
    written = 0
    print(json.dumps({"writer": os.getpid()}), flush=True)
    while not stop.is_set():
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO idempotency_keys (key, created_at) VALUES (?, ?)",
            (f"{WRITER_KEY}{os.getpid()}:{written}", datetime.now(timezone.utc).strftime(STAMP)),
        )
        time.sleep(hold_ms / 1000)
        connection.execute("COMMIT")
        written += 1
        stop.wait(gap_ms / 1000)
    connection.execute("DELETE FROM idempotency_keys WHERE key LIKE ?", (f"{WRITER_KEY}%",))
    connection.close()
    print(json.dumps({"written": written}), flush=True)


class Writer:
    """The writer process of the loaded phase (``--writer-hold``)."""

    def __init__(self, db: Path, hold_ms: float, gap_ms: float) -> None:
        argv = [sys.executable, str(HERE), "--writer-process", "--db", str(db),
                "--writer-hold", str(hold_ms), "--writer-gap", str(gap_ms)]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        json.loads(self.process.stdout.readline())  # started: the first lock is being taken

    def close(self) -> int:
        """Stop the writer; returns how many write transactions it committed."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        line = self.process.stdout.readline()
        self.process.wait(timeout=60)
        return json.loads(line)["written"] if line else 0


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
    for worker_ in (main, this):
        worker_.wall, worker_.cpu = [], []
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


def report(main: Worker, this: Worker, mismatches: list[int], loads: tuple, title: str) -> dict:
    p = percentile
    print(f"\n{title}")
    rows = {w.name: (p(w.wall, 0.5), p(w.wall, 0.95), p(w.cpu, 0.5), p(w.cpu, 0.95))
            for w in (main, this)}  # fmt: skip
    print("| tree | carts | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms |")
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
    parser.add_argument(
        "--writer-hold", type=float, default=0, help="ms a writer holds the write lock (phase 2)"
    )
    parser.add_argument("--writer-gap", type=float, default=20, help="ms between its writes")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--writer-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.db)
        return {}
    if args.writer_process:
        writer(args.db, args.writer_hold, args.writer_gap)
        return {}
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        db, tree = ensure_store(args, workdir), main_tree(args, workdir)
        cases = carts(args)
        main_worker, this_worker = Worker("main", tree, db), Worker("this", THIS_TREE, db)
        print(f"kNN baskets: main {main_worker.baskets:,}, this {this_worker.baskets:,}")
        try:
            result = phase(main_worker, this_worker, cases, args, "no writer")
            if args.writer_hold > 0:
                result["writer"] = loaded_phase(main_worker, this_worker, db, cases, args)
                result["mismatches"] += result["writer"]["mismatches"]
        finally:
            main_worker.close()
            this_worker.close()
    return result


def phase(main: Worker, this: Worker, cases: list[list[str]], args, title: str) -> dict:
    """One lockstep pass over the carts, reported."""
    loads = [os.getloadavg()[0]]
    mismatches = lockstep(main, this, cases, args)
    loads.append(os.getloadavg()[0])
    return report(main, this, mismatches, tuple(loads), title)


def loaded_phase(main: Worker, this: Worker, db: Path, cases: list[list[str]], args) -> dict:
    """The same carts while a writer holds the write lock ``--writer-hold`` ms at a time."""
    hold, gap = args.writer_hold, args.writer_gap
    title = f"writer: lock held {hold:g} ms, {gap:g} ms apart"
    running = Writer(db, hold, gap)
    try:
        result = phase(main, this, cases, args, title)
    finally:
        written = running.close()
    print(f"writer committed {written} transactions during the phase")
    return {**result, "written": written}


if __name__ == "__main__":
    result = main()
    sys.exit(1 if result.get("mismatches") else 0)
