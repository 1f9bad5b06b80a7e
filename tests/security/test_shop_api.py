"""The shop API, tried as an attacker: customer-naming endpoints and recording an order need
the server key; Idempotency-Key replays, refuses another body (422) and applies once under
concurrency."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.live.helpers import SERVER_KEY, Live, http


def raw(
    live: Live, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the raw body bytes (to compare replays byte for byte)."""
    data = json.dumps(body).encode() if body is not None else None
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    request = urllib.request.Request(
        f"{live.stack.shop_url}{path}", data=data, headers=all_headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_cart_for_someone_else_needs_the_server_key(secure: Live) -> None:
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    url = f"{secure.stack.shop_url}/api/carts"
    status, body = http("POST", url, {"customer_id": victim})
    assert status == 401 and set(body) == {"error"}
    status, body = http("POST", url, {"customer_id": victim}, token="not-the-key")
    assert status == 401 and set(body) == {"error"}

    status, body = http("POST", url, {"customer_id": victim}, token=SERVER_KEY)
    assert status == 201 and set(body) == {"cart_id", "token"}
    status, body = http("POST", url, {})  # an anonymous cart stays open for storefronts
    assert status == 201 and set(body) == {"cart_id", "token"}


def test_subscriptions_need_the_server_key(secure: Live) -> None:
    victim = f"sub-victim-{uuid.uuid4().hex[:8]}"
    url = f"{secure.stack.shop_url}/api/subscriptions"
    wanted = {"customer_id": victim, "plan": "care-plus"}
    status, body = http("POST", url, wanted)
    assert status == 401 and set(body) == {"error"}
    status, body = http("POST", url, wanted, token=SERVER_KEY)
    assert status == 201 and body["customer_id"] == victim


def test_a_shopper_token_is_never_the_server_key(secure: Live) -> None:
    anonymous = secure.api("POST", "/api/carts", {})
    demo = secure.api("POST", "/api/demo/shoppers")
    for token in (anonymous["token"], demo["token"]):
        for path, body in (
            ("/api/carts", {"customer_id": demo["customer_id"]}),
            ("/api/subscriptions", {"customer_id": demo["customer_id"], "plan": "care-basic"}),
        ):
            status, answer = http("POST", f"{secure.stack.shop_url}{path}", body, token=token)
            assert status in (401, 403), (path, status, answer)
            assert set(answer) == {"error"}


def stock(live: Live, sku: str) -> int:
    products = live.api("GET", "/api/products")["products"]
    return next(p["stock"] for p in products if p["sku"] == sku)


def test_a_storefront_cart_token_cannot_record_an_order(secure: Live) -> None:
    """G9: anyone can mint a guest cart; its token must not take stock or write statistics."""
    guest = secure.api("POST", "/api/carts", {})
    demo = secure.api("POST", "/api/demo/shoppers")
    carts = [(guest["cart_id"], guest["token"]), (demo["cart_id"], demo["token"])]
    held = {}
    for cart_id, token in carts:
        frother = {"sku": "CF-FROTHER", "quantity": 1}
        held[cart_id] = secure.api("POST", f"/api/carts/{cart_id}/lines", frother, token)["lines"]
    before = stock(secure, "CF-FROTHER")

    for cart_id, token in carts:
        path = f"{secure.stack.shop_url}/api/carts/{cart_id}/checkout"
        for credential in (token, None, "not-the-key"):
            status, answer = http("POST", path, {}, token=credential)
            assert status in (401, 403), (cart_id, credential == token, status, answer)
            assert set(answer) == {"error"} and answer["error"]
        cart = secure.api("GET", f"/api/carts/{cart_id}", token=token)
        assert cart["lines"] == held[cart_id]  # no order was recorded: the cart is kept
    assert stock(secure, "CF-FROTHER") == before

    # the shop backend records the paid order with its server key
    cart_id, token = carts[0]
    status, order = http(
        "POST", f"{secure.stack.shop_url}/api/carts/{cart_id}/checkout", {}, token=SERVER_KEY
    )
    assert status == 201 and order["order_ref"] and order["subtotal"]
    assert stock(secure, "CF-FROTHER") == before - 1
    assert secure.api("GET", f"/api/carts/{cart_id}", token=token)["lines"] == []


def test_idempotency_key_replays_refuses_another_body_and_is_scoped_to_the_cart(
    secure: Live,
) -> None:
    cart_id, token = secure.new_cart(f"idem-{uuid.uuid4().hex[:8]}")
    lines = f"/api/carts/{cart_id}/lines"
    auth = {"Authorization": f"Bearer {token}", "Idempotency-Key": "add-mug-1"}
    mug = {"sku": "CF-MUG", "quantity": 1}

    first = raw(secure, "POST", lines, mug, auth)
    secure.api("POST", lines, {"sku": "CF-BEANS-ESP", "quantity": 1}, token)  # cart moves on
    again = raw(secure, "POST", lines, mug, auth)

    assert first[0] == again[0] == 200
    assert again[2] == first[2]  # the same body, not today's cart
    assert again[1].get("Idempotent-Replayed") == "true"
    status, _, body = raw(secure, "POST", lines, {"sku": "CF-MUG", "quantity": 2}, auth)
    assert status == 422 and set(json.loads(body)) == {"error"}
    cart = secure.api("GET", f"/api/carts/{cart_id}", token=token)
    assert {line["sku"]: line["quantity"] for line in cart["lines"]} == {
        "CF-MUG": 1,
        "CF-BEANS-ESP": 1,
    }

    other_id, other_token = secure.new_cart(f"idem-other-{uuid.uuid4().hex[:8]}")
    other_auth = {"Authorization": f"Bearer {other_token}", "Idempotency-Key": "add-mug-1"}
    status, _, body = raw(secure, "POST", f"/api/carts/{other_id}/lines", mug, other_auth)
    assert status == 200 and [line["sku"] for line in json.loads(body)["lines"]] == ["CF-MUG"]


def test_concurrent_requests_with_one_key_apply_once(secure: Live) -> None:
    cart_id, token = secure.new_cart(f"idem-race-{uuid.uuid4().hex[:8]}")
    path = f"/api/carts/{cart_id}/lines"
    auth = {"Authorization": f"Bearer {token}", "Idempotency-Key": "race-1"}
    mug = {"sku": "CF-MUG", "quantity": 2}

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: raw(secure, "POST", path, mug, auth), range(8)))

    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {200, 409}, statuses
    bodies = {body for status, _, body in results if status == 200}
    assert len(bodies) == 1  # every 200 is the same answer
    cart = secure.api("GET", f"/api/carts/{cart_id}", token=token)
    assert [(line["sku"], line["quantity"]) for line in cart["lines"]] == [("CF-MUG", 2)]
