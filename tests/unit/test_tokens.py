import base64
import json

import pytest

from bot.domain.errors import InvalidToken
from bot.tokens import Claims, _signature, issue_token, verify_token

SECRET = "unit-secret"
NOW = 1_700_000_000


def _payload(token: str) -> dict[str, object]:
    body = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _body(payload: dict[str, object]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_round_trip_with_cart() -> None:
    token = issue_token(SECRET, customer_id=7, cart_id=42, ttl_seconds=60, now=NOW)

    assert verify_token(SECRET, token, now=NOW) == Claims(7, 42, NOW + 60)


def test_round_trip_customer_only() -> None:
    token = issue_token(SECRET, customer_id=7, now=NOW)

    claims = verify_token(SECRET, token, now=NOW + 10)

    assert claims.customer_id == 7
    assert claims.cart_id is None


def test_token_shape_is_payload_dot_signature_without_padding() -> None:
    token = issue_token(SECRET, 1, 2, now=NOW)

    assert token.count(".") == 1
    assert "=" not in token
    assert _payload(token) == {"cus": 1, "cart": 2, "exp": NOW + 30 * 24 * 3600}


def test_forged_signature_is_rejected() -> None:
    token = issue_token(SECRET, 1, 2, now=NOW)
    body, signature = token.split(".")
    forged = body + "." + ("A" if signature[0] != "A" else "B") + signature[1:]

    with pytest.raises(InvalidToken, match="signature"):
        verify_token(SECRET, forged, now=NOW)


def test_tampered_payload_is_rejected() -> None:
    token = issue_token(SECRET, 1, 2, now=NOW)
    signature = token.split(".")[1]
    tampered = _body({"cus": 1, "cart": 3, "exp": NOW + 3600}) + "." + signature

    with pytest.raises(InvalidToken, match="signature"):
        verify_token(SECRET, tampered, now=NOW)


def test_token_signed_with_another_secret_is_rejected() -> None:
    token = issue_token("other-secret", 1, 2, now=NOW)

    with pytest.raises(InvalidToken):
        verify_token(SECRET, token, now=NOW)


def test_expiry_is_checked_against_now() -> None:
    token = issue_token(SECRET, 1, 2, ttl_seconds=100, now=NOW)

    assert verify_token(SECRET, token, now=NOW + 100).cart_id == 2
    with pytest.raises(InvalidToken, match="expired"):
        verify_token(SECRET, token, now=NOW + 101)


def test_already_expired_token_is_rejected_with_the_real_clock() -> None:
    token = issue_token(SECRET, 1, 2, ttl_seconds=60, now=NOW)  # expired in 2023

    with pytest.raises(InvalidToken, match="expired"):
        verify_token(SECRET, token)


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "no-dot",
        "a.b.c",
        ".",
        "abc.",
        ".abc",
        "é.abc",
        "abc.é",
        "payload.sïgnature",
        12345,
    ],
)
def test_malformed_tokens_are_rejected(token: object) -> None:
    with pytest.raises(InvalidToken):
        verify_token(SECRET, token, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "payload",
    [
        {"cart": 1, "exp": NOW + 60},
        {"cus": "x", "cart": 1, "exp": NOW + 60},
        {"cus": 1, "cart": "1", "exp": NOW + 60},
        {"cus": 1, "cart": 1},
    ],
)
def test_correctly_signed_but_malformed_payload_is_rejected(payload: dict[str, object]) -> None:
    body = _body(payload)
    token = f"{body}.{_signature(SECRET, body)}"

    with pytest.raises(InvalidToken, match="malformed"):
        verify_token(SECRET, token, now=NOW)


def test_invalid_token_is_a_401_domain_error() -> None:
    with pytest.raises(InvalidToken) as caught:
        verify_token(SECRET, None)

    assert caught.value.status == 401


def test_a_grant_is_bound_to_its_conversation_and_is_no_token() -> None:
    from bot.domain.errors import InvalidToken
    from bot.tokens import issue_grant, verify_grant

    claims = verify_token("s", issue_token("s", 7, 9))
    grant = issue_grant("s", "conv-1", claims)

    assert verify_grant("s", "conv-1", grant) == claims
    for secret, conversation, value in (
        ("s", "conv-2", grant),
        ("other", "conv-1", grant),
        ("s", "conv-1", grant[:-2] + "xx"),
        ("s", "conv-1", None),
    ):
        with pytest.raises(InvalidToken):
            verify_grant(secret, conversation, value)
    with pytest.raises(InvalidToken):
        verify_token("s", grant)  # the shop API never accepts a grant
