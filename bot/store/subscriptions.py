"""The subscription repository: plans and customers' subscriptions (never commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.store.tables import PlanRow, SubscriptionRow


class SubscriptionRepository:
    """Plans and subscriptions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def plans(self) -> list[PlanRow]:
        """Every plan, cheapest tier first."""
        return list(self.session.scalars(select(PlanRow).order_by(PlanRow.tier, PlanRow.code)))

    def plan_by_code(self, code: str) -> PlanRow | None:
        """A plan by code."""
        return self.session.scalar(select(PlanRow).where(PlanRow.code == code))

    def get(self, subscription_id: int, for_update: bool = False) -> SubscriptionRow | None:
        """A subscription by id."""
        query = select(SubscriptionRow).where(SubscriptionRow.id == subscription_id)
        if for_update:
            query = query.with_for_update()
        return self.session.scalar(query)

    @staticmethod
    def _live(customer_id: int) -> Select:
        """The customer's subscriptions that are active or paused, newest first."""
        return (
            select(SubscriptionRow)
            .where(
                SubscriptionRow.customer_id == customer_id,
                SubscriptionRow.status.in_(("active", "paused")),
            )
            .order_by(SubscriptionRow.id.desc())
        )

    def current_for(self, customer_id: int) -> SubscriptionRow | None:
        """The customer's newest subscription that is active or paused (locked)."""
        return self.session.scalar(self._live(customer_id).with_for_update())

    def live_for(self, customer_id: int) -> list[SubscriptionRow]:
        """Every subscription of the customer that is active or paused, newest first."""
        return list(self.session.scalars(self._live(customer_id)))

    def create(self, customer_id: int, plan_id: int) -> SubscriptionRow:
        """Start an active subscription."""
        row = SubscriptionRow(customer_id=customer_id, plan_id=plan_id, status="active")
        self.session.add(row)
        self.session.flush()
        return row
