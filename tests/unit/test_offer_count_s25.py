"""Trial 14, F18 / F19: the count a yes to an add-on offer takes (``count_with_yes``)."""

from __future__ import annotations

import pytest

from bot.domain.quantities import count_with_yes


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("yes pls, make it two", 2),
        ("yeah add two", 2),
        ("yes 2 of those", 2),
        ("sure, two please", 2),
        ("ok make that 3", 3),
        ("yep, throw in two", 2),
        ("yes", None),  # no count: one, as offered
        ("yes double it", None),  # not a count
        ("yes, the 256 one", None),  # a pick by name
        ("yes and 2 mugs", None),  # names more: read as usual
        ("yes, one less", None),
        ("make it two", None),  # no yes: which item is asked
    ],
)
def test_a_yes_to_an_offer_takes_the_count_said(text: str, count: int | None) -> None:
    assert count_with_yes(text) == count
