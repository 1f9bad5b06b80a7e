"""Slack: Rasa's own connector, with code linking and a configurable Web API base URL.

Rasa 3.6.21's :class:`~rasa.core.channels.slack.SlackInput` already rejects requests whose
``X-Slack-Signature`` does not match the signing secret (400, before the dialogue), renders
buttons as Block Kit ``actions`` blocks, and turns a ``block_actions`` button press into
its payload. :class:`SlackChannel` adds ``link CODE`` linking, ``api_base_url`` for the
Web API (a local fake in tests), and processes each delivery once: Rasa's connector
processes a retry again unless its reason is ``http_timeout``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.extras import ExtraCredentials
from bot.channels.inbound import rewrite_link_command, seen_before, translated, with_message_id

log = logging.getLogger(__name__)


class SlackChannel(ExtraCredentials, SlackInput):
    """Rasa's Slack connector with code linking and a configurable API base URL."""

    extra_credentials = ("api_base_url",)

    api_base_url: str | None = None

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        """Rasa's Slack output (blocks with buttons), posting to the configured API."""
        output = SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
        if self.api_base_url:
            base_url = self.api_base_url.rstrip("/") + "/"
            output.client = AsyncWebClient(self.slack_token, base_url=base_url, proxy=self.proxy)
        return output

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str | None,
        metadata: dict | None,
    ) -> Any:
        """Process each Slack delivery once, whatever its retry headers say.

        Rasa's connector drops only retries whose ``X-Slack-Retry-Reason`` is
        ``http_timeout`` and processes every other retry (and a repeated ``event_id``)
        again: a doubled message. Here the delivery's id (``event_id``, or the
        ``trigger_id`` of a button press) is claimed in the shop store; a delivery seen
        before is acknowledged with 200 and ``X-Slack-No-Retry`` and not processed.
        """
        if await seen_before("slack", delivery_id(request)):
            log.info("a repeated Slack delivery was acknowledged and skipped")
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        return await super().process_message(request, on_new_message, text, sender_id, metadata)

    def get_metadata(self, request: Request) -> dict[str, Any]:
        """Rasa's Slack metadata, with the delivery's id as the ``message_id`` (S28)."""
        return with_message_id(super().get_metadata(request), delivery_id(request))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Slack blueprint, with ``link CODE`` read as ``link_account``."""
        self.errors_ignore_retry = ()  # retries are deduplicated by delivery id instead
        return super().blueprint(translated(on_new_message, rewrite_link_command))


def delivery_id(request: Request) -> str | None:
    """Slack's id of this delivery: ``event_id`` (Events API) or ``trigger_id`` (buttons)."""
    try:
        if request.headers.get("content-type") == "application/json":
            value = (request.json or {}).get("event_id")
        else:
            value = json.loads(request.form["payload"][0]).get("trigger_id")
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None
