"""The experiment report's numbers: read one experiment's exposures, offers and orders.

One read-only transaction per experiment; the statistics are in
:mod:`bot.domain.experiment_metrics`, the rendering in :mod:`bot.report`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.domain.errors import NotFound
from bot.domain.experiment_metrics import ArmData, MetricRow, compare_arms
from bot.domain.experiment_stats import (
    Comparison,
    MinimumSample,
    SampleRatio,
    welch_test,
)
from bot.domain.experiments import Experiment, from_design
from bot.domain.models import OfferKind
from bot.domain.retention_stats import KINDS, KindPair, KindSaves, compare_kinds, tally_kinds
from bot.services.shop import Shop
from bot.store.experiments import ExperimentRepository, aware
from bot.store.repositories import CatalogRepository
from bot.store.tables import ExposureRow, utcnow

_ADDS = (OfferKind.ADDON.value, OfferKind.GAP_CLOSER.value)
_RETENTION = KINDS


@dataclass
class ExperimentReport:
    """Everything the report shows for one experiment."""

    experiment: Experiment
    since: datetime | None
    generated_at: datetime
    arms: dict[str, ArmData]
    rows: list[MetricRow]
    srm: SampleRatio
    minimum: MinimumSample
    lift_over_time: dict[str, list[tuple[datetime, Comparison]]] = field(default_factory=dict)
    funnel: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    top_addons: list[tuple[str, int, float]] = field(default_factory=list)
    retention: list[KindSaves] = field(default_factory=list)
    retention_pairs: list[KindPair] = field(default_factory=list)


@dataclass
class _Facts:
    units: dict[str, dict[str, datetime]]  # variant -> unit -> first exposure
    exposures: list[ExposureRow]
    events: list[Any]  # offer-event rows with their variant in this experiment
    orders: list[Any]  # order rows with their variant and unit in this experiment
    products: dict[int, set[int]]  # order id -> product ids
    sku_ids: dict[str, int]
    names: dict[str, str]
    threshold: int | None


def build_reports(
    shop: Shop,
    key: str | None = None,
    since: datetime | None = None,
    minimum: MinimumSample | None = None,
) -> list[ExperimentReport]:
    """Reports of experiment ``key`` (or of every stored experiment), from ``since`` on.

    Raises:
        NotFound: No such experiment, or none was ever configured.
    """
    with shop.read_factory.begin() as session:
        rows = ExperimentRepository(session).all()
        if key is not None:
            rows = [r for r in rows if r.key == key]
        if not rows:
            raise NotFound(f"no experiment {key!r}" if key else "no experiment was ever configured")
        experiments = [from_design(r.key, r.design, aware(r.start), aware(r.stop)) for r in rows]
        return [
            _report(exp, _facts(session, exp, since), since, minimum or MinimumSample())
            for exp in experiments
        ]


def _facts(session: Session, experiment: Experiment, since: datetime | None) -> _Facts:
    repo = ExperimentRepository(session)
    exposures = repo.exposures(experiment.key, since)
    units: dict[str, dict[str, datetime]] = {v.name: {} for v in experiment.variants}
    for row in exposures:
        units.setdefault(row.variant, {}).setdefault(row.unit_id, aware(row.created_at))
    orders = repo.orders(experiment.key, since)
    catalog = CatalogRepository(session).products(active_only=False)
    policy = CatalogRepository(session).shipping_policy()
    return _Facts(
        units=units,
        exposures=exposures,
        events=repo.offer_events(experiment.key, since),
        orders=orders,
        products=repo.order_product_ids([o.id for o in orders]),
        sku_ids={p.sku: p.id for p in catalog},
        names={p.sku: p.name for p in catalog},
        threshold=policy.threshold_minor if policy else None,
    )


def _accepted_adds(facts: _Facts) -> dict[int, list[tuple[datetime, int]]]:
    """Cart id -> (time, product id) of every add-on accepted in the chat."""
    found: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for event in facts.events:
        if event.event == "accepted" and event.kind in _ADDS and event.cart_id is not None:
            product = facts.sku_ids.get(event.sku)
            if product is not None:
                found[event.cart_id].append((aware(event.created_at), product))
    return found


def _holds_accepted(order: Any, facts: _Facts, adds: dict[int, list]) -> bool:
    placed = aware(order.placed_at)
    lines = facts.products.get(order.id, set())
    return any(t <= placed and p in lines for t, p in adds.get(order.cart_id or -1, []))


def _arms(experiment: Experiment, facts: _Facts) -> dict[str, ArmData]:
    adds = _accepted_adds(facts)
    index: dict[str, tuple[str, int]] = {}
    arms = {name: ArmData() for name in facts.units}
    for name, members in facts.units.items():
        for position, unit in enumerate(members):
            index[unit] = (name, position)
            arms[name].revenue.append(0.0)
            arms[name].orders.append(0.0)
    for order in facts.orders:
        if order.experiment_unit not in index:
            continue
        name, position = index[order.experiment_unit]
        arm = arms[name]
        arm.revenue[position] += order.total_minor
        arm.orders[position] += 1
        arm.orders_with_addon += _holds_accepted(order, facts, adds)
        arm.orders_free_shipping += (
            facts.threshold is not None and order.total_minor >= facts.threshold
        )
    for event in facts.events:
        if event.variant in arms and event.kind not in _RETENTION:
            arms[event.variant].offers_shown += event.event == "shown"
            arms[event.variant].offers_accepted += event.event == "accepted"
    _cancellations(facts, arms)
    return arms


SAVED = ("accepted", "kept")
"""Answers to a retention offer that saved the cancellation: the option taken, or the plan
kept as it was ("no, I'll keep it")."""


def _first_cancels(facts: _Facts) -> list[tuple[ExposureRow, str | None]]:
    """Each unit's first cancel request in its arm, with the answer to its retention offer."""
    answers = {
        (e.conversation_id, e.subscription_id): e.event
        for e in facts.events
        if e.kind in _RETENTION and e.event in ("accepted", "declined", "kept")
    }
    seen: set[tuple[str, str]] = set()
    found = []
    for exposure in facts.exposures:
        if exposure.moment != "cancel" or (exposure.variant, exposure.unit_id) in seen:
            continue
        seen.add((exposure.variant, exposure.unit_id))
        found.append((exposure, answers.get((exposure.conversation_id, exposure.subscription_id))))
    return found


def _cancellations(facts: _Facts, arms: dict[str, ArmData]) -> None:
    """Cancel requests per unit: saved by an offer, or cancelled in one or two turns."""
    for exposure, answer in _first_cancels(facts):
        arm = arms[exposure.variant]
        arm.cancel_units += 1
        if not exposure.offered:
            arm.cancel_turns.append(1.0)
        elif answer in SAVED:
            arm.cancel_saved += 1
        elif answer == "declined":
            arm.cancel_turns.append(2.0)


def _lift_over_time(
    experiment: Experiment, facts: _Facts
) -> dict[str, list[tuple[datetime, Comparison]]]:
    """Revenue per unit, treatment minus control, on the units exposed up to each step."""
    starts = [t for members in facts.units.values() for t in members.values()]
    if not starts:
        return {}
    first, last = min(starts), max([*starts, *(aware(o.placed_at) for o in facts.orders)])
    step = _step(last - first)
    revenue: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for order in facts.orders:
        revenue[order.experiment_unit or ""].append(
            (aware(order.placed_at), order.total_minor / 100)
        )
    cuts = [first + step * k for k in range(1, int((last - first) / step) + 2)]

    def values(arm: str, cut: datetime) -> list[float]:
        return [
            sum(v for t, v in revenue.get(unit, []) if t < cut)
            for unit, seen in facts.units[arm].items()
            if seen < cut
        ]

    return {
        arm: [(cut, welch_test(values(experiment.control, cut), values(arm, cut))) for cut in cuts]
        for arm in facts.units
        if arm != experiment.control
    }


def _step(span: timedelta) -> timedelta:
    """About a dozen points: whole days for long experiments, at least a minute apart."""
    if span > timedelta(days=12):
        return timedelta(days=max(1, round(span / timedelta(days=12))))
    return max(span / 12, timedelta(minutes=1))


def _funnel(facts: _Facts) -> dict[str, tuple[int, int, int]]:
    """Per arm: add-on offers shown, accepted, and accepted ones then bought."""
    bought_keys = set()
    for order in facts.orders:
        for product in facts.products.get(order.id, set()):
            bought_keys.add((order.cart_id, product, aware(order.placed_at)))
    result: dict[str, list[int]] = {name: [0, 0, 0] for name in facts.units}
    for event in facts.events:
        if event.kind not in _ADDS or event.variant not in result:
            continue
        counts = result[event.variant]
        counts[0] += event.event == "shown"
        if event.event == "accepted":
            counts[1] += 1
            product, at = facts.sku_ids.get(event.sku), aware(event.created_at)
            counts[2] += any(
                c == event.cart_id and p == product and t >= at for c, p, t in bought_keys
            )
    return {name: (c[0], c[1], c[2]) for name, c in result.items()}


def _top_addons(facts: _Facts, limit: int = 8) -> list[tuple[str, int, float]]:
    """Add-ons by accepted revenue: ``(name, times accepted, revenue in major units)``."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for event in facts.events:
        if event.event == "accepted" and event.kind in _ADDS:
            totals[event.sku][0] += 1
            totals[event.sku][1] += event.price_minor / 100
    ranked = sorted(totals.items(), key=lambda item: -item[1][1])[:limit]
    return [(facts.names.get(sku, sku), int(n), revenue) for sku, (n, revenue) in ranked]


def _retention(facts: _Facts) -> list[KindSaves]:
    """Save rate per retention kind: the cancel requests (one per unit) where it was offered."""
    return tally_kinds(
        (exposure.kind, answer in SAVED)
        for exposure, answer in _first_cancels(facts)
        if exposure.offered
    )


def _report(
    experiment: Experiment, facts: _Facts, since: datetime | None, minimum: MinimumSample
) -> ExperimentReport:
    arms = _arms(experiment, facts)
    rows, srm = compare_arms(arms, experiment.control, experiment.weights, minimum)
    retention = _retention(facts)
    return ExperimentReport(
        experiment=experiment,
        since=since,
        generated_at=utcnow(),
        arms=arms,
        rows=rows,
        srm=srm,
        minimum=minimum,
        lift_over_time=_lift_over_time(experiment, facts),
        funnel=_funnel(facts),
        top_addons=_top_addons(facts),
        retention=retention,
        retention_pairs=compare_kinds(retention, minimum.orders),
    )
