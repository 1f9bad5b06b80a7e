"""Review s19 (G1–G7, G10, G12, G13): answers that name an option, hesitate, or say thanks.

Each test drives ``handle`` as the action server would and asserts the store: unchanged, or
changed exactly as asked. The NLU readings are the reviewer's (``affirm`` for "yes cancel it").
"""

from __future__ import annotations

from bot.chat import cart, pause_flow
from bot.chat.cancel import remove_too_expensive
from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext, Reply
from tests.integration.test_chat_dialogue import FLOWS, addon_offer, say, subscribe

FLOWS.setdefault(
    "action_change_quantity",
    lambda shop, ctx, t: cart.change_quantity(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
)
FLOWS.setdefault(
    "action_remove_item",
    lambda shop, ctx, t: cart.remove_item(shop, ctx, t.entities.get("product"), t.text),
)
PAUSE = "action_pause_subscription"
FLOWS[PAUSE] = lambda shop, ctx, t: pause_flow.pause_subscription(
    shop, ctx, t.text, confirmed=t.confirmed
)


def retention(shop) -> tuple[int, ChatContext]:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
    assert offer[0].response == "utter_offer_retention_plan"
    return sub_id, ctx


def test_yes_cancel_it_to_a_retention_offer_cancels_never_switches(shop, probe) -> None:
    for n, (text, confidence) in enumerate((("yes cancel it", 0.95), ("yes, cancel please", 0.5))):
        sub_id, token = subscribe(shop, "care-plus", ref=f"g1-{n}")
        ctx = ChatContext(f"conv-g1-{n}", token)
        say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

        replies = say(shop, ctx, Turn("action_accept_offer", "affirm", confidence, text))

        if confidence < 0.6:  # asked back naming the real action; its yes cancels
            assert replies[0].params == {"action": "cancel your Care Plus subscription"}
            assert probe.subscription(shop, sub_id) == ("active", "care-plus")
            replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
        assert replies[0].response == "utter_subscription_canceled", replies
        assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_yes_switch_me_switches(shop, probe) -> None:
    sub_id, ctx = retention(shop)

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "yes switch me"))

    assert replies[0].response == "utter_subscription_switched"
    assert probe.subscription(shop, sub_id) == ("active", "care-basic")


def test_hesitation_to_a_retention_offer_changes_nothing_and_asks_again(shop, probe) -> None:
    sub_id, ctx = retention(shop)
    for text, intent in (("no wait", "deny"), ("hold on", "deny"), ("not sure", "affirm"),
                         ("hmm", "remove_item"), ("let me think", "deny"),
                         ("I'm not sure yet", "affirm"), ("one sec", "nlu_fallback")):  # fmt: skip
        action = {"deny": "action_decline_offer", "remove_item": "action_remove_item"}.get(
            intent, "action_accept_offer"
        )
        replies = say(shop, ctx, Turn(action, intent, 0.9, text))

        assert replies[0].response == "utter_offer_detail_retention_plan", (text, replies)
        assert ("Cancel anyway", "/cancel_anyway") in replies[0].buttons
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"  # still open


def test_hesitation_to_a_confirmation_keeps_it_pending(shop, probe) -> None:
    sub_id, ctx = retention(shop)
    asked = say(shop, ctx, Turn("action_decline_offer", "deny", 0.5, "nah"))
    assert asked[0].params == {"action": "cancel your Care Plus subscription"}

    again = say(shop, ctx, Turn("action_decline_offer", "deny", 0.9, "wait"))

    assert again == asked
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    no = say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))
    assert no[0].response == "utter_confirm_declined"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_newsletter_unsubscribe_is_not_the_subscription(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    for text in ("unsubscribe me from your newsletter", "stop the emails",
                 "stop marketing texts"):  # fmt: skip
        replies = say(
            shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.9, text)
        )

        assert replies[0].response == "utter_marketing_unsupported"
        assert probe.offers(shop, "conv-1") == []
    no = say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))
    assert no[0].response == "utter_nothing_pending"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    plain = say(
        shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.9, "unsubscribe me")
    )
    assert plain[0].response == "utter_offer_retention_plan"  # the subscription: offered first


def test_yes_remove_them_to_a_downsell_removes(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("AU-PULSE-STUDIO", 1)])
    ctx = ChatContext("conv-1", token)
    offered = remove_too_expensive(shop, ctx, "pulse headphones studio")
    assert offered[0].response == "utter_offer_downsell"

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "yes remove them"))

    assert replies[0].response == "utter_removed"
    assert probe.lines(shop, cart_id) == {}


def test_unsure_yes_to_a_downsell_names_the_swap(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("AU-PULSE-STUDIO", 1)])
    ctx = ChatContext("conv-1", token)
    remove_too_expensive(shop, ctx, "pulse headphones studio")

    asked = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.5, "yeah"))

    assert asked[0].params == {"action": "swap Pulse Headphones Studio for Pulse Headphones Lite"}
    assert probe.lines(shop, cart_id) == {"AU-PULSE-STUDIO": 1}


def test_thanks_to_an_addon_offer_is_asked_and_a_clear_yes_adds(shop, new_cart, probe) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart)
    before = probe.lines(shop, cart_id)
    for text in ("ok thanks", "great, thanks", "thanks", "cool thanks"):
        replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, text))

        assert replies[0].response == "utter_confirm_action"
        assert replies[0].params == {"action": f"add {offered} to your cart"}
        assert probe.lines(shop, cart_id) == before
    added = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "yes"))
    assert added[0].response == "utter_added" and added[0].params["name"] == offered


def test_a_bare_quantity_during_an_addon_offer_asks_which(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add an aria phone 128",
                        {"product": "aria phone 128"}))  # fmt: skip
    offers = probe.offers(shop, "conv-1")
    assert offers and offers[-1][0] == "shown", "an add-on is offered after a phone"
    offered_sku = offers[-1][2]
    before = probe.lines(shop, cart_id)
    for text, action, intent in (("make it 2", "action_change_quantity", "change_quantity"),
                                 ("add 2", "action_add_item", "add_item")):  # fmt: skip
        replies = say(shop, ctx, Turn(action, intent, 0.95, text, {"quantity": "2"}))

        assert replies[0].response == "utter_confirm_action", (text, replies)
        titles = [title for title, _ in replies[0].buttons]
        assert titles[0].startswith("2 × ") and "Aria Phone 128 GB" in titles[1]
        assert probe.lines(shop, cart_id) == before
    take = replies[0].buttons[0][1]
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 1.0, take, {"quantity": "2"}))
    assert done[0].response == "utter_added"
    assert probe.lines(shop, cart_id) == {**before, offered_sku: 2}


def test_yes_to_pause_for_a_month_instead_pauses(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    refused = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.9, "pause my plan for 2 months"))
    assert refused[0].response == "utter_pause_length_refused"

    replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "yes"))

    assert replies[0].response == "utter_subscription_paused"
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")


def test_no_to_pause_for_a_month_instead_keeps_it_running(shop, probe) -> None:
    sub_id, token = subscribe(shop, "care-plus")
    ctx = ChatContext("conv-1", token)
    say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.9, "pause my plan for 2 months"))

    replies = say(shop, ctx, Turn("action_decline_offer", "deny", 0.95, "no"))

    assert replies[0].response == "utter_confirm_declined"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")


def test_a_plural_with_no_count_asks_how_many(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    for text, product in (("add mugs for me and my 3 roommates", "mugs"), ("add mugs", "mugs")):
        replies = say(shop, ctx, Turn("action_add_item", "add_item", 0.95, text,
                                      {"product": product}))  # fmt: skip

        assert replies[0].response == "utter_ask_quantity", (text, replies)
        assert probe.lines(shop, cart_id) == {}
    answered = say(shop, ctx, Turn("action_add_item", "add_item", 0.9, "4", {"quantity": "4"}))
    assert answered[0].response == "utter_added" and answered[0].params["quantity"] == "4"


def test_put_the_beans_back_is_asked_as_an_add(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    entities = {"product": "ceramic mug"}
    say(shop, ctx, Turn("action_add_item", "add_item", 0.95, "add a ceramic mug", entities))
    say(shop, ctx, Turn("action_remove_item", "remove_item", 0.95, "remove the mug", entities))
    assert probe.lines(shop, cart_id) == {}

    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.8,
                                "oops no, put the ceramic mug back", entities))  # fmt: skip

    assert asked[0].params == {"action": "add ceramic mug back to your cart"}
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert done[0].response == "utter_added"
    assert sum(probe.lines(shop, cart_id).values()) == 1


def test_yes_and_a_charger_does_not_drop_the_charger(shop, new_cart, probe) -> None:
    cart_id, ctx, offered = addon_offer(shop, new_cart)

    replies = say(
        shop, ctx, Turn("action_accept_offer", "affirm", 0.9, "yes please, and a charger")
    )

    responses = [reply.response for reply in replies]
    assert responses[0] == "utter_added" and replies[0].params["name"] == offered
    assert len(responses) > 1 and responses[1] in (
        "utter_did_you_mean", "utter_added", "utter_unknown_product_suggest"
    ), replies  # fmt: skip


def test_an_add_the_nlu_could_not_place_is_asked_back_then_added(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    FLOWS.setdefault("action_unsupported_request", lambda shop, ctx, t: [Reply("utter_default")])
    text = "please add 2 travl tripods"

    asked = say(shop, ctx, Turn("action_unsupported_request", "nlu_fallback", 0.3, text))

    assert asked[0].response == "utter_confirm_action", asked
    assert asked[0].params == {"action": "add 2 travl tripods"}
    assert probe.lines(shop, cart_id) == {}
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert done[0].response == "utter_added", done
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2}


def test_an_unplaced_add_naming_one_product_exactly_is_added_at_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    FLOWS.setdefault("action_unsupported_request", lambda shop, ctx, t: [Reply("utter_default")])

    for text in ("add the brew coffee machine plus", "please add Travel Tripod"):
        replies = say(shop, ctx, Turn("action_unsupported_request", "nlu_fallback", 0.3, text))
        assert replies[0].response == "utter_added", (text, replies)

    assert probe.lines(shop, cart_id) == {"CF-BREW-PLUS": 1, "CA-TRIPOD": 1}


def test_an_unplaced_add_naming_no_product_exactly_is_asked_back(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    FLOWS.setdefault("action_unsupported_request", lambda shop, ctx, t: [Reply("utter_default")])

    for text in ("add the brew coffee machine", "add the brew coffe machine plus", "add 2 mugs"):
        replies = say(shop, ctx, Turn("action_unsupported_request", "nlu_fallback", 0.3, text))
        assert replies[0].response == "utter_confirm_action", (text, replies)
        say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))

    assert probe.lines(shop, cart_id) == {}


def test_an_unplaced_message_without_an_add_verb_is_not_asked_as_an_add(shop, new_cart) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    FLOWS.setdefault("action_unsupported_request", lambda shop, ctx, t: [Reply("utter_default")])
    for text in ("I want to return my order", "don't add anything", "add"):
        replies = say(shop, ctx, Turn("action_unsupported_request", "nlu_fallback", 0.3, text))
        assert replies[0].response == "utter_default", (text, replies)


def test_a_cancel_left_undecided_still_sells_nothing_later(shop, probe) -> None:
    """Review s20 R7: after a question moved on from the retention offer, no pitch either."""
    FLOWS.setdefault("action_suggest_addon", lambda shop, ctx, t: [Reply("utter_offer_addon")])
    sub_id, ctx = retention(shop)

    gap = say(shop, ctx, Turn("action_free_shipping_gap", "ask_free_shipping", 0.99, "gap?"))
    assert gap and gap[0].response != "utter_no_selling_while_cancelling"
    asked = say(shop, ctx, Turn("action_suggest_addon", "ask_suggestion", 0.99, "what goes?"))

    assert [reply.response for reply in asked] == ["utter_no_selling_cancel_undecided"]
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    offers = probe.offers(shop, "conv-1")
    assert [(event, kind) for event, kind, *_ in offers] == [
        ("shown", "retention_plan"), ("superseded", "retention_plan")
    ]  # fmt: skip
