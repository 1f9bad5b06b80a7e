"""Slack: Rasa's own connector, with code linking and a configurable Web API base URL.

Rasa 3.6.21's :class:`~rasa.core.channels.slack.SlackInput` already rejects requests whose
``X-Slack-Signature`` does not match the signing secret (400, before the dialogue), renders
buttons as Block Kit ``actions`` blocks, and turns a ``block_actions`` button press into
its payload. :class:`SlackChannel` adds ``link CODE`` linking and ``api_base_url`` for the
Web API (a local fake in tests).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.extras import ExtraCredentials
from bot.channels.inbound import rewrite_link_command, translated


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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Slack blueprint, with ``link CODE`` read as ``link_account``."""
        return super().blueprint(translated(on_new_message, rewrite_link_command))
