"""Rate limits on the shop API: anonymous carts and failed credentials, per client.

* ``POST /api/carts {}`` and ``POST /api/demo/shoppers`` (each makes a customer and a cart
  for anyone) count against the client's ``guest_carts`` limit (:func:`limit_guest_carts`);
  server-key calls that name a customer do not.
* A 401 or 403 answer to a request that carried ``Authorization`` (a wrong server key, a
  forged or expired token, a token for another cart) counts against ``failed_auth``; once
  over it, every request with ``Authorization`` from that client gets 429 before its
  credential is looked at (:func:`credential_lockout`), so guessing gains nothing.

Over a limit: 429 ``{"error": ...}`` with ``Retry-After`` (seconds).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.rate_limits import RateLimiter, Verdict

LIMITER_KEY = web.AppKey("rate_limiter", RateLimiter)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FAILED = frozenset({401, 403})

MESSAGES = {
    "guest_carts": "too many new carts from your address; try again later",
    "failed_auth": "too many failed credentials from your address; try again later",
}


class RateLimited(Exception):
    """A request over a limit; answered 429 with ``Retry-After``."""

    def __init__(self, limit: str, retry_after: int) -> None:
        """Name the limit and the seconds until a request may succeed."""
        super().__init__(limit)
        self.limit = limit
        self.retry_after = retry_after


def too_many(error: RateLimited) -> web.Response:
    """The 429 answer: a JSON error naming what was limited, and ``Retry-After``."""
    return web.json_response(
        {"error": MESSAGES.get(error.limit, "too many requests"), "retry_after": error.retry_after},
        status=429,
        headers={"Retry-After": str(error.retry_after)},
    )


def client_of(request: web.Request) -> str | None:
    """The counting key of the request's client (``None``: exempt from the limits)."""
    forwarded = request.headers.getall("X-Forwarded-For", [])
    return request.app[LIMITER_KEY].settings.client(request.remote, forwarded)


def _raise_if_refused(limit: str, verdict: Verdict) -> None:
    if not verdict.allowed:
        raise RateLimited(limit, verdict.retry_after)


async def limit_guest_carts(request: web.Request) -> None:
    """Count one anonymous cart for the request's client.

    Raises:
        RateLimited: The client made as many as its ``guest_carts`` limit allows.
    """
    limiter, client = request.app[LIMITER_KEY], client_of(request)
    if client is not None:
        verdict = await limiter.run(limiter.hit, "guest_carts", client)
        _raise_if_refused("guest_carts", verdict)


@web.middleware
async def credential_lockout(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count failed credentials per client; refuse a client over ``failed_auth`` (429).

    Sits outside ``json_errors`` (which answers a handler's :class:`RateLimited`), so it
    sees the final status of every answer.
    """
    limiter = request.app[LIMITER_KEY]
    client = client_of(request) if "Authorization" in request.headers else None
    if client is not None:
        verdict = await limiter.run(limiter.check, "failed_auth", client)
        if not verdict.allowed:
            return too_many(RateLimited("failed_auth", verdict.retry_after))
    response = await handler(request)
    if client is not None and response.status in FAILED:
        await limiter.run(limiter.count, "failed_auth", client)
    return response
