"""Managing the shop's free-shipping gap fillers: the service, the CLI and the admin route."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.api.app import create_app
from bot.cli import main
from bot.domain.errors import InvalidInput, UnknownProduct
from bot.services.gap_fillers import add_gap_fillers, list_gap_fillers, remove_gap_fillers
from bot.services.shop import Shop
from bot.store.neighbours import NeighbourRepository

KEY = "s3rver-key"


def skus(shop: Shop) -> list[str]:
    """The listed fillers, read straight from the repository."""
    with shop.session_factory.begin() as session:
        return [p.sku for p in NeighbourRepository(session).gap_fillers()]


def test_add_list_and_remove_change_exactly_the_named_fillers(shop) -> None:
    before = skus(shop)
    assert before, "the demo shop lists gap fillers"

    added = add_gap_fillers(shop, ["LA-MOUSE", before[0]])

    assert added.changed == 1  # the listed one stays as it was
    assert sorted(skus(shop)) == sorted([*before, "LA-MOUSE"])
    assert [p.sku for p in list_gap_fillers(shop)] == skus(shop)
    prices = [p.price for p in list_gap_fillers(shop)]
    assert prices == sorted(prices)

    removed = remove_gap_fillers(shop, ["LA-MOUSE"])

    assert removed.changed == 1
    assert sorted(skus(shop)) == sorted(before)
    assert remove_gap_fillers(shop, ["LA-MOUSE"]).changed == 0


def test_an_unknown_sku_changes_nothing(shop) -> None:
    before = skus(shop)

    with pytest.raises(UnknownProduct, match="NOPE-1"):
        add_gap_fillers(shop, ["LA-MOUSE", "NOPE-1"])
    with pytest.raises(UnknownProduct):
        remove_gap_fillers(shop, [before[0], "NOPE-1"])
    with pytest.raises(InvalidInput):
        add_gap_fillers(shop, ["  "])

    assert skus(shop) == before


def test_every_filler_can_be_removed_and_one_listed_again(shop) -> None:
    remove_gap_fillers(shop, skus(shop))
    assert skus(shop) == []
    add_gap_fillers(shop, ["LA-STAND"])
    assert skus(shop) == ["LA-STAND"]


def run(shop: Shop, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["gap-fillers", *argv, "--db", str(shop.engine.url)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_lists_adds_and_removes(shop, capsys) -> None:
    before = skus(shop)

    code, out, _ = run(shop, capsys, "add", "LA-MOUSE")
    assert code == 0
    assert out.startswith("added 1 gap filler(s)")
    assert "LA-MOUSE\t$25.00\t" in out
    assert "LA-MOUSE" in skus(shop)

    code, out, _ = run(shop, capsys, "list")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == skus(shop)

    code, out, _ = run(shop, capsys, "remove", "LA-MOUSE")
    assert (code, out.splitlines()[0]) == (0, "removed 1 gap filler(s)")
    assert skus(shop) == before

    code, out, err = run(shop, capsys, "add", "NOPE-1")
    assert (code, out) == (2, "")
    assert "unknown product: NOPE-1" in err
    assert skus(shop) == before


def test_the_cli_says_when_nothing_is_listed(shop, capsys) -> None:
    remove_gap_fillers(shop, skus(shop))

    code, out, _ = run(shop, capsys, "list")

    assert code == 0
    assert "no gap fillers" in out


def call(shop: Shop, method: str, headers: dict, body: object = None, key: str | None = KEY):
    async def go():
        async with TestClient(TestServer(create_app(shop, api_key=key))) as client:
            response = await client.request(
                method, "/admin/gap-fillers", json=body, headers=headers
            )
            return response.status, await response.json()

    return asyncio.run(go())


def test_the_admin_route_needs_the_server_key(shop) -> None:
    before = skus(shop)
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        for method in ("GET", "POST", "DELETE"):
            status, body = call(shop, method, headers, {"skus": ["LA-MOUSE"]})
            assert status == 401, (method, headers)
            assert "error" in body
    assert call(shop, "GET", {"Authorization": f"Bearer {KEY}"}, key=None)[0] == 401
    assert skus(shop) == before


def test_the_admin_route_lists_adds_and_removes(shop) -> None:
    auth = {"Authorization": f"Bearer {KEY}"}
    before = skus(shop)

    status, body = call(shop, "POST", auth, {"skus": ["LA-MOUSE"]})
    assert (status, body["changed"]) == (200, 1)
    assert "LA-MOUSE" in [p["sku"] for p in body["gap_fillers"]]
    assert "LA-MOUSE" in skus(shop)

    status, body = call(shop, "GET", auth)
    assert status == 200
    assert [p["sku"] for p in body["gap_fillers"]] == skus(shop)

    status, body = call(shop, "DELETE", auth, {"sku": "LA-MOUSE"})
    assert (status, body["changed"]) == (200, 1)
    assert skus(shop) == before

    status, body = call(shop, "POST", auth, {"skus": ["NOPE-1"]})
    assert status == 404
    assert "NOPE-1" in body["error"]
    status, body = call(shop, "POST", auth, {"skus": "LA-MOUSE"})
    assert status == 400
    assert skus(shop) == before
