"""Live: cross-sell, free shipping and the pushy-selling rules, with store effects."""

from __future__ import annotations

from bot.store.offers import OfferRepository
from tests.live.helpers import Live, payloads, shaped, texts


def offer_events(live: Live, conversation_id: str) -> list[tuple[str, str, str, bool]]:
    with live.shop.session_factory.begin() as session:
        rows = OfferRepository(session).events(conversation_id)
        return [(r.event, r.kind, r.sku, r.solicited) for r in rows]


def cart_lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def test_cross_sell_accepted_adds_to_cart_with_true_reason(live: Live) -> None:
    cart_id, token = live.new_cart("live-cross-sell")
    chat = live.conversation(token)

    replies = chat.say("add the Aria Phone 256 GB to my cart")
    assert texts(replies)[0] == "Added 1 × Aria Phone 256 GB. Subtotal: $799.00."
    offer = texts(replies)[1]
    assert offer.startswith("Clear Phone Case for $19.00 — bought together in ")
    assert "of orders with your Aria Phone 256 GB" in offer
    assert shaped(replies) == [("Yes, add it", "/affirm{offer}"), ("No thanks", "/deny{offer}")]

    replies = chat.say("yes, add it")
    assert texts(replies) == ["Added 1 × Clear Phone Case. Subtotal: $818.00."]
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}
    assert offer_events(live, chat.sender) == [
        ("shown", "addon", "PA-CASE-CLR", False),
        ("accepted", "addon", "PA-CASE-CLR", False),
    ]


def test_at_most_one_unsolicited_offer_per_conversation(live: Live) -> None:
    cart_id, token = live.new_cart("live-one-offer")
    chat = live.conversation(token)

    first = chat.say("add the Aria Phone 128 GB")
    assert len(first) == 2 and payloads(first)  # added + the one unsolicited offer
    chat.say("no thanks")
    second = chat.say("add the Snap Camera Entry")
    assert texts(second) == ["Added 1 × Snap Camera Entry. Subtotal: $1,148.00."]
    checkout = chat.say("I want to check out")
    assert texts(checkout) == [
        "Your total is $1,148.00 ($1,148.00 + $0.00 shipping). "
        "You can pay on the checkout page whenever you're ready."
    ]
    shown = [e for e in offer_events(live, chat.sender) if e[0] == "shown"]
    assert shown == [("shown", "addon", "PA-CASE-CLR", False)]
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-128": 1, "CM-SNAP-ENT": 1}


def test_declined_item_is_never_offered_again(live: Live) -> None:
    _, token = live.new_cart("live-declined")
    chat = live.conversation(token)

    chat.say("add the Aria Phone 256 GB")
    assert texts(chat.say("no thanks")) == ["No problem — I won't suggest Clear Phone Case again."]
    offered = set()
    for _ in range(3):
        replies = chat.say("what goes with this?")
        assert "Clear Phone Case" not in " ".join(texts(replies))
        name = texts(replies)[0].split(" for $")[0]
        assert name not in offered
        offered.add(name)
        chat.say("no")
    declined = {e[2] for e in offer_events(live, chat.sender) if e[0] == "declined"}
    assert len(declined) == 4 and "PA-CASE-CLR" in declined


def test_free_shipping_gap_is_exact_and_closer_is_offered(live: Live) -> None:
    cart_id, token = live.new_cart("live-shipping", **{"PA-CASE-CLR": 1})
    chat = live.conversation(token)

    replies = chat.say("how much more do I need for free shipping?")
    assert texts(replies)[0] == (
        "You're $31.00 away from free shipping (free from $50.00; shipping is $4.99 now)."
    )
    assert "closes your free-shipping gap" in texts(replies)[1]
    chat.say("yes please")
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    assert cart["remaining_for_free_shipping"] == "0.00" and cart["shipping"] == "0.00"


def test_no_selling_to_an_upset_customer(live: Live) -> None:
    cart_id, token = live.new_cart("live-upset")
    chat = live.conversation(token)

    ack = chat.say("this is ridiculous, my last order arrived broken")
    assert texts(ack) == [
        "I'm sorry about that. I won't suggest anything else — tell me what went wrong and "
        'I\'ll fix it, or say "human" to reach our team.'
    ]
    replies = chat.say("add the Aria Phone 256 GB")
    assert texts(replies) == ["Added 1 × Aria Phone 256 GB. Subtotal: $799.00."]
    assert offer_events(live, chat.sender) == []
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-256": 1}


def test_upgrade_offer_states_price_difference_and_swaps(live: Live) -> None:
    cart_id, token = live.new_cart("live-upgrade", **{"PH-ARIA-128": 1})
    chat = live.conversation(token)

    replies = chat.say("is there a bigger one?")
    assert texts(replies) == [
        "There's Aria Phone 256 GB at $799.00: 256 GB instead of 128 GB for $100.00 more. "
        "Swap it in for your Aria Phone 128 GB?"
    ]
    assert texts(chat.say("yes")) == [
        "Done — swapped Aria Phone 128 GB for Aria Phone 256 GB. Subtotal: $799.00."
    ]
    assert cart_lines(live, cart_id, token) == {"PH-ARIA-256": 1}
