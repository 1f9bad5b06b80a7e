"""The cart page, its assets and demo shoppers, served by the shop web server."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.api.app import create_app
from bot.api.pages import WEBCHAT_BUNDLE, PageConfig, content_security_policy, offline_bundle
from bot.services.demo import start_demo_shopper
from bot.services.shop import Shop
from tests.integration.conftest import Probe


def fetch(shop: Shop, page: PageConfig | None, method: str, path: str) -> tuple[int, dict, str]:
    """One request against the app; (status, headers, body text)."""

    async def main() -> tuple[int, dict, str]:
        async with TestClient(TestServer(create_app(shop, page))) as client:
            response = await client.request(method, path)
            return response.status, dict(response.headers), await response.text()

    return asyncio.run(main())


def page_config(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="page-config">(.*?)</script>', html)
    assert match, "the page must carry its config"
    return json.loads(match.group(1))


def test_cart_page_points_the_widget_at_rasa_on_the_same_host(shop: Shop) -> None:
    status, headers, html = fetch(shop, PageConfig(rasa_port=5123), "GET", "/")

    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert page_config(html) == {"socketUrl": "http://127.0.0.1:5123"}
    assert '<script src="/vendor/webchat.js"' in html and "https://" not in html
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "connect-src 'self' http://127.0.0.1:5123 ws://127.0.0.1:5123" in csp


def test_public_rasa_url_overrides_the_host_and_secures_websockets(shop: Shop) -> None:
    config = PageConfig(rasa_public_url="https://chat.example.com")
    _, headers, html = fetch(shop, config, "GET", "/")

    assert page_config(html) == {"socketUrl": "https://chat.example.com"}
    assert "wss://chat.example.com" in headers["Content-Security-Policy"]


def test_content_security_policy_allows_no_third_party_host() -> None:
    csp = content_security_policy("http://localhost:5005")
    sources = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert sources["default-src"] == ["'self'"]
    assert sources["connect-src"] == ["'self'", "http://localhost:5005", "ws://localhost:5005"]
    assert sources["font-src"] == ["'self'", "data:"]  # blocks the widget's Google Fonts import


def test_static_assets_and_the_vendored_widget_are_served(shop: Shop) -> None:
    status, headers, body = fetch(shop, PageConfig(), "GET", "/static/cart.js")
    assert status == 200 and "WebChat.default" in body

    status, headers, body = fetch(shop, PageConfig(), "GET", "/vendor/webchat.js")
    if WEBCHAT_BUNDLE.is_file():  # `make web` installed it (make test does)
        assert status == 200 and headers["Content-Type"].startswith("text/javascript")
        assert "WebChat" in body[:2000]
        assert "fonts.googleapis.com" not in body  # no request beyond this server
    else:
        assert status == 503 and "make web" in json.loads(body)["error"]


def test_missing_widget_bundle_is_a_json_503(shop: Shop, tmp_path: Path) -> None:
    config = PageConfig(webchat_bundle=tmp_path / "missing.js")
    status, _, body = fetch(shop, config, "GET", "/vendor/webchat.js")
    assert status == 503
    assert json.loads(body) == {"error": "the chat widget is not installed: run `make web`"}


def test_widget_bundle_loses_its_remote_font_import(tmp_path: Path) -> None:
    bundle = tmp_path / "index.js"
    bundle.write_text(
        't.push([e.i,"@import url(https://fonts.googleapis.com/css?family=Inter:400&display=swap);",""])'
        ';t.push([e.i,".rw-reply{color:red}",""])'
    )
    served = offline_bundle(bundle, bundle.stat().st_mtime_ns).decode()
    assert served == 't.push([e.i,"",""]);t.push([e.i,".rw-reply{color:red}",""])'


def test_unknown_static_file_is_a_json_404(shop: Shop) -> None:
    status, _, body = fetch(shop, PageConfig(), "GET", "/static/../../config.py")
    assert status == 404 and set(json.loads(body)) == {"error"}


def test_without_a_page_config_only_the_api_is_served(shop: Shop) -> None:
    assert fetch(shop, None, "GET", "/")[0] == 404
    assert fetch(shop, None, "POST", "/api/demo/shoppers")[0] == 404


def test_demo_shopper_endpoint_creates_a_cart_plan_and_token(shop: Shop, probe: Probe) -> None:
    status, _, body = fetch(shop, PageConfig(), "POST", "/api/demo/shoppers")

    assert status == 201
    shopper = json.loads(body)
    assert set(shopper) == {"customer_id", "cart_id", "subscription_id", "token"}
    assert shopper["customer_id"].startswith("web-")
    assert probe.lines(shop, shopper["cart_id"]) == {"CF-BEANS-ESP": 1}
    assert probe.subscription(shop, shopper["subscription_id"]) == ("active", "care-plus")


def test_demo_shopper_skips_what_the_store_cannot_sell(shop: Shop, probe: Probe) -> None:
    shopper = start_demo_shopper(
        shop,
        "web-x",
        lines=(("NO-SUCH-SKU", 1), ("PA-PAD-WRL", 1), ("CF-MUG", 2)),
        plan_code="nope",
    )
    assert probe.lines(shop, shopper.cart_id) == {"CF-MUG": 2}  # unknown and sold-out skipped
    assert shopper.subscription_id is None
