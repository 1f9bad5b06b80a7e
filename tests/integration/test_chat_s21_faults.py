"""Review s21 cart faults, through the dialogue rules and the flows, asserting the store.

R4: "and another suggestion?" after an add-on was shown is a request for the next add-on,
never an add; "remove both" names the two lines it means and removes exactly those on yes.
"""

from __future__ import annotations

import pytest

from bot.chat import cart, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.chat.undo import recorded

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_change_quantity": lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_remove_item": lambda shop, ctx, t: cart.remove_item(
        shop, ctx, t.entities.get("product"), t.text
    ),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_suggest_addon": lambda shop, ctx, t: selling.suggest_addon(shop, ctx, t.text),
}


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message through the dialogue rules and then its action's flow."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def shown(probe, shop, conversation: str) -> list[str]:
    return [sku for event, _, sku, _ in probe.offers(shop, conversation) if event == "shown"]


# --- R4: "another suggestion" ----------------------------------------------------------------


@pytest.mark.parametrize(
    "action, intent, text",
    [
        ("action_add_item", "add_item", "and another suggestion?"),
        ("action_add_item", "add_item", "anything else you'd suggest?"),
        ("action_change_quantity", "change_quantity", "another recommendation please"),
        ("action_accept_offer", "affirm", "any other ideas?"),
        ("action_suggest_addon", "ask_suggestion", "and another suggestion?"),
    ],
)
def test_another_suggestion_after_an_add_on_shows_the_next_one_and_changes_nothing(
    shop, new_cart, probe, action: str, intent: str, text: str
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    first = selling.suggest_addon(shop, ctx)
    assert first[0].params["name"] == "Clear Phone Case"

    replies = say(shop, ctx, Turn(action, intent, 0.95, text))

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}  # never a cart change
    assert [r.response for r in replies] == ["utter_offer_addon"]
    assert replies[0].params["name"] == "Glass Screen Protector"  # the next-ranked one
    assert "Aria Phone 256 GB" in replies[0].params["reason"]  # its own true reason
    events = probe.offers(shop, "conv-1")
    assert ("superseded", "addon", "PA-CASE-CLR", True) in events  # closed, not declined
    assert shown(probe, shop, "conv-1") == ["PA-CASE-CLR", "PA-SCR-GLS"]


def test_each_further_suggestion_skips_every_one_shown_declined_or_in_the_cart(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1), ("PA-SCR-GLS", 1)])
    ctx = ChatContext("conv-1", token)
    seen = [selling.suggest_addon(shop, ctx)[0].params["name"]]
    selling.decline_offer(shop, ctx)
    for _ in range(6):
        replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "another suggestion?"))
        if replies[0].response != "utter_offer_addon":
            assert replies == [Reply("utter_no_suggestion")]
            break
        seen.append(replies[0].params["name"])
    assert len(seen) == len(set(seen)) >= 2  # never the same one twice
    assert "Glass Screen Protector" not in seen  # in the cart
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "PA-SCR-GLS": 1}


def test_another_one_still_adds_one_more(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    cart.add_item(shop, ctx, "ceramic mug", None, "add a ceramic mug")

    say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "another one"))

    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_another_suggestion_while_a_cancellation_is_open_sells_nothing(
    shop, new_cart, probe
) -> None:
    from bot.chat import cancel
    from tests.integration.test_chat_dialogue import subscribe

    _, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    cancel.cancel_subscription(shop, ctx)  # the retention offer is open

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "another suggestion?"))

    assert replies == [Reply("utter_no_selling_while_cancelling")]


# --- "remove both" ---------------------------------------------------------------------------

YES = Turn("action_accept_offer", "affirm", 0.99, "yes")


def test_remove_both_after_adding_two_names_them_and_yes_removes_exactly_those(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-MOUSE", 1)])
    ctx = ChatContext("conv-1", token)
    added = "add a ceramic mug and a travel tripod"  # recorded as the last change, as a turn is
    recorded(shop, ctx, lambda: cart.add_item(shop, ctx, None, None, added))
    assert probe.lines(shop, cart_id) == {"LA-MOUSE": 1, "CF-MUG": 1, "CA-TRIPOD": 1}

    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "remove both"))

    assert [r.response for r in asked] == ["utter_confirm_action"]
    assert asked[0].params == {"action": "remove Ceramic Mug and Travel Tripod from your cart"}
    assert probe.lines(shop, cart_id) == {"LA-MOUSE": 1, "CF-MUG": 1, "CA-TRIPOD": 1}

    done = say(shop, ctx, YES)

    assert probe.lines(shop, cart_id) == {"LA-MOUSE": 1}
    assert "Ceramic Mug" in str(done) and "Travel Tripod" in str(done)


def test_remove_both_with_two_lines_in_the_cart_means_those_two(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-MOUSE", 1), ("LA-PAD", 2)])
    ctx = ChatContext("conv-1", token)

    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.9, "take both of them out"))

    assert asked[0].params == {"action": "remove Wireless Mouse and Mouse Pad from your cart"}
    say(shop, ctx, YES)
    assert probe.lines(shop, cart_id) == {}


def test_remove_both_that_cannot_be_told_asks_which_and_changes_nothing(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-MOUSE", 1), ("LA-PAD", 2), ("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "remove both"))

    assert replies == [Reply("utter_ask_product")]
    assert say(shop, ctx, YES)[0].response != "utter_removed"
    assert probe.lines(shop, cart_id) == {"LA-MOUSE": 1, "LA-PAD": 2, "CF-MUG": 1}


# --- R6: echoes, a removal's did-you-mean ----------------------------------------------------

LONG = "add the " + "very " * 30 + "special hand painted porcelain teapot from my grandmother"


def test_a_long_unknown_product_is_echoed_shortened(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = cart.add_item(shop, ctx, LONG[8:], None, LONG)

    echoed = next(iter(replies[0].params.values()))
    assert replies[0].response.startswith("utter_unknown_product")
    assert len(echoed) <= 60 and echoed.endswith("…")
    assert probe.lines(shop, cart_id) == {}


def test_a_long_unsure_request_is_confirmed_with_its_words_shortened(shop, new_cart) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.3, LONG, {"product": LONG[8:]}))

    assert replies[0].response == "utter_confirm_action"
    assert len(replies[0].params["action"]) <= 64 and "…" in replies[0].params["action"]


def test_a_removal_never_asks_about_a_product_outside_the_cart(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-MOUSE", 1)])
    ctx = ChatContext("conv-1", token)

    replies = cart.remove_item(shop, ctx, "mugz", "remove the mugz")  # the shop: "Ceramic Mug?"

    assert replies == [Reply("utter_not_in_cart", {"name": "mugz"})]
    assert probe.lines(shop, cart_id) == {"LA-MOUSE": 1}


def test_a_removal_did_you_mean_offers_only_the_cart_lines(shop, new_cart, probe) -> None:
    lines = [("CM-SNAP-ENT", 1), ("CM-SNAP-MID", 1), ("LA-MOUSE", 1)]
    cart_id, token = new_cart(shop, lines=lines)
    ctx = ChatContext("conv-1", token)

    asked = cart.remove_item(shop, ctx, "camra", "remove the camra")  # the shop: + Shoulder Bag

    assert "Camera Shoulder Bag" not in str(asked)
    titles = [title for title, _ in asked[0].buttons]
    assert sorted(titles) == ["Snap Camera Entry", "Snap Camera Mid"]
    assert probe.lines(shop, cart_id) == dict(lines)


def test_a_removal_tie_keeps_only_the_lines_in_the_cart(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-CASE-CLR", 1), ("AU-CASE", 1), ("LA-MOUSE", 1)])
    ctx = ChatContext("conv-1", token)

    replies = cart.remove_item(shop, ctx, "case", "remove the case")

    assert "Leather Phone Case" not in str(replies)
    assert probe.lines(shop, cart_id) == {"PA-CASE-CLR": 1, "AU-CASE": 1, "LA-MOUSE": 1}


def test_a_subtotal_mid_change_says_what_it_includes(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = cart.add_item(shop, ctx, None, None, "add usb c hub and a mouse")  # which mouse?

    assert [r.response for r in replies] == ["utter_added_several", "utter_did_you_mean"]
    assert replies[0].params["subtotal"] == "$39.00 for your cart as it is now, before shipping"
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1}


def test_a_complete_add_of_several_keeps_the_plain_subtotal(shop, new_cart) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = cart.add_item(shop, ctx, None, None, "add a ceramic mug and a travel tripod")

    assert replies[0].params["subtotal"] == "$68.00"
