"""Review s21 S2, S26: what a not-understood message and small talk leave open.

Drives ``handle`` as the action server would and asserts the store.
"""

from __future__ import annotations

from bot.chat.dialogue import Turn
from bot.chat.replies import Reply
from bot.services.chat_sessions import close_open_questions
from bot.store.changes import CartChangeRepository
from tests.integration.test_chat_dialogue import FLOWS, addon_offer, say

FLOWS.setdefault("action_unsupported_request", lambda shop, ctx, t: [Reply("utter_default")])
NOT_UNDERSTOOD = Turn("action_unsupported_request", "nlu_fallback", 0.4, "why do you suggest it")


def test_an_offer_stays_open_through_a_message_the_nlu_could_not_place(
    shop, new_cart, probe
) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart)

    said = say(shop, ctx, NOT_UNDERSTOOD)
    added = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "ok chuck it in"))

    assert said == [Reply("utter_default")]
    assert added[0].response == "utter_added" and added[0].params["name"] == offered
    assert len(probe.lines(shop, cart_id)) == 2


def test_an_offer_is_still_closed_by_an_out_of_scope_request(shop, new_cart, probe) -> None:
    cart_id, ctx, _ = addon_offer(shop, new_cart)
    moved_on = Turn("action_unsupported_request", "ask_returns", 0.95, "I want to return my order")

    say(shop, ctx, moved_on)
    late = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))

    assert late[0].response != "utter_added", late
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def _last_change(shop, conversation: str):
    with shop.session_factory.begin() as session:
        return CartChangeRepository(session).get(conversation)


def test_small_talk_keeps_the_last_change_and_a_fresh_start_forgets_it(shop, new_cart) -> None:
    cart_id, ctx, _ = addon_offer(shop, new_cart)
    with shop.session_factory.begin() as session:  # as ``bot.chat.undo.recorded`` keeps a turn's
        CartChangeRepository(session).record(
            ctx.conversation_id, cart_id, {"CF-MUG": 0}, {"CF-MUG": 2}
        )
    assert _last_change(shop, ctx.conversation_id) is not None

    close_open_questions(shop, ctx.conversation_id, forget_change=False)  # after "thanks"
    assert _last_change(shop, ctx.conversation_id) is not None

    close_open_questions(shop, ctx.conversation_id)  # a restart, a new session, a greeting
    assert _last_change(shop, ctx.conversation_id) is None
