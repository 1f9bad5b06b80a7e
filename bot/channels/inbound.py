"""What messaging channels do to a user's message before the dialogue sees it.

* ``link ABCD2345`` (any channel) and Telegram's ``/start ABCD2345`` (the deep link from the
  cart page) become the ``link_account`` intent with the code, so linking never depends on
  how NLU reads a random code;
* on text-only channels (SMS/WhatsApp), a bare number answers the numbered choices sent last
  ("reply 1 to add") and becomes that choice's button payload;
* a message over the length limit becomes ``message_too_long`` before anything else
  (:mod:`bot.channels.length`);
* a message over its conversation's rate limit is answered "You're sending messages
  faster…" and never reaches the dialogue (:mod:`bot.channels.throttle`).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.length import answered_empty, cut_long_message
from bot.channels.throttle import SLOW_DOWN, turn_verdict
from bot.domain.linking import LINK_COMMAND, code_in_text
from bot.services.choices import answer_choice
from bot.services.shop import Shop, default_shop

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
Step = Callable[[UserMessage], Awaitable[None]]

_LINK = re.compile(rf"^\s*{LINK_COMMAND}\s+(\S{{4}}-?\S{{4}})\s*$", re.IGNORECASE)
_START = re.compile(r"^\s*/start(?:@\w+)?(?:\s+(\S+))?\s*$")


def link_intent(code: str) -> str:
    """The message that triggers ``link_account`` with a code (Rasa's ``/intent{...}`` form)."""
    return "/link_account" + json.dumps({"link_code": code})


def link_command(text: str | None) -> str | None:
    """``link CODE`` as the ``link_account`` intent, or ``None`` for any other text."""
    match = _LINK.match(text or "")
    code = code_in_text(match.group(1)) if match else None
    return link_intent(code) if code else None


def telegram_start(text: str | None) -> str | None:
    """Telegram's ``/start CODE`` as ``link_account``, a bare ``/start`` as a greeting."""
    match = _START.match(text or "")
    if not match:
        return None
    code = code_in_text(match.group(1)) if match.group(1) else None
    return link_intent(code) if code else "/greet"


async def rewrite_link_command(message: UserMessage) -> None:
    """Turn ``link CODE`` into the ``link_account`` intent."""
    message.text = link_command(message.text) or message.text


async def rewrite_telegram_start(message: UserMessage) -> None:
    """Turn Telegram's ``/start [CODE]`` into ``link_account`` or a greeting."""
    message.text = telegram_start(message.text) or message.text


def numbered_answers(shop: Callable[[], Shop] = default_shop) -> Step:
    """A step that turns "1", "2"... into the payload of the choice sent with that number."""

    async def step(message: UserMessage) -> None:
        channel, text = message.input_channel or "", message.text or ""
        payload = await asyncio.to_thread(answer_choice, shop(), channel, message.sender_id, text)
        if payload is not None:
            message.text = payload

    return step


def translated(on_new_message: OnNewMessage, *steps: Step) -> OnNewMessage:
    """Wrap Rasa's message handler so each step may rewrite the message first.

    A message over its conversation's rate limit is answered :data:`SLOW_DOWN` and goes no
    further (:mod:`bot.channels.throttle`); an over-long message is cut before any step
    (:mod:`bot.channels.length`).
    """

    async def handle(message: UserMessage) -> Any:
        if not (await turn_verdict(message.sender_id, None)).allowed:
            if message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, SLOW_DOWN)
            return None
        if await answered_empty(message):  # a sticker, a photo, a blank text
            return None
        await cut_long_message(message)
        for step in steps:
            await step(message)
        return await on_new_message(message)

    return handle
