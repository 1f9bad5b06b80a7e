"""What messaging channels do to a user's message before the dialogue sees it.

* ``link ABCD2345`` (any channel) and Telegram's ``/start ABCD2345`` (the deep link from the
  cart page) become the ``link_account`` intent with the code, so linking never depends on
  how NLU reads a random code;
* on text-only channels (SMS/WhatsApp), a bare number answers the numbered choices sent last
  ("reply 1 to add") and becomes that choice's button payload;
* a message over the length limit becomes ``message_too_long`` before anything else
  (:mod:`bot.channels.length`);
* a message over its conversation's rate limit is answered "You're sending messages
  faster…" and never reaches the dialogue (:mod:`bot.channels.throttle`);
* a platform's redelivery of a message it sent before (the same Twilio ``MessageSid``,
  Telegram ``update_id``, Slack ``event_id``, Messenger ``mid``) is acknowledged and
  dropped before the dialogue (:func:`seen_before`), and the id goes with the message as
  its ``message_id`` (metadata), so that the action server keys the turn by it too
  (:mod:`bot.chat.replays`).
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
from bot.services.deliveries import first_delivery
from bot.services.shop import Shop, default_shop

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
Step = Callable[[UserMessage], Awaitable[None]]

_LINK = re.compile(rf"^\s*{LINK_COMMAND}\s+(\S{{4}}-?\S{{4}})\s*$", re.IGNORECASE)
_START = re.compile(r"^\s*/start(?:@\w+)?(?:\s+(\S+))?\s*$")


delivery_shop: Callable[[], Shop] = default_shop
"""Where the channels record the platform's delivery ids (tests point it at their store)."""


async def seen_before(channel: str, delivery_id: str | None) -> bool:
    """Record a platform's id of a message; ``True`` when it was delivered before.

    Platforms redeliver a webhook when the first delivery was not answered in time (and a
    captured, validly signed request can be replayed: Twilio's signatures carry no
    timestamp), so each platform id is processed once. A message without an id is new.
    """
    if not delivery_id:
        return False
    first = await asyncio.to_thread(first_delivery, delivery_shop(), channel, delivery_id)
    return not first


def with_message_id(metadata: dict[str, Any] | None, delivery_id: str | None) -> dict[str, Any]:
    """The message's metadata with the platform's id as its ``message_id`` (when it has one)."""
    metadata = dict(metadata or {})
    if delivery_id:
        metadata["message_id"] = delivery_id
    return metadata


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
