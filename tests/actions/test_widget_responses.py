"""What the cart-page widget (socket.io channel) receives for offers and the cart summary."""

from __future__ import annotations

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send
from bot.chat.replies import Reply
from tests.actions.conftest import DEFAULT_SLOTS, DOMAIN

OFFER = {
    "name": "Ceramic Mug",
    "price": "$9.00",
    "reason": "bought together in 41% of orders",
    "offer_id": "17",
}
YES, NO = '/affirm{"offer_id":"17"}', '/deny{"offer_id":"17"}'
"""The offer's buttons name it (issue 12): an old card's button never answers a newer offer."""


def rendered(response: str, channel: str, **params: str) -> dict:
    """What the channel gets for a reply the actions send (escaped values, plain copies)."""
    dispatcher = CollectingDispatcher()
    send(dispatcher, [Reply(response, dict(params))], channel)
    values = {
        k: v for k, v in dispatcher.messages[0].items() if k in params or k.endswith("_plain")
    }
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    message = nlg.generate_from_slots(response, dict(DEFAULT_SLOTS), channel, **values)
    assert message is not None
    return message


def test_widget_gets_the_addon_as_a_product_card_with_add_button() -> None:
    message = rendered("utter_offer_addon", "socketio", **OFFER)

    assert "text" not in message and "buttons" not in message
    assert message["custom"] == {
        "data": {
            "attachment": {
                "type": "template",
                "payload": {
                    "template_type": "generic",
                    "elements": [
                        {
                            "title": "Ceramic Mug · $9.00",
                            "subtitle": "bought together in 41% of orders.",
                            "buttons": [
                                {"title": "Add to cart", "type": "postback", "payload": YES},
                                {"title": "No thanks", "type": "postback", "payload": NO},
                            ],
                        }
                    ],
                },
            }
        }
    }


def test_other_channels_get_the_offer_as_text_with_buttons() -> None:
    message = rendered("utter_offer_addon", "rest", **OFFER)

    assert message["text"] == (
        "Ceramic Mug for $9.00 — bought together in 41% of orders. Shall I add it?"
    )
    assert [b["payload"] for b in message["buttons"]] == [YES, NO]


def test_widget_cart_summary_is_a_markdown_list_then_the_totals() -> None:
    values = {"lines": "- 1 × Mug: $9.00", "subtotal": "$9.00", "shipping": "$4.99"}
    message = rendered("utter_cart_summary", "socketio", total="$13.99", **values)

    first, totals = message["text"].split("\n\n")  # the channel sends two bubbles
    assert first == "In your cart:\n- 1 × Mug: $9.00"
    assert totals == "Subtotal: $9.00  \nShipping: $4.99  \nTotal: $13.99"


def test_greeting_offers_the_three_quick_starts() -> None:
    message = rendered("utter_greet", "socketio")
    assert [b["payload"] for b in message["buttons"]] == [
        "/ask_suggestion",
        "/ask_free_shipping",
        "/cancel_subscription",
    ]


def test_a_name_with_markdown_characters_is_literal_on_the_card_and_escaped_in_text() -> None:
    offer = {**OFFER, "name": "Mug *Pro* [v2]", "reason": "bought with your Snap_Cam"}
    card = rendered("utter_offer_addon", "socketio", **offer)
    element = card["custom"]["data"]["attachment"]["payload"]["elements"][0]
    assert element["title"] == "Mug *Pro* [v2] · $9.00"  # plain text: no backslashes
    assert element["subtitle"] == "bought with your Snap_Cam."
    text = rendered("utter_offer_addon", "rest", **offer)["text"]
    assert text.startswith("Mug \\*Pro\\* \\[v2\\] for $9.00 — bought with your Snap\\_Cam.")


def test_the_downsell_and_plan_buttons_name_the_product_without_backslashes() -> None:
    downsell = rendered(
        "utter_offer_downsell", "socketio", name="Cam_Lite *2*", price="$9.00",
        current="Cam", current_price="$19.00", difference="$10.00",
    )  # fmt: skip
    assert downsell["buttons"][0]["title"] == "Switch to Cam_Lite *2*"
    assert "Cam\\_Lite \\*2\\*" in downsell["text"]
