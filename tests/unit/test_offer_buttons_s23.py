"""Issue 12 (T11/S8): offer buttons name their offer — building and reading the payload.

The payload must be Rasa's ``/intent{json}`` form, read back by Rasa's own parser with the
``offer_id`` entity kept (it is declared in ``domain.yml``), and every offer response in the
domain must fill it from the ``offer_id`` value the actions send.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.interpolator import interpolate
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from actions.history import restarted, started_anew
from bot.domain.buttons import parse_payload
from bot.domain.dialogue import Answer, read_answer
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import (
    MAX_ID_DIGITS,
    OFFER_ENTITY,
    TELEGRAM_CALLBACK_LIMIT,
    cart_offer_buttons,
    named_offer,
    offer_id_of,
    offer_payload,
    yes_no,
)

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FILE = ROOT / "domain.yml"
OFFER_RESPONSES = (
    "utter_offer_addon",
    "utter_offer_upgrade",
    "utter_offer_downsell",
    "utter_offer_retention_plan",
    "utter_offer_retention_pause",
    "utter_offer_retention_discount",
)


def test_the_payload_is_compact_rasa_syntax() -> None:
    assert offer_payload("affirm", 17) == '/affirm{"offer_id":"17"}'
    assert offer_payload("deny", 3) == '/deny{"offer_id":"3"}'
    assert parse_payload(offer_payload("affirm", 17)) == ("affirm", {"offer_id": "17"})


def test_the_longest_id_stays_within_telegrams_callback_limit() -> None:
    biggest = int("9" * MAX_ID_DIGITS)
    for intent in ("affirm", "deny"):
        assert len(offer_payload(intent, biggest).encode()) <= TELEGRAM_CALLBACK_LIMIT


def test_rasa_reads_the_offer_id_entity_from_the_payload() -> None:
    domain = Domain.load(str(DOMAIN_FILE))
    assert OFFER_ENTITY in domain.entities  # else Rasa drops it from the payload

    message = YAMLStoryReader.unpack_regex_message(
        Message(data={"text": offer_payload("deny", 42)}), domain
    )

    assert message.get("intent")["name"] == "deny"
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [("offer_id", "42")]


def test_the_offer_id_never_steers_the_policy() -> None:
    domain = Domain.load(str(DOMAIN_FILE))
    for intent in ("affirm", "deny"):  # influence_conversation: false
        assert OFFER_ENTITY not in domain.intent_config(intent)["used_entities"]
        assert "quantity" in domain.intent_config(intent)["used_entities"]


@pytest.mark.parametrize("response", OFFER_RESPONSES)
def test_every_offer_response_fills_its_buttons_with_the_offer_id(response: str) -> None:
    variants = yaml.safe_load(DOMAIN_FILE.read_text())["responses"][response]

    filled = interpolate(variants, {"offer_id": "17", "name_plain": "X", "plan_plain": "Y",
                                    "price": "$1.00"})  # fmt: skip

    payloads = [b["payload"] for v in filled for b in _buttons(v)]
    answers = [p for p in payloads if p.startswith(("/affirm", "/deny"))]
    assert answers, payloads
    assert all(parse_payload(p)[1] == {"offer_id": "17"} for p in answers), answers
    assert "/affirm" not in payloads and "/deny" not in payloads  # never bare


def _buttons(node: object) -> list[dict]:
    """Every button dict anywhere in a response variant (text buttons, the widget card)."""
    if isinstance(node, dict):
        own = node.get("buttons") if isinstance(node.get("buttons"), list) else []
        return [*own, *(b for v in node.values() if v is not own for b in _buttons(v))]
    if isinstance(node, list):
        return [b for item in node for b in _buttons(item)]
    return []


@pytest.mark.parametrize(
    ("entities", "named", "offer_id"),
    [
        ({"offer_id": "17"}, "17", 17),
        ({"offer_id": " 17 "}, "17", 17),
        ({"offer_id": "abc"}, "abc", None),
        ({"offer_id": "-3"}, "-3", None),
        ({"offer_id": "1" * (MAX_ID_DIGITS + 1)}, "1" * (MAX_ID_DIGITS + 1), None),
        ({"offer_id": "١٢"}, "١٢", None),  # Arabic-Indic digits: not an id of ours
        ({"quantity": "2"}, None, None),
    ],
)
def test_reading_the_pressed_offer_id(entities, named, offer_id) -> None:
    assert named_offer(entities) == named
    if named is not None:
        assert offer_id_of(named) == offer_id


def test_each_offer_kind_gets_its_own_titles() -> None:
    assert cart_offer_buttons(OfferKind.ADDON, 5, "Case") == (
        ("Yes, add it", '/affirm{"offer_id":"5"}'),
        ("No thanks", '/deny{"offer_id":"5"}'),
    )
    assert [t for t, _ in cart_offer_buttons(OfferKind.UPSELL, 5, "Phone")] == [
        "Yes, swap it",
        "No, keep mine",
    ]
    assert [t for t, _ in cart_offer_buttons(OfferKind.DOWNSELL, 5, "Phone 128")] == [
        "Switch to Phone 128",
        "Just remove it",
    ]
    assert yes_no(9, "A", "B")[1] == ("B", '/deny{"offer_id":"9"}')


@pytest.mark.parametrize(
    "text",
    ["what is it exactly?", "what's that?", "whats that", "what exactly is that one?",
     "what is this exactly", "what's that again?"],
)  # fmt: skip
def test_what_is_it_while_an_offer_is_open_is_a_question_about_it(text: str) -> None:
    for intent in ("nlu_fallback", "ask_cart", "out_of_scope"):
        assert read_answer(OfferKind.ADDON, intent, text) is Answer.DETAIL, (intent, text)


@pytest.mark.parametrize("text", ["what's that in my cart?", "what is the total", "what's new"])
def test_other_what_questions_are_not_about_the_offer(text: str) -> None:
    assert read_answer(OfferKind.ADDON, "ask_cart", text) is Answer.NONE


def _tracker(events: list[dict]):
    from rasa_sdk import Tracker

    return Tracker("c", {}, {}, events, False, None, {}, "action_listen")


def test_a_greeting_is_small_talk_a_restart_is_a_fresh_start() -> None:
    ours = {"event": "action", "name": "action_add_item"}
    greeted = [ours, {"event": "user"}, {"event": "action", "name": "utter_greet"}]
    restart = [ours, {"event": "restart"}, {"event": "action", "name": "action_session_start"}]

    assert started_anew(_tracker(greeted)) and not restarted(_tracker(greeted))
    assert started_anew(_tracker(restart)) and restarted(_tracker(restart))
    assert not restarted(_tracker([ours, {"event": "user"}]))
