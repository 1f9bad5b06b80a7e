"""Which retention offer saves more: per-kind save rates, every pair, Holm's correction.

Expected numbers are worked out by hand from the formulas (z₀.₉₇₅ = 1.959964):
Wilson 30/100 = [.218949, .395849], 50/100 = [.403832, .596168], 36/100 = [.272712, .457646];
Newcombe's interval of p₂ − p₁ is ``d − sqrt((p₂ − l₂)² + (u₁ − p₁)²)``,
``d + sqrt((u₂ − p₂)² + (p₁ − l₁)²)``.
"""

from __future__ import annotations

import math

import pytest

from bot.domain.retention_stats import (
    KindSaves,
    best_kind,
    compare_kinds,
    holm_adjust,
    tally_kinds,
)

approx = pytest.approx


def _kinds(plan: tuple[int, int], pause: tuple[int, int], discount: tuple[int, int]):
    """``(saved, attempts)`` per kind, as :func:`tally_kinds` would count them."""
    attempts = []
    for kind, (saved, total) in (
        ("retention_plan", plan),
        ("retention_pause", pause),
        ("retention_discount", discount),
    ):
        attempts += [(kind, True)] * saved + [(kind, False)] * (total - saved)
    return tally_kinds(attempts)


def test_holm_multiplies_the_sorted_p_values_by_m_minus_rank_and_keeps_them_monotone() -> None:
    # sorted: .01·3 = .03; .03·2 = .06; .04·1 = .04 -> max(.06, .04) = .06
    assert holm_adjust([0.01, 0.04, 0.03]) == approx([0.03, 0.06, 0.06])
    # capped at 1; a NaN (an unmeasurable pair) is neither adjusted nor counted in m
    assert holm_adjust([0.5, 0.6]) == [1.0, 1.0]
    adjusted = holm_adjust([0.02, math.nan, 0.04])
    assert adjusted[0] == approx(0.04) and adjusted[2] == approx(0.04) and math.isnan(adjusted[1])
    assert holm_adjust([]) == []


def test_tally_counts_attempts_and_saves_per_kind_in_a_fixed_order() -> None:
    kinds = tally_kinds(
        [("retention_pause", True), ("retention_pause", False), ("retention_plan", False)]
    )

    assert [(k.kind, k.attempts, k.saved) for k in kinds] == [
        ("retention_plan", 1, 0),
        ("retention_pause", 2, 1),
        ("retention_discount", 0, 0),
    ]
    assert kinds[1].rate.value == 0.5 and kinds[1].label == "pause"
    assert math.isnan(kinds[2].rate.value)


def test_every_pair_is_compared_higher_rate_first_with_newcombe_intervals() -> None:
    pairs = compare_kinds(_kinds(plan=(30, 100), pause=(50, 100), discount=(36, 100)))

    by_name = {(p.first.label, p.second.label): p for p in pairs}
    assert set(by_name) == {("pause", "cheaper plan"), ("discount", "cheaper plan"),
                            ("pause", "discount")}  # fmt: skip
    # pause − plan: d = .2; low = .2 − sqrt(.096168² + .095849²) = .064223
    #               high = .2 + sqrt(.096168² + .081051²) = .325768
    cmp = by_name["pause", "cheaper plan"].comparison
    assert (cmp.difference, cmp.low, cmp.high) == (
        approx(0.2),
        approx(0.064223, abs=1e-6),
        approx(0.325768, abs=1e-6),
    )
    # pause − discount: d = .14; low = .14 − sqrt(.096168² + .097646²) = .002949
    cmp = by_name["pause", "discount"].comparison
    assert (cmp.low, cmp.high) == (approx(0.002949, abs=1e-6), approx(0.269875, abs=1e-6))
    # discount − plan: d = .06; [.06 − sqrt(.087288² + .095849²), .06 + sqrt(.097646² + .081051²)]
    cmp = by_name["discount", "cheaper plan"].comparison
    assert (cmp.low, cmp.high) == (approx(-0.069638, abs=1e-6), approx(0.186902, abs=1e-6))


def test_holm_decides_the_verdicts_and_a_barely_significant_pair_does_not_survive() -> None:
    pairs = compare_kinds(_kinds(plan=(30, 100), pause=(50, 100), discount=(36, 100)))
    by_name = {(p.first.label, p.second.label): p for p in pairs}
    raw = [p.comparison.p_value for p in pairs]

    assert [p.adjusted_p for p in pairs] == approx(holm_adjust(raw))
    plan_pair, discount_pair = by_name["pause", "cheaper plan"], by_name["pause", "discount"]
    # the smallest raw p is multiplied by 3, the next by 2 (Holm's first two steps)
    assert plan_pair.adjusted_p == approx(3 * plan_pair.comparison.p_value)
    assert plan_pair.adjusted_p < 0.05 and plan_pair.verdict == "more"
    # pause vs discount: its 95% interval just excludes 0 (raw p < .05), but not after Holm
    assert discount_pair.comparison.p_value < 0.05 < discount_pair.adjusted_p
    assert discount_pair.adjusted_p == approx(2 * discount_pair.comparison.p_value)
    assert discount_pair.verdict == "no significant difference"
    assert by_name["discount", "cheaper plan"].verdict == "no significant difference"
    assert best_kind(pairs, _kinds((30, 100), (50, 100), (36, 100))) is None


def test_the_verdict_sentences_say_which_kind_saves_more_with_the_figures() -> None:
    pairs = compare_kinds(_kinds(plan=(30, 100), pause=(50, 100), discount=(36, 100)))
    sentences = {p.sentence().split(":")[0]: p.sentence() for p in pairs}

    assert sentences["pause saves more than cheaper plan"].startswith(
        "pause saves more than cheaper plan: +20.0 pts [+6.4, +32.6], Holm-adjusted p = 0.0"
    )
    assert sentences["no significant difference between pause and discount"].startswith(
        "no significant difference between pause and discount: +14.0 pts [+0.3, +27.0]"
    )


def test_one_kind_that_beats_every_other_is_named_the_best() -> None:
    kinds = _kinds(plan=(20, 100), pause=(60, 100), discount=(25, 100))

    pairs = compare_kinds(kinds)

    assert [p.verdict for p in pairs if p.first.label == "pause"] == ["more", "more"]
    assert best_kind(pairs, kinds) == "pause"


def test_missing_and_small_kinds_are_handled() -> None:
    only_two = _kinds(plan=(30, 100), pause=(50, 100), discount=(0, 0))
    pairs = compare_kinds(only_two)
    assert [(p.first.label, p.second.label) for p in pairs] == [("pause", "cheaper plan")]
    # one test only: no correction, adjusted p is the raw p
    assert pairs[0].adjusted_p == pairs[0].comparison.p_value

    assert compare_kinds(_kinds(plan=(0, 0), pause=(5, 10), discount=(0, 0))) == []
    assert compare_kinds(_kinds(plan=(0, 0), pause=(0, 0), discount=(0, 0))) == []
    assert best_kind([], _kinds((0, 0), (5, 10), (0, 0))) is None

    small = compare_kinds(_kinds(plan=(0, 29), pause=(29, 29), discount=(0, 0)))
    assert small[0].verdict == "not enough data" and small[0].comparison.p_value < 0.0001
    assert "each needs ≥ 30 attempts; 29 and 29" in small[0].sentence()
    assert compare_kinds(_kinds((0, 29), (29, 29), (0, 0)), minimum=29)[0].verdict == "more"


def test_equal_rates_keep_the_fixed_order_and_show_no_difference() -> None:
    kinds = [k for k in _kinds(plan=(40, 100), pause=(40, 100), discount=(0, 0)) if k.attempts]

    (pair,) = compare_kinds(kinds)

    assert (pair.first.label, pair.second.label) == ("cheaper plan", "pause")
    assert pair.comparison.difference == 0 and pair.adjusted_p == 1.0
    assert pair.verdict == "no significant difference"
    assert isinstance(pair.first, KindSaves)
