"""Twilio SMS and WhatsApp: Rasa's own connector, signed webhooks and numbered choices.

Rasa 3.6.21's :class:`~rasa.core.channels.twilio.TwilioInput` does not check
``X-Twilio-Signature`` and sends buttons as one text per button. :class:`TwilioChannel`
rejects unsigned or forged requests with 403 before the dialogue (Twilio's own
:class:`~twilio.request_validator.RequestValidator`, against ``webhook_url`` — the public
URL Twilio posts to — or the request's URL); sends a message's buttons as one text with
numbered choices ("Reply with a number: 1. Yes, add it ..."), remembered in the store so
that any Rasa replica reads "1" back as that button's payload; reads ``link CODE``; and
takes ``api_base_url`` for the REST API (a local fake in tests). A media-only or location
message (no ``Body``) gets "please type your question" instead of a 5xx. A redelivered
``MessageSid`` is acknowledged (204) and dropped before the dialogue; the sid is the
message's ``message_id`` (review s21 S28).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.extras import ExtraCredentials
from bot.channels.inbound import (
    numbered_answers,
    rewrite_link_command,
    seen_before,
    translated,
    with_message_id,
)
from bot.domain.choices import numbered_text
from bot.services.choices import offer_choices
from bot.services.shop import default_shop

TEXT_ONLY = "I can only read text here. Please type your question."


class NumberedTwilioOutput(TwilioOutput):
    """Rasa's Twilio output, with buttons as numbered choices and a chosen API base URL."""

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        api_base_url: str | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        if api_base_url:
            self.api.base_url = api_base_url.rstrip("/")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Remember the choices for this user, then send the text with them numbered."""
        choices = [(str(b["title"]), str(b["payload"])) for b in buttons]
        await asyncio.to_thread(offer_choices, default_shop(), self.name(), recipient_id, choices)
        await self.send_text_message(recipient_id, numbered_text(text, [t for t, _ in choices]))


class TwilioChannel(ExtraCredentials, TwilioInput):
    """Rasa's Twilio connector with signature checks and numbered choices."""

    extra_credentials = ("webhook_url", "api_base_url")

    webhook_url: str | None = None
    api_base_url: str | None = None

    def is_signed(self, request: Request) -> bool:
        """Whether ``X-Twilio-Signature`` signs this request's URL and form fields."""
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return False
        url = self.webhook_url or request.url
        params = {name: request.form.getlist(name) for name in request.form}
        return RequestValidator(self.auth_token).validate(url, _MultiDict(params), signature)

    async def _guard(self, request: Request) -> HTTPResponse | None:
        """Answer 403 to a webhook request Twilio did not sign; answer a text-less one here.

        A media-only or location message has no ``Body``; Rasa's connector then fails (a
        5xx, which Twilio retries) or feeds ``/locationData`` to the dialogue. It gets a
        short "please type your question" instead.
        """
        webhook = request.method == "POST" and request.path.endswith("/webhook")
        if webhook and not self.is_signed(request):
            return response.json({"error": "invalid X-Twilio-Signature"}, status=403)
        if webhook and await seen_before(self.name(), message_sid(request)):
            return response.text("", status=204)  # a redelivery: processed once already
        sender = request.form.get("From") if webhook else None
        if webhook and sender and not (request.form.get("Body") or "").strip():
            await self.get_output_channel().send_text_message(sender, TEXT_ONLY)
            return response.text("", status=204)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Twilio blueprint behind the signature check, reading numbers and codes."""
        steps = translated(on_new_message, numbered_answers(), rewrite_link_command)
        blueprint = super().blueprint(steps)
        blueprint.middleware("request")(self._guard)
        return blueprint

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """The message's ``MessageSid`` as its ``message_id`` (the turn's idempotency key)."""
        return with_message_id(super().get_metadata(request), message_sid(request))

    def get_output_channel(self) -> OutputChannel:
        """The numbered-choices output on the configured API."""
        return NumberedTwilioOutput(
            self.account_sid, self.auth_token, self.twilio_number, self.api_base_url
        )


def message_sid(request: Request) -> str | None:
    """Twilio's id of the message a webhook request delivers (``MessageSid``)."""
    value = request.form.get("MessageSid") or request.form.get("SmsMessageSid")
    return value if isinstance(value, str) and value else None


class _MultiDict(dict[str, list[str]]):
    """Form fields with every value, as Twilio's validator reads them (``getlist``)."""

    def getlist(self, name: str) -> list[str]:
        """All values of one field."""
        return list(self[name])
