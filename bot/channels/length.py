"""Over-long messages never reach NLU.

A message longer than :data:`MAX_MESSAGE_CHARS` is replaced, before Rasa parses or stores
it, by the ``message_too_long`` intent (Rasa's ``/intent`` form skips NLU); its one rule
answers "That's a long message — could you send it in a sentence or two?" and no custom
action runs. Every channel applies it: REST and socket.io through
:func:`bot.channels.guard.guarded`, the messaging channels through
:func:`bot.channels.inbound.translated`.
"""

from __future__ import annotations

from rasa.core.channels.channel import UserMessage

MAX_MESSAGE_CHARS = 1000
TOO_LONG_INTENT = "/message_too_long"


def is_too_long(text: str | None) -> bool:
    """Whether a message's text is over the limit (after trimming surrounding whitespace)."""
    return len((text or "").strip()) > MAX_MESSAGE_CHARS


async def cut_long_message(message: UserMessage) -> None:
    """Replace an over-long message's text by the ``message_too_long`` intent."""
    if is_too_long(message.text):
        message.text = TOO_LONG_INTENT
