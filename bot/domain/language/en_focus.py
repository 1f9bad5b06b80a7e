"""Whether an add that names no product refers back to the one in focus (s25, F22).

"add it", "one more", "another", "that again" mean the product last talked about; "add",
"add 🍕" or "add something" name nothing: the bot asks what to add and changes nothing,
never re-adding a product the shopper may just have removed.
"""

from __future__ import annotations

import re

from bot.domain.language.en_words import REFERENCE_NOUNS

_WORDS = {"it", "that", "this", "these", "those", "them", "another", "more", "again", "same"}
_REFERS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted(_WORDS | REFERENCE_NOUNS, key=len, reverse=True))
    + r")(?![\w-])"
)
"""Words that point back at a product ("it", "one more", "another", "the last one")."""


def refers_back(text: str | None) -> bool:
    """Whether ``text`` points back at a product it does not name ("add it", "one more").

    >>> refers_back("add another"), refers_back("add 🍕"), refers_back("add")
    (True, False, False)
    """
    return bool(text) and _REFERS.search(text.lower().replace("’", "'")) is not None
