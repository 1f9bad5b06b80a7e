"""The demo cart page at ``/``, its static files, the vendored chat widget and demo shoppers.

The page is plain HTML, CSS and JavaScript (no build step). The chat widget is
``rasa-webchat`` from the npm registry, installed into ``bot/web/node_modules`` by
``make web`` and served from this process: nothing is fetched from a CDN.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from bot.api.throttle import limit_guest_carts
from bot.config import PROJECT_ROOT
from bot.services.demo import start_demo_shopper
from bot.services.shop import Shop

WEB_DIR = PROJECT_ROOT / "bot" / "web"
STATIC_DIR = WEB_DIR / "static"
WEBCHAT_BUNDLE = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"
CONFIG_MARK = "__SHOP_PAGE_CONFIG__"
REMOTE_IMPORT = re.compile(rb"@import url\(https?://[^)]*\);?")


@dataclass(frozen=True)
class PageConfig:
    """How the page reaches Rasa.

    Attributes:
        rasa_port: Rasa's port, used with the page's own host when no public URL is set.
        rasa_public_url: Where browsers reach Rasa (``RASA_PUBLIC_URL``), if not the page's host.
        webchat_bundle: The widget's script file.
    """

    rasa_port: int = 5005
    rasa_public_url: str | None = None
    webchat_bundle: Path = WEBCHAT_BUNDLE

    def socket_url(self, request: web.Request) -> str:
        """The socket.io base URL the browser should use for this request."""
        if self.rasa_public_url:
            return self.rasa_public_url
        try:
            host = urlsplit(f"//{request.host}").hostname or "127.0.0.1"
        except ValueError:  # a malformed Host header
            host = "127.0.0.1"
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        return f"{request.scheme}://{host}:{self.rasa_port}"


PAGE_CONFIG_KEY = web.AppKey("page_config", PageConfig)


def content_security_policy(socket_url: str) -> str:
    """Only this server and Rasa: no CDN, no font or analytics host, no inline script."""
    parts = urlsplit(socket_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa = f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # the widget injects its own <style> tags
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {rasa}",
            "frame-ancestors 'self'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


async def cart_page(request: web.Request) -> web.Response:
    """``GET /``: the cart page, with the Rasa URL and options filled in."""
    config = request.app[PAGE_CONFIG_KEY]
    socket_url = config.socket_url(request)
    page_config = {"socketUrl": socket_url}
    template = await asyncio.to_thread((STATIC_DIR / "index.html").read_text, "utf-8")
    html = template.replace(CONFIG_MARK, json.dumps(page_config).replace("<", "\\u003c"))
    headers = {
        "Content-Security-Policy": content_security_policy(socket_url),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return web.Response(text=html, content_type="text/html", headers=headers)


@functools.lru_cache(maxsize=2)
def offline_bundle(path: Path, mtime_ns: int) -> bytes:
    """The widget bundle without its stylesheet ``@import`` of Google Fonts.

    rasa-webchat's CSS imports the Inter font from fonts.googleapis.com; the page uses
    system fonts instead, so the bundle never makes a request beyond this server.
    (``mtime_ns`` keys the cache, so a reinstalled bundle is read again.)
    """
    return REMOTE_IMPORT.sub(b"", path.read_bytes())


async def webchat_script(request: web.Request) -> web.StreamResponse:
    """``GET /vendor/webchat.js``: the rasa-webchat bundle from ``node_modules``."""
    bundle = request.app[PAGE_CONFIG_KEY].webchat_bundle
    if not bundle.is_file():
        return web.json_response(
            {"error": "the chat widget is not installed: run `make web`"}, status=503
        )
    body = await asyncio.to_thread(offline_bundle, bundle, bundle.stat().st_mtime_ns)
    return web.Response(body=body, content_type="text/javascript", charset="utf-8")


def demo_shoppers_handler(shop: Shop) -> Callable[[web.Request], Awaitable[web.Response]]:
    """``POST /api/demo/shoppers``: a new demo customer with a cart, a plan and a token.

    Counts against the client's ``guest_carts`` rate limit, as a guest cart does.
    """

    async def create(request: web.Request) -> web.Response:
        await limit_guest_carts(request)
        shopper = await asyncio.to_thread(start_demo_shopper, shop)
        body = {
            "customer_id": shopper.customer_ref,
            "cart_id": shopper.cart_id,
            "subscription_id": shopper.subscription_id,
            "token": shopper.token,
        }
        return web.json_response(body, status=201)

    return create


def add_page_routes(app: web.Application, shop: Shop, config: PageConfig) -> None:
    """Mount the page, its static files, the widget script and the demo-shopper endpoint."""
    app[PAGE_CONFIG_KEY] = config
    app.router.add_get("/", cart_page)
    app.router.add_get("/vendor/webchat.js", webchat_script)
    app.router.add_static("/static/", STATIC_DIR, show_index=False, follow_symlinks=False)
    app.router.add_post("/api/demo/shoppers", demo_shoppers_handler(shop))
