"""Rate limits on chat turns, checked by the channels before a message reaches Rasa.

Each web turn (REST, socket.io) counts against its conversation (``chat_sender``) and its
client address (``chat_client``); a messaging turn (Telegram, Slack, Messenger, Twilio)
against its conversation only (the platform is the client). A turn over a limit is answered
with :data:`SLOW_DOWN` by the channel and never reaches Rasa: it is not stored and runs no
action. Limits and storage: :mod:`bot.rate_limits`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.rate_limits import (
    ALLOWED,
    RateLimiter,
    Verdict,
    default_limiter,
)

log = logging.getLogger(__name__)

SLOW_DOWN = (
    "You're sending messages faster than I can keep up with. Please wait a minute, then "
    "send your message again."
)
"""The channel's answer to a turn over a limit."""

limiter_provider: Callable[[], RateLimiter] = default_limiter
"""Where the channels get the limiter from; tests may point it elsewhere."""


EXEMPT = ""
"""The client "key" of an exempt client (``SHOP_RATE_LIMIT_EXEMPT``): nothing is limited."""


def sanic_client(request: Any) -> str:
    """The counting key of the client of a Sanic request (Rasa's HTTP server), or EXEMPT."""
    settings = limiter_provider().settings
    client = settings.client(request.ip, request.headers.getall("x-forwarded-for", []))
    return EXEMPT if client is None else client


async def turn_verdict(sender: str, client: str | None) -> Verdict:
    """Count one chat turn for the conversation and, if given, the client address.

    Args:
        sender: The conversation id.
        client: The client's counting key (:func:`sanic_client`; :data:`EXEMPT`: no limit);
            ``None`` for messaging channels, whose client is the platform.

    Returns:
        Allowed (and counted), or refused with the seconds to wait (nothing counted).
    """
    limiter = limiter_provider()
    if client == EXEMPT:
        return ALLOWED

    def decide() -> Verdict:
        checks = [("chat_sender", sender)] + ([("chat_client", client)] if client else [])
        verdicts = [limiter.check(name, key) for name, key in checks]
        refused = [verdict.retry_after for verdict in verdicts if not verdict.allowed]
        if refused:
            return Verdict(False, max(refused))
        for name, key in checks:
            limiter.count(name, key)
        return ALLOWED

    verdict = await limiter.run(decide)
    if not verdict.allowed:
        log.info("a chat turn over the rate limit was answered, not passed on")
    return verdict
