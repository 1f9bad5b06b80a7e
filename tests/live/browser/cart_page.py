"""A page object for the demo cart page and its embedded chat widget."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.live.helpers import Live

BOT_TIMEOUT_MS = 30_000  # a bot turn on 2 busy cores; normally well under a second
UPDATE_TIMEOUT_MS = 1_000  # the cart must follow the chat within a second


@dataclass
class CartPage:
    """Drive the cart page like a shopper: click, type, read the cart and the chat."""

    page: Page
    live: Live
    artifacts: Path
    shots: list[Path] = field(default_factory=list)

    def open(self) -> None:
        """Load the page and wait for the cart and the bot's greeting."""
        self.page.goto(f"{self.live.stack.shop_url}/")
        expect(self.page.locator("#shipping-text")).not_to_have_text("Loading your cart…")
        self.wait_for_bot("Hi! I can show your cart")

    def reload(self) -> None:
        """Reload the page (the widget reconnects to its stored session)."""
        self.page.reload()
        expect(self.page.locator("#shipping-text")).not_to_have_text("Loading your cart…")

    def screenshot(self, label: str) -> Path:
        """Save a full-page screenshot as a test artifact."""
        self.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.artifacts / f"{len(self.shots):02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.shots.append(path)
        return path

    # --- the shopper and their conversation -------------------------------------------------

    def stored(self, key: str) -> Any:
        """A JSON value the page keeps in localStorage."""
        return json.loads(self.page.evaluate(f"localStorage.getItem({json.dumps(key)})") or "null")

    @property
    def shopper(self) -> dict[str, Any]:
        """The demo shopper the page created (``cart_id``, ``token``, ``subscription_id``)."""
        return self.stored("demo-shop.shopper")

    @property
    def session_id(self) -> str:
        """The widget's conversation id (Rasa's sender id)."""
        return str(self.stored("chat_session")["session_id"])

    # --- the chat ----------------------------------------------------------------------------

    def bot_messages(self) -> Locator:
        """Every bot message bubble and card, oldest first."""
        return self.page.locator(".rw-from-response .rw-message")

    def wait_for_bot(self, text: str) -> Locator:
        """Wait until a bot message containing ``text`` is shown."""
        message = self.bot_messages().filter(has_text=text).last
        expect(message).to_be_visible(timeout=BOT_TIMEOUT_MS)
        return message

    def click_reply(self, title: str) -> None:
        """Click the newest quick reply or card button called ``title``."""
        self.page.get_by_role("button", name=title, exact=True).last.click()

    def say(self, text: str) -> None:
        """Type a message into the widget and press Enter."""
        box = self.page.get_by_role("textbox", name="Message the checkout assistant")
        box.fill(text)
        box.press("Enter")

    def offer_card(self) -> Locator:
        """The newest product card the bot sent."""
        card = self.page.locator(".rw-carousel-card").last
        expect(card).to_be_visible(timeout=BOT_TIMEOUT_MS)
        return card

    # --- the cart ----------------------------------------------------------------------------

    def line_names(self) -> list[str]:
        """Names of the cart's lines as the page shows them."""
        return self.page.locator("#cart-lines .line-name").all_inner_texts()

    def expect_line(self, name: str, timeout: int = UPDATE_TIMEOUT_MS) -> None:
        """Insist that a line for ``name`` shows within ``timeout`` ms."""
        line = self.page.locator("#cart-lines .line-name", has_text=name)
        expect(line).to_be_visible(timeout=timeout)

    def shipping_text(self) -> str:
        """The free-shipping message above the progress bar."""
        return self.page.inner_text("#shipping-text")

    def bar_value(self) -> int:
        """The free-shipping progress bar's value (0–100)."""
        return int(self.page.get_attribute("#shipping-bar", "aria-valuenow") or "0")

    def count_bot_messages(self) -> int:
        """How many bot messages are shown now."""
        return self.bot_messages().count()

    def new_bot_texts(self, before: int) -> list[str]:
        """Wait for bot messages after the first ``before`` ones; return their texts."""
        expect(self.bot_messages().nth(before)).to_be_visible(timeout=BOT_TIMEOUT_MS)
        self.page.wait_for_timeout(300)  # a turn may send more than one message
        return self.bot_messages().all_inner_texts()[before:]
