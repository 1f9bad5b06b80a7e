"""Each messaging connector keys a message by the platform's id (review s21 S28).

The id is read from the platform's own request format, claimed once in the store (a
redelivery is dropped before the dialogue) and passed on as the message's ``message_id``.
The live tier replays signed requests through the running connectors
(``tests/live/channels/test_redeliveries.py``).
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

import pytest

from bot.channels import inbound
from bot.channels.messenger import message_mid
from bot.channels.slack import delivery_id
from bot.channels.telegram import update_id
from bot.channels.twilio import message_sid
from bot.services.shop import Shop


class _Form(dict[str, list[str]]):
    def get(self, name: str, default: Any = None) -> Any:
        values = super().get(name)
        return values[0] if values else default


def _request(json_body: Any = None, form: dict[str, str] | None = None) -> Any:
    content = "application/json" if json_body is not None else "application/x-www-form-urlencoded"
    return SimpleNamespace(
        json=json_body,
        form=_Form({k: [v] for k, v in (form or {}).items()}),
        headers={"content-type": content},
    )


def test_each_platform_id_is_read_from_its_own_format() -> None:
    assert message_sid(_request(form={"MessageSid": "SMfixed0001", "Body": "hi"})) == "SMfixed0001"
    assert message_sid(_request(form={"Body": "hi"})) is None
    assert update_id({"update_id": 42, "message": {}}) == "42"
    assert update_id({"message": {}}) is None and update_id({"update_id": True}) is None
    assert delivery_id(_request({"event_id": "Ev01", "event": {}})) == "Ev01"
    payload = json.dumps({"trigger_id": "T1.2", "actions": []})
    assert delivery_id(_request(form={"payload": payload})) == "T1.2"
    assert message_mid({"message": {"mid": "m_1", "text": "hi"}}) == "m_1"
    assert message_mid({"postback": {"mid": "m_2", "payload": "/affirm"}}) == "m_2"
    assert message_mid({"message": {"text": "hi"}}) is None


def test_the_id_becomes_the_message_id_of_its_metadata() -> None:
    assert inbound.with_message_id(None, "SM1") == {"message_id": "SM1"}
    assert inbound.with_message_id({"out_channel": "D1"}, "Ev1") == {
        "out_channel": "D1",
        "message_id": "Ev1",
    }
    assert inbound.with_message_id({"out_channel": "D1"}, None) == {"out_channel": "D1"}


def test_a_platform_id_is_processed_once_per_channel(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbound, "delivery_shop", lambda: shop)

    def seen(channel: str, delivery: str | None) -> bool:
        return asyncio.run(inbound.seen_before(channel, delivery))

    assert [seen("twilio", "SMfixed0001") for _ in range(3)] == [False, True, True]
    assert seen("telegram", "SMfixed0001") is False  # another platform's id space
    assert seen("twilio", None) is False and seen("twilio", None) is False  # no id: new
