"""Experiments at run time: load the config, register it, give each unit its arm, log exposures.

The store holds every experiment as it was when first registered (``experiments`` table),
so every process and replica reads the same running experiment and the same design; the
unit's variant is a hash (:func:`bot.domain.experiments.assign`), never a stored row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

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
class Arm:
    """The experiment arm a unit is in (``experiment`` is ``None`` outside any experiment)."""

    experiment: str | None = None
    variant: str | None = None
    unit_id: str | None = None
    settings: VariantSettings = field(default_factory=VariantSettings)

    def policy(self, base: OfferPolicy) -> OfferPolicy:
        """The shop's selling policy with this arm's limit on unsolicited offers."""
        limit = self.settings.max_unsolicited
        return base if limit is None else replace(base, max_unsolicited=limit)

    def stamp(self) -> dict[str, str | None]:
        """The ``experiment``/``variant`` columns for an offer event or an order."""
        return {"experiment": self.experiment, "variant": self.variant}


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
    """Two stored experiments may not run at the same time (a unit is in one at most)."""
    rows = repo.all()
    for earlier, later in zip(rows, rows[1:], strict=False):
        if aware(later.start) < aware(earlier.stop):
            raise ExperimentConfigError(
                f"experiments: {later.key} would run at the same time as {earlier.key} "
                "(stored earlier); set an earlier stop for one of them"
            )


def running_experiment(session: Session, now: datetime | None = None) -> Experiment | None:
    """The experiment running now, as stored when it started (or ``None``)."""
    now = now or utcnow()
    rows = ExperimentRepository(session).running(now)
    if not rows:
        return None
    row = rows[0]
    return from_design(row.key, row.design, aware(row.start), aware(row.stop))


def arm_for(
    session: Session,
    conversation_id: str,
    cart_id: int | None = None,
    subscription_id: int | None = None,
) -> Arm:
    """The arm, and so the selling settings, of this conversation's unit.

    The unit is the conversation id, or the customer behind the cart or subscription for
    customer-unit experiments (no customer known: no experiment).
    """
    experiment = running_experiment(session)
    if experiment is None:
        return Arm()
    unit_id: str | None = conversation_id
    if experiment.unit == "customer":
        unit_id = _customer_of(session, cart_id, subscription_id)
        if unit_id is None:
            return Arm()
    variant = assign(experiment, unit_id)
    return Arm(experiment.key, variant.name, unit_id, variant.settings)


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

    Outside an experiment nothing is written.
    """
    if arm.experiment is None or arm.variant is None or arm.unit_id is None:
        return
    kind, sku = offer if offer else (None, None)
    ExperimentRepository(session).add_exposure(
        experiment=arm.experiment,
        variant=arm.variant,
        unit_id=arm.unit_id,
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
    """Give an order the experiment, variant and unit of its cart's newest exposure.

    Only exposures from the last :data:`ATTRIBUTION_DAYS` days count.
    """
    order.cart_id = cart_id
    since = utcnow() - timedelta(days=ATTRIBUTION_DAYS)
    exposure = ExperimentRepository(session).latest_exposure_for_cart(cart_id, since)
    if exposure is not None:
        order.experiment = exposure.experiment
        order.variant = exposure.variant
        order.experiment_unit = exposure.unit_id


__all__ = [
    "Arm",
    "ExperimentConfigError",
    "arm_for",
    "attribute_order",
    "expose",
    "load_experiments",
    "log_exposure",
    "register_experiments",
    "running_experiment",
]
