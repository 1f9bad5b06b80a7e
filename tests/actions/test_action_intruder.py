"""G14: a turn without the conversation's grant leaves a bound conversation as it was.

A REST sender or socket.io session id is the client's choice. Whoever learns a shopper's id
and talks into it without the shopper's token (or with a token for another cart) gets "no
access" (or "another cart") — and the shopper's open offer, pending question and focus stay
exactly as they were. The web channels stop such messages before Rasa
(``tests/security/test_rest_channel.py``); this is the action server's own check.
"""

from __future__ import annotations

from actions.cart import ActionAddItem
from actions.suggestions import ActionAcceptOffer, ActionDeclineOffer
from bot.services.cart import create_cart, get_cart
from bot.store.focus import FocusRepository
from bot.store.offers import OfferRepository
from tests.actions.test_action_fresh_start import GREETED, _no
from tests.actions.test_action_selling import ARIA, add_aria

NO_ACCESS = [("utter_no_access", {})]
CONFLICT = [("utter_session_conflict", {})]


def _open_offer_sku(shop, conversation_id: str = "conv-1") -> str | None:
    with shop.session_factory() as session:
        offer = OfferRepository(session).open_offer(conversation_id)
        return offer.sku if offer is not None else None


def _focus(shop, conversation_id: str = "conv-1") -> str | None:
    with shop.session_factory() as session:
        return FocusRepository(session).get(conversation_id)


def test_a_turn_without_the_grant_changes_nothing(
    shop, cart, chat, conversation, cart_lines
) -> None:
    add_aria(chat)  # the case is offered, the phone is in focus
    assert _open_offer_sku(shop) == "PA-CASE-CLR"
    intruder = conversation("conv-1")  # the shopper's sender id, no token
    other_id, other_token = create_cart(shop, "intruder")
    foreign = conversation("conv-1", token=other_token)

    for action, intent, entities in (
        (ActionDeclineOffer(), "deny", None),
        (ActionAcceptOffer(), "affirm", None),
        (ActionAddItem(), "add_item", {"quantity": "2"}),  # "2 more" of the phone in focus
        (ActionAddItem(), "add_item", {"product": "ceramic mug"}),
        (ActionAddItem(), "add_item", {"product": "tripod"}),  # a did-you-mean would unsettle
    ):
        assert intruder.run(action, intent=intent, entities=entities)[0] == NO_ACCESS
        assert foreign.run(action, intent=intent, entities=entities)[0] == CONFLICT
    assert _open_offer_sku(shop) == "PA-CASE-CLR"
    assert _focus(shop) == "PH-ARIA-256"
    assert cart_lines(cart) == {"PH-ARIA-256": 1}
    assert cart_lines_of(shop, other_id, other_token) == {}

    accepted, _ = chat.run(ActionAcceptOffer(), intent="affirm")  # the shopper's own "yes"
    assert accepted[0][1]["name"] == "Clear Phone Case"
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def cart_lines_of(shop, cart_id: int, token: str) -> dict[str, int]:
    return {line.product.sku: line.quantity for line in get_cart(shop, token, cart_id).lines}


def test_a_greeting_without_the_grant_does_not_close_the_offer(
    shop, cart, chat, make_tracker, run_action
) -> None:
    """The F52 fresh-start close only runs on a turn that has the conversation's grant."""
    add_aria(chat)
    tracker = make_tracker(intent="deny", text="no", events=_no(GREETED))  # no token

    messages, _ = run_action(ActionDeclineOffer(), tracker)

    assert [m.get("response") for m in messages] == ["utter_no_access"]
    assert _open_offer_sku(shop) == "PA-CASE-CLR"


def test_an_unbound_conversation_without_a_token_is_served_as_before(conversation) -> None:
    """No cart was ever bound: nothing to protect; a cart request gets "no access" as ever,
    and a flow that needs no cart runs."""
    stranger = conversation("conv-free")
    assert stranger.run(ActionAddItem(), entities={"product": ARIA})[0] == NO_ACCESS
    assert stranger.run(ActionAcceptOffer(), intent="affirm")[0] != NO_ACCESS
