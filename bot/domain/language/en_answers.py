"""English answers to "Did you mean …?": yes / no, "the cheaper one", and sizes in names (pure).

The words a shopper answers a question with, and the sizes written in product names, are
language-specific; :class:`bot.domain.language.en.English` exposes them through the
:class:`bot.domain.language.Language` protocol, and the domain (which option is cheaper or
bigger) never sees an English word.
"""

from __future__ import annotations

import re

PRICE, SIZE = "price", "size"
LOWEST, HIGHEST = -1, 1

_COMPARISONS = (  # longest phrases first: "less expensive" before "expensive"
    (r"less expensive|least expensive|lower[- ]priced|cheaper|cheapest|cheap|"
     r"inexpensive|lower price|lowest price", PRICE, LOWEST),
    (r"more expensive|most expensive|higher[- ]priced|pricier|priciest|pricey|dearer|"
     r"dearest|expensive|higher price|highest price", PRICE, HIGHEST),
    (r"bigger|biggest|larger|largest|longer|longest|more storage|more capacity|"
     r"higher capacity|big|large|long", SIZE, HIGHEST),
    (r"smaller|smallest|shorter|shortest|less storage|less capacity|lower capacity|"
     r"small|short|little|tiny", SIZE, LOWEST),
)  # fmt: skip
_COMPARISON = [(re.compile(rf"\b(?:{words})\b"), kind, way) for words, kind, way in _COMPARISONS]
# What may surround an answer without making it a new request ("I'll take the cheaper one").
_AROUND = {
    "the", "a", "an", "one", "ones", "please", "pls", "i", "i'll", "i'd", "ill", "id",
    "take", "go", "for", "with", "want", "like", "get", "have", "give", "me", "it", "that",
    "this", "just", "ok", "okay", "then", "thanks", "thank", "you", "yes", "yeah", "of",
    "them", "two", "both", "let's", "lets", "would", "will", "choose", "pick", "prefer",
    "rather", "option", "which", "is", "what", "about", "oh", "hmm", "um", "sure",
}  # fmt: skip
_YES = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|yea|sure|ok|okay|correct|right|exactly|indeed|absolutely|"
    r"definitely|of course|please do|go ahead|do it|that(?:'s| is) (?:it|the one|right)|"
    r"(?:that|this|the same) one|that|this|the one)"
    r"(?:[\s,!.]+(?:please|pls|thanks|thank you|that one|this one|that's it|that's the one|"
    r"go ahead|do it|add it|sure|yes))*[\s!.]*$"
)
_NO = re.compile(
    r"^(?:no|nope|nah)?[\s,!.]*"
    r"(?:no|nope|nah|neither|none|not that one|not that|not this one"
    r"|neither of (?:them|those|these)|neither one|none of (?:them|those|these|the above)"
    r"|none of those options|not either(?: one)?"
    r"|not any of (?:them|those|these)|i don'?t want (?:either|any) of (?:them|those|these)"
    r"|i don'?t want either(?: one)?|wrong|no thanks|no thank you|no,? not that one"
    r"|that's not it|that is not it|not really|not interested|not now|not today|not for me)"
    r"(?:[\s,!.]+(?:thanks|thank you|please|then|sorry|actually))*[\s!.]*$"
)
# "the other one", "the other one then", "no, the other": the option not named or picked.
_OTHER = re.compile(r"\bother\b")
_OTHER_AROUND = {"no", "not", "actually", "instead", "then", "meant", "mean", "sorry", "one"}
# "not the 128 one", "no, not the leather one": an option ruled out (None: not said).
_NOT = re.compile(
    r"^(?:no|nope|nah)?[\s,.!]*(?:i\s+said\s+|i\s+meant\s+)?not\s+(?P<what>[^,.;!]+?)"
    r"(?:\s*(?:[,.;!]|\bbut\b|\bthe other\b|$).*)$"
)
_NOT_WHAT = {"sure", "really", "now", "yet", "that", "this", "that one", "this one", "it"}

# A size written in a name, after normalisation: a number and its unit (English.terms).
_UNITS = {
    "mb": ("data", 1e-3), "gb": ("data", 1.0), "tb": ("data", 1e3),
    "mm": ("length", 1e-3), "cm": ("length", 1e-2), "m": ("length", 1.0),
    "inch": ("length", 0.0254), "g": ("mass", 1e-3), "kg": ("mass", 1.0),
    "oz": ("mass", 0.0283495), "ml": ("volume", 1e-3), "l": ("volume", 1.0),
    "w": ("power", 1.0), "mah": ("charge", 1.0), "pk": ("count", 1.0), "pc": ("count", 1.0),
}  # fmt: skip
_SIZE_WORDS = {
    "xxs": 0, "xs": 1, "small": 2, "medium": 3, "large": 4, "xl": 5, "xxl": 6, "xxxl": 7,
    "single": 11, "double": 12, "queen": 13, "king": 14,
}  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def comparison(text: str) -> tuple[str, int] | None:
    """The attribute and direction an answer picks by ("the cheaper one" → price, lowest).

    Only a message that is just such an answer counts ("I'll take the bigger one"); one
    that also names something else ("a cheaper mug") is a request of its own.

    Returns:
        ``(PRICE or SIZE, LOWEST or HIGHEST)``, or None.
    """
    lowered = " ".join(_words(text))
    for pattern, kind, way in _COMPARISON:
        match = pattern.search(lowered)
        if match is None:
            continue
        rest = lowered[: match.start()] + " " + lowered[match.end() :]
        return (kind, way) if all(w in _AROUND for w in rest.split()) else None
    return None


def affirms(text: str) -> bool:
    """Whether a reply says yes ("yes", "yes please", "that one", "yep, that's it")."""
    return bool(_YES.match(" ".join(re.findall(r"[a-z0-9']+|[,!.]", text.lower()))))


def denies(text: str) -> bool:
    """Whether a reply says no to the question ("no", "nope", "neither", "not that one")."""
    return bool(_NO.match(" ".join(re.findall(r"[a-z0-9']+|[,!.]", text.lower()))))


def other_one(text: str) -> bool:
    """Whether a reply asks for "the other one" ("the other one then", "no, the other").

    Words naming or ruling out an option may come with it ("not the 128 one, the other
    one"); the caller reads those with :func:`rejection`.
    """
    lowered = " ".join(_words(text))
    if not _OTHER.search(lowered):
        return False
    if rejection(text) is not None:
        return True
    rest = _OTHER.sub(" ", lowered).split()
    return all(w in _AROUND or w in _OTHER_AROUND for w in rest)


def rejection(text: str) -> str | None:
    """The option a reply rules out ("not the 128 one" → "the 128 one"), or None.

    The words must name an option ("the …", "… one"): "not that one", "not sure", "not
    interested" rule nothing out by name (they are a no, or no answer at all).
    """
    match = _NOT.match(" ".join(re.findall(r"[a-z0-9'.-]+|[,;!]", text.lower())))
    if match is None:
        return None
    what = match.group("what").strip()
    if not what or what in _NOT_WHAT:
        return None
    named = what.startswith(("the ", "a ", "an ")) or what.endswith((" one", " ones"))
    return what if named else None  # "not interested", "not for me": no option ruled out


def size(terms: list[str]) -> tuple[str, float] | None:
    """The size or capacity a name states, from its normalised words, in a base unit.

    ``["orbit", "laptop", "13", "inch"]`` → ``("length", 0.3302)``; a clothing or bed size
    word ("large", "king") → ``("named", rank)``; a name stating none, or two different
    ones, → None.
    """
    found = set()
    for number, unit in zip(terms, terms[1:], strict=False):
        if unit in _UNITS and number.replace(".", "", 1).isdigit():
            dimension, factor = _UNITS[unit]
            found.add((dimension, float(number) * factor))
    if not found:
        found = {("named", float(_SIZE_WORDS[w])) for w in terms if w in _SIZE_WORDS}
    if not found and "size" in terms:  # "Hiking Boots Size 10"
        after = terms[terms.index("size") + 1 :]
        if after and after[0].isdigit():
            found.add(("size", float(after[0])))
    return found.pop() if len(found) == 1 else None
