"""Guards before a cart change: what the flows ask about instead of guessing.

A message that mixes adding and removing changes nothing and asks for one change at a
time; a vague or ranged quantity ("a few", "some", "2-3", "one or two") is asked about.
"""

from __future__ import annotations

from bot.chat.replies import Reply
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import mixes_add_and_remove, vague_quantity


def unclear_request(message: str | None, answering: bool = False) -> list[Reply] | None:
    """The question to ask instead of changing the cart, or None when the request is clear.

    Args:
        message: The shopper's message.
        answering: The message answers "Did you mean …?" (taken as it is).
    """
    if answering or not message:
        return None
    if mixes_add_and_remove(message):
        return [Reply("utter_one_change_at_a_time")]
    vague = vague_quantity(message)
    if vague is None:
        return None
    rest = " ".join(message.lower().replace(vague, " ").split())
    name = ENGLISH.content(rest) or "of them"
    return [Reply("utter_ask_quantity", {"name": name})]
