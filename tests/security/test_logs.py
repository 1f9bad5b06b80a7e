"""No token, API key or channel secret in any log of a live run.

The test makes the traffic that used to leak (a token in metadata sent as a string, which
Rasa logged with the message body; tokens in message metadata; the server key; channel
webhooks) and then reads every process's log.
"""

from __future__ import annotations

import json
import uuid

from tests.live.channels.fake_platform import FakePlatform
from tests.live.channels.platforms import (
    MESSENGER_APP_SECRET,
    PLATFORMS,
    SLACK_SIGNING_SECRET,
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TWILIO_AUTH_TOKEN,
    channel_env,
)
from tests.live.helpers import SERVER_KEY, Live, http
from tests.security.conftest import RASA_API_TOKEN, SECRET


def test_logs_hold_no_credential(secure: Live, platform_fake: FakePlatform) -> None:
    stack = secure.stack
    cart_id, token = secure.new_cart(f"logs-{uuid.uuid4().hex[:6]}", **{"CF-MUG": 1})
    _, other_token = secure.new_cart(f"logs-other-{uuid.uuid4().hex[:6]}")
    sender = f"logs-{uuid.uuid4().hex}"
    for metadata in (json.dumps({"token": token}), [token], {"token": token}):
        http("POST", stack.rest_url, {"sender": sender, "message": "hi", "metadata": metadata})
    chat = secure.conversation(token)
    chat.say("what's in my cart?")
    chat.say("add a ceramic mug", token=other_token)  # a refused switch
    secure.conversation(token[:-2] + "xx").say("what's in my cart?")  # a forged one
    http("POST", f"{stack.shop_url}/api/carts", {"customer_id": "x"}, token=token)
    http("GET", f"http://127.0.0.1:{stack.rasa_port}/conversations/{sender}/tracker?token=bad")
    http("GET", secure.tracker_url(sender))
    code = secure.api("POST", f"/api/carts/{cart_id}/link-codes", token=token)["code"]
    rasa = f"http://127.0.0.1:{stack.rasa_port}"
    for platform in PLATFORMS:
        driver = platform(rasa, platform_fake)
        driver.say(driver.new_user(), f"link {code}" if platform.name == "slack" else "hi")
        driver.forge(driver.new_user(), "hi")

    secrets = {
        "cart token": token, "other token": other_token, "server key": SERVER_KEY,
        "shop secret": SECRET, "Rasa API token": RASA_API_TOKEN,
        "Telegram token": TELEGRAM_TOKEN, "Telegram secret": TELEGRAM_SECRET,
        "Slack signing secret": SLACK_SIGNING_SECRET, "Messenger app secret": MESSENGER_APP_SECRET,
        "Twilio auth token": TWILIO_AUTH_TOKEN,
        "Slack token": channel_env("", 0)["SLACK_TOKEN"],
        "Messenger page token": channel_env("", 0)["MESSENGER_PAGE_ACCESS_TOKEN"],
    }  # fmt: skip
    logs = sorted(stack.log_dir.glob("*.log"))
    assert {p.name for p in logs} >= {"rasa.log", "actions.log", "shop.log"}
    for path in logs:
        text = path.read_text("utf-8", errors="replace")
        leaked = [name for name, value in secrets.items() if value in text]
        assert not leaked, f"{path.name} holds: {leaked}"
    body = token.split(".")[0]  # not even the token's payload half
    assert not any(body in p.read_text("utf-8", errors="replace") for p in logs)
