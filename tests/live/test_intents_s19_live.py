"""Live (s19 intents): the reviewer's exact phrasings over REST, the store checked after each.

G29/G30 resume/renew/keep never cancel; G31 negated adds never add; G34 "everything except"
keeps the named line; G16 a bare "cancel" after an add asks which; G24 a late "no" answers no
stale offer; G32 "yes... actually no"; G28 "stop the recurring payments"; G23 "swop".
"""

from __future__ import annotations

import pytest

from tests.live.helpers import Live, texts
from tests.live.test_cart_language import Shopper, lines
from tests.live.test_shopper_guards_live import subscribe, subscription


def _status(live: Live, sub_id: int, token: str) -> tuple[str, str]:
    sub = subscription(live, sub_id, token)
    return sub["status"], sub["plan"]


@pytest.mark.parametrize(
    "first",
    [
        "resume my subscription",
        "renew my subscription",
        "reactivate my plan",
        "I don't want to cancel my subscription",
        "keep my subscription",
    ],
)
def test_resume_renew_and_keep_never_cancel(live: Live, first: str) -> None:
    sub_id, cart_token, sub_token = subscribe(live, f"live-s19-keep-{abs(hash(first))}")
    chat = live.conversation(cart_token)

    said = texts(chat.say(first))
    assert not said[0].startswith("Before you cancel"), (first, said)
    said += texts(chat.say("no!"))
    said += texts(chat.say("no, renew it"))

    assert _status(live, sub_id, sub_token) == ("active", "care-plus"), (first, said)


def test_resume_after_a_pause_never_cancels(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s19-resume-paused")
    chat = live.conversation(cart_token)
    said = texts(chat.say("pause my subscription"))
    if said[0].startswith("Just to be sure"):
        said = texts(chat.say("yes"))
    assert _status(live, sub_id, sub_token)[0] == "paused", said

    for text in ("actually resume my subscription", "please unpause it"):
        said = texts(chat.say(text))
        assert _status(live, sub_id, sub_token)[0] == "paused", (text, said)
        assert not said[0].startswith("Your Care Plus subscription is paused"), (text, said)


def test_cancel_anyway_still_cancels_at_once(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s19-cancel-anyway")
    chat = live.conversation(cart_token)
    offer = texts(chat.say("cancel my subscription"))
    assert offer[0].startswith("Before you cancel"), offer

    done = texts(chat.say("/cancel_anyway"))

    assert done[0].startswith("Your Care Plus subscription is canceled"), done
    assert _status(live, sub_id, sub_token)[0] == "canceled"


@pytest.mark.parametrize(
    "text", ["I didn't mean to add the mug", "I never wanted the mug", "I don't want the mug"]
)
def test_a_negated_add_never_adds(live: Live, text: str) -> None:
    shopper = Shopper(live, f"live-s19-negated-{abs(hash(text))}", **{"CF-MUG": 1})

    said = texts(shopper.chat.say(text))

    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}, (text, said)
    if said[0] == "Just to be sure: do you want me to remove Ceramic Mug from your cart?":
        texts(shopper.chat.say("yes"))
        assert lines(live, shopper.cart_id, shopper.token) == {}


def test_never_wanted_two_filters_adds_none(live: Live) -> None:
    shopper = Shopper(live, "live-s19-never-filters", **{"CF-MUG": 1})
    said = texts(shopper.chat.say("I never wanted to add 2 filters"))
    assert lines(live, shopper.cart_id, shopper.token) == {"CF-MUG": 1}, said


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("remove everything except the mug", "CF-MUG"),
        ("take out everything but the tripod", "CA-TRIPOD"),
        ("only keep the mug", "CF-MUG"),
    ],
)
def test_remove_everything_except_keeps_the_named_line(live: Live, text: str, kept: str) -> None:
    start = {"CF-MUG": 1, "CA-TRIPOD": 1, "CF-BEANS-ESP": 1}
    shopper = Shopper(live, f"live-s19-except-{abs(hash(text))}", **start)

    asked = shopper.says(text, "Just to be sure: do you want me to remove", start)
    shopper.says("yes", "Removed", {kept: 1})
    assert asked


def test_a_bare_cancel_after_an_add_asks_which(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s19-bare-cancel")
    chat = live.conversation(cart_token)
    chat.say("add a ceramic mug")

    said = texts(chat.say("cancel"))
    said += texts(chat.say("no"))

    assert _status(live, sub_id, sub_token)[0] == "active", said


def test_a_late_no_answers_no_stale_retention_offer(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s19-stale")
    chat = live.conversation(cart_token)
    said = texts(chat.say("cancel my subscription"))
    for text in ("what's in my cart?", "how far am I from free shipping?", "thanks", "no"):
        said += texts(chat.say(text))

    assert _status(live, sub_id, sub_token) == ("active", "care-plus"), said


@pytest.mark.parametrize("answer", ["yes... actually no", "sure — wait, no"])
def test_a_yes_that_turns_into_no_to_a_retention_offer_changes_nothing(
    live: Live, answer: str
) -> None:
    sub_id, cart_token, sub_token = subscribe(live, f"live-s19-yes-no-{abs(hash(answer))}")
    chat = live.conversation(cart_token)
    chat.say("cancel my subscription")

    said = texts(chat.say(answer))

    assert _status(live, sub_id, sub_token) == ("active", "care-plus"), said


def test_stop_the_recurring_payments_is_asked_as_a_cancel(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s19-stop-payments")
    chat = live.conversation(cart_token)

    said = texts(chat.say("stop the recurring payments"))

    assert not said[0].startswith("Your total"), said
    assert _status(live, sub_id, sub_token)[0] == "active"


def test_a_swop_never_adds_the_item_being_replaced(live: Live) -> None:
    shopper = Shopper(live, "live-s19-swop", **{"CF-BEANS-ESP": 1, "CF-MUG": 2})

    said = texts(shopper.chat.say("put the decaf beans in place of the espresso beans"))
    if said[0].startswith(("Did you mean", "Just to be sure")):
        said += texts(shopper.chat.say("yes"))

    cart = lines(live, shopper.cart_id, shopper.token)
    assert cart.get("CF-BEANS-ESP", 0) <= 1 and cart.get("CF-MUG") == 2, said
