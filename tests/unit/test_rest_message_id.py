"""The REST channel keys a retry by a message id sent top-level or in the metadata (R11)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.channels.guard import exchange_token
from bot.channels.rest import BadRequest, parse_message

BASE = {"sender": "conv-1", "message": "add a mug"}


def test_a_top_level_message_id_becomes_the_metadata_key_the_actions_read() -> None:
    _, _, metadata = parse_message({**BASE, "message_id": "web-7"})
    assert metadata == {"message_id": "web-7"}
    assert exchange_token(metadata, "conv-1", "secret") == {"message_id": "web-7"}


def test_a_top_level_id_keeps_the_rest_of_the_metadata() -> None:
    body = {**BASE, "message_id": 42, "metadata": {"token": "t-1"}}
    assert parse_message(body)[2] == {"token": "t-1", "message_id": 42}


def test_the_metadata_id_alone_is_used_as_before() -> None:
    body = {**BASE, "metadata": {"message_id": "m-1"}}
    assert parse_message(body)[2] == {"message_id": "m-1"}


@pytest.mark.parametrize("top, inner", [("m-1", "m-1"), (7, "7"), ("7", 7)])
def test_the_same_id_both_ways_is_one_id(top: Any, inner: Any) -> None:
    body = {**BASE, "message_id": top, "metadata": {"message_id": inner}}
    assert str(parse_message(body)[2]["message_id"]) == str(top)


def test_two_different_ids_are_refused_never_one_picked() -> None:
    body = {**BASE, "message_id": "m-1", "metadata": {"message_id": "m-2"}}
    with pytest.raises(BadRequest, match="differ"):
        parse_message(body)


@pytest.mark.parametrize("odd", [True, 1.5, ["m"], {"id": 1}, "", "   ", "x" * 129])
def test_an_odd_top_level_id_is_refused(odd: Any) -> None:
    with pytest.raises(BadRequest, match="message_id"):
        parse_message({**BASE, "message_id": odd})


def test_a_null_top_level_id_is_no_id() -> None:
    assert parse_message({**BASE, "message_id": None})[2] == {}
