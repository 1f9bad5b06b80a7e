"""Undoing the conversation's last subscription change: which change it was (pure rules).

A turn that changed a subscription is kept as two snapshots of it, before and after
(:class:`SubscriptionState`). :func:`kind_of` names the change — a plan switch, a pause, a
cancellation, or something else (a discount, a resume, several things at once) — and
:func:`revertible` says whether "undo" may put it back: only a switch or a pause, only
within :data:`UNDO_WINDOW`, and only while the subscription still is as the change left it.
A cancellation is never reversed here: the shopper is told how to subscribe again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

SWITCH, PAUSE, CANCEL, OTHER = "switch", "pause", "cancel", "other"
UNDO_WINDOW = timedelta(minutes=30)
"""How long after a subscription change "switch me back" may still reverse it."""


@dataclass(frozen=True)
class SubscriptionState:
    """What one subscription looked like at one moment (``paused_until``: ISO text or None)."""

    subscription_id: int
    plan_code: str
    status: str
    paused_until: str | None = None
    discount_percent: int | None = None
    discount_renewals: int | None = None

    def as_dict(self) -> dict[str, object]:
        """The state as JSON-ready values."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> SubscriptionState:
        """The state from :meth:`as_dict`'s values (unknown keys are ignored)."""
        known = {k: values.get(k) for k in cls.__dataclass_fields__}
        return cls(**known)  # type: ignore[arg-type]


def changed(
    before: dict[int, SubscriptionState], after: dict[int, SubscriptionState]
) -> tuple[SubscriptionState, SubscriptionState] | None:
    """The one subscription a turn changed, before and after; None if none or several did.

    A subscription created during the turn has no "before": not a change "undo" reverses.
    """
    touched = [sid for sid in before.keys() | after.keys() if before.get(sid) != after.get(sid)]
    if len(touched) != 1 or touched[0] not in before or touched[0] not in after:
        return None
    return before[touched[0]], after[touched[0]]


def kind_of(before: SubscriptionState, after: SubscriptionState) -> str:
    """The kind of change: :data:`SWITCH`, :data:`PAUSE`, :data:`CANCEL` or :data:`OTHER`."""
    same_discount = (before.discount_percent, before.discount_renewals) == (
        after.discount_percent,
        after.discount_renewals,
    )
    if after.status == "canceled" and before.status != "canceled":
        return CANCEL
    if not same_discount:
        return OTHER
    if before.plan_code != after.plan_code and before.status == after.status == "active":
        return SWITCH
    if (
        before.plan_code == after.plan_code
        and before.status == "active"
        and after.status == "paused"
    ):
        return PAUSE
    return OTHER


def within_window(created_at: datetime, now: datetime) -> bool:
    """Whether a change made at ``created_at`` is recent enough to undo at ``now``."""
    return now - created_at <= UNDO_WINDOW


def revertible(
    before: SubscriptionState, after: SubscriptionState, now_state: SubscriptionState | None
) -> bool:
    """Whether "undo" may put ``before`` back: a switch or a pause, still as it left it."""
    return kind_of(before, after) in (SWITCH, PAUSE) and now_state == after
