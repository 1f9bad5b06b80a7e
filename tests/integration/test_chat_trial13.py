"""Trial of issue 13 (s23): the free-shipping question in few words, "what else?" after an
add-on, through the dialogue rules and the flows, asserting the store.

F2: "how much for free shipping?" was read as a price question about a product called "free
shipping" ("do you want me to add free shipping?"): a question whose "purchase" is the cart
or its shipping gets the gap or the totals, never an add.
F10: "what else?" / "something else?" with an add-on shown re-offered the same add-on.
"""

from __future__ import annotations

import pytest

from bot.chat import cart, cart_views, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_free_shipping": lambda shop, ctx, t: cart_views.free_shipping(shop, ctx),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_suggest_addon": lambda shop, ctx, t: selling.suggest_addon(shop, ctx, t.text),
    "action_show_cart": lambda shop, ctx, t: cart_views.show_cart(shop, ctx),
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message through the dialogue rules and then its action's flow."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


@pytest.mark.parametrize(
    "action, intent, text, entities",
    [
        (
            "action_add_item",
            "add_item",
            "how much for free shipping?",
            {"product": "free shipping"},
        ),
        (
            "action_add_item",
            "add_item",
            "how much for free delivery?",
            {"product": "free delivery"},
        ),
        ("action_free_shipping", "ask_free_shipping", "how much for free shipping?", {}),
        ("action_add_item", "add_item", "so how much for the free shipping", {}),
    ],
)
def test_how_much_for_free_shipping_gives_the_gap_and_never_adds(
    shop, new_cart, probe, action, intent, text, entities
) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-SCR-GLS", 3)])  # 3 × $12.00: $14.00 short
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn(action, intent, 0.9, text, entities))

    assert probe.lines(shop, cart_id) == {"PA-SCR-GLS": 3}
    assert replies[0].response == "utter_free_shipping_gap"
    assert replies[0].params["remaining"] == "$14.00"
    assert all("add free" not in str(r.params) for r in replies)


@pytest.mark.parametrize("text", ["how much for everything?", "how much would the total be?"])
def test_how_much_for_the_whole_cart_gives_the_totals(shop, new_cart, probe, text) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, text))

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
    assert [r.response for r in replies] == [cart_views.show_cart(shop, ctx)[0].response]


def test_a_price_question_about_a_product_is_still_asked_back(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "how much for 2 mugs?"))

    assert probe.lines(shop, cart_id) == {}
    assert "Ceramic Mug" in str(replies[0].params)  # "do you want me to add 2 × Ceramic Mug …?"


@pytest.mark.parametrize(
    "action, intent, text",
    [
        ("action_add_item", "add_item", "what else?"),
        ("action_suggest_addon", "ask_suggestion", "something else?"),
        ("action_accept_offer", "affirm", "anything else?"),
        ("action_suggest_addon", "ask_suggestion", "ok what else do you have"),
        ("action_suggest_addon", "ask_suggestion", "other options?"),
    ],
)
def test_what_else_with_an_add_on_shown_offers_the_next_one(
    shop, new_cart, probe, action, intent, text
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    assert selling.suggest_addon(shop, ctx)[0].params["name"] == "Clear Phone Case"

    replies = say(shop, ctx, Turn(action, intent, 0.9, text))

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}  # never an add or an accept
    assert [r.response for r in replies] == ["utter_offer_addon"]
    assert replies[0].params["name"] == "Glass Screen Protector"
    assert ("superseded", "addon", "PA-CASE-CLR", True) in probe.offers(shop, "conv-1")
