"""Live tier: the real action server, Rasa and shop API as processes, on free ports.

One stack serves the whole session (Rasa takes ~30 s to load its model). Every test uses
its own customer, cart and conversation id, so tests stay independent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.helpers import Live
from tests.live.stacks import seeded_stack

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
    """The seeded stack the REST, socket.io and channel tests share (see ``seeded_stack``)."""
    with seeded_stack(tmp_path_factory.mktemp("live"), SECRET, fake_platform.url) as running:
        yield running
