"""Live (review s20 R17, R1, R15): pause lengths, "no pause, just cancel", changed prices.

Each test asserts the store after every message over REST. The NLU may read a message
unsure and ask "Just to be sure: …?" first; that question must name the real action, and
its "yes" must carry it out. Dates are relative to the store's clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.store.tables import PlanRow, SubscriptionRow, utcnow
from tests.live.helpers import Live, texts
from tests.live.test_answers_s19_live import SURE, retention_offer, status
from tests.live.test_shopper_guards_live import subscribe


def _paused_until(live: Live, sub_id: int) -> date | None:
    with live.shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        return None if row.paused_until is None else row.paused_until.date()


def _said(chat, text: str) -> list[str]:
    """Say ``text``; a "Just to be sure" about the same pause is answered yes."""
    said = texts(chat.say(text))
    if said[0].startswith(SURE) and "pause" in said[0]:
        said = texts(chat.say("yes"))
    return said


def test_a_pause_until_a_date_or_for_a_fortnight_pauses_exactly_that_long(live: Live) -> None:
    end = utcnow().date() + timedelta(days=10)
    cases = ((f"pause my subscription until {end:%B} {end.day}", end),
             ("pause it for a fortnight", utcnow().date() + timedelta(days=14)))  # fmt: skip
    for n, (text, until) in enumerate(cases):
        sub_id, cart_token, token = subscribe(live, f"live-s20-r17-{n}")
        chat = live.conversation(cart_token)

        said = _said(chat, text)

        assert said[0].startswith("Your Care Plus subscription is paused"), (text, said)
        assert f"{until:%B %d}" in said[0], said
        assert status(live, sub_id, token) == ("paused", "care-plus")
        assert _paused_until(live, sub_id) == until


def test_a_pause_date_beyond_the_limit_is_refused_and_nothing_changes(live: Live) -> None:
    end = utcnow().date() + timedelta(days=45)
    sub_id, cart_token, token = subscribe(live, "live-s20-r17-far")
    chat = live.conversation(cart_token)

    said = _said(chat, f"pause my subscription until {end:%B} {end.day}")

    assert said[0].startswith("Sorry, I can pause Care Plus for at most a month"), said
    assert status(live, sub_id, token) == ("active", "care-plus")
    assert _paused_until(live, sub_id) is None


def test_an_unreadable_pause_length_is_asked_for(live: Live) -> None:
    sub_id, cart_token, token = subscribe(live, "live-s20-r17-unread")
    chat = live.conversation(cart_token)

    said = _said(chat, "pause my subscription until further notice")

    assert said[0].startswith("I couldn't read"), said
    assert status(live, sub_id, token) == ("active", "care-plus")
    assert _paused_until(live, sub_id) is None


def test_no_pause_just_cancel_cancels(live: Live) -> None:
    for n, text in enumerate(("no pause, just cancel it", "no basic plan, cancel my care plus")):
        sub_id, token, chat = retention_offer(live, f"live-s20-r1-{n}")

        said = texts(chat.say(text))

        if said[0].startswith(SURE):  # the one confirmation a cancel may take
            assert "cancel" in said[0] and "pause" not in said[0] and "switch" not in said[0]
            assert status(live, sub_id, token) == ("active", "care-plus")
            said = texts(chat.say("yes"))
        assert said[0].startswith("Your Care Plus subscription is canceled"), (text, said)
        assert status(live, sub_id, token) == ("canceled", "care-plus")


def _plan_price(live: Live, code: str, price_minor: int) -> int:
    with live.shop.session_factory.begin() as session:
        row = session.query(PlanRow).filter(PlanRow.code == code).one()
        before, row.price_minor = row.price_minor, price_minor
        return before


def test_a_retention_plan_whose_price_changed_is_asked_again(live: Live) -> None:
    sub_id, token, chat = retention_offer(live, "live-s20-r15")
    before = _plan_price(live, "care-basic", 799)
    try:
        said = texts(chat.say("yes switch me"))
        if said[0].startswith(SURE):
            said = texts(chat.say("yes"))

        assert said[0].startswith("The price has changed since I suggested it"), said
        assert "$7.99/month" in said[0] and "$4.99/month" in said[0]
        assert status(live, sub_id, token) == ("active", "care-plus")
        done = texts(chat.press(intent="affirm"))  # the Yes the bot showed, as shown
        assert done[0].startswith("Done — you're on Care Basic at $7.99/month"), done
        assert status(live, sub_id, token) == ("active", "care-basic")
    finally:
        _plan_price(live, "care-basic", before)
