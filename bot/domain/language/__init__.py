"""Language-specific text handling for product understanding, one module per language.

Everything that depends on the shopper's language lives in a module beside this one
(``en.py``): normalising product names and mentions (case, units, plurals), number words for
quantities, ordinals for "the first one", and the command words stripped from a message
before its own words are searched. The resolver (:mod:`bot.domain.matching`), the chat flows
and the index query builders only call the :class:`Language` protocol, so another language
(Japanese next) is a new module implementing it plus an entry in :data:`LANGUAGES`.
"""

from __future__ import annotations

from typing import Protocol

from bot.domain.language.en import English


class Language(Protocol):
    """What product understanding needs from a language."""

    code: str

    def normalize(self, text: str) -> str:
        """Comparable form of a name or mention: lower case, units split, fillers dropped."""
        ...

    def terms(self, text: str) -> list[str]:
        """Normalised words of a name or mention, each reduced to its singular form."""
        ...

    def fold(self, text: str) -> str:
        """A cheap comparable form for a first cut among many names (case, punctuation)."""
        ...

    def comparison(self, text: str) -> tuple[str, int] | None:
        """What an answer to "Did you mean A or B?" picks by ("the cheaper one").

        Returns ``("price" | "size", -1 for the lowest | 1 for the highest)``, or None when
        the message is not just such an answer.
        """
        ...

    def affirms(self, text: str) -> bool:
        """Whether a reply says yes ("yes please", "that one")."""
        ...

    def denies(self, text: str) -> bool:
        """Whether a reply says no ("no", "neither", "not that one")."""
        ...

    def other_one(self, text: str) -> bool:
        """Whether a reply asks for "the other one" of the options."""
        ...

    def rejection(self, text: str) -> str | None:
        """The words of the option a reply rules out ("not the 128 one"), if any."""
        ...

    def size(self, name: str) -> tuple[str, float] | None:
        """The size or capacity a product name states: ``(dimension, amount in a base unit)``.

        Amounts compare only within a dimension; None when the name states none (or two).
        """
        ...

    def quantity(self, word: str) -> int | None:
        """The whole number a quantity word or numeral stands for (``"two"`` → 2), if any."""
        ...

    def ordinal(self, text: str, count: int) -> int | None:
        """The 0-based option an answer such as "the second one" or "last" picks, if any."""
        ...

    def content(self, text: str) -> str:
        """A whole message without its command and filler words ("throw in a tripod" → "tripod")."""
        ...

    def stand_in_tail(self, mention: str) -> tuple[str, str] | None:
        """A mention ending in a stand-in noun, split: "the usb-c thing" → ("the usb-c", ...)."""
        ...


ENGLISH = English()
LANGUAGES: dict[str, Language] = {"en": ENGLISH}


def language_for(code: str | None) -> Language:
    """The language with that code (``"en"``, and English for an unknown or missing code)."""
    return LANGUAGES.get((code or "en").split("-")[0].lower(), ENGLISH)
