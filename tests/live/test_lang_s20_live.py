"""Live (review s20: G6, G12, G25, G27, G29, G30, delivery cancel, pause-not-cancel), over REST.

Each test asserts the store after every message: unchanged while the shopper is asked,
and changed exactly as picked or confirmed. The NLU may read a message unsure and ask
"Just to be sure: …?" first; that question must name the real action.
"""

from __future__ import annotations

from tests.live.helpers import Live, payloads, texts
from tests.live.test_cart_language import Shopper, lines
from tests.live.test_shopper_guards_live import subscribe, subscription

SURE = "Just to be sure: do you want me to "


def _status(live: Live, sub_id: int, token: str) -> str:
    return subscription(live, sub_id, token)["status"]


def test_which_line_question_yes_adds_nothing_and_a_name_answers(live: Live) -> None:
    shopper = Shopper(live, "live-s20-g6")
    said = texts(shopper.chat.say("add an aria phone 128"))
    assert said[0].startswith("Added 1 × Aria Phone 128 GB"), said
    before = lines(live, shopper.cart_id, shopper.token)

    asked = shopper.chat.say("2")
    assert texts(asked)[0].startswith(SURE + "add 2 × "), texts(asked)
    again = texts(shopper.chat.say("yes"))

    assert again[0].startswith("Which one do you mean"), again
    assert lines(live, shopper.cart_id, shopper.token) == before
    done = texts(shopper.chat.say("the phone"))
    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-128": 2}, done


def test_removal_confirmation_names_the_product(live: Live) -> None:
    shopper = Shopper(live, "live-s20-g12", **{"PH-ARIA-256": 1})
    shopper.says("add a mug", "Added 1 × Ceramic Mug", {"PH-ARIA-256": 1, "CF-MUG": 1})

    said = texts(shopper.chat.say("remove that item"))

    assert "remove that" not in said[0], said
    if said[0].startswith(SURE):
        assert said[0] == SURE + "remove Ceramic Mug?", said
        said = texts(shopper.chat.say("yes"))
    assert said[0].startswith("Removed Ceramic Mug"), said
    assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-256": 1}


def test_did_you_mean_answers_complete_the_add(live: Live) -> None:
    for n, answer in enumerate(("not that, the 256 one", "the second one", "256 please")):
        shopper = Shopper(live, f"live-s20-g25-{n}")
        asked = texts(shopper.chat.say("add an aria phone"))
        assert asked[0].startswith("Did you mean"), asked

        said = texts(shopper.chat.say(answer))

        assert said[0].startswith("Added 1 × Aria Phone 256 GB"), (answer, said)
        assert lines(live, shopper.cart_id, shopper.token) == {"PH-ARIA-256": 1}


def test_stop_never_cancels(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s20-g27")
    chat = live.conversation(cart_token)
    said = chat.say("stop")
    assert texts(said)[0].startswith("What would you like to stop?"), texts(said)
    assert ("Cancel my subscription", "/cancel_subscription") in payloads(said)
    assert _status(live, sub_id, sub_token) == "active"

    offer = texts(chat.say("cancel my subscription"))
    assert offer[0].startswith("Before you cancel"), offer
    kept = texts(chat.say("stop"))

    assert kept[0].startswith("Okay, your Care Plus subscription stays as it is"), kept
    assert _status(live, sub_id, sub_token) == "active"


def test_resume_is_confirmed_then_resumes(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s20-g29")
    chat = live.conversation(cart_token)
    said = texts(chat.say("pause my subscription"))
    if said[0].startswith(SURE):
        said = texts(chat.say("yes"))
    assert _status(live, sub_id, sub_token) == "paused", said

    asked = texts(chat.say("unpause it"))
    assert asked[0].startswith(SURE + "resume your Care Plus subscription now"), asked
    assert _status(live, sub_id, sub_token) == "paused"
    done = texts(chat.say("yes"))

    assert done[0].startswith("Done — your Care Plus subscription is active again"), done
    assert _status(live, sub_id, sub_token) == "active"


def test_status_is_answered_never_asked_as_a_cancel(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s20-g30")
    chat = live.conversation(cart_token)
    for text in ("is my subscription active?", "what's my subscription status"):
        said = texts(chat.say(text))

        assert said[0].startswith("Your Care Plus subscription is active, at $"), (text, said)
        assert _status(live, sub_id, sub_token) == "active"


def test_cancel_my_monthly_delivery_is_the_subscription_cancel(live: Live) -> None:
    sub_id, cart_token, sub_token = subscribe(live, "live-s20-delivery")
    chat = live.conversation(cart_token)

    offer = chat.say("cancel my monthly delivery")

    assert texts(offer)[0].startswith("Before you cancel"), texts(offer)
    assert ("Cancel anyway", "/cancel_anyway") in payloads(offer)
    done = texts(chat.say("/cancel_anyway"))
    assert done[0].startswith("Your Care Plus subscription is canceled"), done
    assert _status(live, sub_id, sub_token) == "canceled"


def test_not_cancel_just_pause_is_a_confirmed_pause(live: Live) -> None:
    for n, text in enumerate(("not cancel, just pause", "I don't want to cancel, just pause it")):
        sub_id, cart_token, sub_token = subscribe(live, f"live-s20-pause-{n}")
        chat = live.conversation(cart_token)

        asked = texts(chat.say(text))

        assert asked[0].startswith(SURE + "pause your Care Plus subscription"), (text, asked)
        assert _status(live, sub_id, sub_token) == "active"
        done = texts(chat.say("yes"))
        assert done[0].startswith("Your Care Plus subscription is paused"), (text, done)
        assert _status(live, sub_id, sub_token) == "paused"
