"""Suggestion actions: asked-for add-ons, upgrades, and yes/no to the open offer."""

from __future__ import annotations

from actions.cart import ActionAddItem
from actions.suggestions import (
    ActionAcceptOffer,
    ActionDeclineOffer,
    ActionSuggestAddon,
    ActionSuggestUpgrade,
)
from bot.services.cart import add_to_cart

ARIA = "Aria Phone 256 GB"
CASE_OFFER = (
    "utter_offer_addon",
    {
        "name": "Clear Phone Case",
        "price": "$19.00",
        "reason": f"bought together in 55% of orders with your {ARIA}",
        "offer_id": "1",  # the conversation's first offer: its buttons name it
    },
)
GLASS_OFFER = (
    "utter_offer_addon",
    {
        "name": "Glass Screen Protector",
        "price": "$12.00",
        "reason": f"bought together in 47% of orders with your {ARIA}",
        "offer_id": "3",  # after the case's "shown" (1) and "declined" (2) events
    },
)
NOTHING_PENDING = [("utter_nothing_pending", {})]


def totals(subtotal):
    """Cart values of a cart over the free-shipping threshold."""
    return {
        "subtotal": subtotal,
        "shipping": "$0.00",
        "total": subtotal,
        "threshold": "$50.00",
        "remaining": "$0.00",
    }


def fill(shop, cart, *skus):
    for sku in skus:
        add_to_cart(shop, cart.token, cart.cart_id, sku, 1)


def add_aria(chat):
    replies, _ = chat.run(ActionAddItem(), entities={"product": ARIA})
    assert replies[1:] == [CASE_OFFER]


def test_accept_the_offer_after_a_main_item(chat, cart, cart_lines):
    add_aria(chat)

    replies, events = chat.run(ActionAcceptOffer(), intent="affirm")

    expected = {"name": "Clear Phone Case", "quantity": "1", **totals("$818.00")}
    assert replies == [("utter_added", expected)]
    assert events == []
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}
    assert chat.run(ActionAcceptOffer(), intent="affirm") == (NOTHING_PENDING, [])
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}


def test_decline_then_ask_gets_a_different_addon(chat, cart, cart_lines):
    add_aria(chat)

    replies, events = chat.run(ActionDeclineOffer(), intent="deny")

    assert replies == [("utter_offer_declined", {"name": "Clear Phone Case"})]
    assert events == []
    assert chat.run(ActionDeclineOffer(), intent="deny") == (NOTHING_PENDING, [])

    replies, events = chat.run(ActionSuggestAddon(), intent="ask_suggestion")

    assert replies == [GLASS_OFFER]
    assert events == []

    replies, _ = chat.run(ActionAcceptOffer(), intent="affirm")
    expected = {"name": "Glass Screen Protector", "quantity": "1", **totals("$811.00")}
    assert replies == [("utter_added", expected)]
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "PA-SCR-GLS": 1}


def test_declined_items_are_never_offered_again(chat):
    add_aria(chat)
    chat.run(ActionDeclineOffer(), intent="deny")
    chat.run(ActionSuggestAddon(), intent="ask_suggestion")
    chat.run(ActionDeclineOffer(), intent="deny")

    replies, _ = chat.run(ActionSuggestAddon(), intent="ask_suggestion")

    assert replies == [
        (
            "utter_offer_addon",
            {
                "name": "Fast Charger 30W",
                "price": "$29.00",
                "reason": f"bought together in 38% of orders with your {ARIA}",
                "offer_id": "5",  # two shown and two declined events before it
            },
        )
    ]


def test_answers_with_nothing_open(chat):
    assert chat.run(ActionAcceptOffer(), intent="affirm") == (NOTHING_PENDING, [])
    assert chat.run(ActionDeclineOffer(), intent="deny") == (NOTHING_PENDING, [])


def test_asked_addon_on_an_empty_cart(chat):
    assert chat.run(ActionSuggestAddon(), intent="ask_suggestion") == (
        [("utter_no_suggestion", {})],
        [],
    )


def test_offers_belong_to_their_conversation(chat, cart, conversation, bind):
    add_aria(chat)
    bind("conv-2", cart.token)
    other = conversation("conv-2", token=cart.token)  # its own widget, same cart

    assert other.run(ActionAcceptOffer(), intent="affirm") == (NOTHING_PENDING, [])


UPGRADE_ARIA = (
    "utter_offer_upgrade",
    {
        "name": "Aria Phone 512 GB",
        "price": "$999.00",
        "reason": "512 GB instead of 256 GB for $200.00 more",
        "offer_id": "1",
        "current": ARIA,
        "current_price": "$799.00",
        "difference": "$200.00",
    },
)
UPGRADE_SNAP = (
    "utter_offer_upgrade",
    {
        "name": "Snap Camera Mid",
        "price": "$799.00",
        "reason": "Mid instead of Entry for $350.00 more",
        "offer_id": "1",
        "current": "Snap Camera Entry",
        "current_price": "$449.00",
        "difference": "$350.00",
    },
)


def test_upgrade_without_a_product_takes_the_dearest_tiered_item(shop, cart, chat, render):
    fill(shop, cart, "PA-CASE-CLR", "CM-SNAP-ENT", "PH-ARIA-256")

    replies, events = chat.run(ActionSuggestUpgrade(), intent="ask_upgrade")

    assert replies == [UPGRADE_ARIA]
    assert events == []
    assert render({"response": replies[0][0], **replies[0][1]})["buttons"] == [
        {"title": "Yes, swap it", "payload": '/affirm{"offer_id":"1"}'},
        {"title": "No, keep mine", "payload": '/deny{"offer_id":"1"}'},
    ]


def test_upgrade_of_the_named_product_and_accept_swaps(shop, cart, chat, cart_lines):
    fill(shop, cart, "CM-SNAP-ENT", "PH-ARIA-256")

    replies, events = chat.run(
        ActionSuggestUpgrade(), intent="ask_upgrade", entities={"product": "snap camera entry"}
    )

    assert replies == [UPGRADE_SNAP]
    assert events == []

    replies, events = chat.run(ActionAcceptOffer(), intent="affirm")

    swapped = {"old_name": "Snap Camera Entry", "name": "Snap Camera Mid", **totals("$1,598.00")}
    assert replies == [("utter_swapped", swapped)]
    assert events == []
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "CM-SNAP-MID": 1}


def test_upgrade_ignores_a_product_slot_left_from_an_earlier_message(shop, cart, chat):
    fill(shop, cart, "CM-SNAP-ENT", "PH-ARIA-256")
    chat.slots["product"] = "snap camera entry"

    replies, _ = chat.run(ActionSuggestUpgrade(), intent="ask_upgrade")

    assert replies == [UPGRADE_ARIA]


def test_declined_upgrade_is_not_offered_again(shop, cart, chat):
    fill(shop, cart, "PH-ARIA-256")
    chat.run(ActionSuggestUpgrade(), intent="ask_upgrade")
    assert chat.run(ActionDeclineOffer(), intent="deny")[0] == [
        ("utter_offer_declined", {"name": "Aria Phone 512 GB"})
    ]

    replies, _ = chat.run(ActionSuggestUpgrade(), intent="ask_upgrade")

    assert replies == [
        ("utter_upgrade_declined_before", {"name": ARIA, "upgrade": "Aria Phone 512 GB"})
    ]


def test_upgrade_edge_cases(shop, cart, chat):
    assert chat.run(ActionSuggestUpgrade(), intent="ask_upgrade")[0] == [
        ("utter_upgrade_cart_empty", {})
    ]

    fill(shop, cart, "PA-CASE-CLR", "PH-ARIA-512")
    replies, _ = chat.run(ActionSuggestUpgrade(), entities={"product": "aria phone 512 gb"})
    assert replies == [("utter_no_upgrade", {"name": "Aria Phone 512 GB"})]

    replies, _ = chat.run(ActionSuggestUpgrade(), entities={"product": "snap camera pro"})
    assert replies == [("utter_not_in_cart", {"name": "Snap Camera Pro"})]
