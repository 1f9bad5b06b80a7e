"""The REST channel, tried as an attacker: no shared conversation, no silent drops, no
borrowed carts, no talking into a shopper's conversation, no slot injection, no links or
images smuggled into replies."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.live.helpers import Live, http, texts

NO_ACCESS = (
    "I can't see your cart or account from this chat. Please open the chat from your cart "
    "page so I can help with it."
)
CONFLICT = (
    "This chat is already tied to another cart, so I won't mix the two. Please start a new "
    "chat from the cart page you want help with."
)


def post(live: Live, body: Any) -> tuple[int, Any]:
    return http("POST", live.stack.rest_url, body)


def lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


@pytest.mark.parametrize(
    "body",
    [
        {"message": "what's in my cart?"},
        {"sender": "", "message": "hi"},
        {"sender": "   ", "message": "hi"},
        {"sender": None, "message": "hi"},
        {"sender": 42, "message": "hi"},
        {"sender": "x" * 129, "message": "hi"},
    ],
    ids=["missing", "empty", "blank", "null", "number", "too-long"],
)
def test_a_message_without_a_sender_is_refused(secure: Live, body: dict[str, Any]) -> None:
    status, answer = post(secure, body)
    assert status == 400 and set(answer) == {"error"}


def test_two_anonymous_callers_never_share_a_conversation(secure: Live) -> None:
    _, token = secure.new_cart("shared-default", **{"PH-ARIA-512": 1})
    first = post(secure, {"message": "what's in my cart?", "metadata": {"token": token}})
    second = post(secure, {"message": "what's my total?"})
    assert first[0] == second[0] == 400
    assert "Aria" not in json.dumps(second[1])


@pytest.mark.parametrize("metadata", ["token=abc", ["token"], 7, True])
def test_metadata_of_the_wrong_type_gets_400_not_silence(secure: Live, metadata: Any) -> None:
    _, token = secure.new_cart(f"bad-meta-{uuid.uuid4().hex[:6]}")
    if metadata == "token=abc":
        metadata = json.dumps({"token": token})  # an object sent as a string
    status, answer = post(
        secure, {"sender": f"meta-{uuid.uuid4().hex}", "message": "hi", "metadata": metadata}
    )
    assert status == 400 and set(answer) == {"error"}


def test_a_guessed_sender_gets_nothing_without_the_token(secure: Live) -> None:
    cart_id, token = secure.new_cart("guessable", **{"PH-ARIA-512": 1})
    victim = secure.conversation(token)
    assert "Aria" in " ".join(texts(victim.say("what's in my cart?")))

    for text in ("what's in my cart?", "add a ceramic mug", "cancel my subscription"):
        status, replies = post(secure, {"sender": victim.sender, "message": text})
        assert status == 200
        assert texts(replies) == [NO_ACCESS], text
    assert lines(secure, cart_id, token) == {"PH-ARIA-512": 1}


def test_a_guessed_sender_cannot_touch_the_shoppers_open_offer(secure: Live) -> None:
    """G14: without the shopper's token (or with another cart's) a message is answered by
    the channel and never stored: the retention offer stays open for the shopper's "yes"."""
    customer = f"g14-{uuid.uuid4().hex[:8]}"
    cart = secure.server("POST", "/api/carts", {"customer_id": customer})
    sub = secure.server(
        "POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"}
    )
    _, other_token = secure.new_cart(f"g14-other-{uuid.uuid4().hex[:8]}")
    chat = secure.conversation(cart["token"])
    assert texts(chat.say("cancel my subscription"))[0].startswith("Before you cancel Care Plus")
    events_before = tracker_events(secure, chat.sender)

    for text in ("hi", "/restart", "no", "switch me", "add a ceramic mug"):
        status, replies = post(secure, {"sender": chat.sender, "message": text})
        assert status == 200 and texts(replies) == [NO_ACCESS], text
        foreign = {"sender": chat.sender, "message": text, "metadata": {"token": other_token}}
        status, replies = post(secure, foreign)
        assert status == 200 and texts(replies) == [CONFLICT], text

    assert tracker_events(secure, chat.sender) == events_before  # nothing was stored
    subscription = f"/api/subscriptions/{sub['subscription_id']}"
    assert secure.api("GET", subscription, token=sub["token"])["plan"] == "care-plus"
    chat.press(intent="affirm")  # the shopper's own "Switch to Care Basic" button, as shown
    after = secure.api("GET", subscription, token=sub["token"])
    assert (after["plan"], after["status"]) == ("care-basic", "active")


def tracker_events(live: Live, sender: str) -> int:
    status, tracker = http("GET", live.tracker_url(sender))
    assert status == 200
    return len(tracker["events"])


def test_a_second_token_in_one_conversation_is_refused(secure: Live) -> None:
    first_id, first_token = secure.new_cart("switch-a", **{"CF-MUG": 1})
    other_id, other_token = secure.new_cart("switch-b", **{"PH-ARIA-512": 1})
    chat = secure.conversation(first_token)
    assert "Mug" in " ".join(texts(chat.say("what's in my cart?")))

    for text in ("what's in my cart?", "add a ceramic mug"):
        replies = chat.say(text, token=other_token)
        assert texts(replies) == [CONFLICT], text
        assert "Aria" not in json.dumps(replies) and "Mug" not in json.dumps(replies)

    assert lines(secure, first_id, first_token) == {"CF-MUG": 1}
    assert lines(secure, other_id, other_token) == {"PH-ARIA-512": 1}
    assert "Mug" in " ".join(texts(chat.say("what's in my cart?")))  # still the first cart


def test_slots_cannot_be_set_through_the_intent_syntax(secure: Live) -> None:
    _, victim_token = secure.new_cart("inject-victim", **{"PH-ARIA-512": 1})
    sender = f"inject-{uuid.uuid4().hex}"
    payload = json.dumps({"shop_token": victim_token, "shop_grant": "g1.x.y"})
    status, replies = post(secure, {"sender": sender, "message": f"/show_cart{payload}"})
    assert status == 200 and texts(replies) == [NO_ACCESS]

    _, token = secure.new_cart("inject-upset", **{"PH-ARIA-128": 1})
    chat = secure.conversation(token)
    chat.say("this is ridiculous, stop selling to me")
    assert upset(secure, chat.sender) is True
    chat.say('/greet{"customer_upset": false, "shop_token": null}')
    assert upset(secure, chat.sender) is True
    status, tracker = http("GET", secure.tracker_url(chat.sender))
    assert status == 200 and tracker["slots"]["shop_token"] is None


def upset(live: Live, sender: str) -> bool:
    status, tracker = http("GET", live.tracker_url(sender))
    assert status == 200
    return bool(tracker["slots"]["customer_upset"])


def test_echoed_text_cannot_become_a_link_or_an_image(secure: Live) -> None:
    _, token = secure.new_cart("markdown")
    chat = secure.conversation(token)
    attacks = [
        "remove the click](javascript:alert(1)",
        "remove the [tripod](javascript:x)",
        "add ![x](http://evil.example/p.png)",
        "add <img src=x>",
        "add a `code` mug",
    ]
    for attack in attacks:
        replies = texts(chat.say(attack))
        joined = " ".join(replies)
        assert "](" not in joined and "<img" not in joined and "![" not in joined, replies
    echoed = " ".join(texts(chat.say("remove the click](javascript:alert(1)")))
    # Shown, escaped (the trailing "1" may be read as a quantity of a removal and not echoed);
    # a "(" that no "]" opens starts nothing and stays as it is (review s23).
    assert "click\\]\\(javascript:alert(" in echoed, echoed


@pytest.mark.parametrize("where", ["top-level", "metadata"])
def test_a_retried_post_with_the_same_message_id_changes_the_cart_once(
    secure: Live, where: str
) -> None:
    cart_id, token = secure.new_cart(f"retry-{where}-{uuid.uuid4().hex[:6]}")
    sender = f"retry-{uuid.uuid4().hex}"
    body: dict[str, Any] = {"sender": sender, "message": "add 2 ceramic mugs"}
    if where == "top-level":
        body |= {"message_id": "web-retry-1", "metadata": {"token": token}}
    else:
        body |= {"metadata": {"token": token, "message_id": "web-retry-1"}}
    first = post(secure, body)
    again = post(secure, body)  # the client timed out and sent it again
    assert first[0] == again[0] == 200
    assert lines(secure, cart_id, token) == {"CF-MUG": 2}
    assert texts(again[1])[0] == texts(first[1])[0]  # the retry gets the same answer
    fresh = post(
        secure,
        {**body, "message_id": "web-retry-2"}
        if where == "top-level"
        else {**body, "metadata": {"token": token, "message_id": "web-retry-2"}},
    )
    assert fresh[0] == 200 and lines(secure, cart_id, token) == {"CF-MUG": 4}


def test_two_different_message_ids_in_one_post_are_refused(secure: Live) -> None:
    cart_id, token = secure.new_cart(f"two-ids-{uuid.uuid4().hex[:6]}")
    body = {
        "sender": f"two-ids-{uuid.uuid4().hex}",
        "message": "add a ceramic mug",
        "message_id": "a-1",
        "metadata": {"token": token, "message_id": "b-2"},
    }
    status, answer = post(secure, body)
    assert status == 400 and "differ" in answer["error"]
    assert lines(secure, cart_id, token) == {}
