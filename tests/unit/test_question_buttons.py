"""Question button payloads (issue 12, C5–C7): built within bounds, garbage read as nothing."""

from __future__ import annotations

import pytest

from bot.domain.buttons import parse_payload
from bot.domain.question_buttons import (
    MAX_PAYLOAD_BYTES,
    named_question,
    numbered,
    question_payload,
    question_ref,
)
from bot.domain.question_buttons import QUESTION_ENTITY as ENTITY

INTENTS = (
    "affirm",
    "deny",
    "choose_option",
    "add_item",
    "remove_item",
    "change_quantity",
    "swap_item",
    "pause_subscription",
)


def test_a_payload_names_the_question_and_button_and_keeps_the_intent() -> None:
    payload = question_payload("affirm", 42, 1)

    assert payload == '/affirm{"question_id":"42.1"}'
    assert parse_payload(payload) == ("affirm", {ENTITY: "42.1"})
    assert question_ref(named_question(parse_payload(payload)[1])) == (42, 1)


@pytest.mark.parametrize("intent", INTENTS)
def test_every_question_intent_fits_with_the_largest_id(intent: str) -> None:
    payload = question_payload(intent, 9_999_999_999, 99)

    assert payload is not None
    assert len(payload.encode()) <= MAX_PAYLOAD_BYTES < 64  # Telegram's callback_data limit


@pytest.mark.parametrize(
    ("intent", "question_id", "button"),
    [
        ("affirm", 0, 1),
        ("affirm", -3, 1),
        ("affirm", 10**10, 1),
        ("affirm", 42, 0),
        ("affirm", 42, 100),
        ("a_very_long_intent_name_indeed", 42, 1),
        ('affirm"}', 42, 1),
    ],
)
def test_out_of_bounds_payloads_are_not_built(intent: str, question_id: int, button: int) -> None:
    assert question_payload(intent, question_id, button) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "42",
        "42.",
        ".1",
        "42.1.1",
        "0.1",
        "42.0",
        "42.100",
        "-42.1",
        "12345678901.1",
        "9" * 400 + ".1",
        "４２.１",
        "42.1 OR 1=1",
        "abc.def",
        " 42 . 1 ",
        None,
    ],
)
def test_garbage_ids_name_no_question(text: str | None) -> None:
    assert question_ref(text) is None


def test_an_id_with_outer_spaces_is_still_read() -> None:
    assert question_ref(" 7.2 ") == (7, 2)


def test_named_question_reads_the_entity_only() -> None:
    assert named_question({"offer_id": "17"}) is None
    assert named_question({ENTITY: "17.1"}) == "17.1"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("/affirm", True),
        ("/deny", True),
        ('/choose_option{"product": "Mug"}', True),
        ('/remove_item{"product": "Mug"}', True),
        ('/affirm{"offer_id":"17"}', False),  # an offer's: it names its offer
        ('/affirm{"question_id":"17.1"}', False),  # already numbered
        ("/cancel_subscription", False),  # a cancellation is always one tap away
        ("/cancel_anyway", False),
        ("not a payload", False),
    ],
)
def test_which_buttons_are_numbered(payload: str, expected: bool) -> None:
    assert numbered(payload) is expected
