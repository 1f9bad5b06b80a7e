"""English: normalisation, plurals, units, number words and ordinals for product mentions.

The English side of product understanding (see :mod:`bot.domain.language`): this class,
its words (:mod:`.en_words`), quantity grammar (:mod:`.en_quantities`), swap grammar
(:mod:`.en_swaps`), and answers to questions (:mod:`.en_answers`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.utils import default_process

from bot.domain.language import en_answers, en_quantities, en_swaps
from bot.domain.language.en_words import FILLER, UNITS, content, fold_accents, stand_in_tail

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "former": 1, "top": 1, "upper": 1,
}  # fmt: skip
_LAST = {"last", "latter", "bottom", "lower"}
_OPTION = re.compile(
    r"^(?:number|no\.?|option|choice|#)\s*([1-9]|one|two|three|four|five)$|^([1-9])$"
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_KEEP_S = ("ss", "us", "is", "os")

_JOINT = re.compile(
    r"\s*(?:,|&|\+|\band\b|\bplus\b|\bas well as\b|\b(?:along|together)\s+with\b)\s*"
)


def _singular(word: str) -> str:
    """Singular of a normalised word ("batteries" → "battery", "cables" → "cable").

    Names and mentions both go through it, so it need only be consistent, not perfect.
    """
    if len(word) <= 3 or not word.isalpha() or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """Cached :meth:`English.terms` (product names recur in every search)."""
    return tuple(_singular(word) for word in English.normalize_text(text).split())


class English:
    """English product-mention handling (see :class:`bot.domain.language.Language`)."""

    code = "en"

    def normalize(self, text: str) -> str:
        """Lower-case, split digits from units ("256GB" → "256 gb"), unify units, drop fillers.

        Args:
            text: A product name or a shopper's mention of one.

        Returns:
            Space-separated words; decimals such as ``3.5`` are kept whole.
        """
        return self.normalize_text(text)

    @staticmethod
    def normalize_text(text: str) -> str:
        """:meth:`normalize` without an instance (accents folded: "Café" → "cafe")."""
        text = re.sub(r"(\d)([a-z\"])", r"\1 \2", fold_accents(text).lower())
        text = re.sub(r"([a-z])(\d)", r"\1 \2", text)
        words = re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|\"", text)
        words = [UNITS.get(w, w) for w in words]
        return " ".join(w for w in words if w not in FILLER and w != '"')

    @staticmethod
    def fold(text: str) -> str:
        """A cheap comparable form for a first cut among many names (rapidfuzz, in C).

        Lower case, accents folded, punctuation as spaces: no units, plurals or fillers (see
        :meth:`terms`).
        """
        return default_process(fold_accents(text))

    # Answers to "Did you mean …?" (see the Language protocol and en_answers).
    comparison = staticmethod(en_answers.comparison)
    affirms = staticmethod(en_answers.affirms)
    denies = staticmethod(en_answers.denies)
    other_one = staticmethod(en_answers.other_one)
    rejection = staticmethod(en_answers.rejection)

    def size(self, name: str) -> tuple[str, float] | None:
        """The size or capacity a product name states, as ``(dimension, amount)``."""
        return en_answers.size(self.terms(name))

    def terms(self, text: str) -> list[str]:
        """Normalised words, each singular ("USB-C cables" → ``["usb", "c", "cable"]``)."""
        return list(_terms(text))

    def quantity(self, word: str) -> int | None:
        """A whole number from a numeral or number words (``"2"``, ``"two"``, ``"twenty one"``)."""
        return en_quantities.quantity(word)

    def quantity_phrases(self, text: str) -> list[tuple[int, int, int | None, str]]:
        """Every quantity written in a message (:func:`.en_quantities.quantity_phrases`)."""
        return en_quantities.quantity_phrases(text)

    def swap_sides(self, text: str, mentions: list[str]) -> tuple[str | None, str]:
        """What a swap replaces and with what (:func:`.en_swaps.swap_sides`)."""
        return en_swaps.swap_sides(text, mentions)

    def swap_quantity(self, text: str) -> str | None:
        """The quantity said on a swap's new side (:func:`.en_swaps.swap_quantity`)."""
        return en_swaps.swap_quantity(text)

    def swap_old_quantity(self, text: str) -> str | None:
        """How many of the old line a swap names (:func:`.en_swaps.swap_old_quantity`)."""
        return en_swaps.swap_old_quantity(text)

    def part_count(self, text: str) -> str | None:
        """The number of a line named as a part of it (:func:`.en_swaps.part_count`)."""
        return en_swaps.part_count(text)

    def ordinal(self, text: str, count: int) -> int | None:
        """The 0-based option picked by "the first one", "2nd", "the last", "number 2"."""
        words = [w for w in re.findall(r"[a-z0-9#.]+", text.lower()) if w not in FILLER]
        words = [w for w in words if w not in ("one", "ones", "please", "option", "it")]
        if len(words) == 1 and words[0] in _LAST:
            return count - 1 if count else None
        if len(words) == 1 and words[0] in _ORDINALS:
            position = _ORDINALS[words[0]]
        else:
            match = _OPTION.match(" ".join(words)) or _OPTION.match(text.strip().lower())
            if not match:
                return None
            said = match.group(1) or match.group(2)
            position = _NUMBER_WORDS.get(said) or int(said)
        return position - 1 if 1 <= position <= count else None

    def content(self, text: str) -> str:
        """The words of a message that may name a product (command and filler words dropped)."""
        return content(text)

    def stand_in_tail(self, mention: str) -> tuple[str, str] | None:
        """A mention ending in a stand-in noun, split (:func:`.en_words.stand_in_tail`)."""
        return stand_in_tail(mention)

    def readings(
        self, mention: str, quantity: str | None, message: str | None
    ) -> list[tuple[str, str | None]]:
        """Ways to split a request into (product mention, quantity), most likely first.

        A number written right after the mention belongs to the product name ("add an aria
        phone 128": capacity, size, pack or model number), never to the quantity; a number
        word or numeral opening the mention is a quantity ("2 usb-c cables"). The caller
        keeps the first reading that names a product.

        Args:
            mention: The product mention (the NLU's span, or the message's own words).
            quantity: The quantity the NLU found, if any.
            message: The whole message, to see where the quantity was written.
        """
        readings: list[tuple[str, str | None]] = []
        said = " ".join(re.findall(r"[a-z0-9.]+", (message or "").lower()))
        spoken = " ".join(re.findall(r"[a-z0-9.]+", mention.lower()))
        number = " ".join(re.findall(r"[a-z0-9.]+", (quantity or "").lower()))
        plain = all(kind == "bare" for *_, kind in self.quantity_phrases(number))
        if number and plain and any(c.isdigit() for c in number) and f"{spoken} {number}" in said:
            readings.append((f"{mention} {quantity}", None))  # "aria phone 128", "… 512 gb"
        counted = number.split()
        if (
            len(counted) > 1
            and plain
            and self.quantity(counted[0]) is not None
            and (f"{number} {spoken}" in said)
        ):  # the model's "[2 travel] [tripod]"
            readings.append((" ".join([*counted[1:], mention]), counted[0]))
        readings.append((mention, quantity))
        first, _, rest = mention.strip().partition(" ")
        if quantity is None and rest and self.quantity(first) is not None:
            readings.append((rest, first))
        return readings

    def joints(self, text: str) -> list[tuple[int, int]]:
        """Where a message joins the items of a list ("a mug and a tripod", "x, y")."""
        return [match.span() for match in _JOINT.finditer(text.lower())]

    def widenings(self, span: str, message: str | None, most: int = 2) -> list[str]:
        """The span grown by up to ``most`` neighbouring content words on each side.

        For a span the model cut short ("camera" in "a better version of the snap camera?"
        gives "snap camera" first). Shortest growths first; none when the span is not in
        the message.
        """
        words = self.content(message or "").split()
        part = self.content(span).split()
        starts = [i for i in range(len(words)) if words[i : i + len(part)] == part]
        if not part or not starts:
            return []
        start, end = starts[0], starts[0] + len(part)
        grown = [
            (left + right, " ".join(words[start - left : end + right]))
            for left in range(min(most, start) + 1)
            for right in range(min(most, len(words) - end) + 1)
            if left or right
        ]
        return [text for _, text in sorted(grown, key=lambda g: g[0])]
