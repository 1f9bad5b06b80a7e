"""Which plan a "switch me to …" request names (pure, no I/O).

The plan is taken only when the message leaves no doubt: a plan's name or its own word
("basic" of "Care Basic"), or a direction ("a cheaper plan", "the cheapest", "upgrade")
that points at exactly one plan from the current one. Anything else is ``None``, and the
assistant asks which plan — it never switches on a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.language.en_support import CHEAPER, CHEAPEST, PRICIER, plan_direction
from bot.domain.models import Plan
from bot.domain.offers import cheaper_plan


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _own_words(plans: Sequence[Plan]) -> dict[str, set[str]]:
    """Each plan's words that no other plan shares ("basic" of "Care Basic"; not "care")."""
    named = {plan.code: _words(plan.name) - {"plan"} for plan in plans}
    own = {}
    for code, words in named.items():
        others = set().union(*(w for c, w in named.items() if c != code))
        own[code] = words - others
    return own


def named_plans(text: str, plans: Sequence[Plan]) -> list[Plan]:
    """The plans the message names, by name, code or a word of their own."""
    lowered = " ".join(text.lower().split())
    words = _words(lowered)
    own = _own_words(plans)
    return [
        plan
        for plan in plans
        if plan.name.lower() in lowered or plan.code.lower() in lowered or own[plan.code] & words
    ]


_OWN_WORD = (
    r"\b(?:my|the|cancel|stop|end|pause)\s+{word}\b(?!\s+\w)"
    r"|\b{word}\s+(?:plan|subscription|membership)\b"
)


def plans_said(text: str, plans: Sequence[Plan]) -> list[Plan]:
    """The plans a message names beyond doubt: by name or code, "the basic plan", "my premium".

    Stricter than :func:`named_plans`: a plan's own word ("plus") is an ordinary word, or
    part of a product's name ("Brew Coffee Machine Plus"), so it counts only before "plan",
    "subscription" or "membership", or alone after "my", "the" or the verb ("cancel my
    premium", "cancel basic"), never as "my subscription plus the emails".
    """
    lowered = " ".join(re.findall(r"[a-z0-9-]+", text.lower()))
    own = _own_words(plans)
    return [
        plan
        for plan in plans
        if plan.name.lower() in lowered
        or plan.code.lower() in lowered
        or any(_says_own_word(lowered, word) for word in own[plan.code])
    ]


def _says_own_word(lowered: str, word: str) -> bool:
    return re.search(_OWN_WORD.format(word=re.escape(word)), lowered) is not None


def pick_plan(text: str, plans: Sequence[Plan], current: Plan) -> Plan | None:
    """The one plan the message asks for, or ``None`` when it is unclear or unknown.

    Two plans named ("from plus to basic") mean the one that is not the current plan. A
    direction without a name is read from the current plan: "cheaper" is the closest
    cheaper plan, "cheapest" the cheapest, "upgrade" the next plan up.
    """
    named = named_plans(text, plans)
    if len(named) > 1:
        named = [plan for plan in named if plan.code != current.code]
    if len(named) == 1:
        return named[0]
    if named:
        return None
    direction = plan_direction(text)
    if direction == CHEAPER:
        return cheaper_plan(current, plans)
    if direction == CHEAPEST:
        cheapest = min(plans, key=lambda plan: (plan.price, plan.tier))
        return cheapest if cheapest.price < current.price else None
    if direction == PRICIER:
        above = [plan for plan in plans if plan.tier > current.tier and plan.price > current.price]
        return min(above, key=lambda plan: plan.tier) if above else None
    return None
