"""English cues for answers that decide nothing, and requests that are not what they seem (pure).

* Hesitation ("no wait", "hold on", "let me think", "not sure", "hmm") to an offer or a
  confirmation decides nothing: the question stays open and is asked again.
* A polite close ("ok thanks", "great, thanks", "cool thanks") to an offer is no clear yes:
  the change is asked back, never made.
* A newsletter / email / marketing unsubscribe is not the subscription the shop sells.
* "oops, put the beans back" after a removal asks to add them again.
* "mugs for me and my 3 roommates", "mugs" (a plural with no count): how many is asked.
"""

from __future__ import annotations

import re

_HESITATION_PHRASES = (
    r"no,? wait", r"wait", r"wait a (?:sec(?:ond)?|minute|moment|bit)", r"hold on", r"hang on",
    r"let me think(?: about it)?", r"let me see", r"let me check", r"i(?:'ll| will) think about it",
    r"i need to think(?: about it)?", r"give me a (?:sec(?:ond)?|minute|moment)",
    r"one sec(?:ond)?", r"just a (?:sec(?:ond)?|minute|moment)", r"a (?:sec|second|minute|moment)",
    r"(?:i'?m |i am )?not (?:so |too |really )?sure(?: yet| about (?:it|that|this))?",
    r"(?:i )?don'?t know(?: yet)?", r"dunno", r"unsure", r"undecided", r"maybe",
    r"h+m+", r"u+m+", r"u+h+", r"e+r+m*", r"well", r"thinking",
    r"no (?:idea|clue)(?: what you mean)?", r"not a clue", r"no way", r"no problem",
    r"no worries", r"no rush", r"idk", r"(?:i )?have no (?:idea|clue)",
)  # fmt: skip
_HESITATION = re.compile(r"\b(?:" + "|".join(_HESITATION_PHRASES) + r")\b")
_FILLER = {
    "oh", "ok", "okay", "so", "just", "please", "actually", "then", "um", "uh", "hmm", "er",
    "sorry", "and", "a", "bit", "little", "on", "yet", "now", "still", "for", "lol", "tbh",
    "honestly", "really",
}  # fmt: skip

_ACK = r"(?:ok|okay|k|great|cool|nice|perfect|fine|alright|awesome|lovely|brilliant|good|oh)"
_THANKS = r"(?:thanks|thank you|thank u|thx|ty|cheers|ta)(?: (?:so much|a lot|very much))?"
_POLITE = re.compile(rf"(?:{_ACK} )*{_THANKS}|(?:{_ACK} )*(?:noted|got it|i see|cool|nice)")

_MARKETING = re.compile(
    r"\b(?:newsletters?|e-?mails?|e-?mail list|mailing list|mailings?|marketing|promotions?|"
    r"promos?|spam|texts?|sms|notifications?|adverts?|ads|offers by (?:e-?mail|text))\b"
)
_STOP = re.compile(
    r"\b(?:unsubscribe|stop|opt(?:ing)? out|cancel|no more|take me off|remove me|"
    r"don'?t (?:send|email|text)|end|quit|turn off|mute)\w*"
)
_PUT_BACK = re.compile(
    r"\b(?:put|bring|add|get)\b(?:\s+\w+){0,4}?\s+back\b(?!\s+(?:on the shelf|where))"
    r"|\bback in(?:to)? (?:my|the) (?:cart|basket)\b"
)
_PEOPLE = re.compile(
    r"\bfor\s+(?:me\s+and\s+|myself\s+and\s+)?(?:(?:my|the|our|all|each of|every one of)\s+)?"
    r"(?:\w+\s+){0,2}(?:roommates|room-mates|flatmates|housemates|friends|family|kids|children|"
    r"colleagues|coworkers|co-workers|team|guests|parents|siblings|brothers|sisters|everyone|"
    r"everybody|all of us|the office|us all|each of us)\b"
)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", (text or "").lower().replace("’", "'")))


def is_hesitation(text: str | None) -> bool:
    """Whether a message only hesitates ("no wait", "hold on", "let me think", "not sure", "hmm").

    A message that also says something else ("wait, cancel it", "hmm, add a mug") is not.
    """
    plain = _plain(text or "")
    if not plain or not _HESITATION.search(plain):
        return False
    rest = _HESITATION.sub(" ", plain).split()
    return all(word in _FILLER for word in rest)


def is_polite_close(text: str | None) -> bool:
    """Whether a message is thanks or an acknowledgement, not a clear yes ("ok thanks", "cool")."""
    return bool(_POLITE.fullmatch(_plain(text or "")))


def decides_nothing(text: str | None) -> bool:
    """Whether an answer to a yes/no question leaves it open ("hold on", "ok thanks")."""
    return is_hesitation(text) or is_polite_close(text)


def is_marketing_unsubscribe(text: str | None) -> bool:
    """Whether a stop / unsubscribe request is about emails, a newsletter or marketing texts."""
    plain = _plain(text or "")
    return bool(_MARKETING.search(plain) and _STOP.search(plain))


def puts_back(text: str | None) -> bool:
    """Whether a message asks to put something back in the cart ("oops, put the beans back")."""
    return bool(_PUT_BACK.search(_plain(text or "")))


def for_several_people(text: str | None) -> str | None:
    """The words before "for me and my 3 roommates" (a count left to guess), or None."""
    plain = _plain(text or "")
    match = _PEOPLE.search(plain)
    return plain[: match.start()].strip() if match else None


def uncounted_plural(text: str | None, name: str) -> bool:
    """Whether ``text`` names the product ``name`` in the plural with no count ("add mugs").

    A plural that is the product's own name ("headphones", "espresso beans") is not one.
    """
    words = _plain(text or "").split()
    own = set(_plain(name).split())
    for word in words:
        if word in own or len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
            continue
        if word[:-1] in own or (word.endswith("es") and word[:-2] in own):
            return True
    return False
