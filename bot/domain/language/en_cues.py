"""English cues of a cart request: vague quantities, adding, removing, swapping (pure).

The flows read these before changing a cart, so that a message that is unclear about how
many, or that mixes an add with a removal, changes nothing and is asked about.
"""

from __future__ import annotations

import re

from bot.domain.language.en import English
from bot.domain.language.en_suggestion_words import NOT_BEFORE_IDEA
from bot.domain.language.en_words import REFERENCE_NOUNS

_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_VAGUE = re.compile(
    r"(?<![\w.-])(?:an?\s+few|few|some|several|an?\s+bunch\s+of|bunch\s+of|"
    r"an?\s+lot\s+of|lots\s+of|loads\s+of|an?\s+handful\s+of|handful\s+of|"
    rf"an?\s+number\s+of|{_NUM}\s*(?:-|–|~|or|to)\s*{_NUM})(?![\w-])(?!\s*(?:gb|tb|mb|mm|w)\b)"
)
# Removal verbs, slang included ("scrap", "ditch", "nix", "bin", "chuck out"): wherever a
# message is read, a removal verb is never taken for an add (review s21, S1).
_REMOVE = re.compile(
    r"\b(?:remove|delete|drop|get\s+rid\s+of|take\b.*?\bout|take\s+away|"
    r"decrease|reduce|lower|cut\s+down|scrap|ditch|nix|bin|lose|dump|axe|junk|"
    r"(?:chuck|toss|throw|kick)\b.*?\b(?:out|away))\b"
)
_ADD = re.compile(
    r"\b(?:add|put|throw(?!\b.*?\b(?:out|away)\b)|toss\s+in|buy|get(?!\s+rid\b)|want|need|"
    r"give\s+me|gimme|gimmie|lemme\s+(?:get|have)|order|grab|also|include)\b"
    rf"|\b(?:more|another|extra)\b{NOT_BEFORE_IDEA}"  # not "another suggestion"
)
_PARTS = re.compile(r"\s*(?:,|;|&|\band\b|\bplus\b|\bthen\b|\bbut\b)\s*")
_SWAP = re.compile(
    r"\b(?:instead|swap|switch|replace|exchange|trade|rather|"
    r"(?:change|upgrade|downgrade)\b.+?\b(?:for|to|into|with))\b"
)
_BY = re.compile(
    r"\b(?:decrease|reduce|lower|cut(?:\s+down)?)\s+(?P<what>.*?)\s*\bby\s+(?P<q>[\w.,/-]+)"
)
_ARTICLE = re.compile(
    r"\b(?:remove|delete|drop|rid\s+of|take|toss|lose|ditch|"
    r"(?:take|toss|throw|chuck|pull|put)\s+(?:out|back))\s+(?:an?|one)\s+"
    r"(?!couple|pair|dozen|few|bunch|lot|handful|number|half|more|less)\w"
)


# "a mug or two" (a range around a name), "2 x 2 mugs" (a product of numbers): asked about.
_NAMED_RANGE = re.compile(
    r"\ban?\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+(?P<q>or\s+(?:two|so|2))\b"
)
_TIMES = re.compile(
    r"\b(?:add|put|get|buy|want|need|order|grab|me|remove|take|drop|in)\s+"
    rf"(?P<q>{_NUM}\s*[x×*]\s*{_NUM})(?![\w.-])(?!\s*(?:gb|tb|mb|mm|w)\b)"
)
# "buy these now", "I'll purchase them": the cart as it is (checkout), not one more.
_BUY_THESE = re.compile(
    r"\b(?:buy|purchase|pay\s+for)\s+(?:all\s+(?:of\s+)?)?"
    r"(?P<what>these|those|them|it|this|that|everything|all)\b"
)
_MORE = re.compile(r"\b(?:again|more|another|extra|too|also|as\s+well)\b")


def vague_quantity(text: str | None) -> str | None:
    """A quantity that says no exact number ("a few", "2-3", "a mug or two", "2 x 2"), if any."""
    lowered = (text or "").lower()
    match = _VAGUE.search(lowered)
    if match:
        return " ".join(match.group().split())
    match = _NAMED_RANGE.search(lowered) or _TIMES.search(lowered)
    return " ".join(match.group("q").split()) if match else None


def buys_what_is_there(text: str | None) -> str | None:
    """The reference word of "buy these / them / it now" (a checkout, not an add), if said.

    None when the message asks for more ("buy it again", "buy another") or names a
    product ("buy these mugs").
    """
    lowered = (text or "").lower()
    match = _BUY_THESE.search(lowered)
    if match is None or _MORE.search(lowered):
        return None
    rest = lowered[: match.start()] + " " + lowered[match.end() :]
    if English.normalize_text(English().content(rest)):  # "buy these mugs": names a product
        return None
    return match.group("what")


def mixes_add_and_remove(text: str | None) -> bool:
    """Whether a message asks both to add and to remove ("add 2 mugs and remove the tripod").

    Each part of the message ("x and y", "x, then y") is a removal when it says so, an add
    when it says so, else the same as the part before ("remove the tripod and the mugs").
    """
    kinds = set()
    for part in _PARTS.split((text or "").lower()):
        if _REMOVE.search(part):
            kinds.add("remove")
        elif _ADD.search(part):
            kinds.add("add")
    return len(kinds) > 1


def says_swap(text: str | None) -> bool:
    """Whether a message says to swap ("instead", "swap", "replace", "change X for Y")."""
    return bool(_SWAP.search((text or "").lower()))


def says_add(text: str | None) -> bool:
    """Whether a message says to add ("add", "buy", "I want", "give me", "another")."""
    return bool(_ADD.search((text or "").lower()))


def says_remove(text: str | None) -> bool:
    """Whether a message says to remove ("take it out", "remove", "drop", "get rid of")."""
    return bool(_REMOVE.search((text or "").lower()))


def decrease_by(text: str | None) -> tuple[str, str] | None:
    """The product words and amount of "decrease / reduce / lower X by N", if said so."""
    match = _BY.search((text or "").lower())
    if match is None:
        return None
    return match.group("what").strip(), match.group("q").strip(".,!?")


def one_by_article(text: str | None) -> bool:
    """Whether a removal names one item by its article ("remove a mug", "take a mug out")."""
    return bool(_ARTICLE.search((text or "").lower()))


# "a tripod, actually no, a bag", "a tripod — no wait, a bag", "a tripod or rather a bag",
# "a tripod, I mean a bag": the message corrects itself; only what follows counts (F50).
_SEP = r"[\s,.;:!-]*"
_CORRECTION = re.compile(
    rf"(?:^|(?<=[\s,.;:!?–—-]))(?:actually{_SEP}no|no{_SEP}wait|wait{_SEP}no|"
    rf"or\s+rather|i\s+mean(?:t)?|sorry{_SEP}i\s+mean(?:t)?|scratch\s+that)\b[\s,.;:!?–—-]*"
)
# "yes please, 2 of them", "sure, make it two", "yes and also add a mug": a yes, and more.
_ACCEPT = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|sure|ok|okay|go\s+ahead|why\s+not)\b(?:\s+please)?"
    r"(?P<apart>[\s,.;:!–—-]*(?:\b(?:and|but|plus)\b)?)[\s,.;:!–—-]*(?P<rest>.*)$"
)
_QUANTITY_FILLER = {
    "of", "them", "those", "these", "it", "make", "please", "thanks", "thank", "you", "i'll",
    "ill", "take", "give", "me", "add", "want", "i", "need", "get", "in", "total", "units",
}  # fmt: skip


def self_correction(text: str | None) -> str | None:
    """What a message asks for once it corrected itself ("a tripod, actually no, a bag" → "a bag").

    The last correction counts; ``None`` when the message does not correct something it said
    (a leading "actually no, …" answers an offer instead); ``""`` when nothing follows.
    """
    lowered = (text or "").lower()
    found = list(_CORRECTION.finditer(lowered))
    if not found or not English().content(lowered[: found[-1].start()]).strip():
        return None
    return (text or "")[found[-1].end() :].strip(" ,.;:!?-–—")


def accepted_then(text: str | None) -> str | None:
    """The rest of a message that starts with a yes set apart ("yes please, 2 of them").

    The yes must be followed by a comma, "and", "but" or "plus" ("yes and also add a mug");
    ``None`` when there is no such yes or nothing follows it.
    """
    match = _ACCEPT.match(" ".join((text or "").lower().split()))
    if match is None or not match.group("apart").strip():
        return None
    return match.group("rest").strip(" ,.;:!?-") or None


def only_quantity_words(text: str, quantity: str) -> bool:
    """Whether ``text`` says nothing but ``quantity`` ("2 of them", "make it two", "two please")."""
    rest = re.sub(rf"(?<![\w.]){re.escape(quantity.lower())}(?!\w)", " ", text.lower())
    return all(word in _QUANTITY_FILLER for word in re.findall(r"[a-z0-9'.-]+", rest))


# "remove both", "take both of them out", "delete the two of them": the two lines meant.
_BOTH = re.compile(
    r"\b(?:both(?:\s+of\s+(?:them|those|these|the\s+\w+))?|them\s+both|"
    r"(?:the|these|those)\s+two(?:\s+of\s+them)?|the\s+pair\s+of\s+them)\b"
)
_BOTH_FILLER = {"of", "them", "those", "these", "from", "my", "cart", "basket", "line", "lines",
                "ones", "one", "out", "please", "the", "take", "away"}  # fmt: skip


def removes_both(text: str | None) -> bool:
    """Whether a removal names no product but "both" ("remove both", "take both of them out").

    "remove both mugs" names a product (its own request); "remove both" means two lines the
    caller must resolve (the two just changed, or the cart's only two) or ask about.
    """
    lowered = (text or "").lower()
    if not says_remove(lowered) or _BOTH.search(lowered) is None:
        return False
    rest = English().content(_BOTH.sub(" ", _REMOVE.sub(" ", lowered)))
    return all(word in _BOTH_FILLER or word in REFERENCE_NOUNS for word in rest.split())
