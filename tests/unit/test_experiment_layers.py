"""Several experiments at once: levers, conflicts, merged settings, independent assignment."""

from __future__ import annotations

from collections import Counter

import pytest
from scipy.stats import chi2_contingency

from bot.domain.experiment_layers import conflict, levers, merged_settings
from bot.domain.experiments import ExperimentConfigError, VariantSettings, assign, parse_experiments


def entry(key: str, settings: dict, start: str = "2026-12-01", stop: str = "2027-01-01") -> dict:
    return {
        "key": key,
        "unit": "customer",
        "start": start,
        "stop": stop,
        "variants": [
            {"name": "control", "weight": 1},
            {"name": "treatment", "weight": 1, "settings": settings},
        ],
    }


def test_levers_are_the_settings_some_variant_changes() -> None:
    (exp,) = parse_experiments(
        {"experiments": [entry("a", {"reason_style": "brief", "max_unsolicited": 2})]}
    )
    assert levers(exp) == {"reason_style", "max_unsolicited"}
    (aa,) = parse_experiments({"experiments": [entry("aa", {})]})
    assert levers(aa) == frozenset()


def test_experiments_with_different_levers_may_run_at_the_same_time() -> None:
    data = {"experiments": [entry("a", {"offers": False}), entry("b", {"reason_style": "brief"})]}
    first, second = parse_experiments(data)
    assert conflict([first, second]) is None


def test_the_same_lever_at_the_same_time_is_refused_but_one_after_the_other_is_not() -> None:
    clash = {"experiments": [entry("a", {"offers": False}), entry("b", {"offers": False})]}
    with pytest.raises(
        ExperimentConfigError, match="b runs at the same time as a and both change offers"
    ):
        parse_experiments(clash)
    later = entry("b", {"offers": False}, start="2027-01-01", stop="2027-02-01")
    assert len(parse_experiments({"experiments": [entry("a", {"offers": False}), later]})) == 2


def test_merged_settings_take_each_experiments_own_lever_only() -> None:
    data = {"experiments": [entry("a", {"offers": False}), entry("b", {"retention": "pause"})]}
    first, second = parse_experiments(data)
    both = merged_settings(
        [(first, first.variant("treatment")), (second, second.variant("treatment"))]
    )
    assert both == VariantSettings(offers=False, retention="pause")
    one = merged_settings(
        [(first, first.variant("control")), (second, second.variant("treatment"))]
    )
    assert one == VariantSettings(retention="pause")
    assert merged_settings([]) == VariantSettings()


def test_assignment_in_one_experiment_says_nothing_about_another() -> None:
    data = {"experiments": [entry("a", {"offers": False}), entry("b", {"reason_style": "brief"})]}
    first, second = parse_experiments(data)
    units = [f"customer-{i}" for i in range(8000)]
    cells = Counter((assign(first, u).name, assign(second, u).name) for u in units)

    table = [[cells[(a, b)] for b in ("control", "treatment")] for a in ("control", "treatment")]
    p_value = chi2_contingency(table, correction=False)[1]

    # Deterministic hashes: this exact table is fixed, so the check cannot flake.
    assert p_value > 0.01, table
    assert all(1800 <= cell <= 2200 for row in table for cell in row), table
