"""The cart page with its chat widget, in a real (headless) browser.

Each test is a shopper clicking through a conversation: cross-sell, decline, downsell,
subscription cancel, reload. Every assertion reads what the shopper sees (and, where it
matters, what the store holds).
"""

from __future__ import annotations

import json
import re
import urllib.request
from decimal import Decimal

from playwright.sync_api import expect

from tests.live.browser.cart_page import CartPage

STARTER = "Espresso Beans 1 kg"  # what a demo shopper's cart holds


def price_of(title: str) -> tuple[str, Decimal]:
    """``"Ceramic Mug · $9.00"`` → ``("Ceramic Mug", Decimal("9.00"))``."""
    name, _, price = title.rpartition(" · ")
    return name, Decimal(price.lstrip("$"))


def test_cross_sell_card_add_updates_cart_and_bar(cart_page: CartPage) -> None:
    shopper = cart_page.shopper
    assert cart_page.line_names() == [STARTER]
    assert cart_page.shipping_text() == "$32.00 away from free shipping"
    bar_before = cart_page.bar_value()
    path = f"/api/carts/{shopper['cart_id']}/recommendations?limit=3"
    ranked = cart_page.live.api("GET", path, token=shopper["token"])["items"]
    expected = next(item for item in ranked if item["kind"] == "addon")

    cart_page.click_reply("What goes with my cart?")
    card = cart_page.offer_card()
    name, price = price_of(card.locator(".rw-carousel-card-title").inner_text())
    assert (name, price) == (expected["name"], Decimal(expected["price"]))
    reason = card.locator(".rw-carousel-card-subtitle").inner_text()
    assert reason == f"{expected['reason']}."  # the same true reason the API gives
    # a share with the beans backed by >= 20 orders, else the filter's share of all orders
    together = rf"bought together in \d+% of orders with your {STARTER}\."
    assert re.fullmatch(together, reason) or re.fullmatch(r"in \d+% of all orders\.", reason)
    cart_page.screenshot("offer-card")

    card.get_by_role("button", name="Add to cart").click()
    cart_page.wait_for_bot(f"Added 1 × {name}.")
    cart_page.expect_line(name)  # the page follows the chat within a second
    assert cart_page.line_names() == [STARTER, name]
    assert cart_page.shipping_text() == f"${Decimal('32.00') - price} away from free shipping"
    assert cart_page.bar_value() > bar_before
    cart_page.screenshot("added")


def test_declined_offer_is_not_shown_again(cart_page: CartPage) -> None:
    cart_page.click_reply("What goes with my cart?")
    first = cart_page.offer_card().locator(".rw-carousel-card-title").inner_text()
    declined, _ = price_of(first)
    cart_page.click_reply("No thanks")
    cart_page.wait_for_bot(f"No problem — I won't suggest {declined} again.")

    before = cart_page.count_bot_messages()
    cart_page.say("what else goes with my cart?")
    replies = cart_page.new_bot_texts(before)

    assert replies, "the bot answered"
    assert all(declined not in text for text in replies), replies
    titles = cart_page.page.locator(".rw-carousel-card-title").all_inner_texts()
    assert [t for t in titles if t.startswith(declined)] == [first]  # shown exactly once
    assert cart_page.line_names() == [STARTER]  # declining added nothing


def test_reload_keeps_history_and_conversation(cart_page: CartPage) -> None:
    cart_page.say("what's in my cart?")
    cart_page.wait_for_bot(f"1 × {STARTER}: $18.00")
    totals = cart_page.wait_for_bot("Total: $22.99")
    assert totals.inner_text() == "Subtotal: $18.00\nShipping: $4.99\nTotal: $22.99"
    session = cart_page.session_id

    cart_page.reload()
    cart_page.wait_for_bot(f"1 × {STARTER}: $18.00")  # history restored
    assert cart_page.session_id == session
    cart_page.say("how far am I from free shipping?")
    cart_page.wait_for_bot("You're $32.00 away from free shipping")
    cart_page.screenshot("after-reload")

    with urllib.request.urlopen(cart_page.live.tracker_url(session), timeout=10) as r:
        tracker = json.load(r)
    said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert said == ["/greet", "what's in my cart?", "how far am I from free shipping?"]


def test_downsell_by_clicking_swaps_the_line(cart_page: CartPage) -> None:
    page = cart_page.page
    page.get_by_role("button", name="Add Brew Coffee Machine Plus to the cart").click()
    cart_page.expect_line("Brew Coffee Machine Plus")
    assert cart_page.shipping_text() == "Free shipping unlocked"

    page.get_by_role(
        "button", name="Ask the assistant for a cheaper Brew Coffee Machine Plus"
    ).click()
    cart_page.wait_for_bot(
        "Before I remove Brew Coffee Machine Plus ($299.00): Brew Coffee Machine Basic is "
        "$149.00, $150.00 less. Switch to it instead?"
    )
    expect(page.get_by_role("button", name="Just remove it")).to_be_visible()
    cart_page.screenshot("downsell-offer")
    cart_page.click_reply("Switch to Brew Coffee Machine Basic")
    cart_page.wait_for_bot("Done — swapped Brew Coffee Machine Plus for Brew Coffee Machine Basic.")

    cart_page.expect_line("Brew Coffee Machine Basic")
    assert cart_page.line_names() == [STARTER, "Brew Coffee Machine Basic"]
    assert page.inner_text("#subtotal") == "$167.00"


def test_cancel_subscription_offers_cancel_anyway(cart_page: CartPage) -> None:
    shopper = cart_page.shopper
    cart_page.click_reply("Cancel my subscription")
    cart_page.wait_for_bot(
        "Before you cancel Care Plus ($9.99/month): you could switch to Care Basic for "
        "$4.99/month. Or cancel right away."
    )
    page = cart_page.page
    expect(page.get_by_role("button", name="Switch to Care Basic")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel anyway")).to_be_visible()
    cart_page.screenshot("retention-offer")

    cart_page.click_reply("Cancel anyway")
    cart_page.wait_for_bot("Your Care Plus subscription is canceled. You won't be charged again.")
    path = f"/api/subscriptions/{shopper['subscription_id']}"
    assert cart_page.live.api("GET", path, token=shopper["token"])["status"] == "canceled"


def test_phone_width_keyboard_and_labels(phone_page: CartPage) -> None:
    page = phone_page.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('button, [role=button], textarea, input')]
               .filter((el) => el.getAttribute('aria-hidden') !== 'true')
            .filter((el) => !(el.getAttribute('aria-label') || el.innerText.trim()))
               .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    bar = page.get_by_role("progressbar", name="$32.00 away from free shipping")
    expect(bar).to_have_attribute("aria-valuenow", "36")

    target = "How far to free shipping?"
    for _ in range(40):  # Tab through the page to the quick reply, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText") == target:
            break
    else:
        raise AssertionError(f"the '{target}' quick reply is not reachable with Tab")
    page.keyboard.press("Enter")
    phone_page.wait_for_bot("You're $32.00 away from free shipping")
    phone_page.screenshot("phone")
