from datetime import datetime, timedelta, timezone
from itertools import cycle

import pytest

from bot.domain.errors import InvalidLinkCode
from bot.domain.linking import (
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_TTL,
    check_linkable,
    check_redeemable,
    code_hash,
    code_in_text,
    expiry,
    instructions,
    new_code,
    normalize_code,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_new_code_draws_from_the_unambiguous_alphabet() -> None:
    picks = cycle([0, 5, 30, 12])

    code = new_code(lambda n: next(picks) % n)

    assert code == "AF9PAF9P"  # alphabet positions 0, 5, 30 (the last) and 12
    assert len(code) == CODE_LENGTH


def test_alphabet_has_no_look_alikes() -> None:
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 31


@pytest.mark.parametrize("typed", ["ABCD2345", "abcd2345", " abcd-2345 ", "AbCd 2345"])
def test_normalize_forgives_case_spaces_and_a_dash(typed: str) -> None:
    assert normalize_code(typed) == "ABCD2345"


@pytest.mark.parametrize("typed", [None, "", "ABCD234", "ABCD23456", "ABCD0345", "ABCDI345"])
def test_normalize_rejects_what_is_not_a_code(typed: str | None) -> None:
    with pytest.raises(InvalidLinkCode):
        normalize_code(typed)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("link abcd2345", "ABCD2345"),
        ("my code is WXYZ-7788 thanks", "WXYZ7788"),
        ("/link_account", None),
        ("link ABCD0345", None),  # 0 is not in the alphabet
        ("what's in my cart", None),
    ],
)
def test_code_in_text(text: str, code: str | None) -> None:
    assert code_in_text(text) == code


def test_code_hash_is_keyed_and_stable() -> None:
    assert code_hash("s1", "ABCD2345") == code_hash("s1", "ABCD2345")
    assert code_hash("s1", "ABCD2345") != code_hash("s2", "ABCD2345")
    assert "ABCD2345" not in code_hash("s1", "ABCD2345")


def test_codes_live_fifteen_minutes() -> None:
    assert timedelta(minutes=15) == CODE_TTL
    assert expiry(NOW) == NOW + timedelta(minutes=15)


def test_redeemable_until_expiry_and_only_once() -> None:
    expires = expiry(NOW)
    check_redeemable(expires, None, expires - timedelta(seconds=1))
    with pytest.raises(InvalidLinkCode, match="expired"):
        check_redeemable(expires, None, expires)
    with pytest.raises(InvalidLinkCode, match="used"):
        check_redeemable(expires, NOW, NOW)


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio"])
def test_messaging_channels_are_linkable(channel: str) -> None:
    assert check_linkable(channel) == channel


@pytest.mark.parametrize("channel", [None, "rest", "socketio", "cmdline"])
def test_web_channels_are_not_linkable(channel: str | None) -> None:
    with pytest.raises(InvalidLinkCode):
        check_linkable(channel)


def test_instructions_with_telegram() -> None:
    shown = instructions("ABCD2345", NOW, "@demo_shop_bot")

    assert shown == {
        "code": "ABCD2345",
        "expires_at": "2026-05-01T12:00:00+00:00",
        "command": "link ABCD2345",
        "telegram_url": "https://t.me/demo_shop_bot?start=ABCD2345",
    }


def test_instructions_without_telegram() -> None:
    assert instructions("ABCD2345", NOW, None)["telegram_url"] is None
