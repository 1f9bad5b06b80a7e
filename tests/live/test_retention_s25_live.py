"""Live (issue 12, s25): the cancellation flow's answers over REST, the store after each one.

* H1 — "what about pausing?", "pause instead?", "could I pause it instead": the pause is
  presented with its terms and Yes / No; nothing changes before the "yes".
* H2 — a bare "yes" / "sounds good" to a reply naming two options asks which one.
* H3 / H7 — "cancel that", "changed my mind", "I don't want that" to an open confirmation
  are a No: nothing changes, and the reply says so (never a subscription cancel).
* C2 — "no way, that's cheap! ok", "yes... actually no" decide nothing: asked again.
* Two subscriptions: "switch me to care basic" → which? → Care Plus → "yes" switches it.

The NLU may read a message unsure and ask "Just to be sure: …?" first; such a question must
name the real action, and only its "yes" carries it out.
"""

from __future__ import annotations

from typing import Any

from tests.live.helpers import Live, payloads, question_shape, texts
from tests.live.test_answers_s19_live import SURE, retention_offer, status
from tests.live.test_cart_language import lines

DECLINED = "Okay, I haven't changed anything."


def _plan(live: Live, customer: str, plan: str) -> tuple[int, str]:
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": plan})
    return sub["subscription_id"], sub["token"]


def _buttons_of(replies: list[dict[str, Any]]) -> dict[str, str]:
    return dict(payloads(replies))


def test_a_pause_asked_about_is_presented_with_its_terms_and_only_yes_pauses(live: Live) -> None:
    for n, text in enumerate(("what about pausing?", "pause instead?", "could I pause it instead")):
        sub_id, token, chat = retention_offer(live, f"live-s25-h1-{n}")

        asked = chat.say(text)

        said = texts(asked)
        assert said[0].startswith(SURE + "pause your Care Plus subscription for a month"), said
        assert "no charge" in said[0] and "resumes on" in said[0], said
        buttons = _buttons_of(asked)
        assert question_shape(buttons.get("Yes", "")) == "/pause_subscription{question}", buttons
        assert "No" in buttons and "Cancel anyway" in buttons, buttons
        assert status(live, sub_id, token) == ("active", "care-plus"), (text, said)
        done = texts(chat.say("yes"))
        assert done[0].startswith("Your Care Plus subscription is paused"), (text, done)
        assert status(live, sub_id, token) == ("paused", "care-plus")


def test_no_to_a_presented_pause_changes_nothing(live: Live) -> None:
    sub_id, token, chat = retention_offer(live, "live-s25-h1-no")
    asked = texts(chat.say("could I pause it instead"))
    assert asked[0].startswith(SURE + "pause"), asked

    said = texts(chat.say("no"))

    assert said[0] == DECLINED, said
    assert status(live, sub_id, token) == ("active", "care-plus")


def test_a_bare_yes_to_two_options_asks_which_and_changes_nothing(live: Live) -> None:
    for n, (first, yes) in enumerate((("switch to basic and give me the discount too", "yes"),
                                      ("what if I pause it?", "sounds good"),
                                      ("what if I pause it?", "ok"))):  # fmt: skip
        sub_id, token, chat = retention_offer(live, f"live-s25-h2-{n}")
        named = texts(chat.say(first))
        assert status(live, sub_id, token) == ("active", "care-plus"), named

        asked = chat.say(yes)

        said = texts(asked)
        assert said[0].startswith("Which one do you mean"), (first, yes, said)
        assert "Cancel anyway" in _buttons_of(asked), asked
        assert status(live, sub_id, token) == ("active", "care-plus"), (first, yes, said)


def test_cancel_that_to_empty_my_cart_is_a_no_and_never_a_subscription_cancel(
    live: Live,
) -> None:
    for n, answer in enumerate(("cancel that", "never mind", "forget it", "scratch that")):
        customer = f"live-s25-h7-{n}"
        cart_id, cart_token = live.new_cart(customer, **{"CF-MUG": 2})
        sub_id, token = _plan(live, customer, "care-plus")
        chat = live.conversation(cart_token)
        asked = texts(chat.say("empty my cart"))
        assert asked[0].startswith(SURE), asked

        said = texts(chat.say(answer))

        assert said[0] == DECLINED, (answer, said)
        assert lines(live, cart_id, cart_token) == {"CF-MUG": 2}
        assert status(live, sub_id, token) == ("active", "care-plus")


def test_changed_my_mind_to_a_plan_change_is_a_no(live: Live) -> None:
    for n, answer in enumerate(("changed my mind", "i don't want that", "cancel that")):
        customer = f"live-s25-h3-{n}"
        _, cart_token = live.new_cart(customer)
        sub_id, token = _plan(live, customer, "care-plus")
        chat = live.conversation(cart_token)
        asked = texts(chat.say("switch me to care basic"))
        assert asked[0].startswith(SURE + "switch you from Care Plus"), asked

        said = texts(chat.say(answer))

        assert said[0] == DECLINED, (answer, said)
        assert status(live, sub_id, token) == ("active", "care-plus")


def test_an_answer_that_says_yes_and_no_decides_nothing(live: Live) -> None:
    for n, text in enumerate(("no way, that's cheap! ok", "yes... actually no")):
        sub_id, token, chat = retention_offer(live, f"live-s25-c2-{n}")

        asked = chat.say(text)

        assert status(live, sub_id, token) == ("active", "care-plus"), (text, texts(asked))
        assert "Cancel anyway" in _buttons_of(asked), (text, texts(asked))
        assert not texts(asked)[0].startswith(SURE + "cancel"), texts(asked)


def test_a_switch_for_the_picked_one_of_two_subscriptions_completes_on_yes(live: Live) -> None:
    for n, other in enumerate(("care-basic", "care-premium")):
        customer = f"live-s25-two-{n}"
        _, cart_token = live.new_cart(customer)
        plus_id, plus_token = _plan(live, customer, "care-plus")
        other_id, other_token = _plan(live, customer, other)
        chat = live.conversation(cart_token)
        asked = chat.say("switch me to care basic")
        assert texts(asked)[0].startswith("Which subscription should I switch"), texts(asked)

        confirm = texts(chat.say(_buttons_of(asked)["Care Plus"]))
        assert confirm[0].startswith(SURE + "switch you from Care Plus"), confirm
        done = texts(chat.say("yes"))

        assert done[0].startswith("Done — you're on Care Basic"), (other, done)
        assert status(live, plus_id, plus_token) == ("active", "care-basic")
        assert status(live, other_id, other_token) == ("active", other)
