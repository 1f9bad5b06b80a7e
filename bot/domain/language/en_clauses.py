"""One clause-level reading of a message, shared by every reader (pure, English).

Shoppers wrap a request in courtesy ("2 mugs pls", "thx!"), refuse an option inside the
request ("no pausing, just cancel my sub", "not premium", "cancel without pausing"), and
contrast what stays with what goes ("i'll keep the tripod, ditch the mugs"). A reader that
matches the whole message misreads all three: it pauses because it saw "pausing", picks
Premium because it saw "premium", removes the tripod because it saw a removal verb.

This module splits a message into clauses and gives each a :class:`Stance`:

* ``ASK`` — what the shopper asks for ("cancel my sub", "ditch the mugs");
* ``REFUSE`` — what the shopper turns down ("no pausing", "not premium", "without the
  switch", "i don't want care plus", "rather than pausing");
* ``KEEP`` — what must stay as it is ("keep the tripod", "the tripod stays").

Readers ask :func:`refuses` before acting on an option, :func:`kept` before removing a
line, and read :func:`asked_text` instead of the whole message when a clause refuses or
keeps something. What a refused thing *means* (a removal of a held line, the cancel of a
held plan, an option excluded) is the reader's call: this module only says which words
are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Stance(str, Enum):
    """What a clause does with the thing it names."""

    ASK = "ask"
    REFUSE = "refuse"
    KEEP = "keep"


@dataclass(frozen=True)
class Clause:
    """One clause of a message.

    Attributes:
        text: The clause's words, lower-case, without courtesy; for ``REFUSE`` and ``KEEP``
            only the thing refused or kept ("pausing", "the tripod"), possibly empty ("no").
        stance: Whether the clause asks, refuses or keeps.
    """

    text: str
    stance: Stance


_COURTESY_WORDS = (
    r"please|pls|plz|plse|pleas|pleeease|pleasee|puh-?lease|thanks|thank\s+you|thank\s+u|"
    r"thanx|thnx|thx|tx|ty|tysm|tyvm|ta|cheers|kthx|kthxbye|tia|many\s+thanks|"
    r"thanks\s+a\s+lot|thanks\s+so\s+much|much\s+appreciated|appreciated|x+o*"
)
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|[:;]-?[)(DPp]|<3"
_TAIL = re.compile(rf"(?:[\s,.!?~]*(?:\b(?:{_COURTESY_WORDS})\b|{_EMOJI}))+[\s,.!?~]*$", re.I)
_HEAD = re.compile(rf"^\s*(?:(?:{_COURTESY_WORDS})\b[\s,.!?~]*)+", re.I)

# Clause breaks: punctuation, and the words that turn a message ("but", "just", "instead
# of", "rather than", "without"). A break word that opens a refusal stays with its clause.
_BREAK = re.compile(
    r"\s*[,;.!?]+\s*|\s+(?:but|just|only)\s+|\s+-+\s+|\s+and\s+(?=(?:no|not|don'?t|keep|leave|"
    r"remove|delete|drop|ditch|lose|bin|dump|scrap|nix|axe|toss|chuck|get\s+rid|take)\b)"
    r"|\s+(?=(?:instead\s+of|rather\s+than|without)\b)",
    re.I,
)
# " not X" in the middle of a clause ("cancel not pause", "the mug not the tripod") is a
# refusal only when the words before it do not make it part of a sentence ("i'm not sure",
# "the one that's not paused", "why not").
_MID_NOT = re.compile(r"\s+(?=not\s+)", re.I)
_NOT_AFTER = re.compile(
    r"(?:\b(?:am|is|are|was|were|be|do|does|did|can|could|will|would|should|shall|must|"
    r"may|might|have|has|had|why|if|or|that|thats|whether|im|its|isnt|arent|dont|"
    r"doesnt|didnt|it|i|you|they|we|he|she|maybe|probably|definitely|certainly|sure|"
    r"hope|think|guess|say|said|prefer|rather)|'[a-z]+)$",
    re.I,
)
_FILLER = re.compile(
    r"^(?:(?:and|but|so|well|oh|ok|okay|um+|uh+|hmm+|actually|just|only|also|then|"
    r"honestly|seriously|please|pls|i\s+said)\b[\s,]*)+",
    re.I,
)
_REFUSE = re.compile(
    r"^(?:no(?:\s+more)?|not(?:\s+the)?|nope|nah|never|without|instead\s+of|rather\s+than|"
    r"(?:i\s+)?(?:don'?t|do\s+not|dont)\s+(?:want|need|wanna)(?:\s+to)?|"
    r"(?:i\s+)?(?:don'?t|do\s+not|dont)\b|i\s+won'?t|no\s+need\s+(?:for|to)|"
    r"(?:i\s+)?no\s+longer\s+(?:want|need)(?:\s+to)?)\b\s*",
    re.I,
)
_NOT_A_REFUSAL = re.compile(  # "no rush", "not sure", "no thanks" — a politeness or a "no"
    r"^(?:no|not)\s+(?:rush|worries|worry|problem|hurry|biggie|sure|yet|now|really|thanks|"
    r"thank\s+you|thx|idea|clue|way|longer|anymore|matter|big\s+deal|wait)\b",
    re.I,
)
_KEEP = re.compile(
    r"^(?:(?:i'?ll|ill|i\s+will|i\s+wanna|i\s+want\s+to|i'?d\s+like\s+to|let\s+me|we'?ll|"
    r"i'?m\s+going\s+to|gonna)\s+)?(?:keep|leave|hold\s+on\s+to|hang\s+on\s+to|stick\s+with)\b\s*",
    re.I,
)
_STAYS = re.compile(r"\s+(?:stays?|can\s+stay|stays\s+in|is\s+fine|is\s+ok(?:ay)?)$", re.I)
_BARE_ANSWER = re.compile(  # an acknowledgement: with "thanks" it is no yes ("ok thanks")
    r"(?:ok(?:ay|ie)?|k+|alright|all\s+right|fine|cool|great|perfect|nice|good|awesome|right|"
    r"got\s+it|understood|noted|fair\s+enough)[\s,.!?~]*",
    re.I,
)
_ONLY_KEEP = re.compile(r"^(?:only|just)\s+keep\b|\bkeep\s+(?:only|just)\b", re.I)
_STEM = re.compile(r"(?:ing|ed|es|s|e)$")


def without_courtesy(text: str) -> str:
    """The message without courtesy at its ends ("2 mugs pls thx :)" → "2 mugs").

    A message that is only courtesy ("thanks!") is returned unchanged (stripped), so
    readers of thanks still see it. Nor is a bare acknowledgement with courtesy ("ok
    thanks", "cool thx"): there the courtesy is the point ("ok thanks" to an offer is no
    yes). "yes please" and "no thanks" read as "yes" and "no". Courtesy inside the
    message is left alone.
    """
    stripped = _HEAD.sub("", _TAIL.sub("", text.strip())).strip()
    if not stripped or _BARE_ANSWER.fullmatch(stripped):
        return text.strip()
    return stripped


def clauses(text: str) -> list[Clause]:
    """The message's clauses in order, each with its stance (see the module docstring).

    Args:
        text: One message as typed.

    Returns:
        The non-empty clauses; ``[]`` for an empty message.
    """
    found: list[Clause] = []
    for part in _BREAK.split(without_courtesy(text).lower().replace("\u2019", "'")):
        for piece in _split_mid_not(part.strip()):
            clause = _clause(piece)
            if clause is not None:
                found.append(clause)
    return found


def refused(text: str) -> list[str]:
    """What the message turns down, in order ("no pausing, just cancel" → ``["pausing"]``)."""
    return [c.text for c in clauses(text) if c.stance is Stance.REFUSE and c.text]


def kept(text: str) -> list[str]:
    """What the message keeps ("keep the tripod, ditch the mugs" → ``["the tripod"]``)."""
    return [c.text for c in clauses(text) if c.stance is Stance.KEEP and c.text]


def asked_text(text: str) -> str:
    """The asking part of the message, without courtesy, refusals and kept things.

    "no pausing, just cancel my sub" → "cancel my sub"; "keep the tripod pls" → "";
    "2 mugs thx" → "2 mugs". A message with nothing refused or kept keeps its own words
    (only courtesy at its ends goes), so item lists and names read as before.
    """
    parts = clauses(text)
    if all(c.stance is Stance.ASK for c in parts):
        return without_courtesy(text)
    return ", ".join(c.text for c in parts if c.stance is Stance.ASK)


def refuses(text: str, words: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether a refused clause names one of ``words`` (word stems compared).

    Args:
        text: One message.
        words: An option's own words, e.g. ``("pause",)`` or ``("care", "premium")``;
            "pausing", "paused" and "pauses" all name "pause".
    """
    wanted = {_stem(w) for w in words}
    return any(
        _stem(word) in wanted for thing in refused(text) for word in re.findall(r"[\w-]+", thing)
    )


def keeps(text: str, words: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether a kept clause names one of ``words`` (word stems compared)."""
    wanted = {_stem(w) for w in words}
    return any(
        _stem(word) in wanted for thing in kept(text) for word in re.findall(r"[\w-]+", thing)
    )


def _split_mid_not(part: str) -> list[str]:
    pieces, start = [], 0
    for match in _MID_NOT.finditer(part):
        before = part[start : match.start()].strip()
        if before and not _NOT_AFTER.search(before):
            pieces.append(before)
            start = match.end()
    pieces.append(part[start:].strip())
    return [p for p in pieces if p]


def _clause(piece: str) -> Clause | None:
    if _ONLY_KEEP.search(piece.strip()):  # "only keep the tripod": the rest goes (a request)
        return Clause(piece.strip(), Stance.ASK)
    words = _FILLER.sub("", piece).strip()
    if not words:
        return None
    keep = _KEEP.match(words)
    if keep:
        return Clause(_object(words[keep.end() :]), Stance.KEEP)
    stays = _STAYS.search(words)
    if stays:
        return Clause(_object(words[: stays.start()]), Stance.KEEP)
    refuse = _REFUSE.match(words)
    if refuse and not _NOT_A_REFUSAL.match(words):
        return Clause(_object(words[refuse.end() :]), Stance.REFUSE)
    return Clause(words, Stance.ASK)


def _object(words: str) -> str:
    return re.sub(
        r"\s+(?:pls|please|thanks|thx|anymore|any\s+more|then|either)$", "", words
    ).strip()


def _stem(word: str) -> str:
    word = word.lower()
    return _STEM.sub("", word) if len(word) > 4 else word
