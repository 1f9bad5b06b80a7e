"""Issue 12: offer buttons (``/affirm{"offer_id":"17"}``) pass through every channel unchanged.

Each offer reply is rendered from ``domain.yml`` the way Rasa does for the channel (the values
``actions.common.send`` puts in, escaped for that channel), then handed to that channel's
real button rendering: Telegram's inline keyboard (``callback_data`` at most 64 bytes, else
Telegram refuses the whole message), Slack's block buttons, Messenger's quick replies and
Twilio's numbered choices. The payload that comes back on a press is the one sent.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.telegram import TelegramOutput
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send
from bot.channels.messenger import QuickReplyMessengerBot
from bot.chat.replies import Reply
from bot.domain.buttons import parse_payload
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import (
    MAX_ID_DIGITS,
    TELEGRAM_CALLBACK_LIMIT,
    cart_offer_buttons,
    offer_payload,
    yes_no,
)
from bot.services.choices import answer_choice, offer_choices

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
BIG_ID = int("9" * MAX_ID_DIGITS)  # the longest id a payload may carry
VALUES = {
    "name": "Aria Phone 128 GB (Midnight Blue, 2-pack) — ‘special’ *edition*",
    "price": "$1,699.00",
    "reason": "bought together in 55% of orders",
    "current": "Aria Phone 256 GB",
    "current_price": "$799.00",
    "difference": "$100.00",
    "plan": "Care Basic",
    "current_plan": "Care Plus",
    "interval": "month",
    "percent": "20",
    "renewals": "3",
    "offer_id": str(BIG_ID),
}
OFFERS = (
    "utter_offer_addon",
    "utter_offer_upgrade",
    "utter_offer_downsell",
    "utter_offer_retention_plan",
    "utter_offer_retention_pause",
    "utter_offer_retention_discount",
)
CODE_BUTTONS = (
    *cart_offer_buttons(OfferKind.DOWNSELL, BIG_ID, VALUES["name"]),
    *cart_offer_buttons(OfferKind.UPSELL, BIG_ID, VALUES["name"]),
    *yes_no(BIG_ID, "Yes, at the new price", "No thanks"),
)


def rendered(response: str, channel: str) -> dict[str, Any]:
    """What Rasa makes of the actions' message for ``channel`` (as ``send`` fills it)."""
    dispatcher = CollectingDispatcher()
    send(dispatcher, [Reply(response, dict(VALUES))], channel)
    values = {k: v for k, v in dispatcher.messages[0].items() if k not in ("response", "template")}
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    message = nlg.generate_from_slots(response, {}, channel, **values)
    assert message is not None
    return message


def offer_buttons(channel: str) -> list[dict[str, str]]:
    """Every offer button a channel is sent: the domain's offers and the code-built ones."""
    buttons = [b for r in OFFERS for b in rendered(r, channel).get("buttons") or []]
    return buttons + [{"title": t, "payload": p} for t, p in CODE_BUTTONS]


def _offer_payloads(buttons: list[dict[str, str]]) -> list[str]:
    return [b["payload"] for b in buttons if b["payload"].startswith(("/affirm", "/deny"))]


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio", "rest"])
def test_every_offer_button_names_its_offer_on_every_channel(channel: str) -> None:
    payloads = _offer_payloads(offer_buttons(channel))
    assert len(payloads) >= 12
    for payload in payloads:
        assert parse_payload(payload)[1] == {"offer_id": str(BIG_ID)}, payload


def test_telegram_callback_data_stays_within_64_bytes() -> None:
    sent: dict[str, Any] = {}

    async def send_message(chat_id: str, text: str, reply_markup: Any = None) -> None:
        sent["markup"] = reply_markup

    fake = SimpleNamespace(send_message=send_message)
    for button in offer_buttons("telegram"):
        asyncio.run(TelegramOutput.send_text_with_buttons(fake, "42", "offer", [button]))
        keyboard = sent["markup"].to_python()["inline_keyboard"]
        data = keyboard[0][0]["callback_data"]
        assert data == button["payload"]  # a press sends back exactly this
        assert len(data.encode("utf-8")) <= TELEGRAM_CALLBACK_LIMIT, data


def test_slack_buttons_carry_the_payload_as_their_value() -> None:
    posted: dict[str, Any] = {}

    async def post(channel: str, **kwargs: Any) -> None:
        posted.update(kwargs)

    fake = SimpleNamespace(slack_channel=None, _post_message=post)
    buttons = offer_buttons("slack")
    asyncio.run(SlackBot.send_text_with_buttons(fake, "C1", "offer", buttons[:5]))

    values = [e["value"] for e in posted["blocks"][1]["elements"]]
    assert values == [b["payload"] for b in buttons[:5]]


def test_messenger_quick_replies_carry_the_payload() -> None:
    sent: dict[str, Any] = {}

    async def quick(recipient: str, text: str, replies: list[dict[str, Any]]) -> None:
        sent["replies"] = replies

    fake = SimpleNamespace(send_quick_replies=quick)
    buttons = offer_buttons("facebook")
    asyncio.run(QuickReplyMessengerBot.send_text_with_buttons(fake, "u1", "offer", buttons))

    assert [r["payload"] for r in sent["replies"]] == [b["payload"] for b in buttons]


def test_twilio_numbered_choices_give_back_the_payload(shop) -> None:
    buttons = offer_buttons("twilio")[:2]
    choices = [(b["title"], b["payload"]) for b in buttons]

    offer_choices(shop, "twilio", "+15550001", choices)

    assert answer_choice(shop, "twilio", "+15550001", "2") == buttons[1]["payload"]


def test_a_real_id_makes_a_short_payload() -> None:
    assert len(offer_payload("affirm", 1234).encode()) == 26
