"""What a web client's message metadata may leave in Rasa's tracker store."""

from __future__ import annotations

from bot.channels.guard import exchange_token
from bot.tokens import GRANT_KEY, issue_token

SECRET = "metadata-test-secret"


def test_only_the_message_id_and_the_grant_are_kept():
    token = issue_token(SECRET, customer_id=7, cart_id=3)
    metadata = {
        "token": token,
        "message_id": "m-1",
        "junk": "x" * 1_000_000,
        GRANT_KEY: "g1.planted.grant",
        "nested": {"a": [1, 2, 3]},
    }

    kept = exchange_token(metadata, "conv-1", SECRET)

    assert set(kept) == {"message_id", GRANT_KEY}
    assert kept["message_id"] == "m-1" and kept[GRANT_KEY] != "g1.planted.grant"


def test_an_oversized_or_odd_message_id_is_dropped():
    for value in ("x" * 129, {"id": 1}, [1], True, None):
        assert exchange_token({"message_id": value}, "conv-1", SECRET) == {}
    assert exchange_token({"message_id": 42}, "conv-1", SECRET) == {"message_id": 42}
