"""Identity linking rules: one-time link codes that tie a messaging user to a cart.

A shopper on the cart page asks for a code; typing it into Telegram, Slack, Messenger or
SMS/WhatsApp (or opening the Telegram deep link) links that chat user to the cart and its
customer. Codes are short, typed by hand, so they use an alphabet without look-alike
characters; they live :data:`CODE_TTL` and work once. Only a keyed hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypedDict
from urllib.parse import quote

from bot.domain.errors import InvalidLinkCode

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Upper-case letters and digits without 0/O, 1/I/L: nothing to misread."""
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=15)
MAX_FAILED_ATTEMPTS = 5
"""Failed link-code attempts allowed per sender, and per code, within :data:`ATTEMPT_WINDOW`."""
ATTEMPT_WINDOW = timedelta(minutes=10)
LINK_COMMAND = "link"
LINKABLE_CHANNELS = frozenset({"telegram", "slack", "facebook", "twilio"})
"""Rasa channel names whose sender ids the platform vouches for (signed webhooks)."""

_CODE_IN_TEXT = re.compile(r"\b([A-Za-z0-9]{4})[- ]?([A-Za-z0-9]{4})\b")


class LinkInstructions(TypedDict):
    """What the cart page shows: the code, what to type, and the Telegram deep link."""

    code: str
    expires_at: str
    command: str
    telegram_url: str | None


def new_code(randbelow: Callable[[int], int]) -> str:
    """Draw a fresh code.

    Args:
        randbelow: ``secrets.randbelow`` (or a deterministic stand-in in tests).

    Returns:
        :data:`CODE_LENGTH` characters from :data:`CODE_ALPHABET`.
    """
    return "".join(CODE_ALPHABET[randbelow(len(CODE_ALPHABET))] for _ in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str:
    """The canonical code in what a shopper typed (case, spaces and one dash forgiven).

    Raises:
        InvalidLinkCode: The text holds no well-formed code.
    """
    cleaned = (text or "").strip().upper().replace(" ", "").replace("-", "")
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        raise InvalidLinkCode("that is not a link code")
    return cleaned


def code_in_text(text: str | None) -> str | None:
    """Find a well-formed code in a message such as ``"link abcd-2345"``, if there is one."""
    for match in _CODE_IN_TEXT.finditer(text or ""):
        candidate = "".join(match.groups()).upper()
        if all(c in CODE_ALPHABET for c in candidate):
            return candidate
    return None


def code_hash(secret: str, code: str) -> str:
    """The keyed hash stored for a code (a leaked table reveals no usable code)."""
    return hmac.new(secret.encode(), f"link:{code}".encode(), hashlib.sha256).hexdigest()


def expiry(now: datetime) -> datetime:
    """When a code issued at ``now`` stops working."""
    return now + CODE_TTL


def check_redeemable(expires_at: datetime, used_at: datetime | None, now: datetime) -> None:
    """Check that a stored code may still be used.

    Raises:
        InvalidLinkCode: The code was used already or has expired.
    """
    if used_at is not None:
        raise InvalidLinkCode("that link code was used already")
    if expires_at <= now:
        raise InvalidLinkCode("that link code has expired")


def check_linkable(channel: str | None) -> str:
    """The channel name, if its users may link a cart.

    Raises:
        InvalidLinkCode: Linking is only for messaging channels whose webhooks are verified.
    """
    if channel not in LINKABLE_CHANNELS:
        raise InvalidLinkCode("link codes are for messaging apps; this chat has your cart")
    return channel


def instructions(code: str, expires_at: datetime, telegram_bot: str | None) -> LinkInstructions:
    """What to show next to a fresh code.

    Args:
        code: The code.
        expires_at: When it stops working.
        telegram_bot: The Telegram bot's username (``TELEGRAM_BOT_NAME``), if Telegram is on.
    """
    bot = (telegram_bot or "").lstrip("@")
    return {
        "code": code,
        "expires_at": expires_at.isoformat(),
        "command": f"{LINK_COMMAND} {code}",
        "telegram_url": f"https://t.me/{quote(bot)}?start={code}" if bot else None,
    }
