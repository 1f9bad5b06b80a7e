"""A subscription's effective state, and which of several live subscriptions a message means.

Pure rules, no I/O (review s21):

* **Effective status.** A pause ends by itself: a subscription paused until a moment that has
  passed is *active* again, whatever its stored status still says. Every reply and every
  change reads this rule (:func:`effective_status`); nothing rewrites the stored row just
  because it was read. A change that sets a status (cancel, pause, plan change) writes its
  own status, so the stale "paused" never survives a change either.
* **Which subscription.** With two or more live subscriptions a request that names none is
  asked back ("Which subscription should I cancel: …?"); :func:`named_subscription` finds
  the one the words name, :func:`picked_subscription` reads the answer to that question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone
from decimal import Decimal

from bot.domain.language.en_clauses import asked_text, refused
from bot.domain.models import Plan
from bot.domain.plan_change import named_plans

ACTIVE, PAUSED, CANCELED = "active", "paused", "canceled"
_ORDINALS = (
    (0, r"first|1st|top|former|(?:number|option|no) (?:one|1)"),
    (1, r"second|2nd|(?:number|option|no) (?:two|2)"),
    (2, r"third|3rd|(?:number|option|no) (?:three|3)"),
    (3, r"fourth|4th|(?:number|option|no) (?:four|4)"),
)
_BARE = {"1": 0, "one": 0, "2": 1, "two": 1, "3": 2, "three": 2, "4": 3, "four": 3}


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def effective_status(status: str, paused_until: datetime | None, now: datetime) -> str:
    """The status a subscription really has at ``now``.

    A pause whose resume moment has passed means *active*; any other status is as stored.

    Args:
        status: The stored status (``active``, ``paused`` or ``canceled``).
        paused_until: When the pause ends (None: no end stored).
        now: The current time (naive times are read as UTC).
    """
    if status == PAUSED and paused_until is not None and _utc(paused_until) <= _utc(now):
        return ACTIVE
    return status


def effective_pause_end(
    status: str, paused_until: datetime | None, now: datetime
) -> datetime | None:
    """When the pause ends, or None when the subscription is not (or no longer) paused."""
    return paused_until if effective_status(status, paused_until, now) == PAUSED else None


def named_subscription(text: str, live: Sequence[tuple[int, Plan]]) -> int | None:
    """The live subscription a message means: the only one, or the only one it names.

    Args:
        text: The shopper's words ("cancel my Care Plus subscription").
        live: ``(subscription id, plan)`` of each live subscription, newest first.

    Returns:
        The subscription's id, or None when the words leave a choice (ask, never guess).
    """
    if len(live) == 1:
        return live[0][0]
    named = {plan.code for plan in named_plans(text or "", [plan for _, plan in live])}
    ids = [sub_id for sub_id, plan in live if plan.code in named]
    return ids[0] if len(ids) == 1 else None


def picked_subscription(answer: str, options: Sequence[tuple[int, str]]) -> int | None:
    """Which option an answer to "Which subscription …?" picks, or None (no single pick).

    Read: an ordinal ("the second one", "2"), "the last one", or a plan's name or own word
    ("plus", "the premium one").

    Args:
        answer: The typed answer (or a button's words).
        options: ``(subscription id, plan name)`` in the order they were shown.
    """
    refused_things = refused(answer or "")
    if refused_things or _OTHER.search(answer or ""):
        return _picked_by_exclusion(answer or "", refused_things, options)
    return _picked(answer, options)


_OTHER = re.compile(r"\b(?:the\s+other(?:\s+one)?|another\s+one|neither|none|both)\b", re.I)


def says_other_one(answer: str | None) -> bool:
    """Whether an answer says only "the other one" / "another one": which is not said."""
    return bool(re.fullmatch(
        r"\W*(?:(?:no|nope|nah|i\s+meant|i\s+mean|i\s+want)\W+)*(?:the\s+other(?:\s+one)?|"
        r"another\s+one|the\s+other\s+(?:subscription|plan|sub))(?:\W+(?:pls|please|thanks))?\W*",
        answer or "", re.I,
    ))  # fmt: skip


def _picked_by_exclusion(
    answer: str, refused_things: list[str], options: Sequence[tuple[int, str]]
) -> int | None:
    """An answer that turns options down ("not premium", "not the basic one, the plus").

    What it asks for, less what it refuses, when that is one option; with nothing asked,
    the one option left when exactly one is. "the other one", "neither" and "both" pick
    none (s27, F35).
    """
    if _OTHER.search(asked_text(answer)):
        return None
    excluded = {
        index
        for thing in refused_things
        for index, (sub_id, _) in enumerate(options)
        if _picked(thing, options) == sub_id
    }
    if not excluded:
        return None
    asked = asked_text(answer)
    wanted = _picked(asked, options) if asked else None
    if wanted is not None:
        return None if any(options[i][0] == wanted for i in excluded) else wanted
    left = [sub_id for index, (sub_id, _) in enumerate(options) if index not in excluded]
    return left[0] if len(left) == 1 and not asked else None


def _picked(answer: str, options: Sequence[tuple[int, str]]) -> int | None:
    said = " ".join(re.findall(r"[a-z0-9]+", (answer or "").lower()))
    if not said:
        return None
    picks = {
        index
        for index, pattern in _ORDINALS
        if index < len(options) and re.search(rf"\b(?:{pattern})\b", said)
    }
    bare = _BARE.get(said.removeprefix("the ").removeprefix("number ").strip())
    if bare is not None and bare < len(options):
        picks.add(bare)
    if re.search(r"\b(?:last|latter|bottom)\b", said):
        picks.add(len(options) - 1)
    plans = [Plan(f"\x00{i}", name, Decimal(0), "", 0) for i, (_, name) in enumerate(options)]
    picks |= {int(plan.code[1:]) for plan in named_plans(said, plans)}
    return options[picks.pop()][0] if len(picks) == 1 else None
