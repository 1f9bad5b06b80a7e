"""English cues that decide whether a message asks for a change (issue 12, s17 defects)."""

from __future__ import annotations

import pytest

from bot.domain.dialogue import Answer, read_answer, retention_choices
from bot.domain.language import ENGLISH
from bot.domain.language.en_requests import (
    clears_cart,
    declined_then,
    describe_days,
    negated_want,
    pause_length,
    product_statement,
    says_farewell,
)
from bot.domain.models import OfferKind
from bot.domain.quantities import Direction, main_phrase, without
from bot.domain.retention import PauseLengthRefused, RetentionPolicy, granted_pause_days


@pytest.mark.parametrize(
    "text",
    [
        "remove everything",
        "empty my cart",
        "clear the cart",
        "please clear my basket",
        "actually, just remove it all",
        "delete all items from my cart",
        "get rid of everything in there",
        "take everything out",
        "can you empty the whole cart?",
        "remove all",
    ],
)
def test_a_bulk_removal_is_recognised(text: str) -> None:
    assert clears_cart(text)


@pytest.mark.parametrize(
    "text",
    [
        "remove all the mugs",
        "remove all of the tripods",
        "clear phone case",
        "is my cart empty?",
        "what's in my cart",
        "remove the mug",
        "add everything you suggested",
    ],
)
def test_a_named_or_other_request_is_no_bulk_removal(text: str) -> None:
    assert not clears_cart(text)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("no, but add a travel tripod", "add a travel tripod"),
        ("No thanks, I want 2 mugs instead", "i want 2 mugs instead"),
        ("nah but give me the mouse pad", "give me the mouse pad"),
        ("nope. add a mug", "add a mug"),
        ("not that one, add the leather case", "add the leather case"),
    ],
)
def test_a_leading_no_then_a_request(text: str, rest: str) -> None:
    assert declined_then(text) == rest


@pytest.mark.parametrize("text", ["no", "no thanks", "no more mugs", "not now", "nothing"])
def test_a_plain_no_has_no_rest(text: str) -> None:
    assert declined_then(text) is None


@pytest.mark.parametrize(
    ("text", "definite", "product"),
    [
        ("I don't need any more mugs", False, "mugs"),
        ("i dont want more mugs", False, "mugs"),
        ("I do not need another tripod", False, "tripod"),
        ("no more mugs please", False, "mugs"),
        ("I don't want the mug anymore", True, "mug"),
        ("I no longer need the tripod", True, "tripod"),
        ("I don't want it", True, ""),
        ("I don't like the mug", False, "mug"),
    ],
)
def test_negated_wants(text: str, definite: bool, product: str) -> None:
    found = negated_want(text)
    assert found is not None
    assert (found.definite, found.product) == (definite, product)


@pytest.mark.parametrize("text", ["remove the mug", "I want 2 mugs", "add a mug, not a cup"])
def test_requests_are_no_negated_wants(text: str) -> None:
    assert negated_want(text) is None


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("mugs are nice", "mugs"),
        ("the tripods look really sturdy", "tripods"),
        ("That ceramic mug is so cute!", "ceramic mug"),
        ("I love the espresso beans", "espresso beans"),
    ],
)
def test_statements_about_products(text: str, about: str) -> None:
    assert product_statement(text) == about


@pytest.mark.parametrize(
    "text",
    [
        "add a mug",
        "are mugs nice?",
        "2 is fine",
        "one mug is enough",
        "this is rubbish",
        "mugs are nice, add two",
        "I want the mug",
    ],
)
def test_requests_questions_and_amounts_are_no_statements(text: str) -> None:
    assert product_statement(text) is None


@pytest.mark.parametrize("text", ["bye", "ok that's all, thanks", "see you later", "I'm done"])
def test_farewells(text: str) -> None:
    assert says_farewell(text)


@pytest.mark.parametrize("text", ["mugs are nice", "add a mug", "later mugs"[6:]])
def test_no_farewell(text: str) -> None:
    assert not says_farewell(text)


@pytest.mark.parametrize(
    ("text", "said", "days"),
    [
        ("pause it for 3 months", "3 months", 90),
        ("can I pause for two weeks?", "two weeks", 14),
        ("skip a month", "a month", 30),
        ("pause for a couple of months", "a couple of months", 60),
        ("pause it for 10 days", "10 days", 10),
        ("pause for a few months", "a few months", None),
        ("pause it for 1.5 months", "1.5 months", None),
        ("pause for half a year", "half a year", None),
    ],
)
def test_pause_lengths(text: str, said: str, days: int | None) -> None:
    assert pause_length(text) == (said, days)


def test_no_pause_length_said() -> None:
    assert pause_length("pause it please") is None


def test_a_pause_is_granted_exactly_or_refused_never_changed() -> None:
    policy = RetentionPolicy()  # default: a month, and at most a month
    assert granted_pause_days(policy, None) == 30
    assert granted_pause_days(policy, ("two weeks", 14)) == 14
    for asked in (("3 months", 90), ("a few months", None), ("0 days", 0)):
        with pytest.raises(PauseLengthRefused) as refused:
            granted_pause_days(policy, asked)
        assert (refused.value.said, refused.value.longest_days) == (asked[0], 30)
    longer = RetentionPolicy(max_pause_days=90)
    assert granted_pause_days(longer, ("3 months", 90)) == 90


def test_describe_days() -> None:
    assert [describe_days(d) for d in (30, 90, 7, 14, 1, 45, 365)] == [
        "a month",
        "3 months",
        "a week",
        "2 weeks",
        "a day",
        "45 days",
        "a year",
    ]


def test_two_retention_options_at_once_are_several() -> None:
    text = "switch to basic and give me the discount too"
    kind = OfferKind.RETENTION_PLAN
    assert retention_choices(kind, text, ["basic"]) == [Answer.DISCOUNT, Answer.SWITCH]
    assert read_answer(kind, "out_of_scope", text, False, ["basic"]) is Answer.SEVERAL
    assert read_answer(kind, "ask_discount_code", "pause it or a discount", False) is (
        Answer.SEVERAL
    )
    one = "I don't want to switch, give me the discount"
    assert read_answer(kind, "ask_discount_code", one, False, ["basic"]) is Answer.DISCOUNT


@pytest.mark.parametrize(
    "text", ["one less", "actually remove that", "just remove them please", "remove it all"]
)
def test_filler_and_reference_words_are_never_product_words(text: str) -> None:
    assert ENGLISH.content(without(text, main_phrase(text))) == ""


def test_one_less_alone_is_a_decrement_of_one() -> None:
    phrase = main_phrase("one fewer")
    assert phrase is not None and (phrase.value, phrase.direction) == (1, Direction.LESS)


@pytest.mark.parametrize(
    ("text", "amount", "rest"),
    [
        ("aria phone 128 x 2", 2, "aria phone 128"),
        ("add the aria phone 256 ×3", 3, "aria phone 256"),
        ("add five 64 gb sd cards", 5, "64 gb sd cards"),
        ("add 2 x mug", 2, "mug"),
    ],
)
def test_a_name_number_then_times_or_a_number_word_then_a_capacity(
    text: str, amount: int, rest: str
) -> None:
    phrase = main_phrase(text)
    assert phrase is not None and phrase.value == amount
    assert ENGLISH.content(without(text, phrase)) == rest
