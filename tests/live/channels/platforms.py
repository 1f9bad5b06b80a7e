"""Drive each messaging platform's webhook the way the platform does, and read what came back.

A :class:`Platform` posts webhook payloads in the format the platform documents (signed
like the platform signs them) to the running Rasa server, and reads the connector's
answers from the :class:`~tests.live.channels.fake_platform.FakePlatform` as
:class:`Message` objects: the text and the choices offered (buttons, quick replies or
numbered lines), with the raw call for platform-specific checks.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from twilio.request_validator import RequestValidator

from tests.live.channels.fake_platform import BOT_USERNAME, Call, FakePlatform

TELEGRAM_TOKEN = "123456:TEST-live-token"
TELEGRAM_SECRET = "live-telegram-webhook-secret"
SLACK_SIGNING_SECRET = "live-slack-signing-secret"
MESSENGER_APP_SECRET = "live-messenger-app-secret"
TWILIO_AUTH_TOKEN = "live-twilio-auth-token"
TWILIO_NUMBER = "+15550000000"
_ids = itertools.count(1)


def channel_env(platform_url: str, rasa_port: int) -> dict[str, str]:
    """Every channel's variables, with outbound clients pointed at the fake platform."""
    return {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": BOT_USERNAME,
        "TELEGRAM_WEBHOOK_URL": "https://chat.example.test/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE_URL": f"{platform_url}/telegram",
        "SLACK_TOKEN": "xoxb-live-test",
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_BASE_URL": f"{platform_url}/slack/api/",
        "MESSENGER_VERIFY_TOKEN": "live-verify",
        "MESSENGER_APP_SECRET": MESSENGER_APP_SECRET,
        "MESSENGER_PAGE_ACCESS_TOKEN": "live-page-token",
        "MESSENGER_GRAPH_URL": f"{platform_url}/graph",
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": f"http://127.0.0.1:{rasa_port}/webhooks/twilio/webhook",
        "TWILIO_API_BASE_URL": f"{platform_url}/twilio",
    }


@dataclass(frozen=True)
class Message:
    """One message the connector sent: its text, its choices as (title, what to send back)."""

    text: str
    choices: list[tuple[str, str]]
    call: Call


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST raw bytes; the HTTP status."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Platform:
    """Webhook driver for one platform (subclasses fill in the format)."""

    name = ""

    def __init__(self, rasa_url: str, fake: FakePlatform) -> None:
        self.webhook = f"{rasa_url}/webhooks/{self.name}/webhook"
        self.fake = fake

    # -- per platform -------------------------------------------------------------------
    def new_user(self) -> str:
        """A fresh user id on this platform."""
        raise NotImplementedError

    def request(self, user: str, text: str, choice: tuple[str, str] | None) -> tuple[bytes, dict]:
        """The webhook body and headers (unsigned) for a typed text or a chosen option."""
        raise NotImplementedError

    def sign(self, body: bytes, headers: dict[str, str]) -> dict[str, str]:
        """The headers with the platform's signature added."""
        raise NotImplementedError

    def is_reply_to(self, user: str, call: Call) -> bool:
        """Whether a call is a message sent to ``user``."""
        raise NotImplementedError

    def message(self, call: Call) -> Message:
        """A sent message's text and choices."""
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------------
    def replies(self, user: str) -> list[Message]:
        """Every message sent to ``user`` so far."""
        return [self.message(c) for c in self.fake.matching(lambda c: self.is_reply_to(user, c))]

    def _exchange(self, user: str, text: str, choice: tuple[str, str] | None) -> list[Message]:
        before = len(self.replies(user))
        body, headers = self.request(user, text, choice)
        status = post(self.webhook, body, self.sign(body, headers))
        assert 200 <= status < 300, status
        calls = self.fake.wait(lambda c: self.is_reply_to(user, c), before + 1)
        return [self.message(c) for c in calls[before:]]

    def say(self, user: str, text: str) -> list[Message]:
        """Send a text as ``user``; the messages the assistant sent back."""
        return self._exchange(user, text, None)

    def choose(self, user: str, message: Message, title: str) -> list[Message]:
        """Pick the choice titled ``title`` of ``message`` (button, quick reply or number)."""
        choice = next((c for c in message.choices if c[0] == title), None)
        assert choice is not None, (title, message.choices)
        return self._exchange(user, title, choice)

    def forge(self, user: str, text: str) -> int:
        """Send a text signed for other content (a forged signature); the HTTP status."""
        body, headers = self.request(user, text, None)
        return post(self.webhook, body, self.sign(body + b"&x=1", headers))


class Telegram(Platform):
    """Telegram Bot API updates; answers via sendMessage with an inline keyboard."""

    name = "telegram"

    def new_user(self) -> str:
        return str(700000 + next(_ids))

    def request(self, user: str, text: str, choice: tuple[str, str] | None) -> tuple[bytes, dict]:
        person = {"id": int(user), "is_bot": False, "first_name": "Shopper"}
        chat = {"id": int(user), "type": "private", "first_name": "Shopper"}
        update_id = next(_ids)
        if choice is None:
            message = {"message_id": update_id, "from": person, "chat": chat,
                       "date": int(time.time()), "text": text}  # fmt: skip
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
            update: dict[str, Any] = {"update_id": update_id, "message": message}
        else:
            shown = {"message_id": update_id, "chat": chat, "date": int(time.time()), "text": "…"}
            update = {"update_id": update_id, "callback_query": {
                "id": str(update_id), "from": person, "message": shown,
                "chat_instance": "1", "data": choice[1]}}  # fmt: skip
        return json.dumps(update).encode(), {"Content-Type": "application/json"}

    def sign(self, body: bytes, headers: dict[str, str]) -> dict[str, str]:
        return {**headers, "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}

    def forge(self, user: str, text: str) -> int:
        body, headers = self.request(user, text, None)
        forged = {**headers, "X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
        return post(self.webhook, body, forged)

    def is_reply_to(self, user: str, call: Call) -> bool:
        return call.path.endswith("/sendMessage") and str(call.body.get("chat_id")) == user

    def message(self, call: Call) -> Message:
        markup = json.loads(call.body.get("reply_markup") or "{}")
        rows = markup.get("inline_keyboard", [])
        choices = [(b["text"], b["callback_data"]) for row in rows for b in row]
        return Message(call.body["text"], choices, call)


class Slack(Platform):
    """Slack Events API messages and block_actions; answers via chat.postMessage with blocks."""

    name = "slack"

    def new_user(self) -> str:
        return f"U{next(_ids):06d}"

    @staticmethod
    def dm(user: str) -> str:
        """The user's direct-message channel with the bot."""
        return "D" + user[1:]

    def request(self, user: str, text: str, choice: tuple[str, str] | None) -> tuple[bytes, dict]:
        ts = f"{time.time():.6f}"
        if choice is None:
            event = {"type": "message", "channel_type": "im", "user": user, "text": text,
                     "ts": ts, "channel": self.dm(user), "event_ts": ts}  # fmt: skip
            body = {"token": "x", "team_id": "T1", "api_app_id": "A1", "event": event,
                    "type": "event_callback", "event_id": f"Ev{next(_ids)}",
                    "event_time": int(time.time()),
                    "authorizations": [{"user_id": "UBOT"}]}  # fmt: skip
            return json.dumps(body).encode(), {"Content-Type": "application/json"}
        action = {"type": "button", "action_id": f"a{next(_ids)}", "block_id": "b1",
                  "text": {"type": "plain_text", "text": choice[0]}, "value": choice[1],
                  "action_ts": ts}  # fmt: skip
        payload = {"type": "block_actions", "user": {"id": user, "username": "shopper"},
                   "team": {"id": "T1"}, "channel": {"id": self.dm(user)},
                   "message": {"type": "message", "ts": ts, "text": "…"},
                   "actions": [action]}  # fmt: skip
        form = urlencode({"payload": json.dumps(payload)}).encode()
        return form, {"Content-Type": "application/x-www-form-urlencoded"}

    def sign(self, body: bytes, headers: dict[str, str]) -> dict[str, str]:
        ts = str(int(time.time()))
        base = f"v0:{ts}:".encode() + body
        digest = hmac.new(SLACK_SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
        return {**headers, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}

    def is_reply_to(self, user: str, call: Call) -> bool:
        return call.path.endswith("/chat.postMessage") and call.body.get("channel") == self.dm(user)

    def message(self, call: Call) -> Message:
        choices = [
            (element["text"]["text"], element["value"])
            for block in call.body.get("blocks") or []
            if block["type"] == "actions"
            for element in block["elements"]
        ]
        return Message(call.body["text"], choices, call)


class Messenger(Platform):
    """Messenger Platform webhook events; answers via the Send API with quick replies."""

    name = "facebook"

    def new_user(self) -> str:
        return str(9100000000 + next(_ids))

    def request(self, user: str, text: str, choice: tuple[str, str] | None) -> tuple[bytes, dict]:
        message: dict[str, Any] = {"mid": f"m_{next(_ids)}", "text": text}
        if choice is not None:
            message["quick_reply"] = {"payload": choice[1]}
        event = {"sender": {"id": user}, "recipient": {"id": "PAGE1"},
                 "timestamp": int(time.time() * 1000), "message": message}  # fmt: skip
        body = {"object": "page", "entry": [{"id": "PAGE1", "time": int(time.time() * 1000),
                                             "messaging": [event]}]}  # fmt: skip
        return json.dumps(body).encode(), {"Content-Type": "application/json"}

    def sign(self, body: bytes, headers: dict[str, str]) -> dict[str, str]:
        digest = hmac.new(MESSENGER_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
        return {**headers, "X-Hub-Signature-256": f"sha256={digest}"}

    def is_reply_to(self, user: str, call: Call) -> bool:
        return (
            call.path == "/graph/me/messages"
            and call.body.get("recipient", {}).get("id") == user
            and "message" in call.body
        )

    def message(self, call: Call) -> Message:
        sent = call.body["message"]
        choices = [(q["title"], q["payload"]) for q in sent.get("quick_replies", [])]
        return Message(sent.get("text", ""), choices, call)


_NUMBERED = re.compile(r"^(\d)\. (.+)$")


class Twilio(Platform):
    """Twilio SMS webhooks (form posts); answers via the Messages API as numbered text."""

    name = "twilio"

    def new_user(self) -> str:
        return f"+1555{next(_ids):07d}"

    def request(self, user: str, text: str, choice: tuple[str, str] | None) -> tuple[bytes, dict]:
        fields = {"MessageSid": f"SM{next(_ids):032d}", "AccountSid": "AC" + "1" * 32,
                  "From": user, "To": TWILIO_NUMBER,
                  "Body": choice[1] if choice else text, "NumMedia": "0"}  # fmt: skip
        return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}

    def sign(self, body: bytes, headers: dict[str, str]) -> dict[str, str]:
        params = dict(parse_qsl(body.decode()))
        signature = RequestValidator(TWILIO_AUTH_TOKEN).compute_signature(self.webhook, params)
        return {**headers, "X-Twilio-Signature": signature}

    def is_reply_to(self, user: str, call: Call) -> bool:
        return call.path.endswith("/Messages.json") and call.body.get("To") == user

    def message(self, call: Call) -> Message:
        text = call.body["Body"]
        choices = [m.groups()[::-1] for m in map(_NUMBERED.match, text.splitlines()) if m]
        return Message(text, [(title, number) for title, number in choices], call)


PLATFORMS = (Telegram, Slack, Messenger, Twilio)
