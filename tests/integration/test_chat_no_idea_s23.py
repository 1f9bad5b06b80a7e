"""Trial 12 C1: "no idea", "no clue tbh" to the retention offer never cancel (s23)."""

from __future__ import annotations

from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from tests.integration.test_chat_dialogue import say, subscribe

_TEXTS = ("no idea", "no clue tbh", "no idea tbh", "not a clue", "no idea what you mean", "idk")


def test_no_idea_to_the_retention_offer_changes_nothing_and_asks_again(shop, probe) -> None:
    for n, text in enumerate(_TEXTS):
        sub_id, token = subscribe(shop, "care-plus", ref=f"noidea-{n}")
        ctx = ChatContext(f"conv-noidea-{n}", token)
        say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

        replies = say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, text))

        assert probe.subscription(shop, sub_id) == ("active", "care-plus"), (text, replies)
        assert replies[0].response == "utter_offer_detail_retention_plan", (text, replies)


def test_a_plain_no_to_the_retention_offer_still_cancels(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus", ref="noidea-no")
    ctx = ChatContext("conv-noidea-no", token)
    say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, "no, cancel it"))

    assert probe.subscription(shop, sub_id)[0] == "canceled"
