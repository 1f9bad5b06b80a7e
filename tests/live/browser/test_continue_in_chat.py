"""The cart page's "Continue in chat": a one-time code and a Telegram deep link that work."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.live.browser.cart_page import CartPage
from tests.live.channels.fake_platform import BOT_USERNAME, FakePlatform
from tests.live.channels.platforms import Slack, Telegram


def test_continue_in_telegram_and_slack_reaches_this_cart(
    cart_page: CartPage, fake_platform: FakePlatform
) -> None:
    page = cart_page.page
    subtotal = page.locator("#subtotal").inner_text()
    rasa_url = f"http://127.0.0.1:{cart_page.live.stack.rasa_port}"

    page.get_by_role("button", name="Continue in chat").click()
    command = page.locator("#link-command")
    expect(command).to_have_text(re.compile(r"^link [A-Z2-9]{8}$"))
    link = page.get_by_role("link", name="Open in Telegram").get_attribute("href") or ""
    code = command.inner_text().split()[1]
    assert link == f"https://t.me/{BOT_USERNAME}?start={code}"
    assert re.fullmatch(
        r"The code works once, until .+\.", page.locator("#link-expiry").inner_text()
    )
    cart_page.screenshot("continue-in-chat")

    telegram = Telegram(rasa_url, fake_platform)
    user = telegram.new_user()
    start = parse_qs(urlsplit(link).query)["start"][0]
    (linked,) = telegram.say(user, f"/start {start}")
    assert linked.text.startswith(f"You're linked — I can see your cart now (subtotal {subtotal}).")
    (summary,) = telegram.say(user, "what's in my cart?")
    assert "Espresso Beans 1 kg" in summary.text and f"Subtotal: {subtotal}" in summary.text

    slack = Slack(rasa_url, fake_platform)  # the code was used: a new one for another app
    page.get_by_role("button", name="Continue in chat").click()
    expect(command).not_to_have_text(f"link {code}")
    (refused,) = slack.say(slack.new_user(), f"link {code}")
    assert refused.text.startswith("That code didn't work")
    (accepted,) = slack.say(slack.new_user(), command.inner_text())
    assert accepted.text.startswith(
        f"You're linked — I can see your cart now (subtotal {subtotal})."
    )
