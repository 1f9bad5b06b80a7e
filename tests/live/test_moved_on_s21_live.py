"""Live (review s21 S2, S26): what a not-understood message and small talk leave open.

- A message the NLU could not place is not moving on: the open add-on offer stays open, so
  the shopper's next "yes" still takes it (it was closed, and "ok chuck it in" answered
  nothing).
- Small talk ("thanks") between a cart change and "undo" keeps the change undoable (the
  reply claimed there was nothing to undo). A restart still forgets it.
"""

from __future__ import annotations

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import lines

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
