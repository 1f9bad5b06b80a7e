"""Shop HTTP API routes. Every error is a JSON ``{"error": ...}`` with a 4xx status."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.api.admin import add_admin_routes
from bot.api.pages import PageConfig, add_page_routes
from bot.api.payloads import (
    cart_json,
    limited,
    plan_json,
    product_json,
    quantity_field,
    require_object,
    subscription_json,
    suggestion_json,
    text_field,
)
from bot.api.server_auth import SERVER_KEY, require_server_key
from bot.api.throttle import (
    LIMITER_KEY,
    RateLimited,
    credential_lockout,
    limit_guest_carts,
    too_many,
)
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.linking import instructions
from bot.money import money_str
from bot.rate_limits import RateLimiter, RateLimitSettings
from bot.services import cart, catalog, linking, orders, recommend, subscriptions
from bot.services.shop import Shop

log = logging.getLogger(__name__)
SHOP_KEY = web.AppKey("shop", Shop)
TELEGRAM_BOT_KEY = web.AppKey("telegram_bot", str)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY_BYTES = 64 * 1024
"""The largest request body the API reads; a larger one gets a 413 naming the limit."""


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn every failure into a JSON error; never leak a stack trace."""
    try:
        return await handler(request)
    except DomainError as error:
        return _error(error.status, error.message)
    except RateLimited as error:
        return too_many(error)
    except web.HTTPRequestEntityTooLarge:
        return _error(413, f"the request body must be at most {MAX_BODY_BYTES // 1024} KB")
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return _error(error.status, error.reason or "error")
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _error(500, "internal error")


async def _body(request: web.Request) -> dict:
    try:
        return require_object(await request.json())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("the request body must be valid JSON") from exc


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _int_param(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not raw.isdigit() or len(raw) > 12:
        raise InvalidInput(f"'{name}' must be a positive whole number")
    return int(raw)


def _shop(request: web.Request) -> Shop:
    return request.app[SHOP_KEY]


async def health(request: web.Request) -> web.Response:
    """Liveness probe."""
    return web.json_response({"status": "ok"})


async def list_products(request: web.Request) -> web.Response:
    """``GET /api/products``: the active catalog."""
    products = await asyncio.to_thread(catalog.list_products, _shop(request))
    return web.json_response({"products": [product_json(p) for p in products]})


async def create_cart(request: web.Request) -> web.Response:
    """``POST /api/carts``: a new cart and the token that grants it.

    Without ``customer_id`` the cart belongs to a new guest (open to storefronts); naming a
    customer is server-to-server and needs the shop's server key. Guest carts count against
    the client's ``guest_carts`` rate limit (429 over it).
    """
    body = await _body(request) if request.can_read_body else {}
    customer = text_field(body, "customer_id", False)
    if customer is not None:
        require_server_key(request)
    else:
        await limit_guest_carts(request)
    cart_id, token = await asyncio.to_thread(cart.create_cart, _shop(request), customer)
    return web.json_response({"cart_id": cart_id, "token": token}, status=201)


async def get_cart(request: web.Request) -> web.Response:
    """``GET /api/carts/{cart_id}``."""
    cart_id = _int_param(request, "cart_id")
    view = await asyncio.to_thread(cart.get_cart, _shop(request), _bearer(request), cart_id)
    return web.json_response(cart_json(view))


async def add_line(request: web.Request) -> web.Response:
    """``POST /api/carts/{cart_id}/lines`` with ``{"sku", "quantity"}``."""
    cart_id = _int_param(request, "cart_id")
    body = await _body(request)
    sku, quantity = text_field(body, "sku"), quantity_field(body)
    key = idempotency_key(request, body)
    result = await asyncio.to_thread(
        cart.add_to_cart, _shop(request), _bearer(request), cart_id, sku or "", quantity, key
    )
    if isinstance(result, cart.Replay):
        return web.Response(
            status=result.status, text=result.body, content_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )  # fmt: skip
    return web.json_response(cart_json(result))


def idempotency_key(request: web.Request, body: dict) -> cart.IdempotencyKey | None:
    """The request's ``Idempotency-Key`` with a fingerprint of what it asks for.

    Raises:
        InvalidInput: A key longer than 128 characters.
    """
    raw = request.headers.get("Idempotency-Key", "").strip()
    if not raw:
        return None
    if len(raw) > 128:
        raise InvalidInput("'Idempotency-Key' must be at most 128 characters")
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    fingerprint = hashlib.sha256(f"{request.method} {request.path} {canonical}".encode())

    def render(view: cart.CartView) -> str:
        return json.dumps(cart_json(view))

    return cart.IdempotencyKey(raw, fingerprint.hexdigest(), render)


async def remove_line(request: web.Request) -> web.Response:
    """``DELETE /api/carts/{cart_id}/lines/{sku}``."""
    cart_id = _int_param(request, "cart_id")
    sku = limited(request.match_info["sku"], "sku")
    view = await asyncio.to_thread(
        cart.remove_from_cart, _shop(request), _bearer(request), cart_id, sku
    )
    return web.json_response(cart_json(view))


async def recommendations(request: web.Request) -> web.Response:
    """``GET /api/carts/{cart_id}/recommendations?limit=N``."""
    raw = request.query.get("limit", "3")
    if not raw.isdigit() or not 1 <= int(raw) <= 20:
        raise InvalidInput("'limit' must be a whole number from 1 to 20")
    cart_id = _int_param(request, "cart_id")
    items = await asyncio.to_thread(
        recommend.cart_recommendations, _shop(request), _bearer(request), cart_id, int(raw)
    )
    return web.json_response({"items": [suggestion_json(s) for s in items]})


async def checkout(request: web.Request) -> web.Response:
    """``POST /api/carts/{cart_id}/checkout``: record the paid order (server key only).

    Recording an order takes stock and feeds the co-purchase statistics behind every
    "bought together" reason, so it is the shop backend's act after payment, never a
    storefront's: a cart token (which anyone can mint with ``POST /api/carts``) gets 401.
    """
    require_server_key(request)
    cart_id = _int_param(request, "cart_id")
    placed = await asyncio.to_thread(orders.place_order, _shop(request), cart_id)
    payload = {
        "order_ref": placed.order_ref,
        "subtotal": money_str(placed.subtotal),
        "shipping": money_str(placed.shipping),
        "total": money_str(placed.total),
    }
    return web.json_response(payload, status=201)


async def create_link_code(request: web.Request) -> web.Response:
    """``POST /api/carts/{cart_id}/link-codes``: a one-time code to continue in a messaging app."""
    cart_id = _int_param(request, "cart_id")
    issued = await asyncio.to_thread(
        linking.issue_link_code, _shop(request), _bearer(request), cart_id
    )
    bot = request.app.get(TELEGRAM_BOT_KEY) or None
    return web.json_response(instructions(issued.code, issued.expires_at, bot), status=201)


async def list_plans(request: web.Request) -> web.Response:
    """``GET /api/plans``."""
    plans = await asyncio.to_thread(subscriptions.list_plans, _shop(request))
    return web.json_response({"plans": [plan_json(p) for p in plans]})


async def create_subscription(request: web.Request) -> web.Response:
    """``POST /api/subscriptions`` with ``{"customer_id", "plan"}`` (server key only)."""
    require_server_key(request)
    body = await _body(request)
    customer, plan = text_field(body, "customer_id"), text_field(body, "plan")
    view, token = await asyncio.to_thread(
        subscriptions.create_subscription, _shop(request), customer or "", plan or ""
    )
    return web.json_response({**subscription_json(view), "token": token}, status=201)


async def get_subscription(request: web.Request) -> web.Response:
    """``GET /api/subscriptions/{subscription_id}``."""
    sub_id = _int_param(request, "subscription_id")
    view = await asyncio.to_thread(
        subscriptions.get_subscription, _shop(request), _bearer(request), sub_id
    )
    return web.json_response(subscription_json(view))


def create_app(
    shop: Shop,
    page: PageConfig | None = None,
    telegram_bot: str | None = None,
    api_key: str | None = None,
    limiter: RateLimiter | None = None,
) -> web.Application:
    """Build the shop web application around a :class:`Shop`.

    Args:
        shop: The shop the API serves.
        page: Serve the demo cart page at ``/`` with these settings (``None``: API only).
        telegram_bot: The Telegram bot's username, for "continue in Telegram" deep links.
        api_key: The shop's server key (``SHOP_API_KEY``); without one, every
            server-to-server endpoint answers 401.
        limiter: The rate limits (default: from the environment, ``SHOP_LIMIT_*``, counted
            by this app alone unless ``SHOP_RATE_LIMIT_STORAGE``/``REDIS_HOST`` names Redis).
    """
    app = web.Application(
        middlewares=[credential_lockout, json_errors], client_max_size=MAX_BODY_BYTES
    )
    app[LIMITER_KEY] = limiter or RateLimiter(RateLimitSettings.from_env())
    app[SHOP_KEY] = shop
    app[SERVER_KEY] = api_key or ""
    app[TELEGRAM_BOT_KEY] = telegram_bot or ""
    app.add_routes(
        [
            web.get("/health", health),
            web.get("/api/products", list_products),
            web.post("/api/carts", create_cart),
            web.get("/api/carts/{cart_id}", get_cart),
            web.post("/api/carts/{cart_id}/lines", add_line),
            web.delete("/api/carts/{cart_id}/lines/{sku}", remove_line),
            web.get("/api/carts/{cart_id}/recommendations", recommendations),
            web.post("/api/carts/{cart_id}/checkout", checkout),
            web.post("/api/carts/{cart_id}/link-codes", create_link_code),
            web.get("/api/plans", list_plans),
            web.post("/api/subscriptions", create_subscription),
            web.get("/api/subscriptions/{subscription_id}", get_subscription),
        ]
    )
    add_admin_routes(app, shop)
    if page is not None:
        add_page_routes(app, shop, page)
    return app
