"""Review s21 S5: a pause length said in the answer wins over the length the question named.

"can I pause my subscription for 2 months?" → "at most a month … shall I pause it for a
month instead?" → "ok 3 weeks then" paused for a month. Now the answer's own length is
granted (or refused), never the question's.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from bot.store.tables import utcnow
from tests.integration.test_chat_answers_s19 import PAUSE
from tests.integration.test_chat_dialogue import say, subscribe
from tests.integration.test_chat_retention_s20 import _paused_until

ANSWERS = [("ok 3 weeks then", 21), ("yes, 10 days", 10), ("sure, a fortnight", 14)]


def _conversation(shop, ref: str, retention: bool) -> tuple[int, ChatContext]:
    sub_id, token = subscribe(shop, "care-plus", ref=ref)
    ctx = ChatContext(f"conv-{ref}", token)
    if retention:
        offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
        assert offer[0].response == "utter_offer_retention_plan", offer
    return sub_id, ctx


@pytest.mark.parametrize("retention", [False, True], ids=["plain", "retention"])
@pytest.mark.parametrize(("answer", "days"), ANSWERS)
def test_the_length_in_the_answer_is_granted_exactly(shop, probe, retention, answer, days) -> None:
    sub_id, ctx = _conversation(shop, f"s5-{days}-{retention}", retention)
    refused = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it for 2 months"))
    assert refused[0].response == "utter_pause_length_refused", refused
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, answer))

    assert replies[0].response == "utter_subscription_paused", (answer, replies)
    assert _paused_until(shop, sub_id) == utcnow().date() + timedelta(days=days)


def test_a_length_over_the_limit_in_the_answer_is_refused_again(shop, probe) -> None:
    sub_id, ctx = _conversation(shop, "s5-over", retention=False)
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it for 2 months"))

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "ok 6 weeks then"))

    assert replies[0].response == "utter_pause_length_refused", replies
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_plain_yes_still_pauses_for_the_length_the_question_named(shop, probe) -> None:
    sub_id, ctx = _conversation(shop, "s5-yes", retention=False)
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it for 2 months"))

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))

    assert replies[0].response == "utter_subscription_paused", replies
    assert _paused_until(shop, sub_id) == utcnow().date() + timedelta(days=30)
