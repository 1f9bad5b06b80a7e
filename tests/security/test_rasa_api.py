"""Rasa's HTTP API and CORS: off in ``make run``; with a token where a deployment needs it;
CORS and socket.io only for the configured shop origins."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bot.config import cors_origins
from bot.launcher import Stack
from tests.live.helpers import Live, http
from tests.live.stacks import MODEL
from tests.security.conftest import RASA_API_TOKEN

EVIL = "http://evil.example"


def request(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple:
    """Status and headers of a request (any status)."""
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_make_run_starts_rasa_without_its_http_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    monkeypatch.delenv("SHOP_ORIGINS", raising=False)
    rasa = Stack(db_url="sqlite://", model=MODEL, shop_port=8000)._commands()["rasa"]

    assert "--enable-api" not in rasa
    origins = rasa[rasa.index("--cors") + 1 : rasa.index("--port")]
    assert origins == ["http://localhost:8000", "http://127.0.0.1:8000"]

    monkeypatch.setenv("RASA_API_TOKEN", "t0k3n")
    rasa = Stack(db_url="sqlite://", model=MODEL)._commands()["rasa"]
    assert rasa[rasa.index("--enable-api") + 1 : rasa.index("--enable-api") + 3] == [
        "--auth-token",
        "t0k3n",
    ]


def test_a_wildcard_origin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_ORIGINS", "https://shop.example *")
    with pytest.raises(SystemExit):
        cors_origins(8000)
    monkeypatch.setenv("SHOP_ORIGINS", "https://shop.example, https://www.shop.example/")
    assert cors_origins(8000) == ["https://shop.example", "https://www.shop.example"]


def test_the_tracker_api_needs_the_token(secure: Live) -> None:
    cart_id, token = secure.new_cart("api-victim", **{"PH-ARIA-512": 1})
    chat = secure.conversation(token)
    assert "Aria" in " ".join(r.get("text", "") for r in chat.say("what's in my cart?"))
    rasa = f"http://127.0.0.1:{secure.stack.rasa_port}"
    tracker = f"{rasa}/conversations/{chat.sender}/tracker"

    for url in (tracker, f"{tracker}?token=wrong"):
        status, body = http("GET", url)
        assert status == 401, (url, status)
        assert token not in str(body)
    status, _ = http("PUT", f"{rasa}/model?token=wrong", {"model_file": "/tmp/x.tar.gz"})
    assert status == 401
    status, _ = http("POST", f"{rasa}/conversations/{chat.sender}/tracker/events", [])
    assert status == 401

    status, body = http("GET", f"{tracker}?token={RASA_API_TOKEN}")
    assert status == 200
    assert token not in str(body)  # no bearer token at rest: slots nor message metadata
    assert body["slots"].get("shop_token") is None
    metadata = [e.get("metadata") or {} for e in body["events"] if e["event"] == "user"]
    assert metadata and all("token" not in m and "shop_grant" in m for m in metadata)


def test_cors_refuses_a_foreign_origin(secure: Live) -> None:
    webhook = secure.stack.rest_url
    preflight = {"Access-Control-Request-Method": "POST"}
    status, headers = request(webhook, "OPTIONS", {"Origin": EVIL, **preflight})
    assert headers.get("Access-Control-Allow-Origin") not in (EVIL, "*"), (status, headers)

    page = secure.stack.shop_url  # the demo page's own origin
    _, headers = request(webhook, "OPTIONS", {"Origin": page, **preflight})
    assert headers.get("Access-Control-Allow-Origin") == page


def test_socketio_polling_is_not_readable_from_a_foreign_origin(secure: Live) -> None:
    url = f"http://127.0.0.1:{secure.stack.rasa_port}/socket.io/?EIO=4&transport=polling"
    _, headers = request(url, headers={"Origin": EVIL})
    assert headers.get("Access-Control-Allow-Origin") not in (EVIL, "*")
    _, headers = request(url, headers={"Origin": secure.stack.shop_url})
    assert headers.get("Access-Control-Allow-Origin") == secure.stack.shop_url
