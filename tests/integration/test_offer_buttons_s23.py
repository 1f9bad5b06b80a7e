"""Issue 12 (T11/S8): an old offer's Yes / No button never answers a newer offer.

Every offer's buttons carry its id (``/affirm{"offer_id":"17"}``). Through the dialogue
rules and the flows, asserting the store after every press: the open offer's own button
acts as before; an older offer's changes nothing (its Yes on an add-on that can still be
added is asked back first), and the newer offer stays open for typed or pressed answers.
"""

from __future__ import annotations

from bot.chat import cancel, cart, selling
from bot.chat.dialogue import Turn, handle
from bot.chat.replies import ChatContext, Reply
from bot.domain.offer_buttons import offer_payload
from bot.services.subscriptions import create_subscription
from bot.store.offers import OfferRepository

FLOWS = {
    "action_add_item": lambda shop, ctx, t: cart.add_item(
        shop, ctx, t.entities.get("product"), t.entities.get("quantity"), t.text
    ),
    "action_accept_offer": lambda shop, ctx, t: selling.accept_offer(shop, ctx),
    "action_decline_offer": lambda shop, ctx, t: selling.decline_offer(shop, ctx, t.text),
    "action_offer_detail": lambda shop, ctx, t: selling.offer_detail(shop, ctx),
    "action_show_cart": lambda shop, ctx, t: cart.show_cart(shop, ctx),
    "action_suggest_addon": lambda shop, ctx, t: selling.suggest_addon(shop, ctx, t.text),
    "action_remove_item": lambda shop, ctx, t: cart.remove_item(
        shop, ctx, t.entities.get("product"), t.text
    ),
    "action_cancel_subscription": lambda shop, ctx, t: cancel.cancel_subscription(
        shop, ctx, t.text
    ),
}
CASE, GLASS = "PA-CASE-CLR", "PA-SCR-GLS"


def say(shop, ctx: ChatContext, turn: Turn) -> list[Reply]:
    """Run one message through the dialogue rules and then its action's flow."""

    def rerun(action: str, intent: str, entities, text: str) -> list[Reply]:
        return say(shop, ctx, Turn(action, intent, 1.0, text, entities, confirmed=True))

    return handle(shop, ctx, turn, lambda c: FLOWS[turn.action](shop, c, turn), rerun)


def press(shop, ctx: ChatContext, intent: str, offer_id: int) -> list[Reply]:
    """Press an offer's Yes (``affirm``) or No (``deny``) button, as Rasa hands it over."""
    action = "action_accept_offer" if intent == "affirm" else "action_decline_offer"
    payload = offer_payload(intent, offer_id)
    return say(shop, ctx, Turn(action, intent, 1.0, payload, {"offer_id": str(offer_id)}))


def typed(shop, ctx: ChatContext, words: str) -> list[Reply]:
    intent = "deny" if words.startswith("no") else "affirm"
    action = "action_decline_offer" if intent == "deny" else "action_accept_offer"
    return say(shop, ctx, Turn(action, intent, 0.99, words))


def open_offer(shop, conversation: str = "conv-1") -> tuple[int, str] | None:
    with shop.session_factory() as session:
        row = OfferRepository(session).open_offer(conversation)
        return (row.id, row.sku) if row is not None else None


def two_offers(shop, new_cart) -> tuple[int, ChatContext, int, int]:
    """An Aria phone cart: the case offered, then the glass (the case closed as superseded)."""
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    first = selling.suggest_addon(shop, ctx)
    case_id = int(first[0].params["offer_id"])
    second = selling.suggest_addon(shop, ctx, "and another suggestion?")
    glass_id = int(second[0].params["offer_id"])
    assert open_offer(shop) == (glass_id, GLASS)
    return cart_id, ctx, case_id, glass_id


def test_the_offer_card_carries_its_own_id(shop, new_cart) -> None:
    _, ctx, case_id, glass_id = two_offers(shop, new_cart)
    assert case_id != glass_id
    detail = selling.offer_detail(shop, ctx)  # the detail reply's buttons name the open one
    assert detail[0].buttons == (
        ("Yes, add it", offer_payload("affirm", glass_id)),
        ("No thanks", offer_payload("deny", glass_id)),
    )


def test_an_old_yes_after_a_newer_offer_adds_nothing_and_asks_first(shop, new_cart, probe) -> None:
    cart_id, ctx, case_id, glass_id = two_offers(shop, new_cart)

    replies = press(shop, ctx, "affirm", case_id)

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}  # neither the glass nor the case
    assert [r.response for r in replies] == ["utter_offer_button_ask_again"]
    assert replies[0].params == {"name": "Clear Phone Case", "price": "$19.00"}
    reshown, sku = open_offer(shop)
    assert sku == CASE and replies[0].buttons[0][1] == offer_payload("affirm", reshown)
    events = probe.offers(shop, "conv-1")
    assert ("accepted", "addon", GLASS, True) not in events
    assert ("superseded", "addon", GLASS, True) in events  # moved on from, never declined

    typed(shop, ctx, "yes")  # the question asked was the case's

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, CASE: 1}


def test_an_old_yes_for_a_product_already_taken_names_both_and_keeps_the_newer_open(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    case_id = int(selling.suggest_addon(shop, ctx)[0].params["offer_id"])
    press(shop, ctx, "affirm", case_id)  # the open offer's own Yes: taken
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, CASE: 1}
    glass_id = int(selling.suggest_addon(shop, ctx)[0].params["offer_id"])

    replies = press(shop, ctx, "affirm", case_id)  # the case card's Yes, pressed again

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, CASE: 1}  # no glass, no 2nd case
    assert replies == [
        Reply(
            "utter_offer_button_earlier_current",
            {"name": "Clear Phone Case", "current": "Glass Screen Protector", "price": "$12.00"},
            (
                ("Yes, add it", offer_payload("affirm", glass_id)),
                ("No thanks", offer_payload("deny", glass_id)),
            ),
        )
    ]
    assert open_offer(shop) == (glass_id, GLASS)

    press(shop, ctx, "affirm", glass_id)  # the current one's Yes still takes it

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, CASE: 1, GLASS: 1}


def test_an_old_yes_for_a_sold_out_product_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx, case_id, glass_id = two_offers(shop, new_cart)
    probe.set_stock(shop, CASE, 0)

    replies = press(shop, ctx, "affirm", case_id)

    assert [r.response for r in replies] == ["utter_offer_button_earlier_current"]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert open_offer(shop) == (glass_id, GLASS)


def test_an_old_no_declines_nothing_and_the_newer_offer_stays_open(shop, new_cart, probe) -> None:
    cart_id, ctx, case_id, glass_id = two_offers(shop, new_cart)

    replies = press(shop, ctx, "deny", case_id)

    assert replies[0].response == "utter_offer_button_earlier_current"
    assert replies[0].params["name"] == "Clear Phone Case"
    assert replies[0].params["current"] == "Glass Screen Protector"
    assert open_offer(shop) == (glass_id, GLASS)
    assert not [e for e in probe.offers(shop, "conv-1") if e[0] == "declined"]

    typed(shop, ctx, "yes please")  # typed yes answers the open offer, as before

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, GLASS: 1}


def test_the_current_offers_own_buttons_accept_and_decline(shop, new_cart, probe) -> None:
    cart_id, ctx, _, glass_id = two_offers(shop, new_cart)

    added = press(shop, ctx, "affirm", glass_id)

    assert added[0].response == "utter_added"
    assert added[0].params["name"] == "Glass Screen Protector"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, GLASS: 1}

    charger = selling.suggest_addon(shop, ctx)
    declined = press(shop, ctx, "deny", int(charger[0].params["offer_id"]))

    assert declined[0].response == "utter_offer_declined"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, GLASS: 1}
    assert open_offer(shop) is None


def test_typed_no_still_answers_the_open_offer(shop, new_cart, probe) -> None:
    cart_id, ctx, _, _ = two_offers(shop, new_cart)

    replies = typed(shop, ctx, "no thanks")

    assert replies[0].response == "utter_offer_declined"
    assert replies[0].params["name"] == "Glass Screen Protector"
    assert ("declined", "addon", GLASS, True) in probe.offers(shop, "conv-1")


def test_an_id_of_no_offer_here_changes_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx, _, glass_id = two_offers(shop, new_cart)
    other_cart, other_token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    elsewhere = selling.suggest_addon(shop, ChatContext("conv-2", other_token))
    foreign = int(elsewhere[0].params["offer_id"])

    for offer_id in (foreign, 987654):
        replies = press(shop, ctx, "affirm", offer_id)
        assert replies[0].response == "utter_button_expired", offer_id
        assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
        assert open_offer(shop) == (glass_id, GLASS)
    assert probe.lines(shop, other_cart) == {"PH-ARIA-256": 1}


def test_an_old_yes_never_carries_out_a_pending_confirmation(shop, new_cart, probe) -> None:
    cart_id, ctx, case_id, glass_id = two_offers(shop, new_cart)
    asked = say(shop, ctx, Turn("action_remove_item", "remove_item", 0.99, "remove everything"))
    assert asked[0].response == "utter_confirm_action"

    press(shop, ctx, "affirm", glass_id)  # the glass card's Yes: not a yes to "remove all?"

    lines = probe.lines(shop, cart_id)
    assert "PH-ARIA-256" in lines  # the removal was not carried out
    assert set(lines) <= {"PH-ARIA-256", GLASS}


def test_an_old_swap_yes_swaps_nothing(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    ctx = ChatContext("conv-1", token)
    upgrade = selling.suggest_upgrade(shop, ctx, None)
    upgrade_id = int(upgrade[0].params["offer_id"])
    selling.suggest_addon(shop, ctx)  # a newer offer: the upgrade is superseded

    replies = press(shop, ctx, "affirm", upgrade_id)

    assert replies[0].response == "utter_offer_button_earlier_current"
    assert replies[0].params["name"] == "Aria Phone 512 GB"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}


def test_an_old_retention_yes_switches_nothing(shop, probe) -> None:
    view, token = create_subscription(shop, "alice", "care-plus")
    ctx = ChatContext("conv-1", token)
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
    offer_id = int(offer[0].params["offer_id"])
    say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no, I'll keep it"))
    assert probe.subscription(shop, view.subscription_id) == ("active", "care-plus")

    replies = press(shop, ctx, "affirm", offer_id)

    assert replies == [Reply("utter_offer_button_earlier", {"name": "switching to Care Basic"})]
    assert probe.subscription(shop, view.subscription_id) == ("active", "care-plus")


def test_the_retention_offers_own_yes_switches(shop, probe) -> None:
    view, token = create_subscription(shop, "alice", "care-plus")
    ctx = ChatContext("conv-1", token)
    offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

    replies = press(shop, ctx, "affirm", int(offer[0].params["offer_id"]))

    assert replies[0].response == "utter_subscription_switched"
    assert probe.subscription(shop, view.subscription_id) == ("active", "care-basic")


def test_what_is_it_exactly_is_answered_from_the_offer_which_stays_open(
    shop, new_cart, probe
) -> None:
    cart_id, ctx, _, glass_id = two_offers(shop, new_cart)

    for action, intent in (("action_offer_detail", "ask_offer_detail"),
                           ("action_show_cart", "ask_cart")):  # fmt: skip
        replies = say(shop, ctx, Turn(action, intent, 0.9, "what is it exactly?"))
        assert replies[0].response == "utter_offer_detail_addon", intent
        assert replies[0].params["name"] == "Glass Screen Protector"
        assert replies[0].params["price"] == "$12.00" and replies[0].params["reason"]
        assert open_offer(shop) == (glass_id, GLASS)

    typed(shop, ctx, "ok add it")

    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, GLASS: 1}


def test_an_old_yes_from_another_carts_token_asks_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx, case_id, glass_id = two_offers(shop, new_cart)
    other_cart, other_token = new_cart(shop)

    replies = press(shop, ChatContext("conv-1", other_token), "affirm", case_id)

    assert [r.response for r in replies] == ["utter_offer_button_earlier_current"]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert probe.lines(shop, other_cart) == {}
    assert open_offer(shop) == (glass_id, GLASS)
