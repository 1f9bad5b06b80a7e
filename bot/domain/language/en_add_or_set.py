"""A count and a product with no verb, and the answers to "add more, or make it that many?".

"2 mugs" with a mug already in the cart may mean two more or two in all: the chat asks
(:mod:`bot.chat.add_or_set`). Its answer may be typed as well as pressed: "yes", "add
them", "add 2 more" add; "make it 2", "set it to 2", "total 2", "just 2" set the quantity;
anything else changes nothing (s27, F16 / F41). Pure, English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.domain.language import ENGLISH
from bot.domain.language.en_clauses import asked_text, refuses
from bot.domain.quantities import Direction, main_phrase, without

# Words that make a count + name a sentence rather than a bare "2 mugs": a verb, a relative
# amount, a reference or a question. Any of them and the message is read as usual.
_NOT_A_NAME = frozenset(
    re.findall(
        r"\w+",
        "add put get buy want need order grab give gimme take remove delete drop ditch lose "
        "make set change swap replace switch instead keep leave more another extra less fewer "
        "total all only just in out to it them those these that this each per for how what "
        "which why can could would should will is are do does did i me my you we please "
        "than left cancel stop double triple half no not",
    )
)


class Choice(str, Enum):
    """What an answer to the add-more-or-set question carries out."""

    ADD = "add"
    SET = "set"


@dataclass(frozen=True)
class Answer:
    """A readable answer: what it carries out, and the count it says (``None``: as asked)."""

    choice: Choice
    count: int | None


def verbless_count(text: str | None) -> tuple[int, str] | None:
    """``(count, product words)`` of a message that is only a count and a name.

    "2 mugs", "two travel tripods", "mugs x2", "3x tripod" → the count and the words; None
    for a message with a verb ("add 2 mugs"), a relative amount ("2 more mugs"), a
    question, a refusal, or no whole count.
    """
    if not text or text.startswith("/"):
        return None
    said = text.strip().rstrip(".!").strip()
    phrase = main_phrase(said)
    if phrase is None or phrase.value is None or phrase.direction is not Direction.ABSOLUTE:
        return None
    if phrase.value < 1:
        return None  # "0 mugs": the flows refuse it with the valid range
    if phrase.start > 0 and phrase.end < len(said):
        return None  # "mugs 2 tripods": a number inside, not a count of a name
    rest = without(said, phrase).strip(" ,")
    words = re.findall(r"[a-z][\w'-]*", rest.lower())
    if not words or any(w in _NOT_A_NAME for w in words) or "?" in said:
        return None
    if re.search(r"[^\w\s'-]", rest):
        return None  # punctuation inside: a list or a sentence, read as usual
    return phrase.value, rest


_YES = re.compile(
    r"^(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|y|alright|go\s+ahead|do\s+it|please)$"
)
_YES_HEAD = re.compile(r"^(?:(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|alright|please)\b[\s,!.]*)+")
_ADD = re.compile(r"\b(?:add|more|another|extra|on\s+top|plus|both)\b")
_SET = re.compile(
    r"\b(?:make\s+(?:it|that|them|those)|set\s+(?:it|that|them|those|the\s+[\w-]+)?|"
    r"change\s+(?:it|that)\s+to|total|in\s+total|in\s+all|altogether|all\s+together|just|"
    r"only|exactly|instead|replace)\b"
)


def read_answer(text: str | None) -> Answer | None:
    """What a typed answer to "add N more, or make it N in all?" carries out, if anything.

    "yes", "add them", "add 2 more", "yes pls, 3 more" add; "make it 2", "set it to 2",
    "total 2", "just 2", "2 in total", "no, make it 2" set. An answer naming both, or
    neither ("no", "hmm", "what?"), is None: nothing changes.
    """
    if not text or text.startswith("/"):
        return None
    said = asked_text(text).lower().replace("\u2019", "'").strip(" .!")
    if not said:
        return None
    rest = _YES_HEAD.sub("", said).strip(" ,.!")
    count = _count(rest)
    if count == 0:
        return None  # "make it 1.5": refused by the flows, never guessed here
    adds = bool(_ADD.search(rest)) and not refuses(text, ("more", "add", "extra"))
    sets = bool(_SET.search(rest)) or refuses(text, ("more", "add", "extra"))
    if sets and not adds:
        return Answer(Choice.SET, count)
    if adds and not sets:
        return Answer(Choice.ADD, count)
    if not rest and _YES.match(said.split(",")[0].strip() or said):
        return Answer(Choice.ADD, None)
    return None


def _count(text: str) -> int | None:
    """The whole count an answer says ("make it 3", "3 in total"); 0 for a refused one."""
    phrase = main_phrase(text) if text else None
    if phrase is not None:
        return phrase.value if phrase.value is not None else 0
    for word in re.findall(r"[a-z]+|\d+", text):
        value = ENGLISH.quantity(word)
        if value is not None:
            return value
    return None
