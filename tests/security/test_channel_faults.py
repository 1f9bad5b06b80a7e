"""Faults reported publicly against Rasa's messaging connectors, each tried end to end.

Webhooks are posted, signed as each platform signs them, to the running Rasa server; what
the connectors send back is read from the fake platform API.
"""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import urlencode

import pytest

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import Messenger, Platform, Slack, Telegram, Twilio, post
from tests.live.helpers import Live

BOT = (
    "I'm a bot — the shop's checkout assistant. Ask for a human any time and I'll tell you "
    "how to reach our team."
)


def _platform(cls: type[Platform], live: Live, fake: FakePlatform) -> Platform:
    return cls(f"http://127.0.0.1:{live.stack.rasa_port}", fake)


def _texts(platform: Platform, user: str) -> list[str]:
    return [m.text for m in platform.replies(user)]


@pytest.mark.parametrize("reason", ["http_error", "http_timeout", "too_many_requests", "other"])
def test_slack_processes_each_event_once(
    secure: Live, platform_fake: FakePlatform, reason: str
) -> None:
    slack = _platform(Slack, secure, platform_fake)
    user = slack.new_user()
    body, headers = slack.request(user, "are you a bot?", None)
    assert post(slack.webhook, body, slack.sign(body, headers)) == 200
    platform_fake.wait(lambda c: slack.is_reply_to(user, c), 1)

    for number in ("1", "2"):
        retry = {**headers, "X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": reason}
        assert post(slack.webhook, body, slack.sign(body, retry)) == 200
    assert post(slack.webhook, body, slack.sign(body, headers)) == 200  # a repeated event_id

    slack.say(user, "hi")  # answered after anything the repeats would have caused
    assert _texts(slack, user)[0] == BOT
    assert sum(text == BOT for text in _texts(slack, user)) == 1


def test_messenger_processes_every_entry_in_order_and_ignores_echoes_and_receipts(
    secure: Live, platform_fake: FakePlatform
) -> None:
    messenger = _platform(Messenger, secure, platform_fake)
    user = messenger.new_user()
    now = int(time.time() * 1000)

    def event(**fields: object) -> dict[str, object]:
        return {"sender": {"id": user}, "recipient": {"id": "PAGE1"}, "timestamp": now, **fields}

    echo = {"mid": "m_echo", "is_echo": True, "attachments": [
        {"type": "image", "payload": {"url": "https://example.test/cat.png"}}]}  # fmt: skip
    batch = {"object": "page", "entry": [
        {"id": "PAGE1", "time": now, "messaging": [
            event(message={"mid": f"m_{uuid.uuid4().hex}", "text": "are you a bot?"}),
            event(message=echo),
            event(delivery={"mids": ["m_0"], "watermark": now}),
        ]},
        {"id": "PAGE1", "time": now, "messaging": [
            event(read={"watermark": now}),
            event(message={"mid": f"m_{uuid.uuid4().hex}", "text": "thanks"}),
        ]},
    ]}  # fmt: skip
    raw = json.dumps(batch).encode()
    status = post(messenger.webhook, raw, messenger.sign(raw, {"Content-Type": "application/json"}))
    assert status == 200
    platform_fake.wait(lambda c: messenger.is_reply_to(user, c), 2)

    messenger.say(user, "hi")  # answered after anything the batch would have caused
    texts = _texts(messenger, user)
    assert texts[:2] == [BOT, "You're welcome!"]
    assert texts[2].startswith("Hi! I can show your cart") and len(texts) == 3


@pytest.mark.parametrize(
    "update",
    [
        {"my_chat_member": {"chat": {"id": 1, "type": "private"}, "date": 0}},
        {"channel_post": {"message_id": 1, "chat": {"id": -100, "type": "channel"}, "date": 0,
                          "text": "hello channel"}},
        {"callback_query": {"id": "9", "from": {"id": 1, "is_bot": False, "first_name": "A"},
                            "chat_instance": "1", "data": "/affirm"}},
        {"poll": {"id": "1", "question": "?", "options": [], "total_voter_count": 0,
                  "is_closed": False, "is_anonymous": True, "type": "regular",
                  "allows_multiple_answers": False}},
    ],
    ids=["my_chat_member", "channel_post", "callback_without_message", "poll"],
)  # fmt: skip
def test_telegram_ignores_other_updates_with_200(
    secure: Live, platform_fake: FakePlatform, update: dict
) -> None:
    telegram = _platform(Telegram, secure, platform_fake)
    before = len(platform_fake.matching(lambda c: c.path.endswith("/sendMessage")))
    raw = json.dumps({"update_id": 424242, **update}).encode()
    status = post(telegram.webhook, raw, telegram.sign(raw, {"Content-Type": "application/json"}))
    assert status == 200
    user = telegram.new_user()
    telegram.say(user, "hi")  # answered after anything the update would have caused
    sent = platform_fake.matching(lambda c: c.path.endswith("/sendMessage"))
    assert len(sent) == before + 1 and telegram.is_reply_to(user, sent[-1])


@pytest.mark.parametrize(
    "fields",
    [
        {
            "NumMedia": "1",
            "MediaUrl0": "https://example.test/p.jpg",
            "MediaContentType0": "image/jpeg",
        },
        {"NumMedia": "0", "Latitude": "52.52", "Longitude": "13.40"},
        {"NumMedia": "1", "Body": "", "MediaUrl0": "https://example.test/v.ogg"},
    ],
    ids=["media", "location", "empty-body"],
)
def test_twilio_without_a_body_asks_for_text(
    secure: Live, platform_fake: FakePlatform, fields: dict[str, str]
) -> None:
    twilio = _platform(Twilio, secure, platform_fake)
    user = twilio.new_user()
    sid = "SM" + uuid.uuid4().hex  # each message its own sid: a repeated one is dropped (S28)
    form = {"MessageSid": sid, "AccountSid": "AC" + "1" * 32, "From": user,
            "To": "+15550000000", **fields}  # fmt: skip
    raw = urlencode(form).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status = post(twilio.webhook, raw, twilio.sign(raw, headers))
    assert 200 <= status < 300
    (reply,) = platform_fake.wait(lambda c: twilio.is_reply_to(user, c), 1)
    assert reply.body["Body"] == "I can only read text here. Please type your question."
