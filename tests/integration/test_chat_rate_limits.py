"""Messaging channels (Telegram, Slack, Messenger, Twilio) limit turns per conversation: over
the limit the user gets a polite answer and the dialogue never sees the message."""

from __future__ import annotations

import asyncio

import pytest
from limits.storage import MemoryStorage
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import throttle
from bot.channels.inbound import rewrite_link_command, translated
from bot.rate_limits import RateLimiter, RateLimitSettings


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> RateLimiter:
    settings = RateLimitSettings().with_limits(chat_sender="2/minute", chat_client="1/minute")
    limiter = RateLimiter(settings, MemoryStorage())
    monkeypatch.setattr(throttle, "limiter_provider", lambda: limiter)
    return limiter


def test_a_flooding_messaging_user_is_answered_by_the_channel(small_limits: RateLimiter) -> None:
    reached: list[str] = []

    async def dialogue(message: UserMessage) -> None:
        reached.append(message.text or "")

    handle = translated(dialogue, rewrite_link_command)

    def say(sender: str, text: str) -> list[str]:
        output = CollectingOutputChannel()
        message = UserMessage(text, output, sender, input_channel="telegram")
        asyncio.run(handle(message))
        return [m["text"] for m in output.messages]

    assert say("12345", "hi") == [] and say("12345", "show my cart") == []
    assert say("12345", "link ABCD2345") == [throttle.SLOW_DOWN]
    # another user is not held back, and the platform address is no client limit here
    assert say("67890", "hi") == [] and say("67890", "hello") == []
    assert reached == ["hi", "show my cart", "hi", "hello"]
