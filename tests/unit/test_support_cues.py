"""Text cues read before the predicted action: a person, an undo, a plan change; plan picking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.language.en_support import asks_for_person, asks_plan_change, asks_to_undo
from bot.domain.models import Plan
from bot.domain.plan_change import pick_plan

BASIC = Plan("care-basic", "Care Basic", Decimal("4.99"), "month", 1)
PLUS = Plan("care-plus", "Care Plus", Decimal("9.99"), "month", 2)
PREMIUM = Plan("care-premium", "Care Premium", Decimal("14.99"), "month", 3)
PLANS = (BASIC, PLUS, PREMIUM)
NAMES = tuple(plan.name.lower() for plan in PLANS)


@pytest.mark.parametrize(
    "text",
    ["human please", "let me talk to a person", "agent", "AGENT!!", "a human, please",
     "can I speak to someone real?", "get me a human", "transfer me to a representative",
     "I need customer service", "speak with a live agent", "no, human please",
     "put me through to a person", "real person please"],
)  # fmt: skip
def test_asking_for_a_person(text: str) -> None:
    assert asks_for_person(text)


@pytest.mark.parametrize(
    "text",
    ["are you a human?", "is this a real person or a bot?", "add a mug", "/request_human",
     "I need someone to tell me the total", "human resources book", "are you a bot?", ""],
)  # fmt: skip
def test_not_asking_for_a_person(text: str) -> None:
    assert not asks_for_person(text)


@pytest.mark.parametrize(
    "text",
    ["undo that", "undo", "Undo!", "oops, undo that", "put it back", "revert that",
     "please put it back in my cart", "can you undo that please", "undo the last change",
     "put them back", "wait, undo it"],
)  # fmt: skip
def test_asking_to_undo(text: str) -> None:
    assert asks_to_undo(text)


@pytest.mark.parametrize(
    "text",
    ["put the mug in", "undo my subscription", "put it back on the shelf", "what does undo do",
     "/undo_change", "cancel that"],
)  # fmt: skip
def test_not_asking_to_undo(text: str) -> None:
    assert not asks_to_undo(text)


@pytest.mark.parametrize(
    "text",
    ["switch me to the basic plan", "can I move to a cheaper plan?", "downgrade my subscription",
     "switch to care basic", "I'd like to upgrade my plan", "change my plan",
     "put me on the cheapest plan", "can i go down to a cheaper subscription"],
)  # fmt: skip
def test_asking_for_a_plan_change(text: str) -> None:
    assert asks_plan_change(text, NAMES)


@pytest.mark.parametrize(
    "text",
    ["cancel my plan", "pause my subscription", "which plans do you have?",
     "switch the mug for the tripod", "what's the cheapest mug", "I want the cheaper one",
     "how much is the premium plan", "cancel the cheaper plan, I want out",
     "is the cheaper plan missing anything", "do you have a cheaper plan?"],
)  # fmt: skip
def test_not_a_plan_change(text: str) -> None:
    assert not asks_plan_change(text, NAMES)


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("switch me to the basic plan", PLUS, BASIC),
        ("can I move to a cheaper plan?", PREMIUM, PLUS),  # the closest cheaper one
        ("put me on the cheapest plan", PREMIUM, BASIC),
        ("I'd like to upgrade my plan", PLUS, PREMIUM),
        ("switch from plus to basic", PLUS, BASIC),
        ("switch to care premium", BASIC, PREMIUM),
        ("switch me to the gold plan", PLUS, None),  # unknown: asked, never guessed
        ("change my plan", PLUS, None),
        ("a cheaper plan please", BASIC, None),  # nothing cheaper than the cheapest
        ("switch to basic or premium", PLUS, None),  # two plans: asked
    ],
)
def test_pick_plan(text: str, current: Plan, expected: Plan | None) -> None:
    assert pick_plan(text, PLANS, current) == expected
