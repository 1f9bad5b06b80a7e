"""Drive scripted conversations over Rasa's REST channel and time every message.

Used by ``bench/chat_latency.py``; kept apart so the load logic has no Rasa or shop imports.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

Script = Sequence[str]
FirstMetadata = Callable[[int], dict[str, Any]]


@dataclass(frozen=True)
class LoadResult:
    """Latencies (seconds, one per message) and the wall time of one load run."""

    latencies: tuple[float, ...]
    wall: float
    failures: int

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile latency in milliseconds (nearest rank)."""
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    @classmethod
    def combine(cls, runs: Sequence[LoadResult]) -> LoadResult:
        """One result for several runs: every latency, the summed wall time and failures."""
        latencies = tuple(t for run in runs for t in run.latencies)
        return cls(latencies, sum(run.wall for run in runs), sum(run.failures for run in runs))

    @property
    def throughput(self) -> float:
        """Messages answered per second."""
        return len(self.latencies) / self.wall if self.wall else 0.0

    @property
    def mean_ms(self) -> float:
        """Mean latency in milliseconds."""
        return statistics.fmean(self.latencies) * 1000


async def _conversation(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    script: Script,
    metadata: dict[str, Any],
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    for text in script:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata:  # every REST message that needs the cart carries its token
            body["metadata"] = metadata
        started = time.perf_counter()
        async with session.post(url, json=body) as response:
            replies = await response.json()
        latencies.append(time.perf_counter() - started)
        if response.status != 200 or not replies:
            failures += 1
    return latencies, failures


async def run_load(
    url: str,
    script: Script,
    conversations: int,
    concurrency: int,
    first_metadata: FirstMetadata,
    prefix: str,
) -> LoadResult:
    """Run ``conversations`` scripted conversations, ``concurrency`` at a time.

    Args:
        url: The REST webhook.
        script: The user messages of one conversation, in order.
        conversations: How many conversations in all.
        concurrency: How many run at the same time.
        first_metadata: Metadata for each of conversation ``i``'s messages (e.g. its cart token).
        prefix: Sender-id prefix, unique per run.

    Returns:
        Every message's latency and the run's wall time.
    """
    limit = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency * 2)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(i: int) -> tuple[list[float], int]:
            async with limit:
                return await _conversation(session, url, f"{prefix}-{i}", script, first_metadata(i))

        started = time.perf_counter()
        results = await asyncio.gather(*(one(i) for i in range(conversations)))
        wall = time.perf_counter() - started
    latencies = tuple(t for times, _ in results for t in times)
    return LoadResult(latencies, wall, sum(f for _, f in results))
