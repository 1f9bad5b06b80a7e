"""Live: the assistant in Telegram, Slack, Messenger and Twilio, through Rasa's connectors.

Each test posts webhook payloads in the platform's documented format (signed as the
platform signs them) to the running Rasa server, and reads what the connector sent out
from the fake platform API on 127.0.0.1. Every test runs once per platform.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import PLATFORMS, Message, Platform
from tests.live.helpers import Live, http, offer_shape

LINK_NEEDED = (
    'I can\'t see your cart from this chat yet. On your cart page, choose "Continue in chat" '
    "and send me the code it shows, like this: link ABCD2345. Until then I can answer general "
    "questions."
)
FORGED_STATUS = {"telegram": 403, "slack": 400, "facebook": 403, "twilio": 403}


@pytest.fixture(params=PLATFORMS, ids=lambda cls: cls.name)
def platform(request: pytest.FixtureRequest, live: Live, fake_platform: FakePlatform) -> Platform:
    return request.param(f"http://127.0.0.1:{live.stack.rasa_port}", fake_platform)


def texts(messages: list[Message]) -> list[str]:
    return [m.text for m in messages]


def linked_user(
    live: Live, platform: Platform, customer: str, **lines: int
) -> tuple[str, int, str]:
    """A cart for ``customer`` and a platform user linked to it: (user, cart id, cart token)."""
    cart_id, token = live.new_cart(customer, **lines)
    shown = live.api("POST", f"/api/carts/{cart_id}/link-codes", token=token)
    if platform.name == "telegram":  # the deep link opens the bot with /start <code>
        query = urllib.parse.urlsplit(shown["telegram_url"]).query
        text = "/start " + urllib.parse.parse_qs(query)["start"][0]
    else:
        text = shown["command"]
    user = platform.new_user()
    subtotal = live.api("GET", f"/api/carts/{cart_id}", token=token)["subtotal"]
    assert texts(platform.say(user, text)) == [
        f"You're linked — I can see your cart now (subtotal ${subtotal}). Ask me what's in it, "
        "how far you are from free shipping, or what goes with it."
    ]
    return user, cart_id, token


def assert_rendered(platform: Platform, message: Message, options: list[tuple[str, str]]) -> None:
    """The choices are rendered the platform's way: (title, payload) for each button.

    An offer button's id is compared as ``{offer}`` (``/affirm{offer}``, see
    :func:`tests.live.helpers.offer_shape`).
    """
    body: dict[str, Any] = message.call.body
    if platform.name == "telegram":
        row = [{"text": t, "callback_data": p} for t, p in options]
        keyboard = json.loads(body["reply_markup"])["inline_keyboard"]
        for button in keyboard[0]:
            assert len(button["callback_data"].encode()) <= 64, button  # Telegram's limit
            button["callback_data"] = offer_shape(button["callback_data"])
        assert keyboard == [row]
    elif platform.name == "slack":
        buttons = [{"type": "button", "text": {"type": "plain_text", "text": t}, "value": p}
                   for t, p in options]  # fmt: skip
        elements = body["blocks"][1]["elements"]
        for element in elements:
            element["value"] = offer_shape(element["value"])
        assert body["blocks"][1] == {"type": "actions", "elements": buttons}
        assert body["blocks"][0]["text"]["text"] == message.text
    elif platform.name == "facebook":
        quick = [{"content_type": "text", "title": t, "payload": p} for t, p in options]
        replies = body["message"]["quick_replies"]
        assert [{**r, "payload": offer_shape(r["payload"])} for r in replies] == quick
    else:
        numbered = [f"{n}. {title}" for n, (title, _) in enumerate(options, start=1)]
        assert message.text.splitlines()[-len(options) - 1 :] == ["Reply with a number:", *numbered]


def test_link_by_code_then_the_cart(live: Live, platform: Platform) -> None:
    user, _, _ = linked_user(live, platform, f"chan-link-{platform.name}", **{"PA-CASE-CLR": 2})

    summary = platform.say(user, "what's in my cart?")

    assert texts(summary) == [
        "In your cart:\n- 2 × Clear Phone Case: $38.00\n"
        "Subtotal: $38.00\nShipping: $4.99\nTotal: $42.99"
    ]


def test_cross_sell_accepted_by_button_or_number(live: Live, platform: Platform) -> None:
    user, cart_id, token = linked_user(live, platform, f"chan-sell-{platform.name}")

    added, offer = platform.say(user, "add the Aria Phone 256 GB to my cart")

    assert added.text == "Added 1 × Aria Phone 256 GB. Subtotal: $799.00."
    assert offer.text.startswith("Clear Phone Case for $19.00 — bought together in ")
    options = [("Yes, add it", "/affirm{offer}"), ("No thanks", "/deny{offer}")]
    assert_rendered(platform, offer, options)
    assert texts(platform.choose(user, offer, "Yes, add it")) == [
        "Added 1 × Clear Phone Case. Subtotal: $818.00."
    ]
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    assert {line["sku"]: line["quantity"] for line in cart["lines"]} == {
        "PH-ARIA-256": 1,
        "PA-CASE-CLR": 1,
    }


def test_cancel_with_retention_offer_then_cancel_anyway(live: Live, platform: Platform) -> None:
    customer = f"chan-cancel-{platform.name}"
    user, _, _ = linked_user(live, platform, customer)
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"})

    (offer,) = platform.say(user, "I want to cancel my subscription")

    assert offer.text.startswith(
        "Before you cancel Care Plus ($9.99/month): you could switch to Care Basic for "
        "$4.99/month. Or cancel right away."
    )
    options = [("Switch to Care Basic", "/affirm{offer}"), ("Cancel anyway", "/cancel_anyway")]
    assert_rendered(platform, offer, options)
    assert texts(platform.choose(user, offer, "Cancel anyway")) == [
        "Your Care Plus subscription is canceled. You won't be charged again."
    ]
    path = f"/api/subscriptions/{sub['subscription_id']}"
    assert live.api("GET", path, token=sub["token"])["status"] == "canceled"


def user_events(live: Live, user: str) -> list[dict[str, Any]]:
    status, tracker = http("GET", live.tracker_url(user))
    assert status == 200, tracker
    return [e for e in tracker["events"] if e["event"] == "user"]


def test_forged_signature_is_rejected_before_the_dialogue(live: Live, platform: Platform) -> None:
    user = platform.new_user()

    status = platform.forge(user, "hello")

    assert status == FORGED_STATUS[platform.name]
    time.sleep(1.0)  # Slack would answer in the background: give it the time to (not) do so
    assert platform.replies(user) == []
    assert user_events(live, user) == []
    greeting = platform.say(user, "hello")  # the same message, signed, is answered
    assert texts(greeting)[0].startswith("Hi! I can show your cart")
    assert [e["text"] for e in user_events(live, user)] == ["hello"]


def test_unlinked_user_gets_general_answers_and_no_cart_data(
    live: Live, platform: Platform
) -> None:
    linked_user(live, platform, f"chan-other-{platform.name}", **{"PA-CASE-CLR": 1})
    stranger = platform.new_user()

    assert texts(platform.say(stranger, "what's in my cart?")) == [LINK_NEEDED]
    assert texts(platform.say(stranger, "how far am I from free shipping?")) == [LINK_NEEDED]
    assert texts(platform.say(stranger, "are you a bot?")) == [
        "I'm a bot — the shop's checkout assistant. Ask for a human any time and I'll tell "
        "you how to reach our team."
    ]
    assert texts(platform.say(stranger, "link ABCD2345")) == [
        "That code didn't work: it may be mistyped, used already or expired "
        '(codes last 15 minutes). Choose "Continue in chat" on your cart page for a new one '
        "and send: link <code>."
    ]
    assert all("$" not in m.text for m in platform.replies(stranger))
