"""Experiment definitions: deterministic assignment, split ratios, config validation, wording."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone

import pytest

from bot.config import PROJECT_ROOT
from bot.domain.experiment_stats import sample_ratio_check
from bot.domain.experiments import (
    BUCKETS,
    ExperimentConfigError,
    VariantSettings,
    assign,
    bucket,
    check_unchanged,
    from_design,
    parse_experiments,
    phrase_reason,
)
from bot.domain.offers import Moment


def config(**overrides) -> dict:
    entry = {
        "key": "holdout-dec",
        "unit": "customer",
        "start": "2026-12-01",
        "stop": "2027-01-01",
        "variants": [
            {"name": "holdout", "weight": 10, "settings": {"offers": False}},
            {"name": "offers", "weight": 45},
            {"name": "brief", "weight": 45, "settings": {"reason_style": "brief"}},
        ],
    }
    entry.update(overrides)
    return {"experiments": [entry]}


def test_bucket_is_sha256_of_key_and_unit() -> None:
    expected = int.from_bytes(hashlib.sha256(b"holdout-dec:42").digest()[:8], "big") % BUCKETS
    assert bucket("holdout-dec", "42") == expected


def test_assignment_is_the_same_in_another_process_with_another_hash_seed() -> None:
    (exp,) = parse_experiments(config())
    here = [assign(exp, f"u{i}").name for i in range(200)]
    code = (
        "from bot.domain.experiments import parse_experiments, assign;"
        "from tests.unit.test_experiments import config;"
        "(e,) = parse_experiments(config());"
        "print(','.join(assign(e, f'u{i}').name for i in range(200)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(PROJECT_ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip().split(",") == here


def test_split_follows_the_weights() -> None:
    (exp,) = parse_experiments(config())
    counts = Counter(assign(exp, str(i)).name for i in range(100_000))
    assert sample_ratio_check(counts, exp.weights).p_value > 0.001
    assert counts["holdout"] / 100_000 == pytest.approx(0.10, abs=0.005)


def test_experiments_with_different_keys_split_independently() -> None:
    (a,) = parse_experiments(config())
    (b,) = parse_experiments(config(key="other"))
    both = Counter((assign(a, str(i)).name, assign(b, str(i)).name) for i in range(50_000))
    # a holdout of one is not the holdout of the other: ~10% of 10%
    assert both[("holdout", "holdout")] / 50_000 == pytest.approx(0.01, abs=0.003)


def test_parse_reads_dates_settings_and_the_default_control() -> None:
    (exp,) = parse_experiments(config())
    assert exp.start == datetime(2026, 12, 1, tzinfo=timezone.utc)
    assert exp.control == "holdout"
    assert exp.variant("holdout").settings == VariantSettings(offers=False)
    assert exp.running(datetime(2026, 12, 15, tzinfo=timezone.utc))
    assert not exp.running(datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert from_design(exp.key, exp.design(), exp.start, exp.stop) == exp


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"key": "Bad Key!"}, "key must be"),
        ({"unit": "session"}, "unit must be one of"),
        ({"stop": "2026-11-01"}, "stop must come after start"),
        ({"start": "soon"}, "not an ISO date"),
        ({"variants": [{"name": "a", "weight": 1}]}, "at least two variants"),
        ({"variants": [{"name": "a", "weight": 0}, {"name": "b", "weight": 1}]}, "positive"),
        ({"variants": [{"name": "a", "weight": 1}, {"name": "a", "weight": 1}]}, "different names"),
        ({"control": "nobody"}, "control 'nobody'"),
        (
            {
                "variants": [
                    {"name": "a", "weight": 1, "settings": {"colour": "red"}},
                    {"name": "b", "weight": 1},
                ]
            },
            "unknown setting",
        ),
        (
            {
                "variants": [
                    {"name": "a", "weight": 1, "settings": {"retention": "free-beer"}},
                    {"name": "b", "weight": 1},
                ]
            },
            "retention must be one of",
        ),
        (
            {
                "variants": [
                    {"name": "a", "weight": 1, "settings": {"max_unsolicited": -1}},
                    {"name": "b", "weight": 1},
                ]
            },
            "max_unsolicited",
        ),
    ],
)
def test_malformed_experiments_are_refused_with_a_clear_error(
    overrides: dict, message: str
) -> None:
    with pytest.raises(ExperimentConfigError, match=message):
        parse_experiments(config(**overrides))


def test_overlapping_experiments_are_refused() -> None:
    data = config()
    data["experiments"].append({**data["experiments"][0], "key": "second", "start": "2026-12-20"})
    with pytest.raises(ExperimentConfigError, match="same time as holdout-dec"):
        parse_experiments(data)


def test_an_empty_file_has_no_experiments() -> None:
    assert parse_experiments(None) == ()
    assert parse_experiments({"experiments": []}) == ()


def test_changed_weights_are_refused_and_the_same_design_passes() -> None:
    (exp,) = parse_experiments(config())
    check_unchanged(exp.design(), exp)
    data = config()
    data["experiments"][0]["variants"][0]["weight"] = 20
    (heavier,) = parse_experiments(data)
    with pytest.raises(ExperimentConfigError, match="running with weights"):
        check_unchanged(exp.design(), heavier)


def test_variant_settings_decide_the_offer_moment() -> None:
    assert VariantSettings().shows_at(Moment.MAIN_ITEM_ADDED)
    assert not VariantSettings(offers=False).shows_at(Moment.CHECKOUT)
    checkout_only = VariantSettings(offer_moment="checkout")
    assert checkout_only.shows_at(Moment.CHECKOUT)
    assert not checkout_only.shows_at(Moment.MAIN_ITEM_ADDED)


@pytest.mark.parametrize(
    ("reason", "brief"),
    [
        (
            "bought together in 55% of orders with your Aria Phone 256 GB",
            "often bought with your Aria Phone 256 GB",
        ),
        ("a best seller: in 26% of all orders", "one of our best sellers"),
        ("it closes your free-shipping gap with $2.10 to spare", "it gets you free shipping"),
        ("it closes your free-shipping gap exactly", "it gets you free shipping"),
        ("made to go with your Snap Camera", "made to go with your Snap Camera"),
        (
            "bought together in 27% of orders with your SD Card 64 GB; "
            "it closes your free-shipping gap with $2.00 to spare",
            "often bought with your SD Card 64 GB; it gets you free shipping",
        ),
        ("in 3% of all orders", "in 3% of all orders"),
    ],
)
def test_brief_wording_keeps_the_reason_true(reason: str, brief: str) -> None:
    assert phrase_reason(reason, "brief") == brief
    assert phrase_reason(reason, "data") == reason
