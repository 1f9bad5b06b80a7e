"""A removal of "both" names no product: the flow resolves the two lines (or asks)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cues import removes_both


@pytest.mark.parametrize(
    "text",
    [
        "remove both",
        "remove both please",
        "take both of them out",
        "delete the two of them",
        "remove them both from my cart",
        "remove both items",
        "get rid of both",
    ],
)
def test_a_removal_of_both_is_read_as_one(text: str) -> None:
    assert removes_both(text)


@pytest.mark.parametrize(
    "text",
    [
        "remove both mugs",
        "add both",
        "remove the mug",
        "remove both the mug and the tripod",
        "both",
    ],
)
def test_a_named_removal_or_another_request_is_not(text: str) -> None:
    assert not removes_both(text)
