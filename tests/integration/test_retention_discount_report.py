"""The discount retention kind end to end: an experiment chooses it, the report counts it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.chat.cancel import cancel_subscription, confirm_cancel
from bot.chat.replies import ChatContext
from bot.chat.selling import accept_offer
from bot.domain.experiments import assign, parse_experiments
from bot.services.experiment_report import build_reports
from bot.services.experiments import register_experiments
from bot.services.subscriptions import create_subscription, get_subscription
from bot.store.repositories import SubscriptionRepository


def _experiment():
    now = datetime.now(timezone.utc)
    entry = {
        "key": "retention-kind",
        "unit": "customer",
        "start": (now - timedelta(days=1)).isoformat(),
        "stop": (now + timedelta(days=9)).isoformat(),
        "variants": [
            {"name": "plan", "weight": 1},
            {"name": "discount", "weight": 1, "settings": {"retention": "discount"}},
        ],
    }
    return parse_experiments({"experiments": [entry]})[0]


def test_an_experiment_arm_offers_the_discount_and_the_report_shows_its_save_rate(shop) -> None:
    exp = _experiment()
    register_experiments(shop.session_factory, [exp])
    tally = {"retention_plan": [0, 0], "retention_discount": [0, 0]}
    for i in range(24):
        view, token = create_subscription(shop, f"subscriber-{i}", "care-plus")
        with shop.session_factory.begin() as session:
            customer = SubscriptionRepository(session).get(view.subscription_id).customer_id
        variant = assign(exp, str(customer)).name
        ctx = ChatContext(f"conv-{i}", token)
        offer = cancel_subscription(shop, ctx)[0]
        expected = (
            "utter_offer_retention_discount"
            if variant == "discount"
            else ("utter_offer_retention_plan")
        )
        assert offer.response == expected
        kind = "retention_discount" if variant == "discount" else "retention_plan"
        tally[kind][0] += 1
        if i % 2 == 0:
            reply = accept_offer(shop, ctx)[0]
            tally[kind][1] += 1
            if kind == "retention_discount":
                assert reply.params["price"] == "$7.99"
                sub = get_subscription(shop, token, view.subscription_id)
                assert (sub.plan.code, sub.discount_percent, sub.discount_renewals) == (
                    "care-plus",
                    20,
                    3,
                )
        else:
            confirm_cancel(shop, ctx)
    assert tally["retention_discount"][0] > 0 and tally["retention_plan"][0] > 0

    (report,) = build_reports(shop, "retention-kind")

    by_kind = {k.kind: (k.attempts, k.saved) for k in report.retention}
    assert by_kind["retention_discount"] == tuple(tally["retention_discount"])
    assert by_kind["retention_plan"] == tuple(tally["retention_plan"])
    assert by_kind["retention_pause"] == (0, 0)
    saved = sum(arm.cancel_saved for arm in report.arms.values())
    assert saved == tally["retention_discount"][1] + tally["retention_plan"][1]


def test_keeping_the_plan_counts_as_a_saved_cancellation(shop) -> None:
    from bot.chat.cancel import keep_as_is

    exp = _experiment()
    register_experiments(shop.session_factory, [exp])
    for i in range(6):
        view, token = create_subscription(shop, f"keeper-{i}", "care-plus")
        ctx = ChatContext(f"keep-{i}", token)
        cancel_subscription(shop, ctx)
        kept = keep_as_is(shop, ctx)[0]
        assert kept.response in ("utter_subscription_kept",)
        assert get_subscription(shop, token, view.subscription_id).status == "active"

    (report,) = build_reports(shop, "retention-kind")

    assert sum(arm.cancel_units for arm in report.arms.values()) == 6
    assert sum(arm.cancel_saved for arm in report.arms.values()) == 6
