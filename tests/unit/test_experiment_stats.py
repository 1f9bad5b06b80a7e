"""Every statistic of the experiment report against values worked out by hand.

The expected numbers below come from the textbook formulas with the inputs plugged in
(z₀.₉₇₅ = 1.959964; the tail probabilities from normal, t and χ² tables).
"""

from __future__ import annotations

import math

import pytest

from bot.domain.experiment_stats import (
    MinimumSample,
    enough_data,
    mean_interval,
    ratio_estimate,
    ratio_interval,
    ratio_test,
    sample_ratio_check,
    two_proportion_test,
    welch_test,
    wilson_interval,
)

approx = pytest.approx


def test_wilson_interval_of_40_in_200() -> None:
    # p = .2, z² = 3.841459; centre = (.2 + z²/400) / (1 + z²/200) = .209604 / 1.019207 = .205654
    # half = z·sqrt(.2·.8/200 + z²/160000) / 1.019207 = 1.959964 · .0287054 / 1.019207 = .055201
    estimate = wilson_interval(40, 200)
    assert estimate.value == 0.2
    assert (estimate.low, estimate.high) == (approx(0.150452, abs=1e-6), approx(0.260855, abs=1e-6))


def test_wilson_interval_of_zero_successes_starts_at_zero_and_of_no_trials_is_undefined() -> None:
    assert wilson_interval(0, 50).low == approx(0.0, abs=1e-12)
    assert math.isnan(wilson_interval(0, 0).value)


def test_difference_of_two_rates_uses_newcombes_hybrid_score_interval() -> None:
    # Wilson 40/200 = [.150452, .260855]; Wilson 60/200: centre = .309604 / 1.019207 = .303769,
    # half = 1.959964 · sqrt(.00105 + z²/160000) / 1.019207 = .063022 -> [.240747, .366791]
    # low = .1 − sqrt((.3 − .240747)² + (.260855 − .2)²) = .1 − sqrt(.0072142) = .015064
    # high = .1 + sqrt((.366791 − .3)² + (.2 − .150452)²) = .1 + sqrt(.0069160) = .183163
    result = two_proportion_test(40, 200, 60, 200)
    assert result.difference == approx(0.1)
    assert (result.low, result.high) == (approx(0.015064, abs=2e-6), approx(0.183163, abs=2e-6))
    assert result.lift == approx(0.5)
    assert 0.0 < result.p_value < 0.05  # the interval excludes 0, so does the test
    assert result.significant()


def test_newcombes_published_example() -> None:
    # Newcombe (1998), Stat. Med. 17:873, Table II, 56/70 − 48/80, method 10: [.0524, .3339]
    result = two_proportion_test(48, 80, 56, 70)
    assert result.difference == approx(0.2)
    assert (result.low, result.high) == (approx(0.0524, abs=5e-5), approx(0.3339, abs=5e-5))


def test_small_samples_stay_within_100_points_and_the_test_agrees_with_the_interval() -> None:
    # 0 of 5 vs 3 of 5 (the Wald interval gave [+17.1, +102.9] pts on a case like this).
    # Wilson 0/5 = [0, .434482], Wilson 3/5 = [.230724, .882379]:
    # low = .6 − sqrt(.369276² + .434482²) = .6 − sqrt(.325140) = .6 − .570210 = .029790 > 0.
    result = two_proportion_test(0, 5, 3, 5)
    assert (result.low, result.high) == (approx(0.029790, abs=2e-6), approx(0.882379, abs=2e-6))
    assert result.p_value < 0.05 and result.significant()
    for x1 in range(6):
        for x2 in range(4):
            result = two_proportion_test(x1, 5, x2, 3)
            assert -1.0 <= result.low <= result.difference <= result.high <= 1.0
            excludes_zero = result.low > 0 or result.high < 0
            if abs(result.p_value - 0.05) > 1e-9:
                assert (result.p_value < 0.05) == excludes_zero, (x1, x2)
            assert result.significant() == (result.p_value < 0.05 and excludes_zero)


def test_the_p_value_is_where_the_interval_touches_zero() -> None:
    # Inverting the interval: at level 1 − p, the bound nearer 0 is 0.
    result = two_proportion_test(48, 80, 56, 70)
    at_p = two_proportion_test(48, 80, 56, 70, level=1 - result.p_value)
    assert at_p.low == approx(0.0, abs=1e-9)
    assert two_proportion_test(0, 1000, 1000, 1000).p_value < 1e-12


def test_a_verdict_never_contradicts_its_interval() -> None:
    from bot.domain.experiment_stats import Comparison

    assert not Comparison(0.6, -0.1, 0.9, math.nan, 0.01).significant()
    assert not Comparison(0.6, 0.1, 0.9, math.nan, 0.2).significant()
    assert Comparison(0.6, 0.1, 0.9, math.nan, 0.01).significant()


def test_two_proportion_z_test_of_equal_rates_and_of_an_empty_arm() -> None:
    assert two_proportion_test(30, 100, 30, 100).p_value == approx(1.0)
    assert math.isnan(two_proportion_test(0, 0, 5, 10).p_value)


def test_welch_t_test() -> None:
    # a = 1..4: mean 2.5, s² = 5/3, s²/n = .416667; b = 2,4,..,10: mean 6, s² = 10, s²/n = 2
    # se = sqrt(2.416667) = 1.554563, t = 3.5 / se = 2.251436
    # df = 2.416667² / (.416667²/3 + 2²/4) = 5.840278 / 1.057870 = 5.520788; p = .069134
    result = welch_test([1, 2, 3, 4], [2, 4, 6, 8, 10])
    assert result.difference == approx(3.5)
    assert result.p_value == approx(0.069134, abs=1e-6)
    assert (result.low, result.high) == (approx(-0.385368, abs=1e-5), approx(7.385368, abs=1e-5))
    assert not result.significant()


def test_welch_without_spread_is_certain_and_below_two_values_undefined() -> None:
    assert welch_test([1, 1, 1], [2, 2, 2]).p_value == 0.0
    assert welch_test([1, 1, 1], [1, 1]).p_value == 1.0
    assert math.isnan(welch_test([1], [1, 2]).p_value)


def test_ratio_test_without_spread_agrees_with_its_point_interval() -> None:
    # Every order 10 in control and 20 in treatment: both delta variances are 0, so the
    # interval is [10, 10] and the test must call it certain, as Welch does.
    result = ratio_test(([10, 10], [1, 1]), ([20, 20], [1, 1]))
    assert (result.difference, result.low, result.high) == (10.0, 10.0, 10.0)
    assert result.p_value == 0.0 and result.significant()
    assert ratio_test(([10, 10], [1, 1]), ([10, 10], [1, 1])).p_value == 1.0


def test_mean_interval() -> None:
    # mean 2.5, s = 1.290994, se = .645497, t₀.₉₇₅(3) = 3.182446 → half 2.054260
    estimate = mean_interval([1, 2, 3, 4])
    assert (estimate.value, estimate.low, estimate.high) == (
        2.5,
        approx(0.445740, abs=1e-6),
        approx(4.554260, abs=1e-6),
    )


def test_delta_method_variance_of_a_ratio_of_sums() -> None:
    # X = 10, 0, 20, 30; Y = 1, 0, 2, 2: R = 60/5 = 12
    # s²_X = 500/3, s²_Y = 2.75/3, s_XY = 35/3; Var(R) = (500/3 − 24·35/3 + 144·2.75/3)/(4·1.25²)
    #   = 18.666667 / 6.25 = 2.986667
    ratio, variance = ratio_estimate([10, 0, 20, 30], [1, 0, 2, 2])
    assert ratio == 12
    assert variance == approx(2.986667, abs=1e-6)
    interval = ratio_interval([10, 0, 20, 30], [1, 0, 2, 2])
    half = 1.959964 * math.sqrt(2.986667)
    assert (interval.low, interval.high) == (
        approx(12 - half, abs=1e-4),
        approx(12 + half, abs=1e-4),
    )


def test_ratio_test_adds_the_two_delta_variances() -> None:
    # control R = 12, Var 2.986667; treatment doubles X: R = 24, Var = 4 · 2.986667
    # z = 12 / sqrt(5 · 2.986667) = 12 / 3.864367 = 3.105295, p = 2·(1 − Φ(3.1053)) = .001901
    control = ([10, 0, 20, 30], [1, 0, 2, 2])
    treatment = ([20, 0, 40, 60], [1, 0, 2, 2])
    result = ratio_test(control, treatment)
    assert result.difference == approx(12)
    assert result.p_value == approx(0.001901, abs=1e-6)
    assert result.lift == approx(1.0)


def test_sample_ratio_check_passes_a_fair_split_and_flags_a_skewed_one() -> None:
    # 520/480 against 1:1: χ² = (20² + 20²)/500 = 1.6, p = .205903
    fair = sample_ratio_check({"a": 520, "b": 480}, {"a": 1, "b": 1})
    assert (fair.chi2, fair.p_value) == (approx(1.6), approx(0.205903, abs=1e-6))
    assert not fair.mismatch
    # 600/400: χ² = 40, p = 2.5e-10 < .001
    skewed = sample_ratio_check({"a": 600, "b": 400}, {"a": 1, "b": 1})
    assert skewed.chi2 == approx(40) and skewed.p_value == approx(2.54e-10, rel=1e-2)
    assert skewed.mismatch


def test_sample_ratio_check_uses_the_weights() -> None:
    # 10/90 weights, 100/900 units: exactly as expected; 150/850: χ² = 50²/100 + 50²/900 = 27.78
    assert sample_ratio_check({"h": 100, "t": 900}, {"h": 10, "t": 90}).chi2 == approx(0)
    skewed = sample_ratio_check({"h": 150, "t": 850}, {"h": 10, "t": 90})
    assert skewed.chi2 == approx(27.777778) and skewed.mismatch


def test_minimum_sample_rule() -> None:
    minimum = MinimumSample(units=100, orders=30)
    assert enough_data([100, 250], [30, 31], minimum)
    assert not enough_data([99, 250], [30, 31], minimum)
    assert not enough_data([100, 250], [29, 31], minimum)
