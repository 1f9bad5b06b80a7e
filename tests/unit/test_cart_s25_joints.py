"""s25 trial 14: where a several-item request splits, and when an add names nothing."""

from __future__ import annotations

import pytest

from bot.chat.cart_requests import CartRequest, Mention, names_nothing, read_parts
from bot.domain.language.en_focus import refers_back
from bot.domain.language.en_joints import item_breaks
from bot.domain.quantities import Direction

# --- F15, F31: each item keeps its own count ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("3 mugs n a tripod pls", [("3", "mugs"), (None, "tripod")]),
        ("gimme 3 mugz n a grinder", [("3", "mugz"), (None, "grinder")]),
        ("a tripod n 3 mugs", [(None, "tripod"), ("3", "mugs")]),
        ("3 mugs n 2 tripods", [("3", "mugs"), ("2", "tripods")]),
        ("2 mugs 1 tripod", [("2", "mugs"), ("1", "tripod")]),
        ("add two mugs then three filters", [("two", "mugs"), ("three", "filters")]),
        ("add 2 mugs with a tripod", [("2", "mugs"), (None, "tripod")]),
        ("add 2 mugs w/ a tripod", [("2", "mugs"), (None, "tripod")]),
        ("add 2 mugs w/ tripod", [("2", "mugs"), (None, "tripod")]),
        ("add 2 mugs and then a tripod", [("2", "mugs"), (None, "tripod")]),
    ],
)
def test_each_part_keeps_its_own_count(text: str, items: list) -> None:
    parts = read_parts(text)

    assert [(p.quantity, p.text) for p in parts] == [
        (quantity, p.text) for (quantity, _), p in zip(items, parts, strict=True)
    ]
    assert all(word in p.text for (_, word), p in zip(items, parts, strict=True))


def test_a_model_span_across_a_slang_joint_is_clipped_per_part() -> None:
    parts = read_parts("3 mugs n a tripod pls", [Mention("mugs n a tripod")])

    assert [(p.product, p.quantity) for p in parts] == [("mugs", "3"), ("a tripod", None)]


@pytest.mark.parametrize(
    "text",
    [
        "a case with my phone",
        "add aria phone 128 gb",
        "add 2 usb-c cable 1m",
        "add 3 mugs x2",
        "add 2 fast charger 30w",
        "add 2 fast charger 30 w",
        "add the brew coffee machine plus",
        "add 2 mugs",
    ],
)
def test_one_request_is_not_split(text: str) -> None:
    assert item_breaks(text) == []


def test_a_count_starts_a_new_item_only_after_a_counted_one() -> None:
    assert item_breaks("add phone 12 pro") == []
    assert len(item_breaks("2 aria phone 128 gb 1 tripod")) == 1


# --- F22: an add naming nothing asks ----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["add it", "one more", "add another", "that again", "add the last item"]
)
def test_words_pointing_back(text: str) -> None:
    assert refers_back(text)


@pytest.mark.parametrize("text", ["add", "add 🍕", "add 🍺 pls", "put in my cart", "", None])
def test_words_pointing_at_nothing(text: str | None) -> None:
    assert not refers_back(text)


@pytest.mark.parametrize(
    ("request_", "nothing"),
    [
        (CartRequest(None, None, Direction.ABSOLUTE, "add 🍕"), True),
        (CartRequest(None, None, Direction.ABSOLUTE, "add"), True),
        (CartRequest(None, None, Direction.ABSOLUTE, "add it"), False),
        (CartRequest(None, "1", Direction.MORE, "one more"), False),
        (CartRequest(None, None, Direction.ABSOLUTE, ""), False),  # a button's payload
        (CartRequest("mug", None, Direction.ABSOLUTE, "add a mug"), False),
    ],
)
def test_names_nothing(request_: CartRequest, nothing: bool) -> None:
    assert names_nothing(request_) is nothing
