"""Security tier: the stack ``make run`` starts, tried as an attacker on the same network would.

One stack (action server, Rasa, shop API) on free ports, with every messaging channel on and
pointed at the fake platform, the shop's server key set (``SHOP_API_KEY``) and Rasa's HTTP API
on behind ``RASA_API_TOKEN`` (as a deployment that needs it runs it; ``make run`` leaves it
off, see ``test_rasa_api.py``), so the tests can also check what the tracker store keeps.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.helpers import RASA_API_TOKEN, Live
from tests.live.stacks import seeded_stack

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
    with seeded_stack(tmp_path_factory.mktemp("security"), SECRET, platform_fake.url) as running:
        yield running
