"""Shop API limits: too many cart lines, over-long fields and bodies get a 4xx naming the limit.

Nothing is cut short or changed: a SKU or customer id over 64 characters used to be truncated
silently (and could then name another one), and a body over the size limit got a bare
"Request Entity Too Large".
"""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from bot.domain.matching import MAX_CART_LINES
from bot.services.shop import Shop
from bot.store.repositories import CatalogRepository
from tests.integration.test_api import SERVER, bearer, expect_error, new_cart, run


def _many_products(shop: Shop, count: int) -> list[str]:
    skus = [f"LIM-{n:03d}" for n in range(count)]
    rows = [
        {"sku": sku, "name": f"Limit Test {sku}", "category": "test", "price_minor": 100,
         "stock": 50, "currency": "USD"}
        for sku in skus
    ]  # fmt: skip
    with shop.session_factory.begin() as session:
        CatalogRepository(session).upsert_products(rows)
    return skus


def test_a_line_past_the_cart_maximum_gets_409_naming_the_limit(shop: Shop) -> None:
    skus = _many_products(shop, MAX_CART_LINES + 1)

    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        lines, auth = f"/api/carts/{cart_id}/lines", bearer(token)
        for sku in skus[:MAX_CART_LINES]:
            response = await client.post(lines, json={"sku": sku}, headers=auth)
            assert response.status == 200, await response.text()
        message = await expect_error(
            await client.post(lines, json={"sku": skus[-1]}, headers=auth), 409
        )
        assert f"at most {MAX_CART_LINES} different products" in message
        more = {"sku": skus[0], "quantity": 2}  # a line already there may still grow
        assert (await client.post(lines, json=more, headers=auth)).status == 200
        cart = await (await client.get(f"/api/carts/{cart_id}", headers=auth)).json()
        assert len(cart["lines"]) == MAX_CART_LINES
        assert skus[-1] not in {line["sku"] for line in cart["lines"]}

    run(shop, scenario)


def test_over_long_fields_are_refused_with_the_limit_never_cut(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        lines, auth = f"/api/carts/{cart_id}/lines", bearer(token)
        long_sku = "CF-MUG" + "X" * 70
        message = await expect_error(
            await client.post(lines, json={"sku": long_sku}, headers=auth), 400
        )
        assert "'sku' must be at most 64 characters" in message
        message = await expect_error(await client.delete(f"{lines}/{long_sku}", headers=auth), 400)
        assert "at most 64 characters" in message
        customer = {"customer_id": "c" * 65}
        message = await expect_error(
            await client.post("/api/carts", json=customer, headers=SERVER), 400
        )
        assert "'customer_id' must be at most 64 characters" in message
        cart = await (await client.get(f"/api/carts/{cart_id}", headers=auth)).json()
        assert cart["lines"] == []

    run(shop, scenario)


def test_an_over_large_body_gets_413_naming_the_limit(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        cart_id, token = await new_cart(client)
        body = '{"sku": "CF-MUG", "note": "' + "x" * (70 * 1024) + '"}'
        headers = {**bearer(token), "Content-Type": "application/json"}
        response = await client.post(f"/api/carts/{cart_id}/lines", data=body, headers=headers)
        message = await expect_error(response, 413)
        assert message == "the request body must be at most 64 KB"

    run(shop, scenario)
