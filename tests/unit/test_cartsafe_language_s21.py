"""Review s21 language cues (pure): purchase questions, slang removals, unit counts."""

from __future__ import annotations

import pytest

from bot.domain.language.en_cues import mixes_add_and_remove, says_add, says_remove
from bot.domain.language.en_questions import Topic, purchase_question
from bot.domain.language.en_words import content, drop_containers
from bot.domain.quantities import main_phrase


@pytest.mark.parametrize(
    ("text", "topic", "what"),
    [
        ("can you give me a discount if I buy 10 mugs", Topic.DISCOUNT, "10 mugs"),
        ("could I get a better price if i buy 3 tripods", Topic.DISCOUNT, "3 tripods"),
        ("can i get a deal if i take 4 mouse pads?", Topic.DISCOUNT, "4 mouse pads"),
        ("would I get free shipping if I added 2 mugs?", Topic.SHIPPING, "2 mugs"),
        ("how much would 3 tripods cost?", Topic.PRICE, "3 tripods"),
        ("what would two ceramic mugs come to", Topic.PRICE, "two ceramic mugs"),
        ("whats the total if i add a tripod", Topic.PRICE, "a tripod"),
        ("if I order 5 filters will they ship together?", Topic.OTHER, "5 filters"),
    ],
)
def test_a_purchase_question_is_read_with_its_topic(text, topic, what) -> None:
    question = purchase_question(text)

    assert question is not None
    assert (question.topic, question.what) == (topic, what)


@pytest.mark.parametrize(
    "text", ["can I get 10 mugs", "add 2 mugs", "how much is it", "add a tripod if you can"]
)
def test_a_request_is_no_purchase_question(text) -> None:
    assert purchase_question(text) is None


@pytest.mark.parametrize(
    "text",
    ["scrap the hdmi cable", "ditch the mugs", "nix the mouse pad", "bin the tripod",
     "get rid of the mugs", "chuck out the filters", "lose the case", "throw the mug away"],
)  # fmt: skip
def test_removal_slang_is_a_removal_and_never_an_add(text) -> None:
    assert says_remove(text)
    assert not says_add(text)
    assert not mixes_add_and_remove(text)


@pytest.mark.parametrize("text", ["toss in a mug", "throw in a mug", "get 2 mugs"])
def test_add_slang_stays_an_add(text) -> None:
    assert says_add(text) and not says_remove(text)


def test_removal_slang_is_no_product_word() -> None:
    assert content("scrap the hdmi cable") == "hdmi cable"
    assert content("chuck out the filters") == "filters"


@pytest.mark.parametrize(
    ("text", "quantity", "rest"),
    [
        ("add 3 packs of coffee filters", 3, "add 3 coffee filters"),
        ("2 bags of espresso beans", 2, "2 espresso beans"),
        ("4 boxes of descaling tablets", 4, "4 descaling tablets"),
        ("3 pairs of earbuds", 3, "3 earbuds"),
    ],
)
def test_a_count_of_containers_is_the_quantity(text, quantity, rest) -> None:
    phrase = main_phrase(text)

    assert phrase is not None and phrase.value == quantity
    assert drop_containers(text) == rest


def test_a_name_with_a_unit_word_keeps_it() -> None:
    assert drop_containers("2 camera shoulder bags") == "2 camera shoulder bags"
