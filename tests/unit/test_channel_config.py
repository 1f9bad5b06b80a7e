from pathlib import Path

import pytest
import yaml

from bot.channels.config import (
    BASE_CREDENTIALS,
    ChannelConfigError,
    build_credentials,
    enabled_channels,
    telegram_bot_name,
    telegram_secret_token,
    write_credentials,
)

SOCKETIO = "bot.channels.socketio.PersistentSocketIOInput"
REST = "bot.channels.rest.GuardedRestInput"
TELEGRAM = {
    "TELEGRAM_TOKEN": "123456:ABC-token",
    "TELEGRAM_BOT_NAME": "@demo_shop_bot",
    "TELEGRAM_WEBHOOK_URL": "https://chat.example.com/webhooks/telegram/webhook",
}
SLACK = {"SLACK_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "sign"}
MESSENGER = {
    "MESSENGER_VERIFY_TOKEN": "verify",
    "MESSENGER_APP_SECRET": "app-secret",
    "MESSENGER_PAGE_ACCESS_TOKEN": "page-token",
}
TWILIO = {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "auth", "TWILIO_NUMBER": "+15550001"}


def test_no_variables_means_rest_and_socketio_only() -> None:
    credentials = build_credentials({})

    assert credentials == yaml.safe_load(BASE_CREDENTIALS.read_text())
    assert set(credentials) == {REST, SOCKETIO}
    assert enabled_channels({}) == []


def test_each_channel_on_when_its_variables_are_set() -> None:
    env = {**TELEGRAM, **SLACK, **MESSENGER, **TWILIO, "TWILIO_WEBHOOK_URL": "https://x/tw"}

    credentials = build_credentials(env)

    assert enabled_channels(env) == ["telegram", "slack", "facebook", "twilio"]
    assert credentials["bot.channels.telegram.TelegramChannel"] == {
        "access_token": "123456:ABC-token",
        "verify": "@demo_shop_bot",
        "webhook_url": "https://chat.example.com/webhooks/telegram/webhook",
    }
    assert credentials["bot.channels.slack.SlackChannel"] == {
        "slack_token": "xoxb-1",
        "slack_signing_secret": "sign",
    }
    assert credentials["bot.channels.messenger.MessengerChannel"] == {
        "verify": "verify",
        "secret": "app-secret",
        "page-access-token": "page-token",
    }
    assert credentials["bot.channels.twilio.TwilioChannel"] == {
        "account_sid": "AC1",
        "auth_token": "auth",
        "twilio_number": "+15550001",
        "webhook_url": "https://x/tw",
    }
    assert credentials[REST] is None
    assert credentials[SOCKETIO]["metadata_key"] == "customData"


def test_only_the_configured_channel_runs() -> None:
    credentials = build_credentials({**SLACK, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"})

    assert set(credentials) == {REST, SOCKETIO, "bot.channels.slack.SlackChannel"}


def test_optional_base_urls_reach_the_connector() -> None:
    env = {**TWILIO, "TWILIO_API_BASE_URL": "http://127.0.0.1:9999"}

    entry = build_credentials(env)["bot.channels.twilio.TwilioChannel"]

    assert entry["api_base_url"] == "http://127.0.0.1:9999"


def test_a_half_configured_channel_names_what_is_missing() -> None:
    with pytest.raises(ChannelConfigError, match="twilio is half configured: set TWILIO_NUMBER"):
        build_credentials({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "auth"})


def test_blank_values_count_as_unset() -> None:
    assert enabled_channels({"SLACK_TOKEN": " ", "SLACK_SIGNING_SECRET": ""}) == []


def test_telegram_bot_name_only_when_telegram_is_on() -> None:
    assert telegram_bot_name(TELEGRAM) == "demo_shop_bot"
    with pytest.raises(ChannelConfigError):
        telegram_bot_name({"TELEGRAM_BOT_NAME": "demo_shop_bot"})
    assert telegram_bot_name({}) is None


def test_telegram_secret_is_derived_from_the_shop_secret() -> None:
    token = telegram_secret_token("shop-secret")

    assert token == telegram_secret_token("shop-secret")
    assert token != telegram_secret_token("other")
    assert len(token) == 48 and token.isalnum()


def test_written_file_is_private_and_round_trips(tmp_path: Path) -> None:
    path = write_credentials(build_credentials(SLACK), tmp_path / "var" / "credentials.yml")

    assert yaml.safe_load(path.read_text()) == build_credentials(SLACK)
    assert path.stat().st_mode & 0o777 == 0o600
