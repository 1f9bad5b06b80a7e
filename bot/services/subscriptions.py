"""Subscription use cases and the session-level changes the cancel flow shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from bot.domain.errors import Forbidden, NoActiveSubscription, NotFound
from bot.domain.models import Plan
from bot.domain.retention import discounted_price
from bot.domain.subscription_state import PAUSED, effective_pause_end, effective_status
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.repositories import CustomerRepository, SubscriptionRepository
from bot.store.tables import SubscriptionRow, utcnow
from bot.tokens import issue_token

PAUSE_DAYS = 30


@dataclass(frozen=True)
class SubscriptionView:
    """A subscription as shown to its customer."""

    subscription_id: int
    customer_ref: str
    plan: Plan
    status: str
    paused_until: datetime | None
    discount_percent: int | None = None
    discount_renewals: int = 0

    @property
    def price(self) -> Decimal:
        """What the plan costs per interval (before any retention discount)."""
        return self.plan.price

    @property
    def next_price(self) -> Decimal:
        """What the next renewal costs: the plan price less a retention discount, if any."""
        if self.discount_percent and self.discount_renewals > 0:
            return discounted_price(self.plan.price, self.discount_percent)
        return self.plan.price


def view_of(session: Session, row: SubscriptionRow) -> SubscriptionView:
    """Build the view of a subscription row."""
    customer = CustomerRepository(session).get(row.customer_id)
    plans = {p.id: p for p in SubscriptionRepository(session).plans()}
    ref = customer.external_ref if customer and customer.external_ref else str(row.customer_id)
    now = utcnow()
    return SubscriptionView(
        row.id,
        ref,
        plan_of(plans[row.plan_id]),
        effective_status(row.status, row.paused_until, now),  # a lapsed pause reads active
        effective_pause_end(row.status, row.paused_until, now),
        row.discount_percent,
        row.discount_renewals or 0,
    )


def list_plans(shop: Shop) -> list[Plan]:
    """Every plan, cheapest tier first."""
    with shop.read_factory.begin() as session:
        return [plan_of(row) for row in SubscriptionRepository(session).plans()]


def create_subscription(
    shop: Shop, customer_ref: str, plan_code: str
) -> tuple[SubscriptionView, str]:
    """Subscribe a customer (created if new) to a plan.

    Returns:
        The subscription and a token granting that customer's data.

    Raises:
        NotFound: If the plan does not exist.
    """
    with shop.session_factory.begin() as session:
        subscriptions = SubscriptionRepository(session)
        plan = subscriptions.plan_by_code(plan_code)
        if plan is None:
            raise NotFound(f"unknown plan: {plan_code}")
        customers = CustomerRepository(session)
        customer = customers.by_ref(customer_ref) or customers.create(customer_ref)
        row = subscriptions.create(customer.id, plan.id)
        view = view_of(session, row)
        customer_id = customer.id
    return view, issue_token(shop.secret, customer_id)


def get_subscription(shop: Shop, token: str | None, subscription_id: int) -> SubscriptionView:
    """Read a subscription that belongs to the token's customer.

    Raises:
        InvalidToken: Missing, forged or expired token.
        Forbidden: The subscription is another customer's *or does not exist*: one answer
            for both, so a token holder cannot tell which ids exist (G21; carts do the same).
    """
    claims = claims_for_customer(shop.secret, token)
    with shop.read_factory.begin() as session:
        row = SubscriptionRepository(session).get(subscription_id)
        if row is None or row.customer_id != claims.customer_id:
            raise Forbidden("this token does not grant access to that subscription")
        return view_of(session, row)


def status_of(row: SubscriptionRow) -> str:
    """The row's effective status now (a pause whose date has passed is ``active``)."""
    return effective_status(row.status, row.paused_until, utcnow())


def is_paused(row: SubscriptionRow) -> bool:
    """Whether the row is paused now (not a pause that has already ended)."""
    return status_of(row) == PAUSED


def live_plans(session: Session, customer_id: int) -> list[tuple[SubscriptionRow, Plan]]:
    """The customer's live (active or paused) subscriptions with their plans, newest first."""
    repository = SubscriptionRepository(session)
    plans = {p.id: plan_of(p) for p in repository.plans()}
    return [(row, plans[row.plan_id]) for row in repository.live_for(customer_id)]


def cancel(row: SubscriptionRow) -> None:
    """Cancel at once."""
    row.status = "canceled"
    row.canceled_at = utcnow()
    row.paused_until = None


def pause(row: SubscriptionRow, days: int = PAUSE_DAYS) -> datetime:
    """Pause billing for ``days``; returns when it resumes."""
    row.status = "paused"
    row.paused_until = utcnow() + timedelta(days=days)
    return row.paused_until


def resume(row: SubscriptionRow) -> None:
    """Make a paused subscription active again from now (billing carries on)."""
    row.status = "active"
    row.paused_until = None


def current_subscription(shop: Shop, token: str | None) -> SubscriptionView:
    """The token customer's newest active or paused subscription (read only).

    Raises:
        InvalidToken: Missing, forged or expired token.
        NoActiveSubscription: The customer has none.
    """
    return live_views(shop, token)[0]


def live_views(shop: Shop, token: str | None) -> list[SubscriptionView]:
    """The token customer's live (active or paused) subscriptions, newest first (read only).

    Raises:
        InvalidToken: Missing, forged or expired token.
        NoActiveSubscription: The customer has none.
    """
    claims = claims_for_customer(shop.secret, token)
    with shop.read_factory.begin() as session:
        rows = SubscriptionRepository(session).live_for(claims.customer_id)
        if not rows:
            raise NoActiveSubscription()
        return [view_of(session, row) for row in rows]


def resume_subscription(
    shop: Shop, token: str | None, subscription_id: int | None = None
) -> tuple[SubscriptionView, bool]:
    """Resume the customer's paused subscription, in one transaction.

    Args:
        shop: The shop.
        token: The customer's token.
        subscription_id: Which of the customer's subscriptions (default: the newest live).

    Returns:
        The subscription after the call, and whether it was paused (and is now resumed);
        an active subscription is left exactly as it was.

    Raises:
        InvalidToken: Missing, forged or expired token.
        NoActiveSubscription: The customer has no active or paused subscription (or the
            one named is not theirs or not live).
    """
    claims = claims_for_customer(shop.secret, token)
    with shop.session_factory.begin() as session:
        repository = SubscriptionRepository(session)
        if subscription_id is None:
            row = repository.current_for(claims.customer_id)
        else:
            row = repository.get(subscription_id, for_update=True)
            if row is not None and (row.customer_id != claims.customer_id or not _live(row)):
                row = None
        if row is None:
            raise NoActiveSubscription()
        was_paused = is_paused(row)  # a pause that has ended is nothing to resume
        if was_paused:
            resume(row)
        return view_of(session, row), was_paused


def _live(row: SubscriptionRow) -> bool:
    return row.status in ("active", "paused")


def give_discount(row: SubscriptionRow, percent: int, renewals: int) -> None:
    """Keep an active subscription with ``percent`` off its next ``renewals`` renewals."""
    row.status = "active"
    row.discount_percent = percent
    row.discount_renewals = renewals


def switch_plan(session: Session, row: SubscriptionRow, plan_code: str) -> Plan:
    """Move an active subscription to another plan."""
    plan = SubscriptionRepository(session).plan_by_code(plan_code)
    if plan is None:
        raise NotFound(f"unknown plan: {plan_code}")
    row.plan_id = plan.id
    row.status = "active"
    return plan_of(plan)
