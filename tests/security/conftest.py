"""Security tier: the stack ``make run`` starts, tried as an attacker on the same network would.

One stack (action server, Rasa, shop API) on free ports, with every messaging channel on and
pointed at the fake platform, the shop's server key set (``SHOP_API_KEY``) and Rasa's HTTP API
on behind ``RASA_API_TOKEN`` (as a deployment that needs it runs it; ``make run`` leaves it
off, see ``test_rasa_api.py``), so the tests can also check what the tracker store keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.launcher import Stack, free_port
from bot.services.seed import seed_demo
from bot.services.shop import build_shop
from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import channel_env
from tests.live.conftest import MODEL
from tests.live.helpers import RASA_API_TOKEN, SERVER_KEY, Live

__all__ = ["RASA_API_TOKEN", "SECRET"]

SECRET = "security-test-secret"


@pytest.fixture(scope="session")
def platform_fake() -> Iterator[FakePlatform]:
    """The stand-in for the messaging platforms' APIs."""
    platform = FakePlatform().start()
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="session")
def secure(tmp_path_factory: pytest.TempPathFactory, platform_fake: FakePlatform) -> Iterator[Live]:
    """A seeded store and the three processes, configured as a deployment would be."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    folder = tmp_path_factory.mktemp("security")
    db_url = f"sqlite:///{folder / 'shop.db'}"
    shop = build_shop(db_url, SECRET)
    seed_demo(shop)
    rasa_port = free_port()
    stack = Stack(
        db_url=db_url,
        model=MODEL,
        shop_port=free_port(),
        rasa_port=rasa_port,
        action_port=free_port(),
        log_dir=Path(folder / "logs"),
        env={
            "SHOP_SECRET": SECRET,
            "SHOP_API_KEY": SERVER_KEY,
            "RASA_API_TOKEN": RASA_API_TOKEN,
            **channel_env(platform_fake.url, rasa_port),
        },
    )
    stack.start()
    try:
        yield Live(stack, shop)
    finally:
        stack.stop()
