"""Button payloads: parsing and whether a press is one of the last reply's buttons."""

from __future__ import annotations

import pytest

from bot.domain.buttons import is_shown, parse_payload


def test_a_payload_is_read_as_its_intent_and_entities_as_text() -> None:
    assert parse_payload('/add_item{"product": "Ceramic Mug", "quantity": 2}') == (
        "add_item",
        {"product": "Ceramic Mug", "quantity": "2"},
    )
    assert parse_payload("/remove_item") == ("remove_item", {})


@pytest.mark.parametrize(
    "text", ["add a mug", "/", "/add item", '/add_item{"product"', "/add_item[1, 2]", '/x{"a": 1'],
)  # fmt: skip
def test_anything_else_is_no_payload(text: str) -> None:
    assert parse_payload(text) is None


def test_a_press_is_live_only_when_the_last_reply_showed_that_button() -> None:
    shown = ['/add_item{"product": "Ceramic Mug", "quantity": "2"}', "/deny"]

    assert is_shown('/add_item{"quantity": 2, "product": "Ceramic Mug"}', shown)  # same button
    assert is_shown("/deny", shown)
    assert not is_shown('/add_item{"product": "Ceramic Mug", "quantity": 3}', shown)
    assert not is_shown("/remove_item", shown)
    assert not is_shown("/remove_item", [])
    assert not is_shown("add a mug", shown)  # words are not a press
