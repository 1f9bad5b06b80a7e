"""Signed access tokens: a token grants access to one cart and its customer, nothing else."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from bot.domain.errors import InvalidToken

DEFAULT_TTL_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Claims:
    """What a valid token grants."""

    customer_id: int
    cart_id: int | None
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode(), body.encode("ascii"), hashlib.sha256).digest()
    return _b64(digest)


def issue_token(
    secret: str,
    customer_id: int,
    cart_id: int | None = None,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
    now: float | None = None,
) -> str:
    """Issue a token for a customer and, optionally, one of their carts.

    Args:
        secret: The shop's signing secret.
        customer_id: The customer the token belongs to.
        cart_id: The cart it grants, or ``None`` for customer-only access.
        ttl_seconds: Lifetime in seconds.
        now: Current UNIX time (for tests).

    Returns:
        ``<payload>.<signature>``, both base64url without padding.
    """
    issued = int(now if now is not None else time.time())
    payload = {"cus": customer_id, "cart": cart_id, "exp": issued + ttl_seconds}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{body}.{_signature(secret, body)}"


def verify_token(secret: str, token: str | None, now: float | None = None) -> Claims:
    """Check a token's signature and expiry.

    Raises:
        InvalidToken: If the token is missing, malformed, forged or expired.
    """
    if not token or not isinstance(token, str) or not token.isascii() or token.count(".") != 1:
        raise InvalidToken("missing or malformed token")
    body, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(secret, body)):
        raise InvalidToken("token signature does not match")
    try:
        payload = json.loads(_unb64(body))
        claims = Claims(int(payload["cus"]), payload["cart"], int(payload["exp"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidToken("malformed token payload") from exc
    if claims.cart_id is not None and not isinstance(claims.cart_id, int):
        raise InvalidToken("malformed token payload")
    if claims.expires_at < int(now if now is not None else time.time()):
        raise InvalidToken("token expired")
    return claims


GRANT_KEY = "shop_grant"
"""The message-metadata key under which the chat channels pass a verified token's claims."""


def _grant_signature(secret: str, conversation_id: str, body: str) -> str:
    message = f"chat-grant\x00{conversation_id}\x00{body}".encode()
    return _b64(hmac.new(secret.encode(), message, hashlib.sha256).digest())


def issue_grant(secret: str, conversation_id: str, claims: Claims) -> str:
    """Claims of a verified token, signed for one conversation (never a bearer credential).

    The shop API does not accept a grant (another format, another HMAC domain), and a
    grant only checks out for the conversation it was issued to. The chat channels swap
    the shopper's token for a grant before Rasa stores the message.
    """
    payload = {"cus": claims.customer_id, "cart": claims.cart_id, "exp": claims.expires_at}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"g1.{body}.{_grant_signature(secret, conversation_id, body)}"


def verify_grant(
    secret: str, conversation_id: str, grant: object, now: float | None = None
) -> Claims:
    """Re-check a grant's signature, conversation and expiry.

    Raises:
        InvalidToken: The grant is malformed, forged, for another conversation, or expired.
    """
    if not isinstance(grant, str) or not grant.isascii() or grant.count(".") != 2:
        raise InvalidToken("malformed grant")
    version, body, signature = grant.split(".")
    expected = _grant_signature(secret, conversation_id, body)
    if version != "g1" or not hmac.compare_digest(signature, expected):
        raise InvalidToken("grant signature does not match")
    try:
        payload = json.loads(_unb64(body))
        claims = Claims(int(payload["cus"]), payload["cart"], int(payload["exp"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidToken("malformed grant payload") from exc
    if claims.cart_id is not None and not isinstance(claims.cart_id, int):
        raise InvalidToken("malformed grant payload")
    if claims.expires_at < int(now if now is not None else time.time()):
        raise InvalidToken("grant expired")
    return claims
