"""One user message as the action server saw it, and the callables a turn is run with."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_clauses import without_courtesy


@dataclass(frozen=True)
class Turn:
    """One user message as the action server saw it.

    Attributes:
        action: The action Rasa predicted.
        intent: The NLU intent (``None`` when missing).
        confidence: The intent's confidence (1.0 for a ``/intent`` button payload).
        text: The message text.
        entities: The first value of each entity in the message.
        confirmed: The shopper already confirmed this request ("yes" to "Just to be sure").
        button_shown: For a ``/intent{...}`` payload, whether it is one of the buttons of
            the bot's last reply (a button pressed now); ``False`` for an older question's
            button pressed later, or a typed payload. Always ``True`` for typed words.
    """

    action: str
    intent: str | None
    confidence: float = 1.0
    text: str = ""
    entities: Mapping[str, str] = field(default_factory=dict)
    confirmed: bool = False
    button_shown: bool = True

    @property
    def stale_button(self) -> bool:
        """A ``/intent{...}`` payload that is not one of the last reply's buttons."""
        return self.text.startswith("/") and not self.button_shown and not self.confirmed


def typed_text(text: str) -> str:
    """The message as every reader reads it: courtesy at its ends is not part of it.

    "2 mugs thx", "3 tripods ty 🙏" read as "2 mugs", "3 tripods" (s27, F16), so no reader
    takes "thx" for a product word or a "pls" for another request. A ``/intent{...}``
    payload is kept as sent; a message that is only courtesy ("thanks!") or a bare answer
    with courtesy ("ok thanks": no yes) stays as it is.
    """
    if text.startswith("/"):
        return text
    return without_courtesy(text)


PICKED, DROPPED = "picked", "dropped"
"""How a message answers the pending did-you-mean: it picks (or asks it again), or it turns
it down ("no", "neither") and the question is forgotten; "" when it does not answer it."""

Flow = Callable[[ChatContext], list[Reply]]
"""The predicted action's own flow, run with the conversation."""
Rerun = Callable[[str, str, Mapping[str, str], str], list[Reply]]
"""Runs ``(action, intent, entities, text)`` for a confirmed request."""
