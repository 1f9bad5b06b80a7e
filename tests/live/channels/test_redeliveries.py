"""Live: a platform's redelivery of a message is processed once (review s21 S28).

Twilio resends a webhook whose answer timed out (and its signatures carry no timestamp,
so a captured request replays as valid); Telegram, Slack and Messenger redeliver too. The
same validly signed request posted twice must change the cart once and be answered once:
each connector drops a repeated platform id (``MessageSid``, ``update_id``, ``event_id``,
``mid``) before the dialogue.
"""

from __future__ import annotations

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import PLATFORMS, Platform, post
from tests.live.channels.test_channels import linked_user
from tests.live.helpers import Live


@pytest.fixture(params=PLATFORMS, ids=lambda cls: cls.name)
def platform(request: pytest.FixtureRequest, live: Live, fake_platform: FakePlatform) -> Platform:
    return request.param(f"http://127.0.0.1:{live.stack.rasa_port}", fake_platform)


def lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_a_replayed_signed_add_adds_once(live: Live, platform: Platform) -> None:
    user, cart_id, token = linked_user(live, platform, f"redeliver-{platform.name}")
    body, headers = platform.request(user, "add 2 mugs", None)
    signed = platform.sign(body, headers)
    before = len(platform.replies(user))

    assert 200 <= post(platform.webhook, body, signed) < 300
    platform.fake.wait(lambda call: platform.is_reply_to(user, call), before + 1)
    assert 200 <= post(platform.webhook, body, signed) < 300  # the platform's redelivery
    platform.say(user, "what's in my cart?")  # answered after anything the repeat caused

    assert lines(live, cart_id, token) == {"CF-MUG": 2}
    added = [m.text for m in platform.replies(user) if m.text.startswith("Added 2 × Ceramic Mug")]
    assert len(added) == 1
