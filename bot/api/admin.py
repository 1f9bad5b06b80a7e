"""Admin routes of the shop server, guarded by the server key.

The experiments report and the free-shipping gap fillers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.api.payloads import product_json, require_object
from bot.api.server_auth import require_server_key
from bot.cli_report import parse_since
from bot.domain.errors import InvalidInput
from bot.report.html import inline_report
from bot.services import gap_fillers
from bot.services.experiment_report import build_reports
from bot.services.shop import Shop

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


async def experiments_report(request: web.Request, shop: Shop) -> web.Response:
    """``GET /admin/report?experiment=KEY&since=DATE`` (server key): the report as one page."""
    require_server_key(request)
    key = request.query.get("experiment") or None
    if key is not None and len(key) > 64:
        raise InvalidInput("'experiment' is too long")
    since = parse_since(request.query.get("since"), name="the 'since' query parameter")

    def render() -> str:
        return inline_report(build_reports(shop, key, since))

    page = await asyncio.to_thread(render)
    return web.Response(
        text=page,
        content_type="text/html",
        headers={"Content-Security-Policy": _CSP, "Cache-Control": "no-store"},
    )


async def _skus(request: web.Request) -> list[str]:
    """``{"skus": [...]}`` (or ``{"sku": "..."}``) from the request body."""
    try:
        body = require_object(await request.json())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("the request body must be valid JSON") from exc
    skus = body.get("skus", [body["sku"]] if "sku" in body else None)
    if not isinstance(skus, list) or not all(isinstance(s, str) for s in skus):
        raise InvalidInput("give 'skus': a list of SKU strings")
    return skus


def _fillers_json(products: list, changed: int | None = None) -> web.Response:
    body: dict = {"gap_fillers": [product_json(p) for p in products]}
    if changed is not None:
        body["changed"] = changed
    return web.json_response(body, headers={"Cache-Control": "no-store"})


async def gap_filler_route(request: web.Request, shop: Shop) -> web.Response:
    """``GET`` / ``POST`` / ``DELETE /admin/gap-fillers`` (server key).

    ``GET`` lists them; ``POST {"skus": [...]}`` adds, ``DELETE {"skus": [...]}`` removes
    (one transaction; an unknown SKU changes nothing: 404).
    """
    require_server_key(request)
    if request.method == "GET":
        return _fillers_json(await asyncio.to_thread(gap_fillers.list_gap_fillers, shop))
    skus = await _skus(request)
    change = (
        gap_fillers.add_gap_fillers if request.method == "POST" else gap_fillers.remove_gap_fillers
    )
    done = await asyncio.to_thread(change, shop, skus)
    return _fillers_json(done.fillers, done.changed)


def _bound(
    route: Callable[[web.Request, Shop], Awaitable[web.Response]], shop: Shop
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return await route(request, shop)

    return handler


def add_admin_routes(app: web.Application, shop: Shop) -> None:
    """Serve ``/admin/report`` and ``/admin/gap-fillers`` for ``shop``."""
    app.router.add_get("/admin/report", _bound(experiments_report, shop))
    fillers = _bound(gap_filler_route, shop)
    for method in ("GET", "POST", "DELETE"):
        app.router.add_route(method, "/admin/gap-fillers", fillers)
