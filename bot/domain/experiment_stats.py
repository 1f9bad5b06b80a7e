"""The statistics of the experiment report (scipy + numpy), each with its textbook formula.

* rates: Wilson score interval per arm; the difference of two rates with Newcombe's hybrid
  score interval (from the two Wilson intervals, always within [-1, 1]) and the p-value of the
  test that inverts it, so the p-value and the interval never disagree;
* means per unit (revenue per conversation, turns to cancel): Welch's t-test with the
  Welch–Satterthwaite degrees of freedom;
* ratio metrics whose unit is not the randomised unit (AOV = revenue / orders, per unit
  assigned): the delta method, then a z-test on the difference;
* sample-ratio mismatch: Pearson's chi-square against the configured weights, flagged
  below ``SRM_ALPHA`` (0.001, as Statsig does);
* a minimum sample below which no verdict is given.

Float arithmetic is right here: these are estimates, not money.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

ALPHA = 0.05
SRM_ALPHA = 0.001


@dataclass(frozen=True)
class Estimate:
    """A value with its confidence interval (``low``/``high`` are NaN when undefined)."""

    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    """Treatment minus control: the difference, its interval, the relative lift, the p-value."""

    difference: float
    low: float
    high: float
    lift: float
    p_value: float

    def significant(self, alpha: float = ALPHA) -> bool:
        """Whether the p-value is below ``alpha`` and the interval excludes 0.

        Both are asked so that a verdict never contradicts the interval shown beside it.
        """
        excludes_zero = self.low > 0 or self.high < 0
        return self.p_value < alpha and excludes_zero


@dataclass(frozen=True)
class SampleRatio:
    """The chi-square sample-ratio check of one experiment."""

    observed: dict[str, int]
    expected: dict[str, float]
    chi2: float
    p_value: float

    @property
    def mismatch(self) -> bool:
        """Whether the split is off by more than chance allows (p < 0.001)."""
        return self.p_value < SRM_ALPHA


def _z(level: float) -> float:
    return float(stats.norm.ppf(1 - (1 - level) / 2))


def _lift(treatment: float, control: float) -> float:
    return treatment / control - 1 if control else math.nan


def wilson_interval(successes: int, trials: int, level: float = 0.95) -> Estimate:
    """A rate with its Wilson score interval (NaN everywhere when ``trials`` is 0)."""
    return _wilson(successes, trials, _z(level))


def _wilson(successes: int, trials: int, z: float) -> Estimate:
    """The Wilson score interval at normal quantile ``z``."""
    if trials <= 0:
        return Estimate(math.nan, math.nan, math.nan)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = (
        z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    )
    return Estimate(p, centre - half, centre + half)


def _newcombe_bounds(
    x_control: int, n_control: int, x_treatment: int, n_treatment: int, z: float
) -> tuple[float, float]:
    """Newcombe's hybrid score interval (method 10) of ``p2 - p1`` at normal quantile ``z``."""
    p1, p2 = x_control / n_control, x_treatment / n_treatment
    w1, w2 = _wilson(x_control, n_control, z), _wilson(x_treatment, n_treatment, z)
    diff = p2 - p1
    low = diff - math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2)
    high = diff + math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2)
    return max(low, -1.0), min(high, 1.0)


def _newcombe_p_value(x_control: int, n_control: int, x_treatment: int, n_treatment: int) -> float:
    """Two-sided p-value of the test that inverts Newcombe's interval.

    It is the smallest ``alpha`` whose ``1 - alpha`` interval just touches 0: the ``z`` where
    the bound nearer to 0 equals 0, found with Brent's method (the bound moves monotonically
    from the difference at ``z = 0`` to ±1 as ``z`` grows).
    """
    diff = x_treatment / n_treatment - x_control / n_control
    if diff == 0:
        return 1.0
    side = 0 if diff > 0 else 1

    def bound(z: float) -> float:
        return _newcombe_bounds(x_control, n_control, x_treatment, n_treatment, z)[side]

    top = 40.0
    if (bound(top) > 0) == (diff > 0):  # still excludes 0 at z = 40: p below 1e-300
        return 0.0
    z = float(optimize.brentq(bound, 1e-12, top, xtol=1e-12))
    return 2 * float(stats.norm.sf(z))


def two_proportion_test(
    x_control: int, n_control: int, x_treatment: int, n_treatment: int, level: float = 0.95
) -> Comparison:
    """Difference of two ``x/n`` rates (treatment minus control) with Newcombe's interval.

    The interval is Newcombe's hybrid score interval (method 10, Newcombe 1998) built from
    the two Wilson score intervals: ``low = d - sqrt((p2 - l2)² + (u1 - p1)²)``, ``high =
    d + sqrt((u2 - p2)² + (p1 - l1)²)``; it stays within [-1, 1] and behaves at small
    samples. The p-value comes from inverting that same interval (see
    :func:`_newcombe_p_value`), so ``p < 1 - level`` exactly when the interval excludes 0.
    NaN everywhere when either arm has no trials.
    """
    if n_control <= 0 or n_treatment <= 0:
        return Comparison(math.nan, math.nan, math.nan, math.nan, math.nan)
    p1, p2 = x_control / n_control, x_treatment / n_treatment
    low, high = _newcombe_bounds(x_control, n_control, x_treatment, n_treatment, _z(level))
    p_value = _newcombe_p_value(x_control, n_control, x_treatment, n_treatment)
    return Comparison(p2 - p1, low, high, _lift(p2, p1), p_value)


def mean_interval(values: Sequence[float], level: float = 0.95) -> Estimate:
    """A mean with its Student-t interval (NaN interval below two values)."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Estimate(math.nan, math.nan, math.nan)
    mean = float(data.mean())
    if data.size < 2:
        return Estimate(mean, math.nan, math.nan)
    half = float(stats.t.ppf(1 - (1 - level) / 2, data.size - 1)) * float(
        data.std(ddof=1) / math.sqrt(data.size)
    )
    return Estimate(mean, mean - half, mean + half)


def welch_test(
    control: Sequence[float], treatment: Sequence[float], level: float = 0.95
) -> Comparison:
    """Welch's t-test of two means (treatment minus control), unequal variances.

    ``se = sqrt(s1²/n1 + s2²/n2)``, ``df = se⁴ / ((s1²/n1)²/(n1-1) + (s2²/n2)²/(n2-1))``.
    """
    a, b = np.asarray(control, dtype=float), np.asarray(treatment, dtype=float)
    if a.size < 2 or b.size < 2:
        return Comparison(math.nan, math.nan, math.nan, math.nan, math.nan)
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    diff, se = float(b.mean() - a.mean()), math.sqrt(va + vb)
    if se == 0:  # no spread in either arm: any difference is certain
        p_value = 1.0 if diff == 0 else 0.0
        return Comparison(diff, diff, diff, _lift(float(b.mean()), float(a.mean())), p_value)
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    p_value = float(stats.ttest_ind(b, a, equal_var=False).pvalue)
    half = float(stats.t.ppf(1 - (1 - level) / 2, df)) * se
    return Comparison(
        diff, diff - half, diff + half, _lift(float(b.mean()), float(a.mean())), p_value
    )


def ratio_estimate(
    numerators: Sequence[float], denominators: Sequence[float]
) -> tuple[float, float]:
    """A ratio of sums over units and its delta-method variance.

    ``R = ΣX / ΣY``; ``Var(R) ≈ (s²_X − 2 R s_XY + R² s²_Y) / (n · Ȳ²)`` with sample
    (co)variances over the ``n`` units. Returns ``(R, Var(R))``; NaN when ``ΣY`` is 0.
    """
    x, y = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    if x.size < 2 or y.sum() == 0:
        return math.nan, math.nan
    ratio = float(x.sum() / y.sum())
    cov = np.cov(x, y, ddof=1)
    variance = (cov[0, 0] - 2 * ratio * cov[0, 1] + ratio**2 * cov[1, 1]) / (x.size * y.mean() ** 2)
    return ratio, float(max(variance, 0.0))


def ratio_interval(
    numerators: Sequence[float], denominators: Sequence[float], level: float = 0.95
) -> Estimate:
    """A ratio metric (e.g. AOV) with its delta-method normal interval."""
    ratio, variance = ratio_estimate(numerators, denominators)
    half = _z(level) * math.sqrt(variance) if not math.isnan(variance) else math.nan
    return Estimate(ratio, ratio - half, ratio + half)


def ratio_test(
    control: tuple[Sequence[float], Sequence[float]],
    treatment: tuple[Sequence[float], Sequence[float]],
    level: float = 0.95,
) -> Comparison:
    """z-test of two independent ratio metrics (delta-method variances added)."""
    r1, v1 = ratio_estimate(*control)
    r2, v2 = ratio_estimate(*treatment)
    if math.isnan(r1) or math.isnan(r2):
        return Comparison(math.nan, math.nan, math.nan, math.nan, math.nan)
    diff, se = r2 - r1, math.sqrt(v1 + v2)
    # no spread in either arm: as in welch_test, any difference is certain
    p_value = 2 * float(stats.norm.sf(abs(diff) / se)) if se > 0 else float(diff == 0)
    half = _z(level) * se
    return Comparison(diff, diff - half, diff + half, _lift(r2, r1), p_value)


def sample_ratio_check(observed: Mapping[str, int], weights: Mapping[str, int]) -> SampleRatio:
    """Pearson's chi-square of the units per arm against the configured weights."""
    names = list(weights)
    counts = [int(observed.get(name, 0)) for name in names]
    total, weight_sum = sum(counts), sum(weights.values())
    expected = {name: total * weights[name] / weight_sum for name in names}
    if total == 0:
        return SampleRatio(dict(zip(names, counts, strict=True)), expected, 0.0, 1.0)
    chi2, p_value = stats.chisquare(counts, [expected[name] for name in names])
    return SampleRatio(dict(zip(names, counts, strict=True)), expected, float(chi2), float(p_value))


@dataclass(frozen=True)
class MinimumSample:
    """Below these counts in any compared arm, the report says "not enough data"."""

    units: int = 100
    orders: int = 30


def enough_data(units: Sequence[int], orders: Sequence[int], minimum: MinimumSample) -> bool:
    """Whether every arm has at least the minimum units and orders."""
    return min(units, default=0) >= minimum.units and min(orders, default=0) >= minimum.orders
