"""Review s21 (lead): stand-in nouns at the end of a mention (S37), a sold-out step up (S25)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_words import stand_in_tail


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("the usb-c thing", ("the usb-c", "thing")), ("usb c stuff", ("usb c", "stuff")),
     ("leather one", ("leather", "one")), ("blue items", ("blue", "items"))],
)  # fmt: skip
def test_a_trailing_stand_in_is_split_off(mention: str, expected: tuple[str, str]) -> None:
    assert stand_in_tail(mention) == expected


@pytest.mark.parametrize("mention", ["the thing", "that one", "stuff", "stuff sack", "usb-c hub"])
def test_nothing_is_split_when_no_name_would_be_left_or_none_ends_it(mention: str) -> None:
    assert stand_in_tail(mention) is None


def test_a_sold_out_step_up_only_when_nothing_better_is_on_sale() -> None:
    from decimal import Decimal

    from bot.domain.models import Product, Role
    from bot.domain.offers import sold_out_step_up

    def tier(n: int, stock: int, active: bool = True) -> Product:
        return Product(sku=f"T{n}", name=f"Tier {n}", category="c", price=Decimal(n * 10),
                       stock=stock, role=Role.MAIN, family="F", tier=n, active=active)  # fmt: skip

    low, mid_out, top_out = tier(1, 5), tier(2, 0), tier(3, 0)
    assert sold_out_step_up(low, [low, mid_out, top_out]) == mid_out
    assert sold_out_step_up(low, [low, tier(2, 3), top_out]) is None  # a better one is on sale
    assert sold_out_step_up(low, [low, tier(2, 0, active=False)]) is None  # delisted: not sold
    assert sold_out_step_up(top_out, [low, mid_out, top_out]) is None  # nothing above


@pytest.mark.parametrize(
    "message", ["hey, add an aria phone 256", "hi, add a mug", "hello! add 2 mugs please"]
)
def test_a_greeting_before_a_request_is_not_a_second_product(message: str) -> None:
    from bot.chat.cart_requests import read_parts

    assert read_parts(message) == []  # one request, not "hey" + the product


def test_a_greeting_before_several_products_leaves_just_those() -> None:
    from bot.chat.cart_requests import read_parts

    parts = read_parts("hey, add a mug and a tripod")

    assert [part.text.strip(" ,") for part in parts] == ["add a mug", "a tripod"]
