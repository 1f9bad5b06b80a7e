"""Live: requests the assistant can't handle get an honest "I can't do that here" with where
to go instead — never the checkout total or an offer — and the cart stays as it was.

Issue 12: "I want to return my order" got the checkout total.
"""

from __future__ import annotations

import pytest

from tests.live.helpers import Live, texts

SUPPORT = "support@example.com"


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("I want to return my order", "I can't handle returns, refunds or exchanges here"),
        ("where's my package", "I can't look up past orders or tracking here"),
        ("do you have a discount code", "I can't apply, check or hand out discount codes here"),
        ("do you ship to Canada", "I can't check delivery countries or international shipping"),
    ],
)
def test_out_of_scope_requests_get_an_honest_reply(live: Live, text: str, opening: str) -> None:
    cart_id, token = live.new_cart("live-oos", **{"CF-MUG": 2})
    chat = live.conversation(token)

    replies = texts(chat.say(text))

    assert len(replies) == 1 and replies[0].startswith(opening), replies
    assert SUPPORT in replies[0]
    assert "$" not in replies[0]  # no total, no price, no offer
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    assert {line["sku"]: line["quantity"] for line in cart["lines"]} == {"CF-MUG": 2}
