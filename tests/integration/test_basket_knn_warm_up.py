"""Start-up warm-up of the basket-kNN index: carts never build it inline once it has run."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest

from bot.services import basket_knn
from bot.services.basket_knn import cart_votes, current_index, start_warm_up
from bot.services.neighbours import rebuild_neighbours
from bot.services.recommend import recommend_for_skus
from bot.services.shop import Shop

WAIT = 120.0  # generous: a loaded 2-core machine


@pytest.fixture
def stops() -> Iterator[list[threading.Event]]:
    """Stop events of the warm-up threads a test starts (set at the end)."""
    events: list[threading.Event] = []
    yield events
    for event in events:
        event.set()


def _warmed(shop: Shop, stops: list[threading.Event], poll: float = 3600.0) -> threading.Thread:
    done, stop = threading.Event(), threading.Event()
    stops.append(stop)
    thread = start_warm_up(shop, poll_seconds=poll, stop=stop, on_done=done.set)
    assert done.wait(WAIT), "the warm-up did not finish"
    return thread


def _index(shop: Shop):
    with shop.session_factory.begin() as session:
        return current_index(session, recheck_after=0.0)


def _no_inline_build(monkeypatch) -> list[int]:
    calls: list[int] = []

    def refuse(lines, params):
        calls.append(threading.get_ident())
        raise AssertionError("a cart built the index inline")

    monkeypatch.setattr(basket_knn, "_build", refuse)
    return calls


def _cart(shop: Shop) -> list[str]:
    from sqlalchemy import text

    with shop.session_factory.begin() as session:
        query = "SELECT p.sku FROM item_stats s JOIN products p ON p.id = s.product_id"
        return list(session.execute(text(query + " ORDER BY s.orders DESC LIMIT 2")).scalars())


def _cart_ids(shop: Shop) -> list[int]:
    from sqlalchemy import text

    with shop.session_factory.begin() as session:
        query = "SELECT product_id FROM item_stats ORDER BY orders DESC LIMIT 2"
        return list(session.execute(text(query)).scalars())


def test_the_first_cart_after_warm_up_does_not_build_the_index(shop, stops, monkeypatch) -> None:
    _warmed(shop, stops)
    warmed = basket_knn._indexes[shop.engine][1]
    calls = _no_inline_build(monkeypatch)

    recommend_for_skus(shop, _cart(shop), 3)  # the chat's ranking, kNN term included
    with shop.session_factory.begin() as session:
        votes = cart_votes(session, _cart_ids(shop))

    assert votes and calls == []
    assert _index(shop) is warmed


def test_a_rebuild_is_indexed_in_the_background_while_carts_keep_the_old_index(
    shop, stops, monkeypatch
) -> None:
    _warmed(shop, stops)
    first = _index(shop)
    release, built_in = threading.Event(), []
    real_build = basket_knn._build

    def slow(lines, params):
        built_in.append(threading.current_thread().name)
        assert release.wait(WAIT)
        return real_build(lines, params)

    monkeypatch.setattr(basket_knn, "_build", slow)

    rebuild_neighbours(shop)  # the background refresh starts and waits for `release`
    assert _index(shop) is first  # a cart meanwhile: the previous index, nothing built here
    release.set()
    deadline = time.monotonic() + WAIT
    while _index(shop) is first and time.monotonic() < deadline:
        time.sleep(0.05)

    assert _index(shop) is not first
    assert built_in == ["knn-refresh"]  # only the background thread built it


def test_a_failed_warm_up_is_logged_and_carts_fall_back_to_building_it(
    shop, stops, monkeypatch, caplog
) -> None:
    real_build = basket_knn._build

    def broken(lines, params):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(basket_knn, "_build", broken)
    with caplog.at_level(logging.ERROR, logger="bot.services.basket_knn"):
        thread = _warmed(shop, stops)

    assert thread.is_alive()  # the thread survives to retry at the next poll
    assert "basket-kNN warm-up failed" in caplog.text and "disk on fire" in caplog.text
    monkeypatch.setattr(basket_knn, "_build", real_build)
    with shop.session_factory.begin() as session:
        assert cart_votes(session, _cart_ids(shop))  # the cart builds the index itself
    assert _index(shop) is not None


def test_a_cart_during_the_start_up_build_is_ranked_without_waiting(
    shop, stops, monkeypatch
) -> None:
    release, started = threading.Event(), threading.Event()
    real_build = basket_knn._build

    def slow(lines, params):
        started.set()
        assert release.wait(WAIT)
        return real_build(lines, params)

    monkeypatch.setattr(basket_knn, "_build", slow)
    stop, done = threading.Event(), threading.Event()
    stops.append(stop)
    start_warm_up(shop, poll_seconds=3600.0, stop=stop, on_done=done.set)
    assert started.wait(WAIT)

    assert _index(shop) is None  # no half-built index, no inline build: no kNN term yet
    with shop.session_factory.begin() as session:
        assert cart_votes(session, _cart_ids(shop)) == {}
    recommend_for_skus(shop, _cart(shop), 3)  # ranked by the other terms meanwhile
    release.set()
    assert done.wait(WAIT)
    assert _index(shop) is not None
