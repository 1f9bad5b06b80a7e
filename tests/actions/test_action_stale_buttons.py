"""Review s20 R9: an earlier question's "Yes" button, pressed later, changes nothing.

A confirmation's Yes button carries the request it confirms (``/remove_item``); once the
question has closed, the same payload must not act as a fresh command. Only the buttons of
the bot's last reply are live; "Cancel anyway" and yes / no always are.
"""

from __future__ import annotations

from actions.buttons import shown_payloads
from actions.cancel import ActionConfirmCancel
from actions.cart import ActionAddItem, ActionRemoveItem
from bot.services.subscriptions import create_subscription, get_subscription
from tests.actions.conftest import make_tracker


def test_the_last_replys_buttons_are_read_from_the_tracker() -> None:
    yes = {"title": "Yes", "payload": "/remove_item"}
    events = [
        {"event": "user", "text": "hi"},
        {"event": "bot", "text": "old", "data": {"buttons": [{"title": "Old", "payload": "/x"}]}},
        {"event": "user", "text": "remove everything"},
        {"event": "bot", "text": "Just to be sure…", "data": {"buttons": [yes]}},
        {"event": "bot", "text": "no buttons", "data": {}},
        {"event": "user", "text": "/remove_item"},
    ]

    assert shown_payloads(make_tracker(text="/remove_item", events=events)) == ["/remove_item"]
    assert shown_payloads(make_tracker(text="hi", events=events[:1])) == []


def test_a_stale_removal_button_changes_nothing(chat, cart, cart_lines) -> None:
    chat.run(ActionAddItem(), text="add a travel tripod", entities={"product": "Travel Tripod"})
    chat.run(ActionAddItem(), text="add a lens kit", entities={"product": "Lens Cleaning Kit"})

    replies, _ = chat.run(ActionRemoveItem(), text="/remove_item", intent="remove_item")

    assert replies == [("utter_button_expired", {})]
    assert cart_lines(cart) == {"CA-TRIPOD": 1, "CA-CLEAN": 1}


def test_the_same_button_pressed_while_its_question_is_open_acts(chat, cart, cart_lines) -> None:
    chat.run(ActionAddItem(), text="add a travel tripod", entities={"product": "Travel Tripod"})

    replies, _ = chat.run(
        ActionRemoveItem(), text="/remove_item", intent="remove_item", shown=["/remove_item"]
    )

    assert replies[0][0] == "utter_removed"
    assert cart_lines(cart) == {}


def test_a_stale_cancel_anyway_goes_on_to_the_cancel(shop, chat, cart) -> None:
    view, token = create_subscription(shop, cart.customer_ref, "care-plus")

    replies, _ = chat.run(ActionConfirmCancel(), text="/cancel_anyway", intent="cancel_anyway")

    assert replies[0][0] == "utter_offer_retention_plan", replies  # the cancel flow, as typed
    done, _ = chat.run(ActionConfirmCancel(), text="/cancel_anyway", intent="cancel_anyway")
    assert done[0][0] == "utter_subscription_canceled", done
    assert get_subscription(shop, token, view.subscription_id).status == "canceled"


def test_a_stale_button_naming_a_product_is_asked_first(chat, cart, cart_lines) -> None:
    payload = '/add_item{"product": "Ceramic Mug", "quantity": "2"}'

    asked, _ = chat.run(
        ActionAddItem(),
        text=payload,
        intent="add_item",
        entities={"product": "Ceramic Mug", "quantity": "2"},
    )

    assert asked == [
        ("utter_confirm_action", {"action": "add 2 × Ceramic Mug", "buttons": ["Yes", "No"]})
    ]
    assert cart_lines(cart) == {}
    done, _ = chat.press(ActionAddItem(), 0)  # its own question's Yes, pressed now: live
    assert done[0][0] == "utter_added"
    assert cart_lines(cart) == {"CF-MUG": 2}
