"""The cached action-response validator behaves exactly like Rasa's own check."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot.rasa_server import (
    DEFAULT_MAX_REQUEST_BYTES,
    RequestLimitError,
    action_response_validator,
    install_fixes,
    max_request_bytes,
    validate_action_result,
)

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


# --- the request-size limit on Rasa's port (review s21 S17) --------------------------


def test_request_limit_defaults_to_256_kb_and_reads_the_setting() -> None:
    assert max_request_bytes({}) == DEFAULT_MAX_REQUEST_BYTES == 262144
    assert max_request_bytes({"RASA_MAX_REQUEST_BYTES": "65536"}) == 65536


@pytest.mark.parametrize("raw", ["-1", "1e6", "abc", "100"])
def test_a_bad_request_limit_is_refused(raw: str) -> None:
    with pytest.raises(RequestLimitError):
        max_request_bytes({"RASA_MAX_REQUEST_BYTES": raw})


def test_the_app_rasa_builds_gets_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import rasa.core.run

    monkeypatch.setattr(rasa.core.run, "configure_app", rasa.core.run.configure_app)
    install_fixes({"RASA_MAX_REQUEST_BYTES": "8192"})
    install_fixes({"RASA_MAX_REQUEST_BYTES": "65536"})  # again: the latest setting wins

    app = rasa.core.run.configure_app(input_channels=[], enable_api=False)

    assert app.config.REQUEST_MAX_SIZE == 65536
