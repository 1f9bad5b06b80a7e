"""Session id ownership for the socket.io channel (F53): one live socket per session id."""

from __future__ import annotations

from bot.channels.socket_sessions import MAX_SESSIONS_PER_SOCKET, SessionOwners


def _live(*sids: str):  # noqa: ANN202
    return lambda sid: sid in sids


def test_the_first_socket_owns_the_id_and_may_ask_again() -> None:
    owners = SessionOwners()
    assert owners.claim("a", "s1", _live("a")) == "s1"
    assert owners.claim("a", "s1", _live("a")) == "s1"
    assert owners.owns("a", "s1") and not owners.owns("b", "s1")


def test_another_live_socket_gets_a_fresh_id() -> None:
    owners = SessionOwners()
    owners.claim("a", "s1", _live("a", "b"))
    fresh = owners.claim("b", "s1", _live("a", "b"))
    assert fresh != "s1" and len(fresh) == 32
    assert owners.owns("a", "s1") and owners.owns("b", fresh) and not owners.owns("b", "s1")


def test_a_released_or_dead_owner_frees_the_id() -> None:
    owners = SessionOwners()
    owners.claim("a", "s1", _live("a"))
    owners.release("a")
    assert owners.owner("s1") is None
    assert owners.claim("b", "s1", _live("b")) == "s1"
    assert owners.claim("c", "s1", _live("c")) == "s1"  # "b" is gone (disconnect unseen yet)
    owners.release("b")  # its late disconnect does not free c's id
    assert owners.owns("c", "s1")


def test_a_socket_keeps_a_bounded_number_of_ids() -> None:
    owners = SessionOwners()
    for n in range(MAX_SESSIONS_PER_SOCKET + 1):
        owners.claim("a", f"s{n}", _live("a"))
    assert not owners.owns("a", "s0")
    assert owners.owns("a", f"s{MAX_SESSIONS_PER_SOCKET}")


def test_non_text_session_ids_are_owned_by_nobody() -> None:
    owners = SessionOwners()
    owners.claim("a", "s1", _live("a"))
    assert not owners.owns("a", None) and not owners.owns("a", 1)
