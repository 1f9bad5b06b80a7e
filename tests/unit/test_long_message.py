"""Over-long messages become ``message_too_long`` before NLU, on every channel's wrapper."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.guard import guarded
from bot.channels.inbound import rewrite_link_command, translated
from bot.channels.length import (
    EMPTY_REPLY,
    MAX_MESSAGE_CHARS,
    TOO_LONG_INTENT,
    cut_long_message,
    is_too_long,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x" * MAX_MESSAGE_CHARS, False),
        ("x" * (MAX_MESSAGE_CHARS + 1), True),
        ("  " + "x" * MAX_MESSAGE_CHARS + "\n\n", False),  # surrounding whitespace not counted
        ("", False),
        (None, False),
        ("a" * 20_000, True),
    ],
)
def test_is_too_long(text: str | None, expected: bool) -> None:
    assert is_too_long(text) is expected


def test_cut_long_message_replaces_only_long_texts() -> None:
    out = CollectingOutputChannel()
    short = UserMessage("what's in my cart?", out, "s1")
    long = UserMessage("add a mug " * 200, out, "s2")
    asyncio.run(cut_long_message(short))
    asyncio.run(cut_long_message(long))
    assert short.text == "what's in my cart?"
    assert long.text == TOO_LONG_INTENT


def _seen_by_dialogue(wrap, text: str, channel: str) -> str | None:  # noqa: ANN001
    seen: list[str | None] = []

    async def dialogue(message: UserMessage) -> None:
        seen.append(message.text)

    handler = wrap(dialogue)
    asyncio.run(handler(UserMessage(text, CollectingOutputChannel(), "42", input_channel=channel)))
    return seen[0]


@pytest.mark.parametrize("channel", ["rest", "socketio"])
def test_the_web_channels_cut_long_messages(channel: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_SECRET", "test-secret")
    long = "link ABCD2345 " * 100
    assert _seen_by_dialogue(guarded, long, channel) == TOO_LONG_INTENT
    assert _seen_by_dialogue(guarded, "hello", channel) == "hello"


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio"])
def test_the_messaging_channels_cut_long_messages_before_any_rewrite(channel: str) -> None:
    def wrap(dialogue):  # noqa: ANN001, ANN202
        return translated(dialogue, rewrite_link_command)

    long = "link ABCD2345 " * 100  # over the limit: not read as a link command either
    assert _seen_by_dialogue(wrap, long, channel) == TOO_LONG_INTENT
    assert _seen_by_dialogue(wrap, "link ABCD2345", channel).startswith("/link_account")


def _answered(wrap, text: str | None, channel: str) -> tuple[list[str | None], list[str]]:  # noqa: ANN001
    seen: list[str | None] = []

    async def dialogue(message: UserMessage) -> None:
        seen.append(message.text)

    out = CollectingOutputChannel()
    handler = wrap(dialogue)
    asyncio.run(handler(UserMessage(text, out, "42", input_channel=channel)))
    return seen, [m.get("text") for m in out.messages]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
@pytest.mark.parametrize("channel", ["rest", "socketio", "telegram", "twilio"])
def test_an_empty_message_is_answered_by_the_channel_and_never_a_turn(
    text: str, channel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review s21 S18: "message": "  " got "There's no open question for that to answer"."""
    monkeypatch.setenv("SHOP_SECRET", "test-secret")
    wrap = guarded if channel in ("rest", "socketio") else (lambda d: translated(d))

    seen, replies = _answered(wrap, text, channel)

    assert seen == []
    assert replies == [EMPTY_REPLY]
