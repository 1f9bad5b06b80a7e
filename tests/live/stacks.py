"""The running stack the live and security tiers share: seeded store, three processes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.launcher import Stack, free_port
from bot.services.seed import seed_demo
from bot.services.shop import build_shop
from tests.live.channels.platforms import channel_env
from tests.live.helpers import LOCAL_RUNNER_LIMITS, RASA_API_TOKEN, SERVER_KEY, Live

MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"


@contextmanager
def seeded_stack(folder: Path, secret: str, platform_url: str) -> Iterator[Live]:
    """Seed the demo shop in ``folder``, start the three processes, stop them at the end.

    Every messaging channel is on, each sending to the fake platform at ``platform_url``;
    the shop's server key is set and Rasa's HTTP API is on behind ``RASA_API_TOKEN`` (the
    tests read trackers). The rate limits keep their defaults, with the test runner exempt
    (:data:`LOCAL_RUNNER_LIMITS`). Logs go to ``folder/logs``.
    """
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    db_url = f"sqlite:///{folder / 'shop.db'}"
    shop = build_shop(db_url, secret)
    seed_demo(shop)
    rasa_port = free_port()
    stack = Stack(
        db_url=db_url,
        model=MODEL,
        shop_port=free_port(),
        rasa_port=rasa_port,
        action_port=free_port(),
        log_dir=folder / "logs",
        env={
            "SHOP_SECRET": secret,
            "SHOP_API_KEY": SERVER_KEY,
            "RASA_API_TOKEN": RASA_API_TOKEN,
            **LOCAL_RUNNER_LIMITS,
            **channel_env(platform_url, rasa_port),
        },
    )
    stack.start()
    try:
        yield Live(stack, shop)
    finally:
        stack.stop()
