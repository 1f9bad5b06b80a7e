"""Two experiments at the same time: independent arms, per-experiment records and reports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.chat.cart import add_item, free_shipping
from bot.chat.replies import ChatContext
from bot.chat.selling import accept_offer
from bot.domain.experiments import Experiment, ExperimentConfigError, assign, parse_experiments
from bot.services.experiment_report import build_reports
from bot.services.experiments import arm_for, register_experiments
from bot.services.orders import place_order
from bot.store.tables import (
    ExperimentRow,
    ExposureRow,
    OfferEventArmRow,
    OfferEventRow,
    OrderArmRow,
    OrderRow,
)

NOW = datetime.now(timezone.utc)
WINDOW = {
    "start": (NOW - timedelta(days=1)).isoformat(),
    "stop": (NOW + timedelta(days=30)).isoformat(),
}


def two_experiments() -> tuple[Experiment, Experiment]:
    """A holdout test (lever: offers) and a wording test (lever: reason_style) at once."""
    data = {
        "experiments": [
            {"key": "holdout-a", "unit": "conversation", "control": "holdout", **WINDOW,
             "variants": [{"name": "holdout", "weight": 1, "settings": {"offers": False}},
                          {"name": "offers", "weight": 1}]},
            {"key": "wording-b", "unit": "conversation", **WINDOW,
             "variants": [{"name": "data", "weight": 1},
                          {"name": "brief", "weight": 1, "settings": {"reason_style": "brief"}}]},
        ]
    }  # fmt: skip
    first, second = parse_experiments(data)
    return first, second


def unit_in(first: Experiment, a: str, second: Experiment, b: str) -> str:
    """The first conversation id the hashes put in arm ``a`` of one and ``b`` of the other."""
    return next(
        f"conv-{i}"
        for i in range(2000)
        if assign(first, f"conv-{i}").name == a and assign(second, f"conv-{i}").name == b
    )


def rows(shop, table) -> list:
    with shop.session_factory.begin() as session:
        found = list(session.scalars(select(table).order_by(*table.__table__.primary_key)))
        session.expunge_all()
        return found


def test_a_unit_gets_each_experiments_own_setting(shop) -> None:
    first, second = two_experiments()
    register_experiments(shop.session_factory, [first, second])
    assert [r.key for r in rows(shop, ExperimentRow)] == ["holdout-a", "wording-b"]

    for a, b in (("holdout", "brief"), ("offers", "brief"), ("offers", "data")):
        conversation = unit_in(first, a, second, b)
        with shop.session_factory.begin() as session:
            arm = arm_for(session, conversation)
        assert [(m.experiment, m.variant) for m in arm.memberships] == [
            ("holdout-a", a),
            ("wording-b", b),
        ]
        assert arm.settings.offers is (a == "offers")
        assert arm.settings.reason_style == b


def test_offers_exposures_and_orders_keep_their_arm_in_every_experiment(shop, new_cart) -> None:
    first, second = two_experiments()
    register_experiments(shop.session_factory, [first, second])
    cart_id, token = new_cart(shop)
    ctx = ChatContext(unit_in(first, "offers", second, "brief"), token)

    replies = add_item(shop, ctx, "Aria Phone 256 GB", None)
    accept_offer(shop, ctx)
    placed = place_order(shop, cart_id)

    assert replies[1].params["reason"] == "often bought with your Aria Phone 256 GB"
    exposures = rows(shop, ExposureRow)
    assert sorted((x.experiment, x.variant, x.offered) for x in exposures) == [
        ("holdout-a", "offers", True),
        ("wording-b", "brief", True),
    ]
    events = {e.id: e.event for e in rows(shop, OfferEventRow)}
    arms = sorted((events[a.offer_event_id], a.experiment, a.variant)
                  for a in rows(shop, OfferEventArmRow))  # fmt: skip
    assert arms == [
        ("accepted", "holdout-a", "offers"),
        ("accepted", "wording-b", "brief"),
        ("shown", "holdout-a", "offers"),
        ("shown", "wording-b", "brief"),
    ]
    order = next(o for o in rows(shop, OrderRow) if o.order_ref == placed.order_ref)
    assert sorted((a.experiment, a.variant, a.unit_id) for a in rows(shop, OrderArmRow)
                  if a.order_id == order.id) == [
        ("holdout-a", "offers", ctx.conversation_id),
        ("wording-b", "brief", ctx.conversation_id),
    ]  # fmt: skip


def test_a_holdout_unit_is_exposed_in_both_and_shown_nothing(shop, new_cart) -> None:
    first, second = two_experiments()
    register_experiments(shop.session_factory, [first, second])
    _, token = new_cart(shop)
    ctx = ChatContext(unit_in(first, "holdout", second, "data"), token)

    replies = add_item(shop, ctx, "Aria Phone 256 GB", None)

    assert [r.response for r in replies] == ["utter_added"]
    assert sorted((x.experiment, x.variant, x.offered) for x in rows(shop, ExposureRow)) == [
        ("holdout-a", "holdout", False),
        ("wording-b", "data", False),
    ]
    assert rows(shop, OfferEventRow) == []


def test_each_report_counts_its_own_arms(shop, new_cart) -> None:
    first, second = two_experiments()
    register_experiments(shop.session_factory, [first, second])
    arms = [("offers", "brief"), ("offers", "data"), ("offers", "brief"), ("holdout", "brief")]
    used: set[str] = set()
    for a, b in arms:
        cart_id, token = new_cart(shop)
        conversation = next(
            f"conv-{i}" for i in range(2000)
            if f"conv-{i}" not in used
            and assign(first, f"conv-{i}").name == a and assign(second, f"conv-{i}").name == b
        )  # fmt: skip
        used.add(conversation)
        add_item(shop, ChatContext(conversation, token), "Aria Phone 256 GB", None)
        place_order(shop, cart_id)

    reports = {r.experiment.key: r for r in build_reports(shop)}

    holdout, wording = reports["holdout-a"], reports["wording-b"]
    assert {n: a.units for n, a in holdout.arms.items()} == {"holdout": 1, "offers": 3}
    assert {n: a.units for n, a in wording.arms.items()} == {"data": 1, "brief": 3}
    assert {n: sum(a.orders) for n, a in holdout.arms.items()} == {"holdout": 1, "offers": 3}
    assert {n: sum(a.orders) for n, a in wording.arms.items()} == {"data": 1, "brief": 3}
    assert {n: a.offers_shown for n, a in wording.arms.items()} == {"data": 1, "brief": 2}


def test_two_experiments_changing_the_same_setting_are_refused(shop) -> None:
    first, _ = two_experiments()
    register_experiments(shop.session_factory, [first])
    clash = Experiment("other", "customer", first.variants, first.start, first.stop, "holdout")

    with pytest.raises(ExperimentConfigError, match="both change offers"):
        register_experiments(shop.session_factory, [clash])
    assert [r.key for r in rows(shop, ExperimentRow)] == ["holdout-a"]


@pytest.mark.parametrize("style", ["brief", "data"])
def test_the_wording_arm_applies_to_the_asked_for_gap_closer(shop, new_cart, style) -> None:
    first, second = two_experiments()
    register_experiments(shop.session_factory, [first, second])
    _, token = new_cart(shop, lines=[("CA-SD-64", 1)])
    ctx = ChatContext(unit_in(first, "offers", second, style), token)

    replies = free_shipping(shop, ctx)

    reason = replies[1].params["reason"]
    if style == "brief":
        assert reason.startswith("often bought with your ")
        assert reason.endswith("; it gets you free shipping")
    else:
        assert reason.startswith("bought together in ")
        assert reason.endswith("to spare")
    (event,) = rows(shop, OfferEventRow)
    assert (event.kind, event.solicited) == ("gap_closer", True)
    assert sorted((a.experiment, a.variant) for a in rows(shop, OfferEventArmRow)) == [
        ("holdout-a", "offers"),
        ("wording-b", style),
    ]
