"""The server key that guards the shop's admin routes (provisional; see the security issue)."""

from __future__ import annotations

import hmac

from aiohttp import web

SERVER_KEY = web.AppKey("server_api_key", str)


def require_server_key(request: web.Request) -> None:
    """Refuse a request without ``Authorization: Bearer <server key>``.

    Raises:
        web.HTTPUnauthorized: The header is missing or wrong, or no key is configured.
    """
    configured = request.app.get(SERVER_KEY) or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    valid = scheme.lower() == "bearer" and given.strip() and configured
    if not valid or not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise web.HTTPUnauthorized(reason="a valid server key is required")
