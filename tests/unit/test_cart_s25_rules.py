"""Issue 12, s25: the pure rules behind the cart findings (no store, no model)."""

from __future__ import annotations

import pytest

from bot.chat.cart_requests import CartRequest, queued_text, read_parts
from bot.domain.language import ENGLISH
from bot.domain.language.en_offer_facts import (
    asks_delivery_date,
    asks_to_swap_back,
    fit_target,
    offer_fact_question,
)
from bot.domain.language.en_subscription_words import which_line_answer
from bot.domain.language.en_support import says_undo
from bot.domain.quantities import Direction, contradicting, count_after_yes

# --- H4: every joint splits a several-item add -------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("add a hub, a mouse & a pad", 3),
        ("add a mug + a tripod", 2),
        ("add a mug+a tripod+a hub", 3),
        ("add a mug along with a tripod", 2),
        ("a mug together with a tripod", 2),
        ("a mug plus a tripod and a hub", 3),
        ("2 mugs as well as 3 tripods", 2),
        ("add a mug", 0),  # one product: no parts
    ],
)
def test_every_joint_splits_the_items(text: str, count: int) -> None:
    assert len(read_parts(text)) == count


def test_a_waiting_part_keeps_its_count_and_words() -> None:
    part = CartRequest("pads", "2", Direction.ABSOLUTE, " 2 pads")
    assert queued_text(part) == "2 pads"
    assert queued_text(CartRequest("pad", "a", Direction.ABSOLUTE, "a pad")) == "a pad"


# --- H5: two counts for one product ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "counts"),
    [
        ("add 3 mugs x2", "Ceramic Mug", (3, 2)),
        ("3 x mug x 2", "Ceramic Mug", (3, 2)),
        ("a couple of mugs x3", "Ceramic Mug", (2, 3)),
        ("add two mugs x2", "Ceramic Mug", ()),  # the same count twice
        ("add 2 256 gb sd cards", "256 GB SD Card", ()),  # 256 is the name's
        ("add 2 aria phone 128", "Aria Phone 128 GB", ()),
        ("add 2 usb-c hub 7-in-1", "USB-C Hub 7-in-1", ()),
        ("add 2 espresso beans 1 kg", "Espresso Beans 1 kg", ()),
        ("one more mug x2", "Ceramic Mug", ()),  # a relative count is no second count
        ("add a mug", "Ceramic Mug", ()),
    ],
)
def test_two_different_counts_for_one_product_are_found(text, name, counts) -> None:
    assert contradicting(text, name) == counts


# --- H6: answers to the bot's own questions ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("yes but only one", 1),
        ("ok, just 2 please", 2),
        ("Yes, but just 1 of them", 1),
        ("sure, make it 3", 3),
        ("yes", None),
        ("yes please add it", None),
        ("yes the 256 one", None),  # a pick by name
        ("no, only one", None),  # not a yes
        ("yeah one is enough", None),  # other words: not read as a count
    ],
)
def test_a_yes_with_a_count_changes_the_count(text: str, count: int | None) -> None:
    assert count_after_yes(text) == count


@pytest.mark.parametrize(
    ("text", "index"),
    [("option 2", 1), ("number two", 1), ("option one", 0), ("#2", 1), ("choice 1", 0)],
)
def test_an_option_number_is_a_pick(text: str, index: int) -> None:
    assert ENGLISH.ordinal(text, 2) == index


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("the second one", 1),
        ("the last one", 1),
        ("the first one", 0),
        ("the cheaper one", 0),
        ("the cheapest", 0),
        ("the more expensive one", 1),
        ("the pricier one", 1),
        ("yes", -1),
    ],
)
def test_the_which_line_question_is_answered_by_position_and_price(text, picked) -> None:
    prices = (1900, 69900)  # Clear Phone Case, Aria Phone 128 GB
    assert which_line_answer(text, "Clear Phone Case", "Aria Phone 128 GB", prices) == picked


def test_the_cheaper_one_picks_nothing_without_prices() -> None:
    assert which_line_answer("the cheaper one", "Clear Phone Case", "Aria Phone 128 GB") is None


# --- delivery dates, offer facts, swap back ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "when will it arrive?",
        "when does my order ship",
        "how long does delivery take?",
        "what is the delivery date",
        "whats the eta",
        "when will my mugs get here",
        "how soon can you deliver",
    ],
)
def test_delivery_date_questions_are_recognised(text: str) -> None:
    assert asks_delivery_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "when do I get free shipping?",
        "do you ship to Canada?",
        "how much is shipping?",
        "when can I check out?",
        "add a mug",
    ],
)
def test_other_questions_are_no_delivery_date_question(text: str) -> None:
    assert not asks_delivery_date(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("does it fit my phone?", "fits"),
        ("will it work with my laptop", "fits"),
        ("is it compatible with the aria?", "fits"),
        ("is it dishwasher safe?", "other"),
        ("what colour is it?", "other"),
        ("how much is it?", None),  # the detail reply answers these
        ("why that one?", None),
        ("what is it exactly?", None),
        ("is there a bigger one?", None),
        ("what else?", None),
        ("yes", None),
        ("add it", None),
    ],
)
def test_questions_about_the_offered_product(text: str, kind: str | None) -> None:
    assert offer_fact_question(text) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("swap it back", True),
        ("switch back please", True),
        ("swap the sd card back", True),
        ("change it back to the 64 gb one", True),
        ("oops, swap them back", True),
        ("undo", False),
        ("put it back", False),
        ("swap the mug for the tripod", False),
    ],
)
def test_swap_back_is_recognised(text: str, expected: bool) -> None:
    assert asks_to_swap_back(text) is expected


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("does it fit my phone?", ["phone"]),
        ("will it work with my laptop?", ["laptop"]),
        ("does it fit?", []),
        ("is it compatible with the aria phones?", ["aria", "phone"]),
    ],
)
def test_what_a_fits_question_names(text: str, target: list[str]) -> None:
    assert fit_target(text) == target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("undo", True),
        ("oops", True),
        ("put it back", True),
        ("changed my mind", True),
        ("can you change it back please", True),
        ("I didn't mean to add that", True),
        ("/undo_change", True),
        ("add 2 mugs", False),
        ("another tripod please", False),
        ("add a backpack", False),
    ],
)
def test_says_undo_needs_a_word_that_takes_something_back(text: str, expected: bool) -> None:
    assert says_undo(text) is expected
