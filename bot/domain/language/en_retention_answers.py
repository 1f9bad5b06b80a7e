"""English cues for answers during a cancellation and to a yes/no question (issue 12, s25).

Pure rules on the message text, whatever intent the model gave it:

* :func:`asks_about_option` — "what about pausing?", "pause instead?", "could I pause it
  instead", "how about a discount?": a question or suggestion about an option, never the
  order to carry it out. The option is presented with its terms and asked back.
* :func:`withdraws` — "cancel that", "never mind", "forget it", "I don't want that",
  "changed my mind", "scratch that": to an open confirmation, a no (never a new cancel).
* :func:`says_yes_and_no` — "no way, that's cheap! ok", "yes... actually no": both a yes
  and a no; nothing is decided and the question is asked again.
* :func:`says_later` — "maybe later", "not now", "some other time": to a retention offer,
  neither a yes nor a no; recorded as ``later`` and nothing changes.
"""

from __future__ import annotations

import re

_OPENERS = (
    r"what about", r"how about", r"what if", r"or", r"maybe", r"perhaps", r"instead",
    r"(?:could|can|may|might) (?:i|we)", r"is (?:it|there|a)", r"would (?:a|it|that|i)",
    r"any chance", r"do you (?:do|offer|have)", r"i could", r"couldn'?t i", r"can'?t i",
    r"why not", r"what's wrong with",
)  # fmt: skip
_TENTATIVE = re.compile(r"^\W*(?:(?:oh|hmm+|um+|well|so|ok|okay|actually)\W+)*(?:"
                        + "|".join(_OPENERS) + r")\b", re.IGNORECASE)  # fmt: skip


def asks_about_option(text: str | None) -> bool:
    """Whether a message asks about or suggests an option rather than orders it.

    A question mark at the end ("pause instead?") or a tentative opener ("what about …",
    "could I …", "maybe a discount") is enough; "pause it instead" or "yes, pause it" is
    an order. Button payloads never are.
    """
    plain = (text or "").strip()
    if not plain or plain.startswith("/"):
        return False
    return plain.endswith("?") or bool(_TENTATIVE.search(plain))


def suggests_option(text: str | None) -> bool:
    """Whether a message opens as a suggestion ("what about …", "how about …", "could I …")."""
    return bool(_TENTATIVE.search(text or ""))


_WITHDRAWALS = (
    r"cancel (?:that|this|it)(?: request)?", r"never ?mind(?: then)?",
    r"forget (?:it|that|about it)",
    r"i don'?t want (?:that|this|it)(?: (?:anymore|any more|after all))?",
    r"i do not want (?:that|this|it)", r"(?:i'?ve |i have |i )?changed my mind",
    r"scratch that", r"don'?t (?:do|bother)(?: (?:that|it))?", r"leave it", r"not that",
    r"i'?ll pass", r"i take (?:that|it) back", r"undo that",
)  # fmt: skip
_FILLER = r"(?:oh|no|nah|actually|sorry|please|wait|um+|hmm+|ok|okay|well|then|thanks|thank you)"
_WITHDRAWAL = re.compile(
    rf"^(?:{_FILLER}\W+)*(?:{'|'.join(_WITHDRAWALS)})(?:\W+{_FILLER})*\W*$", re.IGNORECASE
)
_CANCELS = re.compile(r"\bcancel\b", re.IGNORECASE)


def withdraws(text: str | None) -> bool:
    """Whether the whole message takes back the request being confirmed ("never mind")."""
    plain = " ".join((text or "").replace("’", "'").split())
    return bool(plain) and not plain.startswith("/") and bool(_WITHDRAWAL.match(plain))


def cancels_by_name(text: str | None) -> bool:
    """Whether a withdrawal says "cancel" ("cancel that"): to a cancel's own question, unclear."""
    return bool(_CANCELS.search(text or ""))


_YES_WORD = r"yes|yeah|yep|yup|ya|sure|ok|okay|alright|deal|go ahead|do it|fine by me"
_NO_WORD = r"no|nope|nah|no way|no thanks|never mind|nevermind"
_LEAD = (
    r"(?:^|[,.!?;:…—–]|\.\.\.|\s-\s|\s--\s)\s*"
    r"(?:(?:actually|wait|well|oh|hmm+|um+|erm|so|but)\W*\s*)*"
)
_END = r"(?=\s*(?:$|[,.!?;:…—–-]|\s(?:thanks|thank you|please|actually|wait|then)\b))"
_YES_CLAUSE = re.compile(rf"{_LEAD}(?:{_YES_WORD}){_END}", re.IGNORECASE)
_NO_CLAUSE = re.compile(rf"{_LEAD}(?:{_NO_WORD}){_END}", re.IGNORECASE)


def says_yes_and_no(text: str | None) -> bool:
    """Whether a message answers both yes and no ("no way, that's cheap! ok", "yes... no").

    Only a yes or a no standing as an answer of its own counts: "no pause, just cancel",
    "ok, no basic plan" or "sure, no rush" are not both.
    """
    plain = (text or "").replace("’", "'").strip()
    if not plain or plain.startswith("/"):
        return False
    return bool(_YES_CLAUSE.search(plain)) and bool(_NO_CLAUSE.search(plain))


_LATER = re.compile(
    r"^\W*(?:(?:maybe|perhaps|possibly|probably|ok|okay|hmm+|um+|well|no|not sure|thanks)\W+)*"
    r"(?:later|not (?:right )?now|not today|not yet|some other time|another time|next time"
    r"|some ?time later|another day|in a bit|ask me (?:again )?later|i'?ll (?:think about it|"
    r"decide|let you know) later|(?:maybe|perhaps) (?:some ?day|one day))"
    r"(?:\W+(?:thanks|thank you|then|maybe|perhaps|please))*\W*$",
    re.IGNORECASE,
)


def says_later(text: str | None) -> bool:
    """Whether the whole message puts the decision off ("maybe later", "not now")."""
    return bool(_LATER.match((text or "").replace("’", "'")))
