"""Rasa's own command line, with one runtime fix for custom-action latency.

``python -m bot.rasa_server run ...`` is ``rasa run ...`` after :func:`install_fixes`.

Rasa 3.6.21 validates every action-server response with ``jsonschema.validate(result,
spec)``. That call first re-checks the (constant) ``spec`` against the JSON-Schema
meta-schema, on every action call: profiled under load it was ~40 % of Rasa's time per
message for this assistant, whose every turn runs a custom action. The fix compiles a
validator for the spec once and validates each response with it — the same check, the same
error message, without re-validating the schema. ``bench/chat_latency.py`` measures it.

A second fix caps the request body Rasa's public port reads (review s21 S17): Sanic's
default is 100 MB per request, parsed in full before any channel check or rate limit.
:func:`install_fixes` sets ``REQUEST_MAX_SIZE`` on the app Rasa builds to
``RASA_MAX_REQUEST_BYTES`` (default 256 KB, :data:`DEFAULT_MAX_REQUEST_BYTES`); a larger
body is answered 413 before it is read.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

import rasa.core.run
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


DEFAULT_MAX_REQUEST_BYTES = 256 * 1024
"""The largest request body Rasa reads: a chat message is at most a few KB (the channels
cut a message at their length limit), a tracker sent to Rasa's HTTP API far less than this."""
MIN_MAX_REQUEST_BYTES = 4 * 1024
MAX_REQUEST_BYTES_VAR = "RASA_MAX_REQUEST_BYTES"


class RequestLimitError(ValueError):
    """``RASA_MAX_REQUEST_BYTES`` is not a whole number of bytes of at least 4096."""


def max_request_bytes(env: Mapping[str, str] | None = None) -> int:
    """The request-body limit for Rasa's port from ``RASA_MAX_REQUEST_BYTES``.

    Raises:
        RequestLimitError: The value is not a whole number of at least 4096.
    """
    raw = (os.environ if env is None else env).get(MAX_REQUEST_BYTES_VAR, "").strip()
    if not raw:
        return DEFAULT_MAX_REQUEST_BYTES
    if not raw.isdigit() or int(raw) < MIN_MAX_REQUEST_BYTES:
        raise RequestLimitError(
            f"{MAX_REQUEST_BYTES_VAR}={raw!r}: a whole number of bytes, at least "
            f"{MIN_MAX_REQUEST_BYTES}"
        )
    return int(raw)


def limited(configure_app: Callable[..., Any], limit: int) -> Callable[..., Any]:
    """Wrap Rasa's ``configure_app`` so the app it builds reads at most ``limit`` bytes."""
    if getattr(configure_app, "request_limit", None) is not None:
        configure_app = configure_app.__wrapped__  # already wrapped: set the new limit

    @functools.wraps(configure_app)
    def configure(*args: Any, **kwargs: Any) -> Any:
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = limit
        return app

    configure.request_limit = limit  # type: ignore[attr-defined]
    return configure


def install_fixes(env: Mapping[str, str] | None = None) -> None:
    """Apply the fixes to this Python process (idempotent).

    Raises:
        RequestLimitError: ``RASA_MAX_REQUEST_BYTES`` is set to no valid limit.
    """
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    rasa.core.run.configure_app = limited(rasa.core.run.configure_app, max_request_bytes(env))


def main() -> None:
    """Run Rasa's command line with the fix installed."""
    from rasa.__main__ import main as rasa_main

    from bot.rate_limits import settings_or_exit

    settings_or_exit()  # a bad SHOP_LIMIT_* stops Rasa now, not at the first chat turn
    try:
        install_fixes()
    except RequestLimitError as error:
        raise SystemExit(str(error)) from None
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
