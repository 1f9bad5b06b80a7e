"""Over-long and empty messages never reach NLU.

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
EMPTY_REPLY = "I didn't get any words there. What would you like to do with your cart?"
"""The channel's own answer to a message with no text (REST ``"message": "  "``, a sticker):
it never reaches Rasa, where it read as a bare answer ("There's no open question…")."""


def is_too_long(text: str | None) -> bool:
    """Whether a message's text is over the limit (after trimming surrounding whitespace)."""
    return len((text or "").strip()) > MAX_MESSAGE_CHARS


async def cut_long_message(message: UserMessage) -> None:
    """Replace an over-long message's text by the ``message_too_long`` intent."""
    if is_too_long(message.text):
        message.text = TOO_LONG_INTENT


def is_empty(text: str | None) -> bool:
    """Whether a message has no words at all (only whitespace, or no text)."""
    return not (text or "").strip()


async def answered_empty(message: UserMessage) -> bool:
    """Answer a message without text with :data:`EMPTY_REPLY`; whether it was one."""
    if not is_empty(message.text):
        return False
    if message.output_channel is not None:
        await message.output_channel.send_text_message(message.sender_id, EMPTY_REPLY)
    return True
