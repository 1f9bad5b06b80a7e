"""Review s20 (R17, R1, ...): retention answers, each asserted in the replies and the store.

Turns are driven through ``handle`` as the action server would; the NLU readings are the
reviewer's. Dates are relative to the store's clock, so the tests hold on any day.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.chat.dialogue import Turn
from bot.chat.replies import ChatContext
from bot.store.offers import OfferRepository
from bot.store.tables import PlanRow, ProductRow, SubscriptionRow, utcnow
from tests.integration.test_chat_answers_s19 import PAUSE, retention
from tests.integration.test_chat_dialogue import addon_offer, say, subscribe
from tests.integration.test_chat_message_guards import say as guarded_say


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _paused_until(shop, sub_id: int) -> date | None:
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        return None if row.paused_until is None else row.paused_until.date()


def _pause(shop, ref: str, text: str):
    sub_id, token = subscribe(shop, "care-plus", ref=ref)
    ctx = ChatContext(f"conv-{ref}", token)
    return sub_id, say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, text))


def test_a_pause_until_a_date_within_the_limit_pauses_until_exactly_that_date(shop, probe):
    today = utcnow().date()
    end = today + timedelta(days=10)
    for n, text in enumerate((f"pause it until the {_ordinal(end.day)}",
                              f"pause it till {end:%B} {end.day}")):  # fmt: skip
        sub_id, replies = _pause(shop, f"r17-date-{n}", text)

        assert replies[0].response == "utter_subscription_paused", (text, replies)
        assert replies[0].params["resume_date"] == f"{end:%B %d}"
        assert replies[0].params["duration"] == "10 days"
        assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
        assert _paused_until(shop, sub_id) == end


def test_a_fortnight_and_half_a_month_pause_for_exactly_that_long(shop, probe):
    for n, (text, days) in enumerate((("pause it for a fortnight", 14),
                                      ("pause it for half a month", 15))):  # fmt: skip
        sub_id, replies = _pause(shop, f"r17-len-{n}", text)

        assert replies[0].response == "utter_subscription_paused", (text, replies)
        end = utcnow().date() + timedelta(days=days)
        assert replies[0].params["resume_date"] == f"{end:%B %d}"
        assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
        assert _paused_until(shop, sub_id) == end


def test_a_date_beyond_the_limit_is_refused_with_the_limit_and_nothing_changes(shop, probe):
    end = utcnow().date() + timedelta(days=45)
    sub_id, replies = _pause(shop, "r17-far", f"pause my subscription until {end:%B} {end.day}")

    assert replies[0].response == "utter_pause_length_refused", replies
    assert replies[0].params["longest"] == "a month"
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert _paused_until(shop, sub_id) is None


def test_an_unreadable_length_is_asked_for_and_nothing_changes(shop, probe):
    for n, text in enumerate(("pause it until further notice", "pause it for a while")):
        sub_id, replies = _pause(shop, f"r17-unread-{n}", text)

        assert replies[0].response == "utter_ask_pause_length", (text, replies)
        assert replies[0].params["longest"] == "a month"
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert _paused_until(shop, sub_id) is None


def test_a_pause_date_during_a_retention_offer_is_granted_exactly(shop, probe):
    sub_id, ctx = retention(shop)
    end = utcnow().date() + timedelta(days=12)

    replies = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95,
                                  f"pause it until the {_ordinal(end.day)} instead"))  # fmt: skip

    assert replies[0].response == "utter_subscription_paused", replies
    assert probe.subscription(shop, sub_id) == ("paused", "care-plus")
    assert _paused_until(shop, sub_id) == end


def test_an_unreadable_length_during_a_retention_offer_keeps_the_offer_open(shop, probe):
    sub_id, ctx = retention(shop)

    replies = say(shop, ctx, Turn(PAUSE, "pause_subscription", 0.95, "pause it for a while"))

    assert replies[0].response == "utter_ask_pause_length", replies
    assert ("Cancel anyway", "/cancel_anyway") in replies[0].buttons
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    assert probe.offers(shop, "conv-1")[-1][0] == "shown"


# --- R1: declining the offered option while asking to cancel cancels ------------------------


def _cancelled_at_once_or_after_one_yes(shop, ctx, replies, probe, sub_id) -> None:
    """Cancel at once, or after the one confirmation naming the cancel; never the option."""
    if replies[0].response != "utter_subscription_canceled":
        assert replies[0].params.get("action") == "cancel your Care Plus subscription", replies
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        replies = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert replies[0].response == "utter_subscription_canceled", replies
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


def test_declining_the_option_and_asking_to_cancel_cancels(shop, probe):
    readings = (
        ("no pause, just cancel it", PAUSE, "pause_subscription", 0.55),
        ("no basic plan, cancel my care plus", "action_change_plan", "change_plan", 0.6),
        ("no basic plan, cancel my care plus", "action_accept_offer", "affirm", 0.5),
        ("no cheaper plan thanks, cancel the care plus", "action_change_plan", "change_plan", 0.8),
        ("no pause, just cancel it", "action_decline_offer", "deny", 0.7),
    )
    for n, (text, action, intent, confidence) in enumerate(readings):
        sub_id, token = subscribe(shop, "care-plus", ref=f"r1-{n}")
        ctx = ChatContext(f"conv-r1-{n}", token)
        offer = say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))
        assert offer[0].response == "utter_offer_retention_plan"

        replies = say(shop, ctx, Turn(action, intent, confidence, text))

        _cancelled_at_once_or_after_one_yes(shop, ctx, replies, probe, sub_id)


# --- R15: an accepted offer whose price changed is asked again at the new price ------------


def _set_price(shop, table, key: str, price_minor: int) -> None:
    with shop.session_factory.begin() as session:
        column = table.sku if table is ProductRow else table.code
        row = session.query(table).filter(column == key).one()
        row.price_minor = price_minor


def test_an_addon_whose_price_changed_is_asked_again_before_it_is_added(shop, new_cart, probe):
    cart_id, ctx, name = addon_offer(shop, new_cart)
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer("conv-1")
        assert offer is not None
        sku, shown = offer.sku, offer.price_minor
    _set_price(shop, ProductRow, sku, shown + 1000)

    asked = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes please"))

    assert asked[0].response == "utter_offer_price_changed", asked
    assert asked[0].params["name"] == name
    assert asked[0].params["old_price"] != asked[0].params["price"]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}  # nothing added yet
    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    assert done[0].response != "utter_offer_price_changed", done
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, sku: 1}


def test_an_addon_at_its_offered_price_is_added_at_once(shop, new_cart, probe):
    cart_id, ctx, _ = addon_offer(shop, new_cart)

    done = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes please"))

    assert done[0].response != "utter_offer_price_changed", done
    assert len(probe.lines(shop, cart_id)) == 2


def test_a_retention_plan_whose_price_changed_is_asked_again_before_the_switch(shop, probe):
    sub_id, ctx = retention(shop)
    _set_price(shop, PlanRow, "care-basic", 799)

    asked = say(shop, ctx, Turn("action_accept_offer", "affirm", 0.95, "yes switch me"))

    assert asked[0].response == "utter_offer_price_changed", asked
    assert asked[0].params == {
        "name": "Care Basic",
        "price": "$7.99/month",
        "old_price": "$4.99/month",
    }
    assert probe.subscription(shop, sub_id) == ("active", "care-plus")
    no = say(shop, ctx, Turn("action_decline_offer", "deny", 0.99, "no"))
    assert no[0].response == "utter_subscription_canceled", no  # the offer's no: cancel
    assert probe.subscription(shop, sub_id) == ("canceled", "care-plus")


# --- R3: a question about another retention option is asked back, never carried out --------


def test_asking_whether_i_may_pause_or_get_a_discount_is_asked_back_first(shop, probe):
    readings = (
        ("can i pause it instead?", PAUSE, "pause_subscription", ("paused", "care-plus")),
        ("could i get a discount to stay?", "action_accept_offer", "ask_discount_code",
         ("active", "care-plus")),
    )  # fmt: skip
    for n, (text, action, intent, after_yes) in enumerate(readings):
        sub_id, token = subscribe(shop, "care-plus", ref=f"r3-{n}")
        ctx = ChatContext(f"conv-r3-{n}", token)
        say(shop, ctx, Turn("action_cancel_subscription", "cancel_subscription", 0.99, "x"))

        asked = guarded_say(shop, ctx, Turn(action, intent, 0.95, text))

        assert asked[0].response == "utter_confirm_action", (text, asked)
        assert probe.subscription(shop, sub_id) == ("active", "care-plus")
        assert _paused_until(shop, sub_id) is None and _discount(shop, sub_id) is None
        done = guarded_say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
        assert done[0].response in ("utter_subscription_paused", "utter_subscription_discounted")
        assert probe.subscription(shop, sub_id) == after_yes
        assert (_discount(shop, sub_id) == 20) is ("discount" in text)


def _discount(shop, sub_id: int) -> int | None:
    with shop.session_factory.begin() as session:
        row = session.get(SubscriptionRow, sub_id)
        assert row is not None
        return row.discount_percent


# --- R16: a retention offer never names a plan the customer already holds --------------------


def test_the_retention_offer_skips_a_plan_another_subscription_holds(shop, probe):
    plus_id, _ = subscribe(shop, "care-plus", ref="r16")
    premium_id, token = subscribe(shop, "care-premium", ref="r16")
    ctx = ChatContext("conv-r16", token)

    cancel = Turn("action_cancel_subscription", "cancel_subscription", 0.99, "cancel premium")
    offer = say(shop, ctx, cancel)  # the plan's own word names the subscription (R16)

    assert "Care Plus" not in str(offer[0].params), offer
    say(shop, ctx, Turn("action_accept_offer", "affirm", 0.99, "yes"))
    plans = [probe.subscription(shop, plus_id), probe.subscription(shop, premium_id)]
    live = [plan for status, plan in plans if status != "canceled"]
    assert plans[0] == ("active", "care-plus")
    assert len(live) == len(set(live)), plans  # never two subscriptions on one plan
