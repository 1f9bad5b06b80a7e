"""Facebook Messenger: Rasa's own connector, with quick replies and a 403 for bad signatures.

Rasa 3.6.21's :class:`~rasa.core.channels.facebook.FacebookInput` checks the app-secret
signature but answers a forged request with 200 "not validated"; it sends buttons as a
button template (at most 3). :class:`MessengerChannel` keeps its parsing and signature
check and changes three things: a bad or missing ``X-Hub-Signature-256`` /
``X-Hub-Signature`` gets 403 before anything else; buttons go out as quick replies (the
pressed one comes back as its payload); the Graph API URL is configurable (a local fake in
tests). ``link CODE`` links the user to a cart.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.extras import ExtraCredentials
from bot.channels.inbound import rewrite_link_command, seen_before, translated, with_message_id

log = logging.getLogger(__name__)
QUICK_REPLY_TITLE_MAX = 20
"""Messenger cuts quick-reply titles at 20 characters."""


class QuickReplyMessengerBot(MessengerBot):
    """Rasa's Messenger output, with buttons sent as quick replies."""

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send the text with one quick reply per button."""
        replies = [
            {"content_type": "text", "title": b["title"][:QUICK_REPLY_TITLE_MAX],
             "payload": b["payload"]}
            for b in buttons
        ]  # fmt: skip
        await self.send_quick_replies(recipient_id, text, replies)


class GraphMessenger(Messenger):
    """Rasa's Messenger webhook handler, with quick replies and a chosen Graph API URL."""

    def __init__(
        self,
        page_access_token: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        graph_url: str | None = None,
    ) -> None:
        super().__init__(page_access_token, on_new_message)
        if graph_url:
            self.client.graph_url = graph_url.rstrip("/")

    async def handle(self, payload: dict, metadata: dict[str, Any] | None) -> None:
        """Process every messaging event of every entry, in order; skip what no user typed.

        Rasa's handler returns after the first event of a batched POST (the rest are lost)
        and treats an attachment echo (the page's own message, ``is_echo``) as user input.
        Delivery and read receipts, echoes, and events without a message or postback are
        ignored here, and so is a message whose ``mid`` was delivered before (a redelivery);
        the ``mid`` is the message's ``message_id``.
        """
        for entry in payload.get("entry") or []:
            for event in entry.get("messaging") or []:
                if not isinstance(event, dict) or is_ignorable(event):
                    continue
                mid = message_mid(event)
                if await seen_before("facebook", mid):
                    continue  # a redelivered message: processed once already (S28)
                self.last_message = event
                own = with_message_id(metadata, mid)
                if event.get("message"):
                    await self.message(event, own)
                elif event.get("postback"):
                    await self.postback(event, own)

    async def _handle_user_message(
        self, text: str, sender_id: str, metadata: dict[str, Any] | None
    ) -> None:
        """Pass the text on to the dialogue (as Rasa does), answering with quick replies."""
        out_channel = QuickReplyMessengerBot(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        user_msg = UserMessage(
            text, out_channel, sender_id, input_channel=self.name(), metadata=metadata
        )
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(user_msg)
        except Exception:  # as Rasa's connector: log, and still stop the typing indicator
            log.exception("Exception when trying to handle webhook for facebook message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


def message_mid(event: dict[str, Any]) -> str | None:
    """Messenger's id of a messaging event's message or postback (``mid``)."""
    for part in (event.get("message"), event.get("postback")):
        value = part.get("mid") if isinstance(part, dict) else None
        if isinstance(value, str) and value:
            return value
    return None


def is_ignorable(event: dict[str, Any]) -> bool:
    """A Messenger event no user typed: an echo of the page's own message, a receipt."""
    message = event.get("message")
    if isinstance(message, dict) and message.get("is_echo"):
        return True
    return "delivery" in event or "read" in event or not (message or event.get("postback"))


class MessengerChannel(ExtraCredentials, FacebookInput):
    """Rasa's Facebook Messenger connector, stricter and with quick replies."""

    extra_credentials = ("graph_url",)

    graph_url: str | None = None

    def is_signed(self, request: Request) -> bool:
        """Whether the body carries a valid app-secret signature (SHA-256 preferred)."""
        signature = request.headers.get("X-Hub-Signature-256") or request.headers.get(
            "X-Hub-Signature", ""
        )
        return bool(self.fb_secret) and self.validate_hub_signature(
            self.fb_secret, request.body, signature
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's health and verify-token routes, and a webhook that rejects unsigned requests."""
        handler = translated(on_new_message, rewrite_link_command)
        blueprint = Blueprint("messenger_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if self.fb_verify and request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge", ""))
            return response.text("failure, invalid token", status=403)

        @blueprint.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_signed(request):
                return response.json({"error": "invalid X-Hub-Signature"}, status=403)
            body = request.json
            if not isinstance(body, dict):
                return response.json({"error": "the body must be a JSON object"}, status=400)
            messenger = GraphMessenger(self.fb_access_token, handler, self.graph_url)
            await messenger.handle(body, self.get_metadata(request))
            return response.text("success")

        return blueprint
