"""Live (review s21 S13): a retried message (same ``metadata.message_id``) is applied once.

Over REST, as the reviewer sent them: a retried "remove one tripod" takes nothing more out,
and a retried first cancel request gets the retention offer again and does not cancel.
Each test asserts the store.
"""

from __future__ import annotations

import uuid
from typing import Any

from tests.live.helpers import Live, http, texts
from tests.live.test_answers_s19_live import SURE, status
from tests.live.test_shopper_guards_live import subscribe


def send(live: Live, sender: str, text: str, token: str, message_id: str) -> list[dict[str, Any]]:
    body = {
        "sender": sender,
        "message": text,
        "metadata": {"token": token, "message_id": message_id},
    }
    code, replies = http("POST", live.stack.rest_url, body)
    assert code == 200, (code, replies)
    return replies


def lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_a_retried_partial_removal_is_applied_once(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s13-i1", **{"CA-TRIPOD": 2})
    sender = f"s13-{uuid.uuid4().hex[:8]}"

    first = texts(send(live, sender, "remove one tripod", token, "m-003"))
    assert lines(live, cart_id, token) == {"CA-TRIPOD": 1}, first
    again = texts(send(live, sender, "remove one tripod", token, "m-003"))

    assert again == first
    assert lines(live, cart_id, token) == {"CA-TRIPOD": 1}


def test_a_retried_first_cancel_request_does_not_cancel(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s21-s13-dc3")
    sender = f"s13-{uuid.uuid4().hex[:8]}"

    first = texts(send(live, sender, "I want to cancel my care plan", cart_token, "rt-1"))
    again = texts(send(live, sender, "I want to cancel my care plan", cart_token, "rt-1"))

    assert first[0].startswith(("Before you cancel Care Plus", SURE)), first
    assert again == first
    assert status(live, sub_id, sub_token) == ("active", "care-plus")
