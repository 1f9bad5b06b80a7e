"""Live (s17): the reviewer's seven defects over REST, asserting the store after each message.

Pause lengths, two retention options at once, filler words and "one less", bulk removals
(confirmed first), number words before a capacity and "x 2" after a name, "no, but add X"
during an offer, negated wants and statements. Zero wrong cart or subscription changes.
"""

from __future__ import annotations

from datetime import timedelta

from bot.store.offers import OfferRepository
from bot.store.tables import SubscriptionRow, utcnow
from tests.live.helpers import Live, payloads, shaped, texts
from tests.live.test_cart_language import Shopper, lines


def subscribe(live: Live, customer: str) -> tuple[int, str, str]:
    cart = live.server("POST", "/api/carts", {"customer_id": customer})
    sub = live.server("POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-plus"})
    return sub["subscription_id"], cart["token"], sub["token"]


def subscription(live: Live, sub_id: int, token: str) -> dict:
    return live.api("GET", f"/api/subscriptions/{sub_id}", token=token)


def paused_days(live: Live, sub_id: int) -> float:
    with live.shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None and row.paused_until is not None
        until = row.paused_until.replace(tzinfo=None)
        return (until - utcnow().replace(tzinfo=None)) / timedelta(days=1)


def answered(chat, text: str) -> list[dict]:
    """Say ``text``; a "Just to be sure" (an unsure model) is answered yes."""
    replies = chat.say(text)
    if texts(replies)[0].startswith("Just to be sure"):
        replies = chat.say("yes")
    return replies


def test_a_pause_length_is_honoured_or_refused_never_silently_changed(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s17-pause")
    chat = live.conversation(cart_token)

    refused = answered(chat, "pause it for 3 months")

    assert texts(refused)[0].startswith(
        "Sorry, I can pause Care Plus for at most a month at a time, so not for 3 months."
    ), texts(refused)
    assert ("Pause for a month", "/pause_subscription{question}") in shaped(refused)
    assert subscription(live, sub_id, sub_token)["status"] == "active"

    granted = answered(chat, "then pause it for two weeks")

    assert texts(granted)[0].startswith("Your Care Plus subscription is paused for 2 weeks")
    assert subscription(live, sub_id, sub_token)["status"] == "paused"
    assert 13.9 < paused_days(live, sub_id) <= 14


def test_two_retention_options_at_once_are_asked_about_and_nothing_changes(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s17-two-options")
    chat = live.conversation(cart_token)
    offer = chat.say("I want to cancel my subscription")
    assert texts(offer)[0].startswith("Before you cancel Care Plus")

    replies = answered(chat, "switch to basic and give me the discount too")

    assert texts(replies)[0].startswith(
        "I can do one of those, not both: a discount or switching to Care Basic."
    ), texts(replies)
    sub = subscription(live, sub_id, sub_token)
    assert (sub["status"], sub["plan"], sub["next_price"]) == ("active", "care-plus", "9.99")
    assert ("Switch to Care Basic", "/affirm{offer}") in shaped(replies)

    picked = chat.say(dict(payloads(replies))["Switch to Care Basic"])

    assert texts(picked)[0].startswith("Done — you're on Care Basic")
    sub = subscription(live, sub_id, sub_token)
    assert (sub["status"], sub["plan"], sub["next_price"]) == ("active", "care-basic", "4.99")


def test_filler_words_one_less_and_a_bulk_removal(live: Live) -> None:
    shopper = Shopper(live, "live-s17-filler", **{"CA-TRIPOD": 1})

    shopper.says("add 3 mugs", "Added 3 × Ceramic Mug", {"CA-TRIPOD": 1, "CF-MUG": 3})
    shopper.says("one less", "Took 1 × Ceramic Mug out; 2 left.", {"CA-TRIPOD": 1, "CF-MUG": 2})
    shopper.says("actually remove that", "Removed Ceramic Mug.", {"CA-TRIPOD": 1})
    shopper.says("add 2 mugs", "Added 2 × Ceramic Mug", {"CA-TRIPOD": 1, "CF-MUG": 2})
    shopper.says(
        "remove everything",
        "Just to be sure: do you want me to remove everything from your cart?",
        {"CA-TRIPOD": 1, "CF-MUG": 2},
    )
    shopper.says("no", "Okay, I haven't changed anything.", {"CA-TRIPOD": 1, "CF-MUG": 2})
    shopper.says(
        "empty my cart",
        "Just to be sure: do you want me to remove everything from your cart?",
        {"CA-TRIPOD": 1, "CF-MUG": 2},
    )
    shopper.says("yes", "Removed everything (2 lines) from your cart.", {})


def test_number_words_before_a_capacity_and_times_after_a_name(live: Live) -> None:
    shopper = Shopper(live, "live-s17-quantities")

    shopper.says("add five 64 gb sd cards", "Added 5 × 64 GB SD Card", {"CA-SD-64": 5})
    shopper.says(
        "aria phone 128 x 2", "Added 2 × Aria Phone 128 GB", {"CA-SD-64": 5, "PH-ARIA-128": 2}
    )


def test_no_but_add_records_the_decline_and_adds(live: Live) -> None:
    shopper = Shopper(live, "live-s17-no-but")
    offer = shopper.says(
        "add the Aria Phone 256 GB", "Added 1 × Aria Phone 256 GB", {"PH-ARIA-256": 1}
    )
    assert offer[1].startswith("Clear Phone Case for $19.00")

    said = shopper.says(
        "no, but add a travel tripod",
        "No problem — I won't suggest Clear Phone Case again.",
        {"PH-ARIA-256": 1, "CA-TRIPOD": 1},
    )

    assert said[1].startswith("Added 1 × Travel Tripod"), said
    with live.shop.session_factory.begin() as session:
        events = [(e.event, e.sku) for e in OfferRepository(session).events(shopper.chat.sender)]
    assert ("declined", "PA-CASE-CLR") in events
    suggestion = shopper.says("what goes with my cart?", "", {"PH-ARIA-256": 1, "CA-TRIPOD": 1})
    assert "Clear Phone Case" not in " ".join(suggestion)  # a declined item is never re-offered


def test_negated_wants_and_statements_never_change_the_cart(live: Live) -> None:
    shopper = Shopper(live, "live-s17-statements", **{"CF-MUG": 2})

    said = texts(shopper.chat.say("I don't need any more mugs"))
    assert not said[0].startswith(("Removed", "Took")), said
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 2}
    if said[0].startswith("Just to be sure"):
        shopper.says("no", "Okay, I haven't changed anything.", {"CF-MUG": 2})

    shopper.says("mugs are nice", "Noted! I haven't changed your cart.", {"CF-MUG": 2})
    removal = texts(answered(shopper.chat, "I don't want the mug anymore"))
    assert removal[0].startswith("Removed Ceramic Mug."), removal
    assert lines(live, shopper.cart_id, shopper.token) == {}
