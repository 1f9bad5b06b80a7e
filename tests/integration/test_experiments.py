"""Experiments in the chat flows: arms, exposures in every arm, attribution to offers and orders."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.chat.cancel import cancel_subscription
from bot.chat.cart import add_item
from bot.chat.replies import ChatContext
from bot.chat.selling import accept_offer
from bot.domain.experiments import Experiment, ExperimentConfigError, assign, parse_experiments
from bot.services.experiments import register_experiments
from bot.services.orders import place_order
from bot.services.subscriptions import create_subscription
from bot.store.db import make_engine, make_session_factory
from bot.store.experiments import ExperimentRepository
from bot.store.schema import upgrade_schema
from bot.store.tables import ExperimentRow, ExposureRow, OfferEventRow, OrderRow, SubscriptionRow
from tests.pg import fresh_database, postgres_missing

NOW = datetime.now(timezone.utc)


def experiment(unit: str = "conversation", **settings: dict) -> Experiment:
    """A running three-arm experiment: holdout, offers (default), and one tweaked arm."""
    data = {
        "experiments": [
            {
                "key": "exp-1",
                "unit": unit,
                "start": (NOW - timedelta(days=1)).isoformat(),
                "stop": (NOW + timedelta(days=30)).isoformat(),
                "control": "holdout",
                "variants": [
                    {"name": "holdout", "weight": 1, "settings": {"offers": False}},
                    {"name": "offers", "weight": 1},
                    {"name": "tweak", "weight": 1, "settings": settings},
                ],
            }
        ]
    }
    return parse_experiments(data)[0]


def unit_in(exp: Experiment, variant: str, prefix: str = "conv") -> str:
    """The first unit id ``<prefix>-N`` that the hash puts in ``variant``."""
    return next(
        f"{prefix}-{i}" for i in range(1000) if assign(exp, f"{prefix}-{i}").name == variant
    )


def rows(shop, table) -> list:
    with shop.session_factory.begin() as session:
        found = list(session.scalars(select(table).order_by(*table.__table__.primary_key)))
        session.expunge_all()
        return found


def test_holdout_logs_what_it_would_have_offered_and_shows_nothing(shop, new_cart) -> None:
    exp = experiment()
    register_experiments(shop.session_factory, [exp])
    cart_id, token = new_cart(shop)
    ctx = ChatContext(unit_in(exp, "holdout"), token)

    replies = add_item(shop, ctx, "Aria Phone 256 GB", None)
    placed = place_order(shop, cart_id)

    assert [r.response for r in replies] == ["utter_added"]
    (exposure,) = rows(shop, ExposureRow)
    assert (exposure.variant, exposure.moment, exposure.offered) == (
        "holdout",
        "main_item_added",
        False,
    )
    assert exposure.sku == "PA-CASE-CLR" and exposure.unit_id == ctx.conversation_id
    assert rows(shop, OfferEventRow) == []
    order = next(o for o in rows(shop, OrderRow) if o.order_ref == placed.order_ref)
    assert (order.experiment, order.variant, order.experiment_unit, order.cart_id) == (
        "exp-1",
        "holdout",
        ctx.conversation_id,
        cart_id,
    )


def test_offer_arm_stamps_offer_events_and_the_order(shop, new_cart) -> None:
    exp = experiment()
    register_experiments(shop.session_factory, [exp])
    cart_id, token = new_cart(shop)
    ctx = ChatContext(unit_in(exp, "offers"), token)

    replies = add_item(shop, ctx, "Aria Phone 256 GB", None)
    accept_offer(shop, ctx)
    placed = place_order(shop, cart_id)

    assert replies[1].response == "utter_offer_addon"
    assert replies[1].params["reason"].startswith("bought together in")
    events = rows(shop, OfferEventRow)
    assert [(e.event, e.experiment, e.variant) for e in events] == [
        ("shown", "exp-1", "offers"),
        ("accepted", "exp-1", "offers"),
    ]
    assert [(x.variant, x.offered) for x in rows(shop, ExposureRow)] == [("offers", True)]
    order = next(o for o in rows(shop, OrderRow) if o.order_ref == placed.order_ref)
    assert (order.experiment, order.variant) == ("exp-1", "offers")


def test_variant_settings_change_wording_moment_and_limit(shop, new_cart) -> None:
    exp = experiment(reason_style="brief", offer_moment="main_item_added", max_unsolicited=2)
    register_experiments(shop.session_factory, [exp])
    _, token = new_cart(shop)
    ctx = ChatContext(unit_in(exp, "tweak"), token)

    first = add_item(shop, ctx, "Aria Phone 256 GB", None)
    second = add_item(shop, ctx, "snap camera entry", None)

    assert first[1].params["reason"] == "often bought with your Aria Phone 256 GB"
    assert second[1].response == "utter_offer_addon"  # the arm allows two unsolicited offers


def test_checkout_only_arm_logs_the_add_moment_without_offering(shop, new_cart) -> None:
    exp = experiment(offer_moment="checkout")
    register_experiments(shop.session_factory, [exp])
    _, token = new_cart(shop)
    ctx = ChatContext(unit_in(exp, "tweak"), token)

    replies = add_item(shop, ctx, "Aria Phone 256 GB", None)

    assert [r.response for r in replies] == ["utter_added"]
    assert [(x.moment, x.offered) for x in rows(shop, ExposureRow)] == [("main_item_added", False)]


@pytest.mark.parametrize(
    ("variant", "response", "kind"),
    [
        ("offers", "utter_offer_retention_plan", "retention_plan"),
        ("tweak", "utter_offer_retention_pause", "retention_pause"),
        ("holdout", "utter_subscription_canceled", "retention_plan"),
    ],
)
def test_retention_arms(shop, variant: str, response: str, kind: str) -> None:
    exp = experiment(unit="customer", retention="pause")
    register_experiments(shop.session_factory, [exp])
    for i in range(200):
        view, token = create_subscription(shop, f"cust-{variant}-{i}", "care-premium")
        with shop.session_factory.begin() as session:
            customer_id = session.get(SubscriptionRow, view.subscription_id).customer_id
        if assign(exp, str(customer_id)).name == variant:
            break

    replies = cancel_subscription(shop, ChatContext("conv-cancel", token))

    assert replies[0].response == response
    (exposure,) = rows(shop, ExposureRow)
    assert (exposure.moment, exposure.kind, exposure.offered, exposure.unit_id) == (
        "cancel",
        kind,
        variant != "holdout",
        str(customer_id),
    )


def test_a_running_experiment_refuses_new_weights_but_may_stop_early(shop) -> None:
    exp = experiment()
    register_experiments(shop.session_factory, [exp])
    heavier = Experiment(
        exp.key,
        exp.unit,
        (exp.variants[0].__class__("holdout", 5, exp.variants[0].settings), *exp.variants[1:]),
        exp.start,
        exp.stop,
        exp.control,
    )

    with pytest.raises(ExperimentConfigError, match="running with weights"):
        register_experiments(shop.session_factory, [heavier])

    earlier = Experiment(exp.key, exp.unit, exp.variants, exp.start, NOW, exp.control)
    register_experiments(shop.session_factory, [earlier])
    (row,) = rows(shop, ExperimentRow)
    assert row.design == exp.design()


def test_a_future_experiment_may_still_change_and_a_missing_one_runs_on(shop) -> None:
    exp = experiment()
    future = Experiment(
        "exp-2",
        "conversation",
        exp.variants,
        NOW + timedelta(days=40),
        NOW + timedelta(days=50),
        "holdout",
    )
    register_experiments(shop.session_factory, [exp, future])
    changed = Experiment("exp-2", "customer", exp.variants, future.start, future.stop, "offers")
    register_experiments(shop.session_factory, [changed])  # e.g. a command run with another file

    stored = {r.key: r for r in rows(shop, ExperimentRow)}
    assert stored["exp-2"].design == changed.design()
    assert stored["exp-1"].stop.replace(tzinfo=timezone.utc) == exp.stop


def test_an_experiment_overlapping_a_stored_one_is_refused(shop) -> None:
    exp = experiment()
    register_experiments(shop.session_factory, [exp])
    other = Experiment(
        "exp-2", "conversation", exp.variants, NOW, NOW + timedelta(days=3), "holdout"
    )

    with pytest.raises(ExperimentConfigError, match="same time as exp-1"):
        register_experiments(shop.session_factory, [other])
    assert [r.key for r in rows(shop, ExperimentRow)] == ["exp-1"]


def test_two_processes_registering_the_same_new_experiment_on_postgresql_both_start() -> None:
    """Replicas start together: the one whose insert collides re-reads and checks the design."""
    missing = postgres_missing()
    if missing:
        pytest.skip(f"needs PostgreSQL on 127.0.0.1: {missing}")
    exp = experiment()
    with fresh_database("ca_experiments") as url:
        engine = make_engine(url)
        upgrade_schema(engine)
        factory = make_session_factory(engine)
        errors: list[BaseException] = []

        def second_process() -> None:
            try:
                register_experiments(factory, [exp])
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        with factory.begin() as session:  # the first process, still inside its transaction
            ExperimentRepository(session).save(exp.key, exp.design(), exp.unit, exp.start, exp.stop)
            other = threading.Thread(target=second_process)
            other.start()
            other.join(timeout=2)  # it waits on our uncommitted row (or has not got there yet)
        other.join(timeout=60)
        engine.dispose()
    assert not other.is_alive() and errors == []
