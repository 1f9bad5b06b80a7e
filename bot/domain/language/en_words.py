"""English words shared by product understanding: units, fillers and request words.

Pure data and one helper (:func:`content`); used by :mod:`bot.domain.language.en` and its
quantity and swap grammars.
"""

from __future__ import annotations

import re
import unicodedata

UNITS = {
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
FILLER = {"the", "a", "an", "my", "this", "that", "these", "those", "some", "of", "x"}
# Words of a request that are not part of a product mention.
COMMAND = {
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
    # removal slang ("scrap the mugs", "chuck out the tripod"): a verb, never a product (S1)
    "scrap", "ditch", "nix", "bin", "lose", "dump", "axe", "junk", "chuck", "kick",
    # function words and greetings ("I don't want it anymore", "hey, add a mug"): never a
    # product (review s21, S31, S3)
    "don't", "dont", "didn't", "didnt", "doesn't", "doesnt", "not", "never", "longer",
    "wanna", "gonna", "hey", "hi", "hello", "hiya", "heya", "yo", "howdy",
    # add slang ("gimme trypod", "lemme get a mug", "grab me a tripod"): a verb (s25)
    "gimme", "lemme", "gotta", "grab", "gimmie", "givme",
}  # fmt: skip
REFERENCE_NOUNS = {
    "item", "items", "thing", "things", "product", "products", "stuff", "last", "latest",
    "other", "previous", "recent", "added", "bought", "picked", "chose", "ordered", "selected",
}  # fmt: skip
"""Words that refer to a product without naming it ("that item", "the last one")."""
STAND_INS = {
    "thing", "things", "thingy", "thingies", "thingamajig", "stuff", "item", "items",
    "product", "products", "one", "ones", "gadget", "gizmo", "doohickey",
}  # fmt: skip
"""Nouns a shopper ends a vague mention with ("the usb-c thing", "that leather one")."""
NAME_UNITS = set(UNITS) | set(UNITS.values()) | {"k", "mp", "inch", "in", "gen"}
CONTAINERS = {
    "pack", "packs", "pk", "packet", "packets", "bag", "bags", "box", "boxes", "bottle",
    "bottles", "pair", "pairs", "can", "cans", "jar", "jars", "tin", "tins", "carton",
    "cartons", "roll", "rolls", "set", "sets", "tube", "tubes", "sachet", "sachets",
}  # fmt: skip
"""Words a count is made of before "of" ("3 packs of filters" = 3 × filters; review s21, S9)."""
_CONTAINER_OF = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(CONTAINERS, key=len, reverse=True)) + r")\s+of\b", re.I
)


def drop_containers(text: str) -> str:
    """``text`` without the unit words of a count ("3 packs of filters" → "3 filters").

    Only a unit followed by "of" is dropped: a name that has the word ("Camera Shoulder Bag")
    never says "bag of".
    """
    return " ".join(_CONTAINER_OF.sub(" ", text).split())


def fold_accents(text: str) -> str:
    """``text`` without accents: NFKD, combining marks dropped ("Café Crème" → "Cafe Creme").

    Product names and shoppers' mentions both go through it (:func:`content`,
    ``English.normalize_text`` and ``English.fold``), so "mügs" finds "Mug" and "cafe"
    finds "Café". Plain ASCII is returned as it is, at no cost.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def without_leading_commands(span: str | None) -> str | None:
    """A product span without the request words it opens with ("gimme trypod" → "trypod")."""
    if not span:
        return span
    words = span.split()
    while words and words[0].lower() in COMMAND:
        words.pop(0)
    return " ".join(words) or span


def content(text: str) -> str:
    """The words of a message that may name a product (command and filler words dropped)."""
    words = re.findall(r"[a-z0-9][a-z0-9.'-]*", drop_containers(fold_accents(text).lower()))
    kept = [w for w in words if w not in COMMAND and w not in FILLER]
    return " ".join(kept)


def stand_in_tail(mention: str) -> tuple[str, str] | None:
    """Split off a trailing stand-in noun: ``"the usb-c thing"`` → ``("the usb-c", "thing")``.

    ``None`` when the mention does not end in one, or nothing but filler would be left
    ("the thing", "that one"): such a mention names no product.
    """
    words = mention.split()
    if len(words) < 2 or words[-1].lower().strip(".,!?") not in STAND_INS:
        return None
    rest = " ".join(words[:-1])
    if not [w for w in re.findall(r"[a-z0-9]+", rest.lower()) if w not in FILLER]:
        return None
    return rest, words[-1].lower().strip(".,!?")
