"""Which Rasa channels run, from environment variables, and the credentials file for Rasa.

REST and the cart page's socket.io channel always run (as configured in ``credentials.yml``).
Each messaging channel runs when all of its required variables are set; setting only some of
them is an error that names the missing ones. Nothing here imports Rasa.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT

BASE_CREDENTIALS = PROJECT_ROOT / "credentials.yml"


class ChannelConfigError(ValueError):
    """A messaging channel is configured only in part."""


@dataclass(frozen=True)
class ChannelSpec:
    """One messaging channel: its Rasa class and how environment variables map to credentials.

    Attributes:
        name: Rasa's name for the channel (its webhook is ``/webhooks/<name>/webhook``).
        connector: The input channel class Rasa loads (``module.Class``).
        required: Credential key for each variable that must be set.
        optional: Credential key for each variable that may be set.
    """

    name: str
    connector: str
    required: Mapping[str, str]
    optional: Mapping[str, str]


CHANNELS = (
    ChannelSpec(
        "telegram",
        "bot.channels.telegram.TelegramChannel",
        {"TELEGRAM_TOKEN": "access_token", "TELEGRAM_BOT_NAME": "verify",
         "TELEGRAM_WEBHOOK_URL": "webhook_url"},
        {"TELEGRAM_SECRET_TOKEN": "secret_token", "TELEGRAM_API_BASE_URL": "api_base_url"},
    ),
    ChannelSpec(
        "slack",
        "bot.channels.slack.SlackChannel",
        {"SLACK_TOKEN": "slack_token", "SLACK_SIGNING_SECRET": "slack_signing_secret"},
        {"SLACK_CHANNEL": "slack_channel", "SLACK_API_BASE_URL": "api_base_url"},
    ),
    ChannelSpec(
        "facebook",
        "bot.channels.messenger.MessengerChannel",
        {"MESSENGER_VERIFY_TOKEN": "verify", "MESSENGER_APP_SECRET": "secret",
         "MESSENGER_PAGE_ACCESS_TOKEN": "page-access-token"},
        {"MESSENGER_GRAPH_URL": "graph_url"},
    ),
    ChannelSpec(
        "twilio",
        "bot.channels.twilio.TwilioChannel",
        {"TWILIO_ACCOUNT_SID": "account_sid", "TWILIO_AUTH_TOKEN": "auth_token",
         "TWILIO_NUMBER": "twilio_number"},
        {"TWILIO_WEBHOOK_URL": "webhook_url", "TWILIO_API_BASE_URL": "api_base_url"},
    ),
)  # fmt: skip


def _value(env: Mapping[str, str], name: str) -> str:
    return (env.get(name) or "").strip()


def channel_credentials(spec: ChannelSpec, env: Mapping[str, str]) -> dict[str, str] | None:
    """One channel's credentials, or ``None`` when none of its required variables is set.

    Raises:
        ChannelConfigError: Some, but not all, required variables are set.
    """
    present = {name for name in spec.required if _value(env, name)}
    if not present:
        return None
    missing = sorted(set(spec.required) - present)
    if missing:
        raise ChannelConfigError(f"{spec.name} is half configured: set {', '.join(missing)}")
    credentials = {key: _value(env, name) for name, key in spec.required.items()}
    credentials |= {
        key: _value(env, name) for name, key in spec.optional.items() if _value(env, name)
    }
    return credentials


def telegram_secret_token(shop_secret: str) -> str:
    """The webhook secret Telegram is asked to send, when ``TELEGRAM_SECRET_TOKEN`` is unset.

    Derived from the shop secret, so every replica agrees on it without more configuration.
    """
    digest = hmac.new(shop_secret.encode(), b"telegram-webhook", hashlib.sha256).hexdigest()
    return digest[:48]


def enabled_channels(env: Mapping[str, str]) -> list[str]:
    """The names of the messaging channels whose variables are all set."""
    return [spec.name for spec in CHANNELS if channel_credentials(spec, env) is not None]


def build_credentials(env: Mapping[str, str], base: Path = BASE_CREDENTIALS) -> dict[str, Any]:
    """Rasa's credentials: ``credentials.yml`` (REST + socket.io) plus every configured channel.

    Raises:
        ChannelConfigError: A channel is configured only in part.
    """
    credentials: dict[str, Any] = yaml.safe_load(base.read_text("utf-8")) or {}
    for spec in CHANNELS:
        entry = channel_credentials(spec, env)
        if entry is not None:
            credentials[spec.connector] = entry
    return credentials


def telegram_bot_name(env: Mapping[str, str]) -> str | None:
    """The Telegram bot's username when the Telegram channel is on (for deep links)."""
    spec = next(spec for spec in CHANNELS if spec.name == "telegram")
    entry = channel_credentials(spec, env)
    return entry["verify"].lstrip("@") if entry else None


def write_credentials(credentials: Mapping[str, Any], path: Path) -> Path:
    """Write a credentials file for ``rasa run --credentials`` (readable by its owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(yaml.safe_dump(dict(credentials), sort_keys=False))
    return path
