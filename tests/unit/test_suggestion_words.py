"""Another next to a suggestion word asks for a suggestion: never a quantity or an add (R4)."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cues import says_add
from bot.domain.language.en_suggestion_words import asks_something_else, wants_another_suggestion
from bot.domain.quantities import Direction, main_phrase

FURTHER = [
    "and another suggestion?",
    "anything else you'd suggest?",
    "anything else you would recommend",
    "any other ideas?",
    "more recommendations please",
    "what else goes with it?",
    "recommend something else",
    "got another idea?",
    "another good option?",
    "suggest another",
    "any more suggestions?",
    "next suggestion",
]
NOT_FURTHER = [
    "add another mug",
    "another one",
    "one more",
    "the other option",  # an answer to "Did you mean A or B?"
    "the other one",
    "what goes with this?",
    "anything else?",
    "what else is in my cart",
    "what other plan options are there?",  # the plans, not an add-on
    "/ask_suggestion",
]


@pytest.mark.parametrize("text", FURTHER)
def test_a_request_for_a_further_suggestion_is_read_as_one(text: str) -> None:
    assert wants_another_suggestion(text)
    assert main_phrase(text) is None  # no quantity in it


@pytest.mark.parametrize("text", NOT_FURTHER)
def test_other_messages_are_not(text: str) -> None:
    assert not wants_another_suggestion(text)


@pytest.mark.parametrize("text", ["and another suggestion?", "another idea", "more options?"])
def test_another_before_a_suggestion_word_is_no_add(text: str) -> None:
    assert not says_add(text)


@pytest.mark.parametrize("text", ["add another mug", "another one", "another"])
def test_another_alone_is_still_one_more(text: str) -> None:
    phrase = main_phrase(text)
    assert phrase is not None and phrase.kind == Direction.MORE.value and phrase.value == 1


@pytest.mark.parametrize(
    "text",
    ["what else?", "Something else?", "anything else", "and what else do you have?",
     "other options?", "any other options", "something different", "ok, what else then",
     "show me something else"],
)  # fmt: skip
def test_a_bare_what_else_asks_for_something_else(text: str) -> None:
    assert asks_something_else(text)


@pytest.mark.parametrize(
    "text",
    ["what else is in my cart?", "anything else I should know about shipping?", "nothing else",
     "no, nothing else thanks", "add something else", "", None, "/affirm", "what?"],
)  # fmt: skip
def test_longer_questions_and_refusals_are_no_bare_what_else(text: str | None) -> None:
    assert not asks_something_else(text)
