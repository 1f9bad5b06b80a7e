"""Accents fold on both sides of the catalog search: "mügs" finds Mug, "cafe" finds Café (R6).

The index keeps the names as they are (no rebuild): the query's words and every name the
re-ranker compares are folded by the one normalisation (``English.normalize_text`` /
``content`` / ``fold``), and SQLite's whole-word index (``unicode61``) already folds
diacritics when it indexes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chat import cart
from bot.chat.products import search_product
from bot.chat.replies import ChatContext
from bot.services.imports import import_products
from bot.services.shop import Shop, build_shop
from tests.conftest import SECRET
from tests.pg import fresh_database, postgres_missing


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Shop]:
    """A store holding accented and plain names, on each backend."""
    if request.param == "postgresql":
        missing = postgres_missing()
        if missing:
            pytest.skip(f"PostgreSQL search tests need PostgreSQL on 127.0.0.1: {missing}")
        with fresh_database("ca_accents") as url:
            shop = build_shop(url, SECRET)
            yield _filled(shop)
            shop.engine.dispose()
        return
    shop = build_shop(f"sqlite:///{tmp_path / 'store.db'}", SECRET)
    yield _filled(shop)
    shop.engine.dispose()


def _filled(shop: Shop) -> Shop:
    names = ["Café Crème Cup", "Ceramic Mug", "Travel Tripod", "Crepe Pan", "Jalapeño Sauce"]
    rows = [
        (n + 2, {"sku": f"S{n}", "name": name, "category": "misc", "price": "5.00", "stock": "9"})
        for n, name in enumerate(names)
    ]
    import_products(shop, rows)
    return shop


def _resolved(shop: Shop, mention: str) -> str:
    with shop.session_factory.begin() as session:
        return search_product(session, mention).name


@pytest.mark.parametrize(
    "mention, name",
    [
        ("mügs", "Ceramic Mug"),
        ("cerámic mug", "Ceramic Mug"),
        ("cafe creme cup", "Café Crème Cup"),
        ("café crème cup", "Café Crème Cup"),
        ("CAFÉ cup", "Café Crème Cup"),
        ("jalapeno sauce", "Jalapeño Sauce"),
        ("trípod", "Travel Tripod"),
    ],
)
def test_accented_and_plain_spellings_find_the_same_product(
    store: Shop, mention: str, name: str
) -> None:
    assert _resolved(store, mention) == name


def test_add_2_accented_mugs_adds_two_mugs(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = cart.add_item(shop, ctx, None, None, "add 2 mügs")

    assert replies[0].response == "utter_added"
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}
