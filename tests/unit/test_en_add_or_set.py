"""A verbless count of a product, and the typed answers to "add more, or make it N?" (s27)."""

from __future__ import annotations

import pytest

from bot.chat.turns import typed_text
from bot.domain.language.en_add_or_set import Answer, Choice, read_answer, verbless_count
from bot.domain.language.en_clauses import asked_text, kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 mugs", (2, "mugs")),
        ("two travel tripods", (2, "travel tripods")),
        ("mugs x2", (2, "mugs")),
        ("3x tripod", (3, "tripod")),
        ("a couple of mugs", (2, "mugs")),
    ],
)
def test_a_count_and_a_name_alone_is_verbless(text: str, expected: tuple[int, str]) -> None:
    assert verbless_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "add 2 mugs",
        "2 more mugs",
        "make it 2 mugs",
        "how about 2 mugs?",
        "2",
        "mugs",
        "2 mugs, 1 tripod",
        "1.5 mugs",
        "0 mugs",
        "i want 2 mugs",
        "/add_item",
    ],
)
def test_a_verb_a_relative_amount_or_no_count_is_not_verbless(text: str) -> None:
    assert verbless_count(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", Answer(Choice.ADD, None)),
        ("yes please", Answer(Choice.ADD, None)),
        ("sure", Answer(Choice.ADD, None)),
        ("add them", Answer(Choice.ADD, None)),
        ("add 2 more", Answer(Choice.ADD, 2)),
        ("3 more", Answer(Choice.ADD, 3)),
        ("make it 2", Answer(Choice.SET, 2)),
        ("set it to 2", Answer(Choice.SET, 2)),
        ("total 2", Answer(Choice.SET, 2)),
        ("just 2", Answer(Choice.SET, 2)),
        ("2 in total", Answer(Choice.SET, 2)),
        ("3 in all", Answer(Choice.SET, 3)),
        ("yes, make it 2", Answer(Choice.SET, 2)),
        ("no, make it 2", Answer(Choice.SET, 2)),
        ("not more, just 2", Answer(Choice.SET, 2)),
    ],
)
def test_a_typed_answer_picks_its_option(text: str, expected: Answer) -> None:
    assert read_answer(typed_text(text)) == expected


@pytest.mark.parametrize(
    "text", ["no", "hmm", "what?", "2", "make it 1.5", "add 2 more, no, make it 2", "", "/deny"]
)
def test_any_other_answer_picks_nothing(text: str) -> None:
    assert read_answer(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 mugs thx", "2 mugs"),
        ("3 tripods ty 🙏", "3 tripods"),
        ("/affirm", "/affirm"),
        ("yes please", "yes"),
        ("ok thanks", "ok thanks"),  # a thank-you, never a bare "ok" (a yes)
        ("cool ty", "cool ty"),
    ],
)
def test_the_turns_text_is_read_without_courtesy(text: str, expected: str) -> None:
    assert typed_text(text) == expected


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("keep the tripod and ditch the rest pls", "ditch the rest"),
        ("keep the tripod and remove the mugs", "remove the mugs"),
        ("keep the tripod and get rid of the mugs", "get rid of the mugs"),
    ],
)
def test_and_before_a_removal_verb_starts_a_clause(text: str, asked: str) -> None:
    assert kept(text) == ["the tripod"]
    assert asked_text(text) == asked
