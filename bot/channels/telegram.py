"""Telegram: Rasa's own connector, with a verified webhook and a configurable API server.

Rasa 3.6.21's :class:`~rasa.core.channels.telegram.TelegramInput` already renders buttons
as an inline keyboard and turns a button press (``callback_query``) into its payload.
:class:`TelegramChannel` adds:

* the webhook secret: the webhook is registered with a ``secret_token`` and every update
  must carry it in ``X-Telegram-Bot-Api-Secret-Token`` (else 403, before the dialogue);
* ``/start CODE`` from the cart page's deep link, and ``link CODE``, as ``link_account``;
* ``api_base_url`` for the Bot API server (a local fake in tests; Telegram's by default);
* updates other than a message, an edit or a button press with its message (e.g.
  ``my_chat_member``, ``channel_post``) get 200 and are ignored (Rasa's connector fails);
* a redelivered ``update_id`` gets 200 and is dropped before the dialogue; the id is the
  message's ``message_id`` (review s21 S28).
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.config import telegram_secret_token
from bot.channels.inbound import (
    rewrite_link_command,
    rewrite_telegram_start,
    seen_before,
    translated,
    with_message_id,
)
from bot.config import Settings

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class ServerTelegramOutput(TelegramOutput):
    """Rasa's Telegram output (inline keyboards for buttons) talking to a chosen API server."""

    def __init__(self, access_token: str | None, server: TelegramAPIServer) -> None:
        Bot.__init__(self, access_token, server=server)


class TelegramChannel(TelegramInput):
    """Rasa's Telegram connector with webhook verification and code linking."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials`` entry (see ``bot.channels.config``)."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        secret = credentials.get("secret_token") or telegram_secret_token(
            Settings.from_env().secret
        )
        return cls(
            credentials.get("access_token"),
            str(credentials.get("verify") or "").lstrip("@"),
            credentials.get("webhook_url"),
            secret_token=secret,
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = True,
        secret_token: str = "",
        api_base_url: str | None = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        if not secret_token:
            raise RasaException("the Telegram channel needs a webhook secret token")
        self.secret_token = secret_token
        self.server = (
            TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        )

    def get_output_channel(self) -> TelegramOutput:
        """A Telegram output channel on the configured API server."""
        return ServerTelegramOutput(self.access_token, self.server)

    async def register_webhook(self) -> bool:
        """Point Telegram at the webhook, asking it to send the secret with every update."""
        channel = self.get_output_channel()
        try:
            payload = {"url": self.webhook_url, "secret_token": self.secret_token}
            return bool(await channel.request("setWebhook", payload))
        finally:
            await channel.close()

    async def _guard(self, request: Request) -> HTTPResponse | None:
        """Reject updates without the webhook secret; re-register on ``/set_webhook``."""
        if request.path.endswith("/set_webhook"):
            done = await self.register_webhook()
            return response.text("Webhook setup successful" if done else "Invalid webhook")
        if request.method == "POST" and request.path.endswith("/webhook"):
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                return response.json({"error": "invalid webhook secret"}, status=403)
            update = _json_body(request)
            if not is_chat_update(update):
                return response.text("ignored")  # 200: Telegram must not resend it
            if await seen_before(self.name(), update_id(update)):
                return response.text("success")  # a redelivery: processed once already
        return None

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """The update's ``update_id`` as the message's ``message_id`` (its idempotency key)."""
        return with_message_id(super().get_metadata(request), update_id(_json_body(request)))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Telegram blueprint behind the secret check, with ``/start CODE`` linking.

        Registers the webhook first, as Rasa's connector does (before the server's loop runs).
        """
        try:
            asyncio.run(self.register_webhook())
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set channel webhook: {error}") from error
        steps = translated(on_new_message, rewrite_telegram_start, rewrite_link_command)
        blueprint = super().blueprint(steps)
        blueprint.middleware("request")(self._guard)
        return blueprint


def is_chat_update(update: Any) -> bool:
    """Whether an update is one the connector answers: a message, an edit, a button press.

    Rasa's connector reads ``update.message`` for anything else and fails on ``None``
    (a 500, which Telegram resends): ``my_chat_member``, ``channel_post``, ``poll``, or a
    ``callback_query`` whose message is too old to be sent along.
    """
    if not isinstance(update, dict):
        return False
    if isinstance(update.get("message"), dict) or isinstance(update.get("edited_message"), dict):
        return True
    callback = update.get("callback_query")
    return isinstance(callback, dict) and isinstance(callback.get("message"), dict)


def update_id(update: Any) -> str | None:
    """Telegram's id of an update (unique per bot, the same on a redelivery)."""
    value = update.get("update_id") if isinstance(update, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        return None
    return str(value)


def _json_body(request: Request) -> Any:
    try:
        return request.json
    except Exception:  # noqa: BLE001 (Sanic's own error types for a malformed body)
        return None
