"""Admin routes of the shop server, guarded by the server key: the experiments report."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.api.server_auth import require_server_key
from bot.cli_report import parse_since
from bot.domain.errors import InvalidInput
from bot.report.html import inline_report
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


def add_admin_routes(app: web.Application, shop: Shop) -> None:
    """Serve ``/admin/report`` for ``shop``."""

    async def handler(request: web.Request) -> web.Response:
        return await experiments_report(request, shop)

    app.router.add_get("/admin/report", handler)
