"""Live: an over-long message on Telegram, Slack, Messenger and Twilio gets the polite reply
and nothing else (it never reaches NLU: bot/channels/length.py)."""

from __future__ import annotations

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import PLATFORMS, Platform
from tests.live.helpers import Live

TOO_LONG = "That's a long message — could you send it in a sentence or two?"


@pytest.fixture(params=PLATFORMS, ids=lambda cls: cls.name)
def platform(request: pytest.FixtureRequest, live: Live, fake_platform: FakePlatform) -> Platform:
    return request.param(f"http://127.0.0.1:{live.stack.rasa_port}", fake_platform)


def test_a_long_message_gets_the_polite_reply(platform: Platform) -> None:
    user = platform.new_user()
    text = ("link ABCD2345 and add two mugs please " * 60)[:1500]

    replies = platform.say(user, text)

    assert [m.text for m in replies] == [TOO_LONG]
