"""Review s23 (issue 12): the pause length said in the answer to a pause question wins.

"fine, make it 10 days" is read by the model as ``change_quantity`` 0.79 (quantity "10");
"make it 2 weeks" as ``change_quantity`` 0.99. As the answer to a pending pause question —
"Shall I pause it for a month instead?", the retention offer "you could pause it for a
month", "Shall I move the resume date …?" — it sets that pause length (within the shop's
longest, a month here, else refused with the limit), and never changes the cart.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.chat.dialogue import Turn
from bot.store.tables import SubscriptionRow, utcnow
from tests.integration.test_chat_subscriptions_s23 import responses, say, shopper

QUANTITY = "action_change_quantity"


def make_it(text: str, confidence: float = 0.79, **entities: str) -> Turn:
    return Turn(QUANTITY, "change_quantity", confidence, text, entities)


def paused_until(shop, sub_id: int) -> date | None:
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        return None if row.paused_until is None else row.paused_until.date()


def in_days(days: int) -> date:
    return (utcnow() + timedelta(days=days)).date()


def _refused_pause(shop, new_cart, ref: str):
    """A mug added (in focus), then "pause my plan for a year": refused, a month offered."""
    cart_id, sub_id, ctx = shopper(shop, new_cart, ref, lines=())
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a mug", {"product": "mug"}))
    asked = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.95,
                                "pause my plan for a year"))  # fmt: skip
    assert responses(asked) == ["utter_pause_length_refused"], asked
    return cart_id, sub_id, ctx


@pytest.mark.parametrize(
    ("turn", "days"),
    [
        (make_it("fine, make it 10 days", quantity="10"), 10),  # the reviewer's exact answer
        (make_it("make it 2 weeks", 0.99, quantity="2"), 14),
        (make_it("ok make it 10 days then"), 10),
        (Turn("action_accept_offer", "affirm", 0.68, "fine, 10 days"), 10),
    ],
)
def test_make_it_n_days_to_the_pause_question_pauses_for_that_long(
    shop, new_cart, probe, turn: Turn, days: int
) -> None:
    cart_id, sub_id, ctx = _refused_pause(shop, new_cart, f"s5-{turn.text[:10]}")

    replies = say(shop, ctx, turn)

    assert responses(replies) == ["utter_subscription_paused"], (turn.text, replies)
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    assert paused_until(shop, sub_id) == in_days(days)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}  # the mug in focus is untouched


def test_make_it_longer_than_the_limit_is_refused_with_the_limit(shop, new_cart, probe) -> None:
    cart_id, sub_id, ctx = _refused_pause(shop, new_cart, "s5-long")

    replies = say(shop, ctx, make_it("fine, make it 6 weeks", quantity="6"))

    assert responses(replies) == ["utter_pause_length_refused"], replies
    assert replies[0].params["longest"] == "a month" and replies[0].params["said"] == "6 weeks"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


@pytest.mark.parametrize(
    ("turn", "days"),
    [
        (make_it("fine, make it 10 days", quantity="10"), 10),
        (Turn("action_accept_offer", "affirm", 0.9, "yes, for 2 weeks"), 14),
    ],
)
def test_a_length_to_the_retention_pause_offer_pauses_for_that_long(
    shop, new_cart, probe, turn: Turn, days: int
) -> None:
    cart_id, sub_id, ctx = shopper(shop, new_cart, f"s5-offer-{days}", plan="care-basic")
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.95,
                                "cancel my subscription"))  # fmt: skip
    assert responses(offer) == ["utter_offer_retention_pause"], offer

    replies = say(shop, ctx, turn)

    assert responses(replies) == ["utter_subscription_paused"], replies
    assert probe.subscription(shop, sub_id) == ("paused", "care-basic")
    assert paused_until(shop, sub_id) == in_days(days)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    assert probe.offers(shop, ctx.conversation_id)[-1][0] == "accepted"


def test_make_it_n_days_to_do_you_mean_pausing_pauses_for_that_long(shop, new_cart, probe) -> None:
    """ "put it on hold" with a mug in focus: "Do you mean pausing …?" — the answer's length."""
    cart_id, sub_id, ctx = shopper(shop, new_cart, "s5-hold", lines=())
    say(shop, ctx, Turn("action_add_item", "add_item", 0.99, "add a mug", {"product": "mug"}))
    asked = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.9,
                                "put it on hold"))  # fmt: skip
    assert responses(asked) == ["utter_ask_pause_what"], asked

    replies = say(shop, ctx, make_it("yes, make it 2 weeks", 0.8, quantity="2"))

    assert responses(replies) == ["utter_subscription_paused"], replies
    assert paused_until(shop, sub_id) == in_days(14)
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}


def test_make_it_n_days_to_move_the_resume_date_moves_it_there(shop, new_cart, probe) -> None:
    _, sub_id, ctx = shopper(shop, new_cart, "s5-move", lines=())
    pause = Turn("action_pause_subscription", "pause_subscription", 0.95, "pause it for 2 weeks")
    say(shop, ctx, pause)
    asked = say(shop, ctx, Turn("action_pause_subscription", "pause_subscription", 0.95,
                                "pause it for 3 weeks"))  # fmt: skip
    assert responses(asked) == ["utter_pause_already"], asked

    replies = say(shop, ctx, make_it("make it 10 days", quantity="10"))

    assert responses(replies) == ["utter_pause_moved"], replies
    assert paused_until(shop, sub_id) == in_days(10)


@pytest.mark.parametrize("text", ["don't pause it for 10 days", "maybe make it 10 days later"])
def test_a_negated_or_hedged_length_pauses_nothing(shop, new_cart, probe, text: str) -> None:
    cart_id, sub_id, ctx = _refused_pause(shop, new_cart, f"s5-no-{text[:8]}")

    say(shop, ctx, make_it(text))

    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
