"""Token checks shared by the use cases."""

from __future__ import annotations

from bot.domain.errors import Forbidden, InvalidToken
from bot.tokens import Claims, verify_token


def claims_for_cart(secret: str, token: str | None, cart_id: int | None = None) -> Claims:
    """Verify a token that must grant a cart (``cart_id`` when given).

    Raises:
        InvalidToken: Missing, forged or expired token.
        Forbidden: The token is valid but grants another cart, or no cart.
    """
    claims = verify_token(secret, token)
    if claims.cart_id is None:
        raise Forbidden("this token does not grant access to a cart")
    if cart_id is not None and claims.cart_id != cart_id:
        raise Forbidden("this token does not grant access to that cart")
    return claims


def claims_for_customer(secret: str, token: str | None, customer_id: int | None = None) -> Claims:
    """Verify a token for a customer's own data (``customer_id`` when given)."""
    claims = verify_token(secret, token)
    if customer_id is not None and claims.customer_id != customer_id:
        raise Forbidden("this token does not grant access to that customer")
    return claims


__all__ = ["Claims", "InvalidToken", "claims_for_cart", "claims_for_customer"]
