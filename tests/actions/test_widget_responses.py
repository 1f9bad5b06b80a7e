"""What the cart-page widget (socket.io channel) receives for offers and the cart summary."""

from __future__ import annotations

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

from tests.actions.conftest import DEFAULT_SLOTS, DOMAIN

OFFER = {"name": "Ceramic Mug", "price": "$9.00", "reason": "bought together in 41% of orders"}


def rendered(response: str, channel: str, **params: str) -> dict:
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    message = nlg.generate_from_slots(response, dict(DEFAULT_SLOTS), channel, **params)
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
                                {"title": "Add to cart", "type": "postback", "payload": "/affirm"},
                                {"title": "No thanks", "type": "postback", "payload": "/deny"},
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
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


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
