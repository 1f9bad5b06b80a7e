"""Live (review s21 S2, S26, S37, S5): what stays open, vague mentions, pause answers.

- A message the NLU could not place is not moving on: the open add-on offer stays open, so
  the shopper's next "yes" still takes it (it was closed, and "ok chuck it in" answered
  nothing).
- Small talk ("thanks") between a cart change and "undo" keeps the change undoable (the
  reply claimed there was nothing to undo). A restart still forgets it.
- "remove the usb-c thing" with three USB-C lines asks which; it removed the hub.
- "ok 3 weeks then" to "shall I pause it for a month instead?" pauses for 3 weeks.
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import lines
from tests.live.test_shopper_guards_live import paused_days, subscribe, subscription

SURE = "Just to be sure: do you want me to "


def test_an_offer_survives_a_message_the_bot_did_not_get(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s2")
    chat = live.conversation(token)
    offered = texts(chat.say("add an aria phone 256"))
    assert any("Clear Phone Case" in said and "Shall I add it?" in said for said in offered)

    chat.say("why do you suggest it")  # the NLU cannot place it (nlu_fallback)
    accepted = texts(chat.say("yes"))

    if accepted[0].startswith(SURE):
        accepted = texts(chat.say("yes"))
    assert lines(live, cart_id, token) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}, accepted


def test_undo_right_after_thanks_still_reverses_the_change(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s26", **{"CF-MUG": 2})
    chat = live.conversation(token)
    chat.say("remove the mugs")
    assert lines(live, cart_id, token) == {}

    chat.say("thanks")
    undone = texts(chat.say("undo"))

    if undone[0].startswith(SURE):
        undone = texts(chat.say("yes"))
    assert lines(live, cart_id, token) == {"CF-MUG": 2}, undone
    assert undone[0].startswith("Undone: I put 2 × Ceramic Mug back."), undone


def test_a_restart_still_forgets_the_last_change(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s26-restart", **{"CF-MUG": 2})
    chat = live.conversation(token)
    chat.say("remove the mugs")

    chat.say("/restart")
    said = texts(chat.say("undo"))

    assert lines(live, cart_id, token) == {}, said


def test_a_vague_mention_of_three_lines_is_asked_never_guessed(live: Live) -> None:
    start = {"PA-CBL-USBC": 2, "LA-HUB": 1, "LA-CHG-65W": 1}
    cart_id, token = live.new_cart("live-s21-s37", **start)
    chat = live.conversation(token)
    for text in ("remove the usb-c thing", "take out the usb-c stuff"):
        said = texts(chat.say(text))

        assert lines(live, cart_id, token) == start, (text, said)
        chat.say("no")


def test_the_pause_length_in_the_answer_wins(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s21-s5")
    chat = live.conversation(cart_token)
    refused = texts(chat.say("can I pause my subscription for 2 months?"))
    assert subscription(live, sub_id, token)["status"] == "active", refused

    said = texts(chat.say("ok 3 weeks then"))

    if said[0].startswith(SURE):
        said = texts(chat.say("yes"))
    assert subscription(live, sub_id, token)["status"] == "paused", said
    assert 20 < paused_days(live, sub_id) <= 21, said


def test_a_sold_out_step_up_is_named_never_called_the_top(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s25", **{"AU-PULSE-STUDIO": 1})
    chat = live.conversation(token)

    said = texts(chat.say("is there a better version?"))

    assert said[0] == (
        "Pulse Headphones Max is the step up from Pulse Headphones Studio ($150.00 more),"
        " but it's out of stock right now."
    ), said
    assert lines(live, cart_id, token) == {"AU-PULSE-STUDIO": 1}


def test_an_empty_message_gets_a_plain_answer_and_changes_nothing(live: Live) -> None:
    cart_id, token = live.new_cart("live-s21-s18", **{"CF-MUG": 1})
    chat = live.conversation(token)

    for text in ("", "   "):
        said = texts(chat.say(text))

        assert said == ["I didn't get any words there. What would you like to do with your cart?"]
    assert lines(live, cart_id, token) == {"CF-MUG": 1}
