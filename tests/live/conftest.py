"""Live tier: the real action server, Rasa and shop API as processes, on free ports.

One stack serves the whole session (Rasa takes ~30 s to load its model). Every test uses
its own customer, cart and conversation id, so tests stay independent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.launcher import Stack, free_port
from bot.services.seed import seed_demo
from bot.services.shop import build_shop
from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import channel_env
from tests.live.helpers import RASA_API_TOKEN, SERVER_KEY, Live

MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"
SECRET = "live-test-secret"


@pytest.fixture(scope="session")
def fake_platform() -> Iterator[FakePlatform]:
    """The stand-in for the messaging platforms' APIs that the channels send to."""
    platform = FakePlatform().start()
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, fake_platform: FakePlatform) -> Iterator[Live]:
    """Seed a fresh store, start the three processes, stop them at the end.

    Every messaging channel is on (Telegram, Slack, Messenger, Twilio), each sending to
    ``fake_platform``: the same stack serves the REST, socket.io and channel tests.
    """
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    folder = tmp_path_factory.mktemp("live")
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
            "RASA_API_TOKEN": RASA_API_TOKEN,  # the tests read trackers
            **channel_env(fake_platform.url, rasa_port),
        },
    )
    stack.start()
    try:
        yield Live(stack, shop)
    finally:
        stack.stop()
