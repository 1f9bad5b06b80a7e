"""Per-arm metrics of an offer experiment, each compared with the control arm.

The randomised unit is the customer or the conversation; every unit-level metric (revenue
per unit, AOV, turns to cancel) is computed over exposed units, so a holdout's units count
even when it never showed an offer. Counts come from :class:`ArmData`, which the report
service fills from the store. Money arrives in minor units and leaves as major units (float
estimates for charts and tables, not amounts to charge).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.domain.experiment_stats import (
    Comparison,
    Estimate,
    MinimumSample,
    SampleRatio,
    enough_data,
    mean_interval,
    ratio_interval,
    ratio_test,
    sample_ratio_check,
    two_proportion_test,
    welch_test,
    wilson_interval,
)


@dataclass
class ArmData:
    """What one arm's exposed units did.

    Attributes:
        revenue: Per unit, the order revenue (minor units) attributed to it.
        orders: Per unit, its attributed orders (same order as ``revenue``).
        offers_shown / offers_accepted: Offer events of the arm.
        orders_with_addon: Orders holding an add-on accepted in the chat before it.
        orders_free_shipping: Orders at or above the free-shipping threshold.
        cancel_units / cancel_saved: Units that asked to cancel, and those kept by an offer.
        cancel_turns: Per completed cancellation, the turns from asking to cancelled.
    """

    revenue: list[float] = field(default_factory=list)
    orders: list[float] = field(default_factory=list)
    offers_shown: int = 0
    offers_accepted: int = 0
    orders_with_addon: int = 0
    orders_free_shipping: int = 0
    cancel_units: int = 0
    cancel_saved: int = 0
    cancel_turns: list[float] = field(default_factory=list)

    @property
    def units(self) -> int:
        """Exposed units."""
        return len(self.revenue)

    @property
    def order_count(self) -> int:
        """Attributed orders."""
        return int(sum(self.orders))


@dataclass(frozen=True)
class MetricRow:
    """One metric of one arm, and (except for the control) its comparison with the control."""

    metric: str
    arm: str
    estimate: Estimate
    comparison: Comparison | None
    verdict: str


@dataclass(frozen=True)
class Metric:
    """A metric: its name, how to estimate it for an arm, and how to compare two arms."""

    name: str
    estimate: Callable[[ArmData], Estimate]
    compare: Callable[[ArmData, ArmData], Comparison]
    kind: str  # "rate", "money" or "count"


def _money(values: Sequence[float]) -> list[float]:
    return [v / 100 for v in values]


METRICS: tuple[Metric, ...] = (
    Metric(
        "offer acceptance rate",
        lambda a: wilson_interval(a.offers_accepted, a.offers_shown),
        lambda c, t: two_proportion_test(
            c.offers_accepted, c.offers_shown, t.offers_accepted, t.offers_shown
        ),
        "rate",
    ),
    Metric(
        "attach rate",
        lambda a: wilson_interval(a.orders_with_addon, a.order_count),
        lambda c, t: two_proportion_test(
            c.orders_with_addon, c.order_count, t.orders_with_addon, t.order_count
        ),
        "rate",
    ),
    Metric(
        "AOV",
        lambda a: ratio_interval(_money(a.revenue), a.orders),
        lambda c, t: ratio_test((_money(c.revenue), c.orders), (_money(t.revenue), t.orders)),
        "money",
    ),
    Metric(
        "revenue per unit",
        lambda a: mean_interval(_money(a.revenue)),
        lambda c, t: welch_test(_money(c.revenue), _money(t.revenue)),
        "money",
    ),
    Metric(
        "free-shipping unlock rate",
        lambda a: wilson_interval(a.orders_free_shipping, a.order_count),
        lambda c, t: two_proportion_test(
            c.orders_free_shipping, c.order_count, t.orders_free_shipping, t.order_count
        ),
        "rate",
    ),
    Metric(
        "cancel save rate",
        lambda a: wilson_interval(a.cancel_saved, a.cancel_units),
        lambda c, t: two_proportion_test(
            c.cancel_saved, c.cancel_units, t.cancel_saved, t.cancel_units
        ),
        "rate",
    ),
    Metric(
        "turns to cancel",
        lambda a: mean_interval(a.cancel_turns),
        lambda c, t: welch_test(c.cancel_turns, t.cancel_turns),
        "count",
    ),
)


def verdict(comparison: Comparison, enough: bool) -> str:
    """The verdict: not enough data, higher, lower, or no significant difference."""
    if not enough:
        return "not enough data"
    if comparison.p_value != comparison.p_value:  # NaN: undefined for these arms
        return "not measurable"
    if not comparison.significant():
        return "no significant difference"
    return "higher" if comparison.difference > 0 else "lower"


def compare_arms(
    arms: Mapping[str, ArmData],
    control: str,
    weights: Mapping[str, int],
    minimum: MinimumSample | None = None,
) -> tuple[list[MetricRow], SampleRatio]:
    """Every metric per arm, each non-control arm compared with ``control``, and the SRM check.

    A comparison gets a verdict only when both arms reach the minimum sample (units and
    orders) — otherwise "not enough data".
    """
    minimum = minimum or MinimumSample()
    base = arms[control]
    rows: list[MetricRow] = []
    for metric in METRICS:
        for name, data in arms.items():
            estimate = metric.estimate(data)
            if name == control:
                rows.append(MetricRow(metric.name, name, estimate, None, "control"))
                continue
            comparison = metric.compare(base, data)
            enough = enough_data(
                [base.units, data.units], [base.order_count, data.order_count], minimum
            )
            rows.append(
                MetricRow(metric.name, name, estimate, comparison, verdict(comparison, enough))
            )
    srm = sample_ratio_check({name: data.units for name, data in arms.items()}, weights)
    return rows, srm
