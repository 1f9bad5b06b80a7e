import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.inbound import (
    link_command,
    link_intent,
    rewrite_link_command,
    rewrite_telegram_start,
    telegram_start,
    translated,
)


def test_link_intent_is_rasas_intent_with_entities_form() -> None:
    text = link_intent("ABCD2345")

    assert text.startswith("/link_account")
    assert json.loads(text.removeprefix("/link_account")) == {"link_code": "ABCD2345"}


@pytest.mark.parametrize("text", ["link ABCD2345", "  Link abcd-2345 ", "LINK abcd2345"])
def test_link_command(text: str) -> None:
    assert link_command(text) == link_intent("ABCD2345")


@pytest.mark.parametrize("text", ["link", "link my cart", "link ABCD0345", "please link ABCD2345"])
def test_not_a_link_command(text: str) -> None:
    assert link_command(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start ABCD2345", link_intent("ABCD2345")),
        ("/start@demo_shop_bot abcd2345", link_intent("ABCD2345")),
        ("/start", "/greet"),
        ("/start nonsense", "/greet"),
        ("what's in my cart", None),
        ("/restart", None),
    ],
)
def test_telegram_start(text: str, expected: str | None) -> None:
    assert telegram_start(text) == expected


def test_translated_rewrites_before_the_dialogue_sees_the_message() -> None:
    seen: list[str | None] = []

    async def dialogue(message: UserMessage) -> None:
        seen.append(message.text)

    async def send_all() -> None:
        handler = translated(dialogue, rewrite_telegram_start, rewrite_link_command)
        out = CollectingOutputChannel()
        for text in ("/start WXYZ7788", "link abcd2345", "hello"):
            await handler(UserMessage(text, out, "42", input_channel="telegram"))

    with ThreadPoolExecutor(1) as pool:  # its own thread: a session may hold a running loop
        pool.submit(asyncio.run, send_all()).result()

    assert seen == [link_intent("WXYZ7788"), link_intent("ABCD2345"), "hello"]
