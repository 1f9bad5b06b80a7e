"""Rate limits on the shop API (G22): 429 + JSON + Retry-After, per client, proxies trusted only
when configured; counts shared through Redis across replicas; a storage fault lets traffic on."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer
from limits.storage import MemoryStorage, memory

from bot.api.app import create_app
from bot.api.pages import PageConfig
from bot.rate_limits import RateLimiter, RateLimitSettings, parse_trusted_proxies
from bot.services.shop import Shop

SERVER_KEY = "integration-server-key"
SERVER = {"Authorization": f"Bearer {SERVER_KEY}"}
Scenario = Callable[[TestClient], Awaitable[None]]


class FakeClock:
    """Stands in for ``time`` in the library's memory storage: the window moves on command."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def time(self) -> float:
        return self.now


def settings(proxies: str = "", **limits: str) -> RateLimitSettings:
    base = RateLimitSettings(trusted_proxies=parse_trusted_proxies(proxies))
    return base.with_limits(**limits)


def run(shop: Shop, scenario: Scenario, *limiters: RateLimiter, page: bool = False) -> None:
    """Run ``scenario`` against one app per limiter (one app: the client; several: a list)."""

    async def main() -> None:
        clients = [
            TestClient(
                TestServer(
                    create_app(shop, PageConfig() if page else None, None, SERVER_KEY, limiter)
                )
            )
            for limiter in limiters
        ]
        for client in clients:
            await client.start_server()
        try:
            await scenario(clients[0] if len(clients) == 1 else clients)  # type: ignore[arg-type]
        finally:
            for client in clients:
                await client.close()

    asyncio.run(main())


async def expect_429(response, limit_words: str) -> int:  # noqa: ANN001
    assert response.status == 429, await response.text()
    body = await response.json()
    assert limit_words in body["error"] and body["retry_after"] >= 1
    assert response.headers["Retry-After"] == str(body["retry_after"])
    return body["retry_after"]


def count_customers(shop: Shop) -> int:
    from sqlalchemy import text

    with shop.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM customers")).scalar_one()


def test_guest_carts_get_429_over_the_limit_and_nothing_else_changes(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(memory, "time", clock)
    limiter = RateLimiter(settings(guest_carts="3/minute"), MemoryStorage(), clock.time)
    before = count_customers(shop)

    async def scenario(client: TestClient) -> None:
        for _ in range(3):
            assert (await client.post("/api/carts", json={})).status == 201
        clock.now += 30
        wait = await expect_429(await client.post("/api/carts", json={}), "new carts")
        assert wait == 31
        assert (await client.post("/api/demo/shoppers")).status == 429  # same budget
        # the shop backend's carts (server key) and the catalog are not limited
        named = await client.post("/api/carts", json={"customer_id": "c-1"}, headers=SERVER)
        assert named.status == 201
        assert (await client.get("/api/products")).status == 200
        clock.now += wait
        assert (await client.post("/api/carts", json={})).status == 201

    run(shop, scenario, limiter, page=True)
    assert count_customers(shop) == before + 5  # 4 guests and c-1; the refused made nothing


def test_limits_are_per_client_behind_a_trusted_proxy(shop: Shop) -> None:
    limiter = RateLimiter(settings("127.0.0.1", guest_carts="2/minute"))

    async def scenario(client: TestClient) -> None:
        for address in ("198.51.100.1", "198.51.100.2"):
            via = {"X-Forwarded-For": address}
            for _ in range(2):
                assert (await client.post("/api/carts", json={}, headers=via)).status == 201
            await expect_429(await client.post("/api/carts", json={}, headers=via), "new carts")
        # the client's own X-Forwarded-For entry is ignored: the proxy's last one counts
        spoof = {"X-Forwarded-For": "203.0.113.50, 198.51.100.1"}
        await expect_429(await client.post("/api/carts", json={}, headers=spoof), "new carts")
        assert (await client.post("/api/carts", json={})).status == 201  # the proxy itself

    run(shop, scenario, limiter)


def test_a_spoofed_forwarded_for_is_ignored_without_trusted_proxies(shop: Shop) -> None:
    limiter = RateLimiter(settings(guest_carts="3/minute"))

    async def scenario(client: TestClient) -> None:
        statuses = [
            (
                await client.post("/api/carts", json={}, headers={"X-Forwarded-For": f"10.9.0.{n}"})
            ).status
            for n in range(6)
        ]
        assert statuses == [201, 201, 201, 429, 429, 429]

    run(shop, scenario, limiter)


def test_failed_credentials_lock_the_client_out_even_with_the_right_key(shop: Shop) -> None:
    limiter = RateLimiter(settings("127.0.0.1", failed_auth="3/minute"))
    attacker = {"X-Forwarded-For": "203.0.113.66"}

    async def scenario(client: TestClient) -> None:
        guesses = [
            {**attacker, "Authorization": "Bearer guess-1"},
            {**attacker, "Authorization": "Bearer forged.cart.token"},
            {**attacker, "Authorization": "Bearer guess-3"},
        ]
        paths = ("/admin/report", "/api/carts/1", "/admin/gap-fillers")
        for headers, path in zip(guesses, paths, strict=True):
            assert (await client.get(path, headers=headers)).status == 401
        right = {**attacker, **SERVER}
        await expect_429(await client.get("/admin/gap-fillers", headers=right), "credentials")
        # without a credential the public catalog still answers; another client is not locked
        assert (await client.get("/api/products", headers=attacker)).status == 200
        assert (await client.get("/admin/gap-fillers", headers=SERVER)).status == 200
        # right keys never count
        for _ in range(5):
            assert (await client.get("/admin/gap-fillers", headers=SERVER)).status == 200

    run(shop, scenario, limiter)


def test_replicas_share_counts_through_redis(shop: Shop) -> None:
    shared = RateLimitSettings(
        trusted_proxies=parse_trusted_proxies("127.0.0.1"), storage="redis://127.0.0.1:6379/15"
    ).with_limits(guest_carts="4/minute")
    replicas = [RateLimiter(shared), RateLimiter(shared)]
    octets = uuid.uuid4().bytes[:3]  # a fresh client each run: counts outlive the test
    via = {"X-Forwarded-For": "10." + ".".join(str(b) for b in octets)}

    async def scenario(clients: list[TestClient]) -> None:
        statuses = []
        for n in range(6):  # one client, alternating replicas
            response = await clients[n % 2].post("/api/carts", json={}, headers=via)
            statuses.append(response.status)
        assert statuses == [201, 201, 201, 201, 429, 429]

    run(shop, scenario, *replicas)


def test_a_storage_fault_lets_requests_through(shop: Shop) -> None:
    broken = RateLimitSettings(storage="redis://127.0.0.1:1/0").with_limits(guest_carts="1/hour")
    limiter = RateLimiter(broken)

    async def scenario(client: TestClient) -> None:
        for _ in range(3):
            assert (await client.post("/api/carts", json={})).status == 201

    run(shop, scenario, limiter)
