"""The cached action-response validator behaves exactly like Rasa's own check."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot.rasa_server import action_response_validator, validate_action_result

GOOD = {
    "events": [{"event": "slot", "name": "shop_token", "value": "t"}],
    "responses": [{"response": "utter_added", "name": "Mug", "quantity": "1"}],
}
BAD = [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": 3}]


def test_valid_response_passes_both_checks() -> None:
    validate(GOOD, RemoteAction.action_response_format_spec())  # Rasa's way
    assert validate_action_result(object.__new__(RemoteAction), GOOD) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_response_fails_both_checks_with_rasas_message(result: dict) -> None:
    with pytest.raises(ValidationError):
        validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate_action_result(object.__new__(RemoteAction), result)


def test_the_validator_is_built_once() -> None:
    assert action_response_validator() is action_response_validator()
