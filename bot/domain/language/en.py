"""English: normalisation, plurals, units, number words and ordinals for product mentions.

The only English-specific module of product understanding (see :mod:`bot.domain.language`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.utils import default_process
from text_to_num import text2num

from bot.domain.language import en_answers

_UNITS = {
    "gigabyte": "gb", "gigabytes": "gb", "gig": "gb", "gigs": "gb", "terabyte": "tb",
    "terabytes": "tb", "megabyte": "mb", "megabytes": "mb", "watt": "w", "watts": "w",
    "meter": "m", "meters": "m", "metre": "m", "metres": "m", "millimeter": "mm",
    "millimeters": "mm", "millimetre": "mm", "millimetres": "mm", "centimeter": "cm",
    "centimeters": "cm", "centimetre": "cm", "centimetres": "cm", "inches": "inch",
    "in.": "inch", '"': "inch", "kilogram": "kg", "kilograms": "kg", "kgs": "kg",
    "gram": "g", "grams": "g", "liter": "l", "liters": "l", "litre": "l", "litres": "l",
    "milliliter": "ml", "milliliters": "ml", "millilitre": "ml", "ounce": "oz", "ounces": "oz",
    "pack": "pk", "packs": "pk", "pcs": "pc", "pieces": "pc", "piece": "pc",
}  # fmt: skip
_FILLER = {"the", "a", "an", "my", "this", "that", "these", "those", "some", "of", "x"}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "couple": 2, "pair": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "former": 1, "top": 1, "upper": 1,
}  # fmt: skip
_LAST = {"last", "latter", "bottom", "lower"}
_OPTION = re.compile(r"^(?:number|no\.?|option|#)\s*([1-9])$|^([1-9])$")
# Words of a request that are not part of a product mention.
_COMMAND = {
    "add", "put", "throw", "toss", "get", "give", "take", "buy", "want", "need", "like",
    "would", "i", "i'd", "i'll", "me", "please", "can", "could", "you", "in", "into", "to",
    "out", "from", "cart", "basket", "order", "also", "too", "and", "remove", "delete",
    "drop", "rid", "of", "make", "it", "set", "change", "update", "only", "instead", "more",
    "another", "again", "just", "let", "have", "some", "yes", "ok", "okay", "thanks", "with",
    "for", "is", "there", "do", "any", "anything", "what", "how", "about", "one", "ones",
    "off", "away", "anymore", "now", "right", "here", "that's", "it's", "i'm", "those",
    # discourse and reference words: never a product ("actually remove that", "one less")
    "actually", "them", "everything", "all", "less", "fewer", "no", "nope", "nah", "but",
    "so", "well", "um", "uh", "hmm", "oh", "oops", "sorry", "pls", "plz", "kindly", "really",
    # hedges of an unsure request ("should I remove it?"), asked back and then carried out
    "should", "shall", "maybe", "perhaps", "might",
}  # fmt: skip
_KEEP_S = ("ss", "us", "is", "os")

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
    (re.compile(rf"{_B}(?P<q>another){_E}"), "marked"),
    (re.compile(rf"(?P<q>(?<![\w.,/])-\s?\d+(?:[.,]\d+)?|\bminus \w+){_E}"), "refused"),
    (re.compile(rf"{_B}(?P<q>\d+[.,]\d+|\d+\s?/\s?\d+|(?:{_NUMBER} and )?an? half|half an?"
                rf"|half|{_NUMBER} (?:quarters?|thirds?|halves))(?![\w/])"), "refused"),
    (re.compile(rf"{_B}(?P<q>{_NUMBER}){_E}"), "bare"),
]  # fmt: skip
_NAME_TIMES = re.compile(r"(?<![\w.])\d+\s?(?P<q>[x×]\s?(?P<m>\d+))(?![\w/]|[.,]\d)")
_JOINT = re.compile(r"\s*(?:,|&|\band\b|\bplus\b|\bas well as\b)\s*")
_SWAP_WORDS = {"swap", "switch", "replace", "exchange", "trade", "rather", "prefer", "version"}
_SWAP_PATTERNS = [
    re.compile(
        r"\b(?:swap|switch|replace|change|exchange|trade)\s+(?P<old>.+?)\s+"
        r"(?:for|with|to|into)\s+(?P<new>.+)$"
    ),
    re.compile(r"\binstead of\s+(?P<old>.+?)(?:,|\s+(?=i\b|i'd|i'll|give|get))\s*(?P<new>.+)$"),
    re.compile(r"^(?P<new>.+?)\s+instead of\s+(?P<old>.+)$"),
    re.compile(r"\brather (?:have )?(?P<new>.+?)\s+than\s+(?P<old>.+)$"),
    re.compile(r"\bnot (?P<old>.+?),\s*(?P<new>.+)$"),
]
_NAME_UNITS = set(_UNITS) | set(_UNITS.values()) | {"k", "mp", "inch", "in", "gen"}


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
    following = rest.split()
    return bool(following) and following[0].strip(".,!?") in _NAME_UNITS


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
        """:meth:`normalize` without an instance."""
        text = re.sub(r"(\d)([a-z\"])", r"\1 \2", text.lower())
        text = re.sub(r"([a-z])(\d)", r"\1 \2", text)
        words = re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|\"", text)
        words = [_UNITS.get(w, w) for w in words]
        return " ".join(w for w in words if w not in _FILLER and w != '"')

    @staticmethod
    def fold(text: str) -> str:
        """A cheap comparable form for a first cut among many names (rapidfuzz, in C).

        Lower case, punctuation as spaces: no units, plurals or fillers (see :meth:`terms`).
        """
        return default_process(text)

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

    def quantity_phrases(self, text: str) -> list[tuple[int, int, int | None, str]]:
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
        found = self._name_then_times(lowered)
        for pattern, kind in _QUANTITY_PATTERNS:
            for match in pattern.finditer(lowered):
                start, end = match.span("q")
                if any(start < e and s < end for s, e, _, _ in found):
                    continue
                if kind in ("bare", "refused") and _is_name_number(lowered, start, end):
                    continue
                if kind == "bare" and not _counts_as_one(lowered, start, end):
                    continue
                found.append((start, end, self._phrase_value(match.group("q"), kind), kind))
        relative = [self._relative(lowered, phrase) for phrase in found]
        return sorted(relative)

    @staticmethod
    def _name_then_times(text: str) -> list[tuple[int, int, int | None, str]]:
        """A number right after a name is the name's ("aria phone 128 x 2"), "x 2" the amount."""
        found: list[tuple[int, int, int | None, str]] = []
        for match in _NAME_TIMES.finditer(text):
            before = text[: match.start()].split()
            if before and before[-1].isalpha() and before[-1] not in _COMMAND | _FILLER:
                found.append((match.start("q"), match.end("q"), int(match.group("m")), "marked"))
        return found

    def _phrase_value(self, phrase: str, kind: str) -> int | None:
        if kind == "refused":
            return None
        digits = re.search(r"\d+", phrase)
        if digits:
            return int(digits.group())
        words = re.sub(r"\b(?:of|more|less|fewer|another)\b", " ", phrase).split()
        words = [w for w in words if w not in ("a", "an")] or ["one"]
        spoken = " ".join(words)
        return _PHRASES.get(spoken) or self.quantity(spoken)

    @staticmethod
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

    def ordinal(self, text: str, count: int) -> int | None:
        """The 0-based option picked by "the first one", "2nd", "the last", "number 2"."""
        words = [w for w in re.findall(r"[a-z0-9#.]+", text.lower()) if w not in _FILLER]
        words = [w for w in words if w not in ("one", "ones", "please", "option", "it")]
        if len(words) == 1 and words[0] in _LAST:
            return count - 1 if count else None
        if len(words) == 1 and words[0] in _ORDINALS:
            position = _ORDINALS[words[0]]
        else:
            match = _OPTION.match(" ".join(words)) or _OPTION.match(text.strip().lower())
            if not match:
                return None
            position = int(match.group(1) or match.group(2))
        return position - 1 if 1 <= position <= count else None

    def content(self, text: str) -> str:
        """The words of a message that may name a product (command and filler words dropped)."""
        words = re.findall(r"[a-z0-9][a-z0-9.'-]*", text.lower())
        kept = [w for w in words if w not in _COMMAND and w not in _FILLER]
        return " ".join(kept)

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

    def swap_sides(self, text: str, mentions: list[str]) -> tuple[str | None, str]:
        """What a swap replaces and with what ("swap the mug for the tripod").

        Returns:
            The old side's product words (None: not said; "": "it" / "that", the product
            in focus) and the new side's ("128gb sd card" in "I want the 128gb sd card
            instead"). The model's spans on a side are its words when there are any.
        """
        lowered = " ".join(text.lower().split())
        old, new = None, lowered
        for pattern in _SWAP_PATTERNS:
            match = pattern.search(lowered)
            if match:
                old, new = match.group("old"), match.group("new")
                break

        def words(side: str) -> str:
            inside = [m for m in mentions if m.lower() in side]
            if inside:
                return " ".join(inside)
            return " ".join(w for w in self.content(side).split() if w not in _SWAP_WORDS)

        return (None if old is None else words(old)), words(new)

    def swap_quantity(self, text: str) -> str | None:
        """The quantity said on a swap's new side ("3" in "swap the mugs for 3 tripods").

        A quantity form ("2x", "a couple of"), a number opening the new product's words,
        or "a" / "an" / "one" right before them ("for a tripod": 1). None when none is
        said ("the 128 GB one instead"); a number after the name is the name's ("aria
        phone 128").
        """
        lowered = " ".join(text.lower().split())
        new = lowered
        for pattern in _SWAP_PATTERNS:
            match = pattern.search(lowered)
            if match:
                new = match.group("new")
                break
        found = [p for p in self.quantity_phrases(new) if p[3] != "more"]
        marked = [p for p in found if p[3] != "bare"]
        if marked:
            return new[marked[0][0] : marked[0][1]]
        words = re.findall(r"[a-z0-9][a-z0-9.'-]*", new)
        first = next(
            (i for i, w in enumerate(words) if w not in _COMMAND | _FILLER | _SWAP_WORDS), None
        )
        if first is None:
            return None
        if first and words[first - 1] in ("a", "an", "one"):
            return words[first - 1]
        opening = [p for p in found if new[p[0] : p[1]].split()[0] == words[first]]
        return new[opening[0][0] : opening[0][1]] if opening else None

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
