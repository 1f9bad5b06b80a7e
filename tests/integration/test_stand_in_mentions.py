"""Review s21 S37: a mention ending in a stand-in noun ("the usb-c thing") is never a guess.

"remove the usb-c thing" with three USB-C lines in the cart removed the hub ("thing"
resembled "7-in-1"); without the word, the tie was asked. Now the stand-in noun is dropped
unless the catalog has a name with that word.
"""

from __future__ import annotations

import pytest

from bot.chat.cart import remove_item
from bot.chat.products import find_product
from bot.chat.replies import ChatContext
from bot.domain.errors import UnknownProduct
from bot.store.repositories import CatalogRepository

USB_C_CART = [("PA-CBL-USBC", 2), ("LA-HUB", 1), ("LA-CHG-65W", 1)]


@pytest.mark.parametrize(
    "text", ["remove the usb-c thing", "take out the usb-c stuff", "remove the usb c item",
             "get rid of the usb-c gadget", "remove the usb-c things"],
)  # fmt: skip
def test_a_vague_mention_of_three_lines_is_asked_and_removes_nothing(
    shop, new_cart, probe, text
) -> None:
    cart_id, token = new_cart(shop, lines=USB_C_CART)
    mention = text.split(" the ", 1)[1] if " the " in text else text.split("remove ", 1)[1]

    replies = remove_item(shop, ChatContext("conv-s37", token), mention, text)

    assert replies[0].response == "utter_did_you_mean", (text, replies)
    assert probe.lines(shop, cart_id) == {"PA-CBL-USBC": 2, "LA-HUB": 1, "LA-CHG-65W": 1}


def test_a_stand_in_word_that_is_part_of_a_name_is_kept(shop) -> None:
    with shop.session_factory.begin() as session:
        CatalogRepository(session).upsert_products(
            [{"sku": "X-GADGET", "name": "Camp Gadget", "category": "outdoor", "role": "accessory",
              "currency": "USD", "price_minor": 1500, "stock": 10}]
        )  # fmt: skip
    with shop.session_factory() as session:
        found = find_product(session, "camp gadget")

    assert found.sku == "X-GADGET"


def test_a_mention_of_only_a_stand_in_is_not_trimmed_to_nothing(shop) -> None:
    with shop.session_factory() as session, pytest.raises(UnknownProduct):
        find_product(session, "the thing")
