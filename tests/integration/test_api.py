"""Shop HTTP API on a fresh SQLite store: the contract, and 4xx JSON for every bad input."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.api.app import create_app
from bot.services.shop import Shop
from bot.tokens import issue_token

Scenario = Callable[[TestClient], Awaitable[None]]
SERVER_KEY = "integration-server-key"
SERVER = {"Authorization": f"Bearer {SERVER_KEY}"}


def run(shop: Shop, scenario: Scenario) -> None:
    async def main() -> None:
        async with TestClient(TestServer(create_app(shop, api_key=SERVER_KEY))) as client:
            await scenario(client)

    asyncio.run(main())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def new_cart(client: TestClient, customer: str | None = None) -> tuple[int, str]:
    if customer:
        response = await client.post("/api/carts", json={"customer_id": customer}, headers=SERVER)
    else:
        response = await client.post("/api/carts", json={})
    assert response.status == 201
    body = await response.json()
    return body["cart_id"], body["token"]


async def expect_error(response: Any, status: int) -> str:
    assert response.status == status, await response.text()
    body = await response.json()
    assert set(body) == {"error"} and body["error"]
    return body["error"]


def test_products_are_listed_with_decimal_string_prices(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        body = await (await client.get("/api/products")).json()
        case = next(p for p in body["products"] if p["sku"] == "PA-CASE-CLR")
        assert case == {
            "sku": "PA-CASE-CLR", "name": "Clear Phone Case", "category": "phone-accessories",
            "price": "19.00", "currency": "USD", "stock": 120, "role": "accessory",
            "family": None, "tier": None,
        }  # fmt: skip
        assert len(body["products"]) >= 40

    run(shop, scenario)


def test_cart_lines_totals_and_free_shipping_threshold(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        response = await client.post(
            f"/api/carts/{cart_id}/lines", json={"sku": "PA-CASE-CLR", "quantity": 2},
            headers=bearer(token),
        )  # fmt: skip
        assert response.status == 200
        assert await response.json() == {
            "cart_id": cart_id,
            "currency": "USD",
            "lines": [
                {
                    "sku": "PA-CASE-CLR",
                    "name": "Clear Phone Case",
                    "quantity": 2,
                    "unit_price": "19.00",
                    "line_total": "38.00",
                    "family": None,
                    "tier": None,
                },
            ],  # fmt: skip
            "subtotal": "38.00",
            "shipping": "4.99",
            "total": "42.99",
            "free_shipping_threshold": "50.00",
            "remaining_for_free_shipping": "12.00",
        }
        await client.post(
            f"/api/carts/{cart_id}/lines", json={"sku": "PA-SCR-GLS", "quantity": 1},
            headers=bearer(token),
        )  # fmt: skip
        cart = await (await client.get(f"/api/carts/{cart_id}", headers=bearer(token))).json()
        assert (cart["subtotal"], cart["shipping"], cart["total"]) == ("50.00", "0.00", "50.00")
        assert cart["remaining_for_free_shipping"] == "0.00"
        response = await client.delete(
            f"/api/carts/{cart_id}/lines/PA-SCR-GLS", headers=bearer(token)
        )
        assert (await response.json())["subtotal"] == "38.00"

    run(shop, scenario)


def test_idempotency_key_adds_once(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        headers = {**bearer(token), "Idempotency-Key": "retry-1"}
        for _ in range(3):
            response = await client.post(
                f"/api/carts/{cart_id}/lines",
                json={"sku": "CF-MUG", "quantity": 1},
                headers=headers,
            )
            assert response.status == 200
        cart = await response.json()
        assert [(line["sku"], line["quantity"]) for line in cart["lines"]] == [("CF-MUG", 1)]

    run(shop, scenario)


def test_tokens_guard_carts(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client, "alice")
        other_id, other_token = await new_cart(client, "bob")
        await expect_error(await client.get(f"/api/carts/{cart_id}"), 401)
        forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        await expect_error(await client.get(f"/api/carts/{cart_id}", headers=bearer(forged)), 401)
        await expect_error(
            await client.get(f"/api/carts/{cart_id}", headers=bearer(other_token)), 403
        )
        wrong_secret = issue_token("not-the-secret", 1, cart_id)
        await expect_error(
            await client.get(f"/api/carts/{cart_id}", headers=bearer(wrong_secret)), 401
        )
        await expect_error(
            await client.post(f"/api/carts/{other_id}/lines", json={"sku": "CF-MUG"},
                              headers=bearer(token)), 403,
        )  # fmt: skip

    run(shop, scenario)


def test_bad_input_gets_4xx_json_and_changes_nothing(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        lines = f"/api/carts/{cart_id}/lines"
        auth = bearer(token)
        await expect_error(await client.post(lines, data="{not json", headers=auth), 400)
        await expect_error(await client.post(lines, json=["CF-MUG"], headers=auth), 400)
        await expect_error(await client.post(lines, json={"quantity": 1}, headers=auth), 400)
        for bad in (0, -1, 21, 1.5, "2", True):
            body = {"sku": "CF-MUG", "quantity": bad}
            await expect_error(await client.post(lines, json=body, headers=auth), 400)
        unknown = await expect_error(
            await client.post(lines, json={"sku": "NOPE"}, headers=auth), 404
        )
        assert "NOPE" in unknown
        sold_out = {"sku": "PA-PAD-WRL", "quantity": 1}
        await expect_error(await client.post(lines, json=sold_out, headers=auth), 409)
        too_many = {"sku": "PH-ARIA-512", "quantity": 3}
        await expect_error(await client.post(lines, json=too_many, headers=auth), 409)
        await expect_error(await client.delete(f"{lines}/CF-MUG", headers=auth), 404)
        await expect_error(await client.get("/api/carts/abc", headers=auth), 400)
        await expect_error(await client.get("/api/carts/999999", headers=auth), 403)
        await expect_error(await client.get("/api/nothing-here"), 404)
        await expect_error(await client.get(f"/api/carts/{cart_id}/recommendations?limit=0",
                                            headers=auth), 400)  # fmt: skip
        cart = await (await client.get(f"/api/carts/{cart_id}", headers=auth)).json()
        assert cart["lines"] == []

    run(shop, scenario)


def test_recommendations_have_true_reasons_and_never_cart_items(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        await client.post(
            f"/api/carts/{cart_id}/lines", json={"sku": "CM-SNAP-ENT", "quantity": 1},
            headers=bearer(token),
        )  # fmt: skip
        response = await client.get(
            f"/api/carts/{cart_id}/recommendations?limit=3", headers=bearer(token)
        )
        items = (await response.json())["items"]
        assert 1 <= len(items) <= 3
        assert all(item["sku"] != "CM-SNAP-ENT" for item in items)
        assert items[0]["kind"] == "addon"
        assert "of orders with your Snap Camera Entry" in items[0]["reason"]
        assert set(items[0]) == {"sku", "name", "price", "kind", "reason"}

    run(shop, scenario)


def test_subscriptions_plans_and_access(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        plans = (await (await client.get("/api/plans")).json())["plans"]
        assert {"code": "care-basic", "name": "Care Basic", "price": "4.99",
                "interval": "month"} in plans  # fmt: skip
        response = await client.post("/api/subscriptions", json={"customer_id": "carol",
                                     "plan": "care-plus"}, headers=SERVER)  # fmt: skip
        assert response.status == 201
        created = await response.json()
        token = created.pop("token")
        sub_id = created["subscription_id"]
        assert created == {"subscription_id": sub_id, "customer_id": "carol",
                           "plan": "care-plus", "status": "active", "price": "9.99",
                           "next_price": "9.99", "discount_percent": None,
                           "discount_renewals": 0}  # fmt: skip
        got = await (await client.get(f"/api/subscriptions/{sub_id}", headers=bearer(token))).json()
        assert got == created
        _, dave_token = await new_cart(client, "dave")
        await expect_error(
            await client.get(f"/api/subscriptions/{sub_id}", headers=bearer(dave_token)), 403
        )
        # a missing id answers as another customer's does: ids cannot be enumerated (G21)
        missing = await expect_error(
            await client.get("/api/subscriptions/999999", headers=bearer(dave_token)), 403
        )
        foreign = await expect_error(
            await client.get(f"/api/subscriptions/{sub_id}", headers=bearer(dave_token)), 403
        )
        assert missing == foreign
        body = {"customer_id": "carol", "plan": "gold"}
        await expect_error(await client.post("/api/subscriptions", json=body, headers=SERVER), 404)
        no_customer = {"plan": "care-plus"}
        await expect_error(
            await client.post("/api/subscriptions", json=no_customer, headers=SERVER), 400
        )

    run(shop, scenario)


def test_checkout_records_order_and_updates_statistics(shop: Shop) -> None:
    from bot.store.history import HistoryRepository
    from bot.store.repositories import CatalogRepository

    def together() -> int:
        with shop.session_factory.begin() as session:
            catalog = CatalogRepository(session)
            mug, beans = catalog.by_sku("CF-MUG"), catalog.by_sku("CF-BEANS-ESP")
            counts = HistoryRepository(session).pair_counts([mug.id])
            return next((c.together for c in counts if c.other_id == beans.id), 0)

    before = together()

    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        for sku in ("CF-MUG", "CF-BEANS-ESP"):
            await client.post(f"/api/carts/{cart_id}/lines", json={"sku": sku},
                              headers=bearer(token))  # fmt: skip
        # the cart's own token cannot record an order (G9): only the shop backend can
        await expect_error(await client.post(f"/api/carts/{cart_id}/checkout",
                                             headers=bearer(token)), 401)  # fmt: skip
        response = await client.post(f"/api/carts/{cart_id}/checkout", headers=SERVER)
        assert response.status == 201
        order = await response.json()
        assert (order["subtotal"], order["shipping"], order["total"]) == ("27.00", "4.99", "31.99")
        cart = await (await client.get(f"/api/carts/{cart_id}", headers=bearer(token))).json()
        assert cart["lines"] == []
        await expect_error(await client.post(f"/api/carts/{cart_id}/checkout",
                                             headers=SERVER), 400)  # fmt: skip
        await expect_error(await client.post("/api/carts/999999/checkout", headers=SERVER), 404)

    run(shop, scenario)
    assert together() == before + 1
