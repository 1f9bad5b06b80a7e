"""The server-to-server credential: ``Authorization: Bearer <SHOP_API_KEY>``.

Endpoints that name a customer (create a cart for a customer, create or change a
subscription, reports) are called by the shop's backend, never by a browser. They require the
shop's API key (``SHOP_API_KEY``, or the key generated into ``var/shop_api_key``). A
shopper's cart token is never accepted in its place.
"""

from __future__ import annotations

import hmac

from aiohttp import web

SERVER_KEY = web.AppKey("server_api_key", str)
"""The app holds the configured ``SHOP_API_KEY`` under this key."""

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="shop-server"'}


def _bearer(request: web.Request) -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def require_server_key(request: web.Request) -> None:
    """Let the request through only with the shop's server key as its bearer credential.

    The comparison runs in constant time (``hmac.compare_digest``); the key is never logged.

    Raises:
        web.HTTPUnauthorized: No ``Authorization: Bearer`` header, an unknown key, a shopper's
            token in its place, or no key configured on the app (``json_errors`` answers
            ``{"error": ...}`` with status 401).
    """
    expected = request.app.get(SERVER_KEY) or ""
    given = _bearer(request)
    if not given:
        raise web.HTTPUnauthorized(
            reason="this endpoint needs the shop's server key (Authorization: Bearer)",
            headers=_CHALLENGE,
        )
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise web.HTTPUnauthorized(reason="unknown server key", headers=_CHALLENGE)
