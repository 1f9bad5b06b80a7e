"""English cues of sweeping removals and "cancel the X (order)" (review s23, T5, T6)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_questions import Topic, purchase_question
from bot.domain.language.en_sweeps import cancelled_item, modifier_only, names_all, swept_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remove all the usb-c things", ("all", "usb-c")),
        ("take out all the cables", ("all", "cables")),
        ("remove both phone cases", ("both", "phone cases")),
        ("remove the usb-c things", ("plural", "usb-c")),
        ("remove the mug", None),
        ("remove all", None),
        ("remove everything", None),
        ("remove both", None),
        ("remove all the mugs except one", None),
        ("add all the mugs", None),
        ("remove the usb-c cables and hubs", None),
    ],
)
def test_swept_words(text: str, expected) -> None:
    assert swept_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stop the mouse pad order", ("mouse pad", True)),
        ("cancel the mouse pad", ("mouse pad", False)),
        ("hmm cancel the mug", ("mug", False)),
        ("cancel my order", ("", True)),
        ("cancel my subscription", None),
        ("cancel that", None),
        ("cancel my delivery", None),
        ("stop the emails", None),
        ("don't cancel the mugs", None),
        ("actually cancel the plus one", None),
        ("stop", None),
    ],
)
def test_cancelled_item(text: str, expected) -> None:
    assert cancelled_item(text) == expected


def test_names_all_reads_hyphens_and_plurals() -> None:
    assert names_all("USB-C Hub 7-in-1", "usb-c")
    assert names_all("Clear Phone Case", "phone cases")
    assert not names_all("Mouse Pad", "mouse pad order")


@pytest.mark.parametrize("text", ["add 3 filters?", "so get 2 mugs??"])
def test_an_add_asked_with_a_question_mark_is_a_price_question(text: str) -> None:
    assert purchase_question(text).topic is Topic.PRICE


@pytest.mark.parametrize("text", ["add 3 filters", "can you add 2 mugs?", "can I get 2 mugs"])
def test_a_request_is_no_question(text: str) -> None:
    assert purchase_question(text) is None


CATALOG = [("Wireless Mouse", None), ("Mouse Pad", None), ("Snap Camera Mid", "Snap Camera"),
           ("Camera Shoulder Bag", None), ("Nova Lite Phone", None), ("Clear Phone Case", None),
           ("Pulse Headphones Lite", "Pulse Headphones")]  # fmt: skip


@pytest.mark.parametrize(
    ("words", "name", "family", "expected"),
    [
        ("mouse", "Mouse Pad", None, True),  # a Wireless Mouse is a mouse
        ("the camera", "Camera Shoulder Bag", None, True),  # the Snap Camera family is
        ("case", "Clear Phone Case", None, False),  # the line's own noun
        ("camera", "Snap Camera Mid", "Snap Camera", False),
        ("nova lite", "Nova Lite Phone", None, False),  # no other product is a "lite"
        ("mouse pad", "Mouse Pad", None, False),
    ],
)
def test_modifier_only(words: str, name: str, family, expected: bool) -> None:
    assert modifier_only(words, name, family, CATALOG) is expected
