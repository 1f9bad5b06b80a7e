"""The clause-level reading shared by every reader: courtesy, refusals, kept things."""

from __future__ import annotations

import pytest

from bot.domain.language.en_clauses import (
    Stance,
    asked_text,
    clauses,
    keeps,
    kept,
    refused,
    refuses,
    without_courtesy,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 mugs thx", "2 mugs"),
        ("2 mugs pls :)", "2 mugs"),
        ("2 mugs ty!", "2 mugs"),
        ("please add 2 mugs", "add 2 mugs"),
        ("add a tripod, thank you so much", "add a tripod, thank you so much"),
        ("add a tripod thanks a lot!!", "add a tripod"),
        ("thanks!", "thanks!"),
        ("remove the mug plz 🙏", "remove the mug"),
    ],
)
def test_courtesy_at_the_ends_is_not_part_of_the_request(text: str, expected: str) -> None:
    assert without_courtesy(text) == expected


@pytest.mark.parametrize(
    ("text", "asked", "refused_words"),
    [
        ("no pausing, just cancel my sub", "cancel my sub", ["pausing"]),
        ("cancel my sub without pausing", "cancel my sub", ["pausing"]),
        ("cancel not pause", "cancel", ["pause"]),
        ("no downgrade, just cancel", "cancel", ["downgrade"]),
        ("switch to basic instead of pausing", "switch to basic", ["pausing"]),
        ("cancel it, I don’t want to pause", "cancel it", ["pause"]),
        ("not premium", "", ["premium"]),
        ("i dont want care plus", "", ["care plus"]),
        ("no care plus", "", ["care plus"]),
        ("remove the mug not the tripod", "remove the mug", ["tripod"]),
        ("not that, the 256 one", "the 256 one", ["that"]),
    ],
)
def test_a_refused_clause_is_not_asked_for(text: str, asked: str, refused_words: list[str]) -> None:
    assert asked_text(text) == asked
    assert refused(text) == refused_words


@pytest.mark.parametrize(
    "text",
    [
        "the one thats not paused",
        "i'm not sure",
        "why not",
        "is it not in stock?",
        "no rush, add a mug",
        "add a mug and a tripod",
        "lose the care plus",
    ],
)
def test_a_not_inside_a_sentence_refuses_nothing(text: str) -> None:
    assert refused(text) == []
    assert all(c.stance is Stance.ASK for c in clauses(text))


@pytest.mark.parametrize(
    ("text", "kept_words", "asked"),
    [
        ("i'll keep the tripod, ditch the mugs", ["the tripod"], "ditch the mugs"),
        ("keep the tripod pls", ["the tripod"], ""),
        ("the tripod stays, remove the mugs", ["the tripod"], "remove the mugs"),
        ("remove the mugs but keep the tripod", ["the tripod"], "remove the mugs"),
        ("ditch the mugs and keep the tripod", ["the tripod"], "ditch the mugs"),
        ("leave the tripod, lose the mugs", ["the tripod"], "lose the mugs"),
    ],
)
def test_a_kept_thing_is_never_part_of_the_request(
    text: str, kept_words: list[str], asked: str
) -> None:
    assert kept(text) == kept_words
    assert asked_text(text) == asked


def test_option_words_are_compared_by_stem() -> None:
    assert refuses("no pausing, just cancel", ("pause",))
    assert refuses("without the paused plan", ("pause",))
    assert not refuses("no pausing, just cancel", ("cancel",))
    assert refuses("not premium", ("care", "premium"))
    assert keeps("keep the tripods", ("tripod",))
    assert not keeps("ditch the tripods", ("tripod",))


def test_an_empty_message_has_no_clauses() -> None:
    assert clauses("") == []
    assert asked_text("  ") == ""


@pytest.mark.parametrize("text", ["ok thanks", "ok thx!", "okay ty", "cool, thank you", "k thx"])
def test_courtesy_after_an_acknowledgement_stays_part_of_it(text: str) -> None:
    assert without_courtesy(text) == text


@pytest.mark.parametrize(
    ("text", "answer"), [("yes please", "yes"), ("no thanks", "no"), ("yep pls 👍", "yep")]
)
def test_courtesy_after_a_yes_or_no_is_not_part_of_it(text: str, answer: str) -> None:
    assert without_courtesy(text) == answer


@pytest.mark.parametrize(
    "text", ["only keep the tripod", "just keep the tripod pls", "keep only the tripod"]
)
def test_only_keep_is_a_request_to_remove_the_rest(text: str) -> None:
    assert kept(text) == []
    assert asked_text(text) != ""
