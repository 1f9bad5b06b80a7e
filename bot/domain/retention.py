"""Retention options: what a shop lets the assistant offer a cancelling subscriber.

Pure rules, no I/O. Three kinds exist: a cheaper plan, a pause, and a discount (a percent
off the next few renewals). The shop allows some of them (:class:`RetentionPolicy`); an
experiment variant may prefer one; the shopper may ask for another one than offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.errors import DomainError
from bot.domain.language.en_pause import PauseAsked
from bot.domain.models import OfferKind, Plan
from bot.domain.offers import cheaper_plan
from bot.money import to_money

CHEAPER_PLAN = "cheaper_plan"
PAUSE = "pause"
DISCOUNT = "discount"
OPTIONS = (CHEAPER_PLAN, PAUSE, DISCOUNT)
KIND_OF = {
    CHEAPER_PLAN: OfferKind.RETENTION_PLAN,
    PAUSE: OfferKind.RETENTION_PAUSE,
    DISCOUNT: OfferKind.RETENTION_DISCOUNT,
}
OPTION_OF = {kind: option for option, kind in KIND_OF.items()}


class RetentionConfigError(DomainError):
    """The shop's retention settings are malformed."""


@dataclass(frozen=True)
class RetentionPolicy:
    """Which retention options the shop allows, and the discount it gives.

    Attributes:
        allowed: The options the assistant may offer or grant when asked.
        discount_percent: Percent off each discounted renewal (1-90).
        discount_renewals: How many renewals the discount covers (1-24).
        pause_days: How long a pause lasts when the shopper says no length.
        max_pause_days: The longest pause the shopper may ask for ("pause it for 3
            months" is granted only up to this; default: ``pause_days``).
    """

    allowed: frozenset[str] = frozenset(OPTIONS)
    discount_percent: int = 20
    discount_renewals: int = 3
    pause_days: int = 30
    max_pause_days: int = 30

    def __post_init__(self) -> None:
        unknown = set(self.allowed) - set(OPTIONS)
        if unknown:
            raise RetentionConfigError(f"unknown retention option(s): {', '.join(sorted(unknown))}")
        if not 1 <= self.discount_percent <= 90:
            raise RetentionConfigError("the retention discount must be 1-90 percent")
        if not 1 <= self.discount_renewals <= 24:
            raise RetentionConfigError("the retention discount must cover 1-24 renewals")
        if not 1 <= self.pause_days <= self.max_pause_days <= 366:
            raise RetentionConfigError("pauses must last 1 day to a year, the default no longer")

    def allows(self, option: str) -> bool:
        """Whether the shop allows this option."""
        return option in self.allowed


class PauseLengthRefused(DomainError):
    """The shopper asked for a pause length the shop does not allow (or said none exactly)."""

    def __init__(self, said: str, longest_days: int) -> None:
        super().__init__(f"a pause of {said} is not allowed (at most {longest_days} days)")
        self.said = said
        self.longest_days = longest_days


def granted_pause_days(policy: RetentionPolicy, asked: tuple[str, int | None] | None) -> int:
    """The pause length to grant: the shop's default, or exactly the length asked for.

    Args:
        policy: The shop's retention policy.
        asked: ``(as said, days)`` when the shopper named a length (days None: no exact
            length, such as "a few months"), else None.

    Raises:
        PauseLengthRefused: A length that is not exact or not from 1 day to the longest
            allowed; nothing is ever shortened or lengthened silently.
    """
    if asked is None:
        return policy.pause_days
    said, days = asked
    if days is None or not 1 <= days <= policy.max_pause_days:
        raise PauseLengthRefused(said, policy.max_pause_days)
    return days


class PauseLengthUnread(PauseLengthRefused):
    """The shopper named a pause length or end date that could not be read exactly."""


def granted_pause(policy: RetentionPolicy, asked: PauseAsked | None) -> int:
    """The pause length to grant for what the shopper said (see :func:`granted_pause_days`).

    Raises:
        PauseLengthUnread: A length or date was said but could not be read: ask, never
            pause for the default.
        PauseLengthRefused: A length that is not exact or longer than the shop allows.
    """
    if asked is not None and not asked.readable:
        raise PauseLengthUnread(asked.said, policy.max_pause_days)
    return granted_pause_days(policy, None if asked is None else (asked.said, asked.days))


def parse_allowed(text: str) -> frozenset[str]:
    """Read ``"cheaper_plan,pause"`` (commas or spaces) into allowed options.

    Raises:
        RetentionConfigError: An unknown option name.
    """
    names = frozenset(part for part in text.replace(",", " ").split() if part)
    unknown = names - set(OPTIONS)
    if unknown:
        raise RetentionConfigError(f"unknown retention option(s): {', '.join(sorted(unknown))}")
    return names


def discounted_price(price: Decimal, percent: int) -> Decimal:
    """The price after ``percent`` off, rounded to cents (half up)."""
    return to_money(price * (Decimal(100) - Decimal(percent)) / Decimal(100))


@dataclass(frozen=True)
class RetentionOption:
    """One option to offer: its kind and, for a cheaper plan, the plan."""

    option: str
    plan: Plan | None = None

    @property
    def kind(self) -> OfferKind:
        """The offer kind recorded in the store."""
        return KIND_OF[self.option]


def _option(option: str, current: Plan, plans: Sequence[Plan]) -> RetentionOption | None:
    if option == CHEAPER_PLAN:
        cheaper = cheaper_plan(current, plans)
        return RetentionOption(CHEAPER_PLAN, cheaper) if cheaper else None
    return RetentionOption(option)


def option_for(
    option: str, current: Plan, plans: Sequence[Plan], policy: RetentionPolicy
) -> RetentionOption | None:
    """The option the shopper asked for, if the shop allows it and it exists for this plan."""
    return _option(option, current, plans) if policy.allows(option) else None


def choose_option(
    preference: str,
    current: Plan,
    plans: Sequence[Plan],
    policy: RetentionPolicy,
    refused: frozenset[str] = frozenset(),
) -> RetentionOption | None:
    """The one retention option to offer a cancelling subscriber, or ``None`` (cancel at once).

    ``preference`` is the experiment variant's setting: ``auto`` (and ``cheaper_plan``)
    offer a cheaper plan when there is one, else a pause, else a discount; ``pause`` and
    ``discount`` put that kind first. Options the shop does not allow are skipped, and so
    are the ones the shopper refused in the cancel request itself (``refused``: "no
    pausing, just cancel"); with every option refused there is none (cancel at once, s27).
    """
    order = {
        PAUSE: (PAUSE, CHEAPER_PLAN, DISCOUNT),
        DISCOUNT: (DISCOUNT, CHEAPER_PLAN, PAUSE),
    }.get(preference, (CHEAPER_PLAN, PAUSE, DISCOUNT))
    for option in (o for o in order if o not in refused):
        found = option_for(option, current, plans, policy)
        if found is not None:
            return found
    return None
