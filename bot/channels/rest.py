"""Rasa's REST channel, made strict: a named sender, typed fields, no silent failures.

Rasa 3.6.21's :class:`~rasa.core.channels.rest.RestInput` puts every message without a
``sender`` into one shared conversation (``default``), lets the client pick the
``input_channel`` (so a REST caller could pose as a Telegram user), passes metadata of any
type on (a string fails deep inside Rasa and the answer is ``200 []``), and answers
``200 []`` when a turn fails (a lock timeout, an error). :class:`GuardedRestInput` keeps
the same URL and JSON, and:

* answers 400 ``{"error": ...}`` for a missing or blank ``sender``, a ``message`` that is
  not a string, or ``metadata`` that is not an object;
* always records the channel as ``rest``;
* keys a retry by its message id, given as ``metadata.message_id`` or as a top-level
  ``message_id`` (:func:`message_id_of`): a cart change applies once per id; both given and
  different is refused (400) rather than guessed;
* answers a text over 1,000 characters with "That's a long message — could you send it in
  a sentence or two?" without parsing it (:mod:`bot.channels.length`), and refuses one
  over 100,000 characters (400);
* swaps the shopper's token for a conversation-bound grant before Rasa stores the message
  (:mod:`bot.channels.guard`);
* answers a turn over its conversation's or its client's rate limit with 429, ``Retry-After``
  and the bot message :data:`~bot.channels.throttle.SLOW_DOWN`; the turn never reaches
  Rasa (:mod:`bot.channels.throttle`);
* answers 503 with ``Retry-After`` when the turn fails, and an apology when a turn ends
  without any bot message, never ``200 []`` — except ``/restart``, which Rasa carries out
  without a word: it gets "Okay, let's start over." (:data:`RESTARTED`).

Use it in ``credentials.yml`` as ``bot.channels.rest.GuardedRestInput:``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import guarded
from bot.channels.throttle import SLOW_DOWN, sanic_client, turn_verdict

log = logging.getLogger(__name__)
MAX_SENDER = 128
# A text up to this size gets an answer (over bot.channels.length's limit: "That's a long
# message"); beyond it the request itself is refused (400), so no giant body is processed.
MAX_TEXT = 100_000
RETRY_AFTER_SECONDS = 2
APOLOGY = "Sorry, something went wrong on my side and I couldn't finish that. Please say it again."

RESTARTED = "Okay, let's start over."
"""The answer to ``/restart``: Rasa's restart ends without a bot message (no ``utter_restart``)."""
RESTART = re.compile(r"\s*/restart\b(?!_)")


def is_restart(text: str) -> bool:
    """Whether the message is Rasa's ``/restart`` command (optionally with entities)."""
    return RESTART.match(text) is not None


MESSAGE_ID = "message_id"
"""The key a client's message id is sent under: top-level, or in ``metadata``."""
MAX_MESSAGE_ID = 128


class BadRequest(ValueError):
    """A REST message the channel refuses (400)."""


def _error(status: int, message: str, **headers: str) -> HTTPResponse:
    return response.json({"error": message}, status=status, headers=headers or None)


def parse_message(body: Any) -> tuple[str, str, dict[str, Any]]:
    """Check a REST message body.

    Args:
        body: The decoded JSON body.

    Returns:
        ``(sender, text, metadata)``; a top-level ``message_id`` is put in the metadata,
        where the action server reads a retry's key.

    Raises:
        BadRequest: The body is not an object; ``sender`` is missing, blank, not a string or
            longer than 128 characters; ``message`` is not a string (or too long);
            ``metadata`` is present but not an object; a top-level ``message_id`` is odd
            or differs from ``metadata.message_id``.
    """
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest("'sender' is required: a non-empty string naming the conversation")
    if len(sender) > MAX_SENDER:
        raise BadRequest(f"'sender' must be at most {MAX_SENDER} characters")
    text = body.get("message")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise BadRequest(f"'message' must be a string of at most {MAX_TEXT} characters")
    metadata = body.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be a JSON object")
    message_id = message_id_of(body, metadata)
    if message_id is not None:
        metadata = {**metadata, MESSAGE_ID: message_id}
    return sender, text, metadata


def message_id_of(body: dict[str, Any], metadata: dict[str, Any]) -> str | int | None:
    """The message id a retry is keyed by: the top-level ``message_id``, else the metadata's.

    A client may send it either way (``{"message_id": "m-1", ...}`` or ``{"metadata":
    {"message_id": "m-1"}}``). Sent both ways, the two must be the same: a retry keyed by one
    and stored under the other would run the turn twice, so differing ids are refused rather
    than one picked. A top-level id must be a string or an integer of at most 128
    characters (the metadata's is checked, and an odd one dropped, by
    :func:`bot.channels.guard.exchange_token`, as before).

    Raises:
        BadRequest: The top-level id has the wrong type or length, or differs from the
            metadata's.
    """
    if MESSAGE_ID not in body or body[MESSAGE_ID] is None:
        return None
    given = body[MESSAGE_ID]
    if isinstance(given, bool) or not isinstance(given, (str, int)):
        raise BadRequest("'message_id' must be a string or an integer")
    if not str(given).strip() or len(str(given)) > MAX_MESSAGE_ID:
        raise BadRequest(f"'message_id' must be 1 to {MAX_MESSAGE_ID} characters")
    inner = metadata.get(MESSAGE_ID)
    if inner is not None and str(inner) != str(given):
        raise BadRequest("'message_id' and 'metadata.message_id' differ; send one id")
    return given


class GuardedRestInput(RestInput):
    """Rasa's REST channel (same URL and JSON), strict about input and honest about failure."""

    @classmethod
    def name(cls) -> str:
        """The channel name (and URL part): ``rest``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The ``/webhooks/rest/`` routes: a health check and the strict webhook."""
        handle = guarded(on_new_message)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_message(_json(request))
            except BadRequest as error:
                return _error(400, str(error))
            verdict = await turn_verdict(sender, sanic_client(request))
            if not verdict.allowed:
                return response.json(
                    [{"recipient_id": sender, "text": SLOW_DOWN}],
                    status=429,
                    headers={"Retry-After": str(verdict.retry_after)},
                )
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel="rest", metadata=metadata)
            try:
                await handle(message)
            except (asyncio.CancelledError, Exception) as error:  # noqa: BLE001 (answered)
                log.warning("a REST turn failed (%s); answered 503", type(error).__name__)
                retry = str(RETRY_AFTER_SECONDS)
                return _error(
                    503, "the assistant could not answer; retry", **{"Retry-After": retry}
                )
            if not collector.messages and is_restart(text):
                return response.json([{"recipient_id": sender, "text": RESTARTED}])
            if not collector.messages:
                log.warning("a REST turn ended without a bot message; answered with an apology")
                return response.json([{"recipient_id": sender, "text": APOLOGY}])
            return response.json(collector.messages)

        return webhook


def _json(request: Request) -> Any:
    """The request's JSON body, or ``None`` when it is not valid JSON."""
    try:
        return request.json
    except Exception:  # noqa: BLE001 (Sanic raises its own types for a malformed body)
        return None
