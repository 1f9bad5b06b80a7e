"""Live (review s21): subscription faults over REST, the store asserted after every message.

Which subscription (R16), a second pause, a pause whose date has passed, "what if I pause
it?" and "cancel my delivery". The NLU may read a message unsure and ask "Just to be sure:
…?" first; that question must name the real action, and only its "yes" carries it out.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.store.tables import SubscriptionRow, utcnow
from tests.live.helpers import Live, payloads, texts
from tests.live.test_answers_s19_live import SURE, status
from tests.live.test_shopper_guards_live import subscribe


def _premium_too(live: Live, customer: str) -> tuple[int, str]:
    sub = live.server(
        "POST", "/api/subscriptions", {"customer_id": customer, "plan": "care-premium"}
    )
    return sub["subscription_id"], sub["token"]


def _pause(live: Live, sub_id: int, days: int) -> None:
    with live.shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        row.status, row.paused_until = "paused", utcnow() + timedelta(days=days)


def _paused_until(live: Live, sub_id: int) -> date | None:
    with live.shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        return None if row.paused_until is None else row.paused_until.date()


def _said(chat, text: str, about: str) -> list[str]:
    """Say ``text``; a "Just to be sure" that names ``about`` is answered yes."""
    said = texts(chat.say(text))
    if said[0].startswith(SURE):
        assert about in said[0], said
        said = texts(chat.say("yes"))
    return said


def test_two_subscriptions_are_asked_about_and_the_answer_picks(live: Live) -> None:
    plus_id, cart_token, plus_token = subscribe(live, "live-s21-r16")
    premium_id, premium_token = _premium_too(live, "live-s21-r16")
    chat = live.conversation(cart_token)

    asked = chat.say("cancel my subscription")
    said = texts(asked)
    if said[0].startswith(SURE):
        asked = chat.say("yes")
    said = texts(asked)

    assert said[0].startswith("Which subscription should I cancel: Care Premium"), said
    assert [title for title, _ in payloads(asked)] == ["Care Premium", "Care Plus"]
    assert status(live, plus_id, plus_token) == ("active", "care-plus")
    assert status(live, premium_id, premium_token) == ("active", "care-premium")
    offer = texts(chat.say("the second one"))
    assert offer[0].startswith("Before you cancel Care Plus"), offer
    done = texts(chat.say("cancel anyway"))
    assert "canceled" in done[0] and "Care Premium" in done[0], done
    assert status(live, plus_id, plus_token) == ("canceled", "care-plus")
    assert status(live, premium_id, premium_token) == ("active", "care-premium")


def test_a_pause_with_two_subscriptions_pauses_only_the_picked_one(live: Live) -> None:
    plus_id, cart_token, plus_token = subscribe(live, "live-s21-r16-pause")
    premium_id, premium_token = _premium_too(live, "live-s21-r16-pause")
    chat = live.conversation(cart_token)

    said = _said(chat, "pause it", "pause")
    assert said[0].startswith("Which subscription should I pause"), said
    assert status(live, premium_id, premium_token) == ("active", "care-premium")
    premium = next(t for t, _ in payloads(chat.last) if t.startswith("Care Premium"))
    button = chat.press(premium)  # the button the bot showed, its payload as shown

    assert texts(button)[0].startswith("Your Care Premium subscription is paused"), button
    assert status(live, premium_id, premium_token) == ("paused", "care-premium")
    assert status(live, plus_id, plus_token) == ("active", "care-plus")


def test_a_second_pause_asks_before_moving_the_resume_date(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s21-pause2")
    _pause(live, sub_id, 5)
    before = _paused_until(live, sub_id)
    chat = live.conversation(cart_token)

    said = _said(chat, "pause my subscription for 2 weeks", "pause")

    new_date = utcnow().date() + timedelta(days=14)
    assert said[0].startswith(f"Your Care Plus subscription is already paused until {before:%B %d}")
    assert f"{new_date:%B %d}" in said[0], said
    assert _paused_until(live, sub_id) == before
    moved = texts(chat.say("yes"))
    assert moved[0].startswith("Done — your Care Plus subscription now stays paused"), moved
    assert _paused_until(live, sub_id) == new_date
    assert status(live, sub_id, token) == ("paused", "care-plus")


def test_a_pause_whose_date_has_passed_is_active(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s21-lapsed")
    _pause(live, sub_id, -2)
    chat = live.conversation(cart_token)

    said = texts(chat.say("is my subscription active?"))

    assert said[0].startswith("Your Care Plus subscription is active"), said
    assert status(live, sub_id, token) == ("active", "care-plus")
    offer = _said(chat, "cancel my subscription", "cancel")
    assert offer[0].startswith("Before you cancel Care Plus"), offer  # active: offered first


def test_what_if_i_pause_gets_the_terms_and_changes_nothing(live: Live) -> None:
    for n, text in enumerate(("what if I pause it?", "what happens if I pause?")):
        sub_id, cart_token, token = subscribe(live, f"live-s21-terms-{n}")
        chat = live.conversation(cart_token)

        said = texts(chat.say(text))

        assert said[0].startswith("If you pause Care Plus, nothing is charged for a month"), said
        assert "$9.99" in said[0] and "Nothing has changed" in said[0]
        assert status(live, sub_id, token) == ("active", "care-plus")
        assert _paused_until(live, sub_id) is None


def test_cancel_my_delivery_is_asked_back(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s21-delivery")
    chat = live.conversation(cart_token)

    asked = chat.say("cancel my delivery")

    said = texts(asked)
    assert said[0].startswith("Do you mean your Care Plus subscription, or an order"), said
    assert "total" not in " ".join(said).lower()
    assert status(live, sub_id, token) == ("active", "care-plus")
    order = texts(chat.say("an order"))
    assert order[0].startswith("I can't cancel a placed order here"), order
    assert status(live, sub_id, token) == ("active", "care-plus")


def test_resume_with_two_subscriptions_resumes_the_paused_one_it_names(live: Live) -> None:
    plus_id, cart_token, plus_token = subscribe(live, "live-s21-resume")
    premium_id, premium_token = _premium_too(live, "live-s21-resume")
    _pause(live, plus_id, 5)
    chat = live.conversation(cart_token)

    said = texts(chat.say("resume my subscription"))

    assert said[0].startswith(SURE + "resume your Care Plus subscription now"), said
    assert status(live, plus_id, plus_token) == ("paused", "care-plus")
    done = texts(chat.say("yes"))
    assert done[0].startswith("Done — your Care Plus subscription is active again"), done
    assert status(live, plus_id, plus_token) == ("active", "care-plus")
    assert status(live, premium_id, premium_token) == ("active", "care-premium")
