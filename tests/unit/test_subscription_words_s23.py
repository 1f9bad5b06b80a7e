"""Review s23: which plan a cancel names, and whether an answer says a pause length (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.language.en_pause import says_length
from bot.domain.models import Plan
from bot.domain.plan_change import plans_said

PLANS = [
    Plan("care-basic", "Care Basic", Decimal("4.99"), "month", 1),
    Plan("care-plus", "Care Plus", Decimal("9.99"), "month", 2),
    Plan("care-premium", "Care Premium", Decimal("14.99"), "month", 3),
]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("cancel care premium", ["care-premium"]),
        ("cancel my care-basic", ["care-basic"]),
        ("please cancel care premium plan", ["care-premium"]),
        ("cancel my premium", ["care-premium"]),
        ("cancel my basic plan", ["care-basic"]),
        ("cancel the plus", ["care-plus"]),
        ("cancel the coffee machine plus", []),  # a product's name
        ("cancel the plus size tripod", []),
        ("cancel my subscription plus the emails", []),  # an ordinary "plus"
        ("cancel my subscription, it's too expensive", []),
    ],
)
def test_plans_said(text: str, codes: list[str]) -> None:
    assert [plan.code for plan in plans_said(text, PLANS)] == codes


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("fine, make it 10 days", True),
        ("make it 2 weeks", True),
        ("ok 3 weeks then", True),
        ("yes, for a fortnight", True),
        ("until the 20th", True),
        ("don't pause it for 10 days", False),
        ("maybe make it 10 days later", False),
        ("make it 10", False),  # no unit: a quantity, not a length
        ("/pause_subscription", False),
        ("", False),
    ],
)
def test_says_length(text: str, said: bool) -> None:
    assert says_length(text, date(2026, 12, 3)) is said
