"""Rasa's own command line, with one runtime fix for custom-action latency.

``python -m bot.rasa_server run ...`` is ``rasa run ...`` after :func:`install_fixes`.

Rasa 3.6.21 validates every action-server response with ``jsonschema.validate(result,
spec)``. That call first re-checks the (constant) ``spec`` against the JSON-Schema
meta-schema, on every action call: profiled under load it was ~40 % of Rasa's time per
message for this assistant, whose every turn runs a custom action. The fix compiles a
validator for the spec once and validates each response with it — the same check, the same
error message, without re-validating the schema. ``bench/chat_latency.py`` measures it.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Validator:
    """A validator for Rasa's action-server response format, built (and checked) once."""
    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


def validate_action_result(_: RemoteAction, result: dict[str, Any]) -> bool:
    """Validate an action-server response exactly as Rasa does, with the cached validator.

    Raises:
        ValidationError: The response does not follow Rasa's format (Rasa's own message).
    """
    try:
        action_response_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise


def install_fixes() -> None:
    """Apply the fix to this Python process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def main() -> None:
    """Run Rasa's command line with the fix installed."""
    from rasa.__main__ import main as rasa_main

    from bot.rate_limits import settings_or_exit

    settings_or_exit()  # a bad SHOP_LIMIT_* stops Rasa now, not at the first chat turn
    install_fixes()
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
