"""Experiments at run time: load the config, register it, give each unit its arms, log exposures.

The store holds every experiment as it was when first registered (``experiments`` table),
so every process and replica reads the same running experiments and the same designs; the
unit's variant in each is a hash of that experiment's key
(:func:`bot.domain.experiments.assign`), never a stored row. Several experiments may run at
the same time when they change different settings (:mod:`bot.domain.experiment_layers`):
a unit is assigned in each independently, exposures are logged per experiment, and offer
events and orders keep their arm in every experiment (``offer_event_arms``, ``order_arms``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.experiment_layers import conflict, merged_settings
from bot.domain.experiments import (
    Experiment,
    ExperimentConfigError,
    VariantSettings,
    assign,
    check_unchanged,
    from_design,
    parse_experiments,
)
from bot.domain.offers import OfferPolicy
from bot.store.experiments import ExperimentRepository, aware
from bot.store.repositories import CartRepository, SubscriptionRepository
from bot.store.tables import OrderRow, utcnow

ATTRIBUTION_DAYS = 7


@dataclass(frozen=True)
class Membership:
    """A unit's variant in one running experiment."""

    experiment: str
    variant: str
    unit_id: str


@dataclass(frozen=True)
class Arm:
    """Every experiment arm a conversation's unit is in, and the settings they add up to.

    ``memberships`` is empty outside any experiment; ``settings`` merges each experiment's
    own levers (:func:`bot.domain.experiment_layers.merged_settings`).
    """

    memberships: tuple[Membership, ...] = ()
    settings: VariantSettings = field(default_factory=VariantSettings)

    @property
    def experiment(self) -> str | None:
        """The first experiment's key (``None`` outside any experiment)."""
        return self.memberships[0].experiment if self.memberships else None

    @property
    def variant(self) -> str | None:
        """The variant in the first experiment."""
        return self.memberships[0].variant if self.memberships else None

    def policy(self, base: OfferPolicy) -> OfferPolicy:
        """The shop's selling policy with this arm's limit on unsolicited offers."""
        limit = self.settings.max_unsolicited
        return base if limit is None else replace(base, max_unsolicited=limit)

    def stamp(self) -> dict[str, object]:
        """The offer event's columns: the first arm, and ``arms`` (every experiment's)."""
        arms = tuple((m.experiment, m.variant) for m in self.memberships)
        return {"experiment": self.experiment, "variant": self.variant, "arms": arms}


def load_experiments(path: Path | None) -> tuple[Experiment, ...]:
    """Read and validate the experiments file (none when ``path`` is ``None`` or absent).

    Raises:
        ExperimentConfigError: The file is not valid YAML or not a valid experiments file.
    """
    if path is None or not path.exists():
        return ()
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise ExperimentConfigError(f"experiments: {path} is not valid YAML: {exc}") from exc
    return parse_experiments(data)


def register_experiments(
    session_factory: sessionmaker[Session],
    experiments: Sequence[Experiment],
    now: datetime | None = None,
) -> None:
    """Store the configured experiments (the store is what every process follows).

    A design may change until its experiment starts; afterwards a changed unit, variant,
    weight or setting is refused (one transaction: nothing is stored then). The window may
    change at any time: to end an experiment early, set its ``stop``. An experiment missing
    from a process's file is left as stored (a command run without the file ends nothing).

    Raises:
        ExperimentConfigError: A started experiment's design changed.
    """
    now = now or utcnow()
    try:
        _register(session_factory, experiments, now)
    except IntegrityError:  # another process stored the same new experiment a moment ago
        _register(session_factory, experiments, now)


def _register(
    session_factory: sessionmaker[Session], experiments: Sequence[Experiment], now: datetime
) -> None:
    with session_factory.begin() as session:
        repo = ExperimentRepository(session)
        for experiment in experiments:
            stored = repo.get(experiment.key)
            if stored is not None and aware(stored.start) <= now:
                check_unchanged(stored.design, experiment)
            elif stored is not None:
                stored.design = experiment.design()
            repo.save(
                experiment.key,
                experiment.design(),
                experiment.unit,
                experiment.start,
                experiment.stop,
            )
        _refuse_overlap(repo)


def _refuse_overlap(repo: ExperimentRepository) -> None:
    """Stored experiments may overlap in time only when they change different settings."""
    problem = conflict(
        from_design(r.key, r.design, aware(r.start), aware(r.stop)) for r in repo.all()
    )
    if problem is not None:
        raise ExperimentConfigError(f"experiments: {problem}")


def running_experiments(session: Session, now: datetime | None = None) -> list[Experiment]:
    """The experiments running now, as stored when they started, oldest first."""
    now = now or utcnow()
    return [
        from_design(row.key, row.design, aware(row.start), aware(row.stop))
        for row in ExperimentRepository(session).running(now)
    ]


def arm_for(
    session: Session,
    conversation_id: str,
    cart_id: int | None = None,
    subscription_id: int | None = None,
) -> Arm:
    """The arms, and so the selling settings, of this conversation's unit.

    In each running experiment the unit is the conversation id, or the customer behind the
    cart or subscription for customer-unit experiments (no customer known: not in that one).
    """
    experiments = running_experiments(session)
    customer: list[str | None] = []  # looked up once, only if an experiment needs it
    chosen = []
    for experiment in experiments:
        unit_id: str | None = conversation_id
        if experiment.unit == "customer":
            if not customer:
                customer.append(_customer_of(session, cart_id, subscription_id))
            unit_id = customer[0]
        if unit_id is not None:
            chosen.append((experiment, assign(experiment, unit_id), unit_id))
    return Arm(
        tuple(Membership(e.key, v.name, unit) for e, v, unit in chosen),
        merged_settings([(e, v) for e, v, _ in chosen]),
    )


def _customer_of(session: Session, cart_id: int | None, subscription_id: int | None) -> str | None:
    if cart_id is not None:
        cart = CartRepository(session).get(cart_id)
        if cart is not None:
            return str(cart.customer_id)
    if subscription_id is not None:
        row = SubscriptionRepository(session).get(subscription_id)
        if row is not None:
            return str(row.customer_id)
    return None


def log_exposure(
    session: Session,
    arm: Arm,
    conversation_id: str,
    moment: str,
    offer: tuple[str, str] | None,
    offered: bool,
    cart_id: int | None = None,
    subscription_id: int | None = None,
) -> None:
    """Record that the unit reached an offer moment (``offer`` is ``(kind, sku)``).

    One exposure per experiment the unit is in; outside any experiment nothing is written.
    """
    kind, sku = offer if offer else (None, None)
    repository = ExperimentRepository(session)
    for member in arm.memberships:
        repository.add_exposure(
            experiment=member.experiment,
            variant=member.variant,
            unit_id=member.unit_id,
            conversation_id=conversation_id,
            moment=moment,
            kind=kind,
            sku=sku,
            offered=offered,
            cart_id=cart_id,
            subscription_id=subscription_id,
        )


def expose(
    session: Session,
    arm: Arm,
    conversation_id: str,
    moment: str,
    offer: tuple[str, str],
    shown: bool,
    *,
    cart_id: int | None = None,
    subscription_id: int | None = None,
) -> bool:
    """Log an eligible offer moment in the unit's arm; returns ``shown`` for the caller.

    ``moment`` is an offer moment (``main_item_added``, ``checkout``) or ``cancel``;
    ``offer`` is ``(kind, sku)`` of the offer shown, or that would have been shown.
    """
    log_exposure(session, arm, conversation_id, moment, offer, shown, cart_id, subscription_id)
    return shown


def attribute_order(session: Session, order: OrderRow, cart_id: int) -> None:
    """Give an order its arm and unit in every experiment its cart was exposed in.

    In each experiment the cart's newest exposure of the last :data:`ATTRIBUTION_DAYS` days
    counts (``order_arms``); the order's own columns keep the newest one overall.
    """
    order.cart_id = cart_id
    since = utcnow() - timedelta(days=ATTRIBUTION_DAYS)
    repository = ExperimentRepository(session)
    exposures = repository.latest_exposures_for_cart(cart_id, since)
    if not exposures:
        return
    order.experiment = exposures[0].experiment
    order.variant = exposures[0].variant
    order.experiment_unit = exposures[0].unit_id
    session.flush()
    for exposure in exposures:
        repository.add_order_arm(order.id, exposure.experiment, exposure.variant, exposure.unit_id)


__all__ = [
    "Arm",
    "Membership",
    "ExperimentConfigError",
    "arm_for",
    "attribute_order",
    "expose",
    "load_experiments",
    "log_exposure",
    "register_experiments",
    "running_experiments",
]
