"""Link codes, brute-forced from a messaging app: locked out after 5 misses per sender and
per code, even for the right code, and still one-time."""

from __future__ import annotations

import random

from bot.domain.linking import CODE_ALPHABET, CODE_LENGTH, MAX_FAILED_ATTEMPTS
from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import Slack
from tests.live.helpers import Live

LOCKED = (
    "Too many codes tried from this chat. Please wait 10 minutes, then send the code from "
    "your cart page again."
)
INVALID_START = "That code didn't work"


def _wrong_codes(right: str, count: int) -> list[str]:
    rng = random.Random(right)
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code != right:
            codes.append(code)
    return codes


def test_a_sender_is_locked_out_after_five_misses(
    secure: Live, platform_fake: FakePlatform
) -> None:
    slack = Slack(f"http://127.0.0.1:{secure.stack.rasa_port}", platform_fake)
    cart_id, token = secure.new_cart("brute-force", **{"PH-ARIA-512": 1})
    code = secure.api("POST", f"/api/carts/{cart_id}/link-codes", token=token)["code"]
    attacker = slack.new_user()

    for wrong in _wrong_codes(code, MAX_FAILED_ATTEMPTS):
        (reply,) = slack.say(attacker, f"link {wrong}")
        assert reply.text.startswith(INVALID_START)
    (reply,) = slack.say(attacker, f"link {code}")  # the right code, too late
    assert reply.text == LOCKED
    (reply,) = slack.say(attacker, "what's in my cart?")
    assert "Aria" not in reply.text

    shopper = slack.new_user()  # the code itself was not burnt by the attacker
    (reply,) = slack.say(shopper, f"link {code}")
    assert reply.text.startswith("You're linked")


def test_a_used_code_locks_after_five_misses(secure: Live, platform_fake: FakePlatform) -> None:
    slack = Slack(f"http://127.0.0.1:{secure.stack.rasa_port}", platform_fake)
    cart_id, token = secure.new_cart("code-lock", **{"CF-MUG": 1})
    code = secure.api("POST", f"/api/carts/{cart_id}/link-codes", token=token)["code"]
    (reply,) = slack.say(slack.new_user(), f"link {code}")
    assert reply.text.startswith("You're linked")

    for _ in range(MAX_FAILED_ATTEMPTS):  # many senders replaying the used code
        (reply,) = slack.say(slack.new_user(), f"link {code}")
        assert reply.text.startswith(INVALID_START)
    (reply,) = slack.say(slack.new_user(), f"link {code}")
    assert reply.text == LOCKED
