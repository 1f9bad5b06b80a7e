"""``bench/chat_latency.py`` on a tiny load, to prove it works (figures: docs/benchmarks.md).

The ``rasa init`` floor is trained once into ``models/floor`` (git-ignored, ~1 min) and reused.
"""

from __future__ import annotations

import re
from argparse import Namespace

import pytest

from bench.chat_latency import measure, start_floor, train_floor
from bot.config import PROJECT_ROOT
from bot.services.demo import start_demo_shopper
from tests.live.helpers import Live, in_thread

LATENCY = r" +[\d.]+ / +[\d.]+ ms \( *[\d.]+x\) \|"
ROW = re.compile(rf"^\s*(\d+) \|(?:{LATENCY}){{3}} +[\d.]+ / +[\d.]+ msg/s \( *[\d.]+x\)$")


def test_chat_latency_bench_prints_ratios_against_the_floor(
    live: Live, tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    model = train_floor(PROJECT_ROOT / "models" / "floor")
    floor, floor_url = start_floor(model.parent.parent, model, tmp_path)
    tokens = [start_demo_shopper(live.shop, f"bench-tiny-{i}").token for i in range(8)]
    options = Namespace(concurrency=[1, 2], conversations=2, rounds=2)
    try:
        in_thread(measure, options, live.stack.rest_url, tokens, floor_url)  # calls asyncio.run
    finally:
        floor.terminate()
        floor.wait(timeout=30)

    out = capsys.readouterr().out
    rows = [m.group(1) for line in out.splitlines() if (m := ROW.match(line))]
    assert rows == ["1", "2"], out
    assert "failed messages" not in out, out
