"""Messaging users: link with a code, then every cart action serves the linked cart."""

from __future__ import annotations

from actions.cancel import ActionCancelSubscription
from actions.cart import ActionShowCart
from actions.linking import ActionLinkAccount
from bot.services.cart import add_to_cart
from bot.services.linking import issue_link_code
from bot.services.subscriptions import create_subscription

TOTALS_EMPTY = {
    "subtotal": "$0.00",
    "shipping": "$0.00",
    "total": "$0.00",
    "threshold": "$50.00",
    "remaining": "$50.00",
}


def _code(shop, cart) -> str:
    return issue_link_code(shop, cart.token, cart.cart_id).code


def test_link_with_the_entity(shop, cart, make_tracker, run_action, replies) -> None:
    code = _code(shop, cart)
    tracker = make_tracker(
        sender_id="4242",
        text=f'/link_account{{"link_code":"{code}"}}',
        intent="link_account",
        entities={"link_code": code},
        input_channel="telegram",
    )

    messages, events = run_action(ActionLinkAccount(), tracker)

    assert replies(messages) == [("utter_link_done", TOTALS_EMPTY)]
    assert events == []


def test_link_with_the_code_in_the_text(shop, cart, make_tracker, run_action, replies) -> None:
    code = _code(shop, cart)
    tracker = make_tracker(
        sender_id="U1", text=f"my code is {code.lower()}", intent="link_account",
        input_channel="slack",
    )  # fmt: skip

    messages, _ = run_action(ActionLinkAccount(), tracker)

    assert replies(messages) == [("utter_link_done", TOTALS_EMPTY)]


def test_a_used_or_wrong_code_is_refused(shop, cart, make_tracker, run_action, replies) -> None:
    code = _code(shop, cart)
    first = make_tracker(sender_id="U1", text=f"link {code}", input_channel="slack")
    run_action(ActionLinkAccount(), first)

    again = make_tracker(sender_id="U2", text=f"link {code}", input_channel="slack")
    wrong = make_tracker(sender_id="U2", text="link ABCD2345", input_channel="slack")

    assert replies(run_action(ActionLinkAccount(), again)[0]) == [("utter_link_invalid", {})]
    assert replies(run_action(ActionLinkAccount(), wrong)[0]) == [("utter_link_invalid", {})]


def test_web_chats_need_no_code(shop, cart, make_tracker, run_action, replies) -> None:
    tracker = make_tracker(
        text=f"link {_code(shop, cart)}", metadata={"token": cart.token}, input_channel="rest"
    )

    messages, _ = run_action(ActionLinkAccount(), tracker)

    assert replies(messages) == [("utter_link_not_here", {})]


def test_linked_user_gets_the_cart(shop, cart, make_tracker, run_action, replies) -> None:
    add_to_cart(shop, cart.token, cart.cart_id, "PA-CASE-CLR", 1)
    link = make_tracker(sender_id="+15550001", text=f"link {_code(shop, cart)}",
                        input_channel="twilio")  # fmt: skip
    run_action(ActionLinkAccount(), link)

    show = make_tracker(sender_id="+15550001", intent="show_cart", input_channel="twilio")
    messages, events = run_action(ActionShowCart(), show)

    assert replies(messages) == [
        (
            "utter_cart_summary",
            {
                "lines": "- 1 × Clear Phone Case: $19.00",
                "subtotal": "$19.00",
                "shipping": "$4.99",
                "total": "$23.99",
                "threshold": "$50.00",
                "remaining": "$31.00",
            },
        )
    ]
    assert events == []  # the link is looked up each time, never copied into a slot


def test_unlinked_messaging_user_gets_no_cart_data(
    shop, cart, make_tracker, run_action, replies
) -> None:
    add_to_cart(shop, cart.token, cart.cart_id, "PA-CASE-CLR", 1)
    create_subscription(shop, cart.customer_ref, "care-plus")
    for action, intent in ((ActionShowCart(), "show_cart"),
                           (ActionCancelSubscription(), "cancel_subscription")):  # fmt: skip
        tracker = make_tracker(sender_id="stranger", intent=intent, input_channel="facebook")

        messages, events = run_action(action, tracker)

        assert replies(messages) == [("utter_link_needed", {})]
        assert events == []


def test_another_senders_link_is_not_shared(shop, cart, make_tracker, run_action, replies) -> None:
    run_action(
        ActionLinkAccount(),
        make_tracker(sender_id="U1", text=f"link {_code(shop, cart)}", input_channel="slack"),
    )

    other = make_tracker(sender_id="U2", intent="show_cart", input_channel="slack")
    same_id_other_app = make_tracker(sender_id="U1", intent="show_cart", input_channel="telegram")

    assert replies(run_action(ActionShowCart(), other)[0]) == [("utter_link_needed", {})]
    assert replies(run_action(ActionShowCart(), same_id_other_app)[0]) == [
        ("utter_link_needed", {})
    ]
