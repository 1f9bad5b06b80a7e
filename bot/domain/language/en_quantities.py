"""English quantities: numerals, number words and the quantity grammar of a request.

Pure (no I/O). text2num reads spelled numbers; "2x", "x2", "a couple of", "half a dozen",
"another" are marked quantities; a number glued to a unit ("128gb", "65 w") is a name's.
See :mod:`bot.domain.quantities` for how a request's quantity is chosen from these.
"""

from __future__ import annotations

import re

from text_to_num import text2num

from bot.domain.language.en_suggestion_words import NOT_AFTER_IDEA, NOT_BEFORE_IDEA
from bot.domain.language.en_words import COMMAND, CONTAINERS, FILLER, NAME_UNITS

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "couple": 2, "pair": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
# Quantity grammar (see English.quantity_phrases). text2num reads the spelled numbers.
_SPELLED = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "and",
}  # fmt: skip
_PHRASES = {"couple": 2, "pair": 2, "dozen": 12, "half dozen": 6, "half a dozen": 6}
_SPELLED_RUN = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million)"
)
_NUMBER = rf"(?:\d+|{_SPELLED_RUN}(?:[\s-]+(?:and\s+)?{_SPELLED_RUN})*)"
_B, _E = r"(?<![\w.,/-])", r"(?![\w/]|[.,]\d)"
# "one" is a quantity before these words, or after these (else a pronoun: "the 128 GB one").
_ONE_BEFORE = {"of", "more", "less", "fewer", "extra", "x"}
_ONE_AFTER = {
    "add", "take", "remove", "drop", "get", "buy", "want", "need", "just", "only", "to",
    "me", "put", "make", "it", "delete", "have", "grab", "order", "toss", "throw", "with",
}  # fmt: skip
_QUANTITY_PATTERNS = [
    (re.compile(rf"{_B}(?P<q>half an? dozen|an? dozen|an? couple(?: of)?|an? pair(?: of)?|"
                rf"couple of|pair of|dozen){_E}"), "marked"),
    (re.compile(rf"{_B}(?P<q>\d+\s?[x×]){_E}"), "marked"),
    (re.compile(rf"{_B}(?P<q>[x×]\s?\d+){_E}"), "marked"),
    (re.compile(rf"{_B}{NOT_AFTER_IDEA}(?P<q>another){_E}{NOT_BEFORE_IDEA}"), "marked"),
    (re.compile(rf"(?P<q>(?<![\w.,/])-\s?\d+(?:[.,]\d+)?|\bminus \w+){_E}"), "refused"),
    (re.compile(rf"{_B}(?P<q>\d+[.,]\d+|\d+\s?/\s?\d+|(?:{_NUMBER} and )?an? half|half an?"
                rf"|half|{_NUMBER} (?:quarters?|thirds?|halves))(?![\w/])"), "refused"),
    (re.compile(rf"{_B}(?P<q>{_NUMBER}){_E}"), "bare"),
]  # fmt: skip
_NAME_TIMES = re.compile(r"(?<![\w.])\d+\s?(?P<q>[x×]\s?(?P<m>\d+))(?![\w/]|[.,]\d)")


def _counts_as_one(text: str, start: int, end: int) -> bool:
    """Whether a lone "one" is a quantity ("one of the mugs", "take one out", "one mug")."""
    if text[start:end] != "one":
        return True
    before, after = text[:start].split(), text[end:].split()
    if after and after[0].strip(".,!?") in _ONE_BEFORE:
        return True
    if not before:
        return bool(after)
    return before[-1].strip(".,!?") in _ONE_AFTER


def _is_name_number(text: str, start: int, end: int) -> bool:
    """Whether a number is written as part of a name ("128gb", "65 w", "3.5 mm", "7-in-1")."""
    if not text[start].isdigit():
        return False
    if start and text[start - 1] in "-":
        return True
    rest = text[end:]
    if rest[:1] in ("-",) or (rest[:1].isalpha()):
        return True
    following = [word.strip(".,!?") for word in rest.split()]
    if following[1:2] == ["of"] and following[0] in CONTAINERS:
        return False  # "3 packs of coffee filters": a count of packs, not "3 pk" (S9)
    return bool(following) and following[0] in NAME_UNITS


def quantity(word: str) -> int | None:
    """A whole number from a numeral or number words (``"2"``, ``"two"``, ``"twenty one"``)."""
    word = word.strip().lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word and all(w in _SPELLED for w in re.split(r"[\s-]+", word)):
        try:
            return int(text2num(word, "en"))
        except ValueError:
            return None
    try:
        number = float(word)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def quantity_phrases(text: str) -> list[tuple[int, int, int | None, str]]:
    """Every quantity written in a message, in order (see :mod:`bot.domain.quantities`).

    Returns:
        ``(start, end, value, kind)`` for each phrase: ``value`` is the whole number
        (None for a decimal, a fraction or a negative); ``kind`` is ``"marked"`` for a
        form that is never part of a product name ("2x", "x2", "a couple of", "a dozen",
        "another"), ``"more"`` / ``"less"`` for a relative amount ("one more", "two
        less"), and ``"bare"`` for a plain number, which may belong to a product name
        (the catalog search decides). A number glued to a unit or a dash ("128gb",
        "65 w", "15-inch", "7-in-1") is part of a name and no phrase.
    """
    lowered = text.lower()
    found = _name_then_times(lowered)
    for pattern, kind in _QUANTITY_PATTERNS:
        for match in pattern.finditer(lowered):
            start, end = match.span("q")
            if any(start < e and s < end for s, e, _, _ in found):
                continue
            if kind in ("bare", "refused") and _is_name_number(lowered, start, end):
                continue
            if kind == "bare" and not _counts_as_one(lowered, start, end):
                continue
            found.append((start, end, _phrase_value(match.group("q"), kind), kind))
    relative = [_relative(lowered, phrase) for phrase in found]
    return sorted(relative)


def _name_then_times(text: str) -> list[tuple[int, int, int | None, str]]:
    """A number right after a name is the name's ("aria phone 128 x 2"), "x 2" the amount."""
    found: list[tuple[int, int, int | None, str]] = []
    for match in _NAME_TIMES.finditer(text):
        before = text[: match.start()].split()
        if before and before[-1].isalpha() and before[-1] not in COMMAND | FILLER:
            found.append((match.start("q"), match.end("q"), int(match.group("m")), "marked"))
    return found


def _phrase_value(phrase: str, kind: str) -> int | None:
    if kind == "refused":
        return None
    digits = re.search(r"\d+", phrase)
    if digits:
        return int(digits.group())
    words = re.sub(r"\b(?:of|more|less|fewer|another)\b", " ", phrase).split()
    words = [w for w in words if w not in ("a", "an")] or ["one"]
    spoken = " ".join(words)
    return _PHRASES.get(spoken) or quantity(spoken)


def _relative(
    text: str, phrase: tuple[int, int, int | None, str]
) -> tuple[int, int, int | None, str]:
    """A number followed by "more" / "less" / "fewer" (or "another") is relative."""
    start, end, value, kind = phrase
    if text[start:end].startswith("another"):
        return start, end, value, "more"
    after = text[end:].split()
    if after and after[0] in ("more", "extra"):
        return start, end, value, "more"
    if after and after[0] in ("less", "fewer"):
        return start, end, value, "less"
    return phrase
