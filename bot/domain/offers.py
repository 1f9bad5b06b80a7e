"""Offer rules: when the assistant may sell, and what it may offer on the way out.

These rules encode the shop-floor practice the assistant follows:
suggest at the right moment, at most a configured number of unsolicited offers,
never re-offer what was declined, never sell to an upset customer, and never stand
between a shopper and a cancellation for more than one turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from bot.domain.models import Plan, Product, Role


class Moment(str, Enum):
    """Points in a conversation where an offer may be made."""

    ASKED = "asked"
    MAIN_ITEM_ADDED = "main_item_added"
    CHECKOUT = "checkout"


@dataclass(frozen=True)
class OfferPolicy:
    """Configurable limits on selling."""

    max_unsolicited: int = 1


@dataclass(frozen=True)
class ConversationState:
    """What the store knows about offers in one conversation."""

    unsolicited_shown: int = 0
    declined_skus: frozenset[str] = field(default_factory=frozenset)
    upset: bool = False


def may_offer(moment: Moment, state: ConversationState, policy: OfferPolicy) -> bool:
    """Whether an add-on may be offered at this moment.

    Asked-for suggestions are always answered; unsolicited ones respect the upset flag
    and the per-conversation limit.
    """
    if moment is Moment.ASKED:
        return True
    if state.upset:
        return False
    return state.unsolicited_shown < policy.max_unsolicited


def is_offer_moment_after_add(product: Product) -> bool:
    """Adding a main item (phone, camera, ...) is a natural moment to suggest an add-on."""
    return product.role is Role.MAIN


def may_offer_on_exit(state: ConversationState) -> bool:
    """Whether a downsell or retention offer may be made before removing or cancelling."""
    return not state.upset


def next_tier(product: Product, family: Sequence[Product]) -> Product | None:
    """The next better tier of a product's family that is on sale, if any."""
    if product.tier is None:
        return None
    above = [p for p in family if p.tier is not None and p.tier > product.tier and p.available]
    return min(above, key=lambda p: p.tier or 0) if above else None


def sold_out_step_up(product: Product, family: Sequence[Product]) -> Product | None:
    """The next tier up when no better tier is on sale but one is listed, out of stock.

    "Is there a better version?" then gets the truth ("… is the step up, but it's out of
    stock right now"), never "already the top version we sell" (s21 review S25).
    """
    if product.tier is None or next_tier(product, family) is not None:
        return None
    above = [p for p in family if p.tier is not None and p.tier > product.tier and p.active]
    return min(above, key=lambda p: p.tier or 0) if above else None


def lower_tier(product: Product, family: Sequence[Product]) -> Product | None:
    """The closest cheaper tier of a product's family that is on sale, if any."""
    if product.tier is None:
        return None
    below = [
        p
        for p in family
        if p.tier is not None and p.tier < product.tier and p.available and p.price < product.price
    ]
    return max(below, key=lambda p: p.tier or 0) if below else None


def cheaper_plan(current: Plan, plans: Sequence[Plan]) -> Plan | None:
    """The closest cheaper plan to retain a cancelling subscriber, or ``None`` (offer a pause)."""
    below = [p for p in plans if p.tier < current.tier and p.price < current.price]
    return max(below, key=lambda p: p.tier) if below else None
