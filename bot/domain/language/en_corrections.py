"""English self-corrections inside quantities and swaps (pure).

"make it 3, no 2 mugs" → "make it 2 mugs"; "swap the mug for the tripod, actually the lamp"
→ "swap the mug for the lamp"; "swap the mugs for 2 tripods, no wait, 3" → "swap the mugs
for 3 tripods". The message is rewritten as the shopper meant it, so the flows read it as
if the first words had never been said. Adds and removals that correct the product are
read by :func:`bot.domain.language.en_cues.self_correction`.
"""

from __future__ import annotations

import re

_N = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|a couple(?: of)?|a pair(?: of)?|a dozen)"
)
# "3, no 2", "3 — sorry, 2", "three, I mean two", "3 no wait 2", "3... make that 2"
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<first>{_N})(?P<between>\s+[a-z][a-z -]{{0,30}}?)??\s*[,.;:!–—-]*\s*"
    r"(?:no|nope|sorry|oops|actually|i mean|i meant|make that|make it|wait|no wait|or rather)"
    rf"(?:[\s,.;:!–—-]+(?:no|sorry|wait|actually|i mean|make that|make it))*[\s,.;:!–—-]+"
    rf"(?P<second>{_N})(?![\w.])(?P<after>.*)$",
    re.IGNORECASE,
)
_ENDING = re.compile(r"^(?:\s*[,.;:!?]*\s*(?:please|pls|thanks|thank you|then|of them))*[\s.!?]*$")
_NEW_SIDE = re.compile(r"\b(?:for|with|into|to)\s+", re.IGNORECASE)
_SWAP_CUE = re.compile(r"\b(?:swap|switch|replace|exchange|trade|instead|rather)\b", re.IGNORECASE)
_MARK = r"(?:actually|no|nope|sorry|wait|make (?:that|it)|i mean|i meant|or rather|scratch that)"
# ", actually the lamp", " — no wait, 3", " or rather a camera bag", " I mean a bag"
_FIX = re.compile(
    rf"(?:[,;.!–—-]\s*{_MARK}|\s(?:or rather|i mean|i meant|make that))\b"
    rf"(?:[\s,.;:!–—-]+{_MARK}\b)*[\s,.;:!–—-]*(?P<rest>\S.*?)[\s.!]*$",
    re.IGNORECASE,
)
_LEADING_NUMBER = re.compile(rf"^\s*(?:the\s+)?{_N}\s+", re.IGNORECASE)
# Words a corrected quantity may follow ("make it 3", "add 3"); a product word before a
# number makes it the name's ("aria phone 128, no 256").
_BEFORE_QUANTITY = {
    "", "it", "to", "add", "make", "want", "need", "get", "take", "give", "me", "of", "just",
    "set", "put", "order", "buy", "remove", "have", "them", "those", "these", "only", "and",
    "change", "into", "for",
}  # fmt: skip


def quantity_correction(text: str | None) -> tuple[str, str] | None:
    """``(message as meant, quantity)`` when a number is corrected ("make it 3, no 2 mugs").

    The last number said wins ("one, no two, sorry three" → three); None when the message
    corrects no number.
    """
    fixed = None
    for _ in range(3):  # each pass takes one correction out
        once = _one_correction(fixed[0] if fixed else text)
        if once is None:
            break
        fixed = once
    return fixed


def _one_correction(text: str | None) -> tuple[str, str] | None:
    match = _QUANTITY.search(text or "")
    if match is None or not text:
        return None
    between = match.group("between") or ""
    if between and not _ENDING.match(match.group("after")):
        return None  # "3 mugs, no, 2 tripods": a product corrected too (self_correction)
    words = re.findall(r"[a-z']+", text[: match.start()].lower())
    setting = bool(words) and words[0] in ("make", "set", "change", "update")  # "make the mugs 4"
    if (words[-1] if words else "") not in _BEFORE_QUANTITY and not setting:
        return None  # "aria phone 128, no 256": the name's number
    second = match.group("second")
    return text[: match.start()] + second + between + match.group("after"), second


def swap_correction(text: str | None) -> str | None:
    """A swap request as meant, once it corrects its new side; None when it does not.

    "swap the mug for the tripod, actually the lamp" → "swap the mug for the lamp";
    "I want the 128 one instead, no wait, the 256 one" → "the 256 one instead"; a
    correction that is itself a whole swap ("…, no, swap it for the lamp") is read alone;
    one that says only a number ("…for 2 tripods, no wait, 3") keeps the product.
    """
    match = _FIX.search(text or "")
    if match is None or not text:
        return None
    rest, before = match.group("rest"), text[: match.start()]
    if _SWAP_CUE.search(rest) and _NEW_SIDE.search(rest):
        return rest  # "…, no, swap the bag for the lamp": a request of its own
    sides = list(_NEW_SIDE.finditer(before))
    if not sides:
        if "instead" in before.lower():
            return f"{rest} instead"
        return None
    head, new_side = before[: sides[-1].end()], before[sides[-1].end() :]
    number = _only_a_number(rest)
    if number:  # "for 2 tripods, no wait, 3": the tripods, 3 of them
        return f"{head}{number} {_LEADING_NUMBER.sub('', new_side)}".strip()
    return f"{head}{rest}"


def _only_a_number(text: str) -> str | None:
    """The number when ``text`` says only a number ("3", "2 of them please")."""
    match = re.fullmatch(rf"\s*({_N})\s*(?:of them|please|then|\s)*", text, re.IGNORECASE)
    return match.group(1) if match else None
