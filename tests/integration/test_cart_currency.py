"""A product priced in another currency than the cart is never added to it (review F20).

The import refuses such rows; a product already stored in another currency (an older
import, a direct write) is refused at add-to-cart by chat and by the API alike.
"""

from __future__ import annotations

import pytest

from bot.chat.cart import add_item
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import OtherCurrency
from bot.services.cart import add_to_cart
from bot.store.repositories import CatalogRepository


@pytest.fixture
def euro_teapot(shop):
    with shop.session_factory.begin() as session:
        CatalogRepository(session).upsert_products(
            [{"sku": "X-EUR", "name": "Euro Teapot", "category": "kitchen", "role": "accessory",
              "currency": "EUR", "price_minor": 2000, "stock": 10}]
        )  # fmt: skip
    return "X-EUR"


def test_the_chat_refuses_a_product_in_another_currency(shop, new_cart, probe, euro_teapot) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])

    replies = add_item(
        shop, ChatContext("conv-eur", token), "euro teapot", None, "add a euro teapot"
    )

    assert replies == [
        Reply(
            "utter_other_currency",
            {"name": "Euro Teapot", "currency": "EUR", "cart_currency": "USD"},
        )
    ]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_the_api_refuses_a_product_in_another_currency(shop, new_cart, probe, euro_teapot) -> None:
    cart_id, token = new_cart(shop)

    with pytest.raises(OtherCurrency) as refused:
        add_to_cart(shop, token, cart_id, euro_teapot, 1)

    assert refused.value.status == 409
    assert refused.value.message == "Euro Teapot is priced in EUR, the cart is in USD"
    assert probe.lines(shop, cart_id) == {}
