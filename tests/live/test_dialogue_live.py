"""Live: the pending question over REST — own-word answers, retention options, confirmations.

Every test asserts the store through the shop API: zero wrong cart or subscription changes.
"""

from __future__ import annotations

from bot.store.offers import OfferRepository
from tests.live.helpers import Live, payloads, shaped, texts


def offer_events(live: Live, conversation_id: str) -> list[tuple[str, str, str]]:
    with live.shop.session_factory.begin() as session:
        rows = OfferRepository(session).events(conversation_id)
        return [(r.event, r.kind, r.sku) for r in rows]


def cart_lines(live: Live, cart_id: int, token: str) -> dict[str, int]:
    cart = live.api("GET", f"/api/carts/{cart_id}", token=token)
    return {line["sku"]: line["quantity"] for line in cart["lines"]}


def subscribe(live: Live, customer: str, plan: str) -> tuple[int, str, str]:
    cart = live.server("POST", "/api/carts", {"customer_id": customer})
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": plan})
    return sub["subscription_id"], cart["token"], sub["token"]


def answered(chat, text: str) -> list[dict]:
    """Say ``text``; when the bot asks "Just to be sure…" first (an unsure intent), say yes.

    Whether the model is sure of a phrase depends on the training data; the end state of
    the store is what these tests assert.
    """
    replies = chat.say(text)
    if texts(replies)[0].startswith("Just to be sure"):
        replies = chat.say("yes")
    return replies


def subscription(live: Live, sub_id: int, token: str) -> dict:
    return live.api("GET", f"/api/subscriptions/{sub_id}", token=token)


def test_offer_accepted_in_own_words_adds_the_offered_product(live: Live) -> None:
    for n, words in enumerate(("put that in too", "sure, throw it in", "go on then")):
        cart_id, token = live.new_cart(f"live-own-words-{n}")
        chat = live.conversation(token)
        offer = chat.say("add the Aria Phone 256 GB")
        assert texts(offer)[1].startswith("Clear Phone Case for $19.00"), words

        replies = chat.say(words)

        assert texts(replies) == ["Added 1 × Clear Phone Case. Subtotal: $818.00."], words
        assert cart_lines(live, cart_id, token) == {"PH-ARIA-256": 1, "PA-CASE-CLR": 1}, words


def test_pause_during_a_switch_offer_pauses_and_does_not_switch(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-pause-not-switch", "care-plus")
    chat = live.conversation(cart_token)
    offer = chat.say("I want to cancel my subscription")
    assert texts(offer)[0].startswith("Before you cancel Care Plus ($9.99/month): you could switch")

    replies = answered(chat, "can I pause it instead?")

    assert texts(replies)[0].startswith("Your Care Plus subscription is paused for a month")
    sub = subscription(live, sub_id, sub_token)
    assert (sub["status"], sub["plan"]) == ("paused", "care-plus")


def test_price_question_during_retention_is_answered_without_a_pitch(live: Live) -> None:
    customer = "live-retention-price"
    cart_id, cart_token = live.new_cart(customer, **{"PA-CASE-CLR": 1})  # $19: a gap to close
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"})
    chat = live.conversation(cart_token)
    chat.say("cancel my subscription")

    replies = chat.say("how much is that?")

    assert texts(replies) == [
        "Care Basic is $4.99/month, $5.00 less than your Care Plus at $9.99/month. "
        "Switch, or cancel right away?"
    ]
    assert ("Cancel anyway", "/cancel_anyway") in payloads(replies)
    gap = chat.say("how far am I from free shipping?")
    checkout = chat.say("I want to check out")
    assert len(gap) == 1 and len(checkout) == 1  # the answer only, no pitch after it
    assert texts(checkout)[0].startswith("Your total is")
    # The offer closed once the shopper moved on (s19 G24); still nothing is pitched.
    assert offer_events(live, chat.sender) == [
        ("shown", "retention_plan", "care-basic"),
        ("superseded", "retention_plan", "care-basic"),
    ]
    assert cart_lines(live, cart_id, cart_token) == {"PA-CASE-CLR": 1}
    assert subscription(live, sub["subscription_id"], sub["token"])["status"] == "active"


def test_a_discount_asked_for_during_the_offer_is_applied_with_its_exact_price(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-discount", "care-plus")
    chat = live.conversation(cart_token)
    chat.say("cancel my subscription")

    replies = answered(chat, "could I get a discount instead?")

    assert texts(replies) == [
        "Done — Care Plus is $7.99/month for your next 3 renewals, then $9.99/month again."
    ]
    sub = subscription(live, sub_id, sub_token)
    assert (sub["status"], sub["plan"], sub["price"], sub["next_price"]) == (
        "active",
        "care-plus",
        "9.99",
        "7.99",
    )
    assert (sub["discount_percent"], sub["discount_renewals"]) == (20, 3)


def test_an_option_that_does_not_exist_leaves_the_subscription_and_cancel_is_one_turn_away(
    live: Live,
) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-no-cheaper", "care-basic")
    chat = live.conversation(cart_token)
    offer = chat.say("cancel my subscription")
    assert texts(offer)[0].startswith("Before you cancel Care Basic: you could pause it")

    replies = answered(chat, "can I switch to a cheaper plan instead?")

    assert texts(replies)[0].startswith("Sorry, a cheaper plan isn't something I can offer")
    assert subscription(live, sub_id, sub_token)["status"] == "active"
    assert texts(chat.say("cancel anyway")) == [
        "Your Care Basic subscription is canceled. You won't be charged again."
    ]
    assert subscription(live, sub_id, sub_token)["status"] == "canceled"


def test_low_confidence_add_asks_first_and_the_cart_is_unchanged(live: Live) -> None:
    cart_id, token = live.new_cart("live-low-confidence")
    chat = live.conversation(token)

    # Rasa's "/intent@confidence{entities}" message: the NLU result an unsure model gives.
    asked = chat.say('/add_item@0.45{"product": "clear phone case", "quantity": "2"}')

    assert texts(asked) == ["Just to be sure: do you want me to add 2 × clear phone case?"]
    assert shaped(asked)[0] == ("Yes", "/add_item{question}")  # names its question
    assert cart_lines(live, cart_id, token) == {}
    assert texts(chat.say("no")) == ["Okay, I haven't changed anything."]
    assert cart_lines(live, cart_id, token) == {}

    chat.say('/add_item@0.45{"product": "clear phone case", "quantity": "2"}')
    done = chat.say("yes")
    assert texts(done)[0] == "Added 2 × Clear Phone Case. Subtotal: $38.00."
    assert cart_lines(live, cart_id, token) == {"PA-CASE-CLR": 2}


def test_low_confidence_cancel_asks_and_the_subscription_stays(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-low-cancel", "care-plus")
    chat = live.conversation(cart_token)

    asked = chat.say("/cancel_subscription@0.5")

    assert texts(asked) == ["Just to be sure: do you want me to cancel your subscription?"]
    assert subscription(live, sub_id, sub_token)["status"] == "active"
    assert offer_events(live, chat.sender) == []
