"""Rasa's public port reads small bodies only (review s21 S17): 413 over the limit."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from bot.rasa_server import DEFAULT_MAX_REQUEST_BYTES
from tests.live.helpers import Live, http


def raw_post(url: str, data: bytes) -> int:
    """POST raw bytes as JSON; the status (any)."""
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (ConnectionError, urllib.error.URLError):
        return 413  # Sanic may close the socket while the client is still sending


def test_a_padded_body_over_the_limit_is_refused(secure: Live) -> None:
    pad = "a" * (DEFAULT_MAX_REQUEST_BYTES + 1)
    body = json.dumps({"sender": "atk-size", "message": "hi", "pad": pad}).encode()

    assert raw_post(secure.stack.rest_url, body) == 413


def test_five_megabytes_of_metadata_are_refused(secure: Live) -> None:
    body = {"sender": "atk-size-2", "message": "hi", "metadata": {"x": "a" * 5_000_000}}

    assert raw_post(secure.stack.rest_url, json.dumps(body).encode()) == 413


def test_an_ordinary_message_still_gets_its_answer(secure: Live) -> None:
    status, replies = http("POST", secure.stack.rest_url, {"sender": "size-ok", "message": "hi"})

    assert status == 200
    assert replies and replies[0]["text"]
