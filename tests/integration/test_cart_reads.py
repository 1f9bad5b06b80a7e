"""The three-statement per-cart reads: same rankings and reasons as the repositories' reads,
and every statement's SQLite plan goes through a key or an index (no full scan)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from sqlalchemy import event

from bot.domain.blend import BlendWeights
from bot.domain.models import CartLine
from bot.domain.ranking import OrderCounts, RankingRules
from bot.domain.suggest import explain, rank_by_neighbours
from bot.services.basket_knn import cart_votes
from bot.services.recommend import recommend_for_skus
from bot.store.cart_reads import ANCHORS_SQL, NEIGHBOURS_SQL, SELLERS_SQL, TOGETHER_SQL
from bot.store.neighbours import NeighbourRepository
from bot.store.statistics import StatisticsRepository

RULES = {
    "chat defaults": RankingRules(),
    "best sellers, kNN": replace(
        RankingRules(), best_sellers=5, blend=replace(BlendWeights(), knn=1.0)
    ),
    "no band, no stock, min 1": replace(
        RankingRules(),
        max_price_ratio=None,
        min_price_ratio=None,
        require_stock=False,
        min_together=1,
        min_share=0,
        best_sellers=20,
    ),  # fmt: skip
}


def old_recommend(shop, skus, limit, rules):
    """The ranking through the repositories' reads (main's code before cart_reads)."""
    with shop.session_factory.begin() as session:
        stats, lists = StatisticsRepository(session), NeighbourRepository(session)
        anchors = {pid: (p, n) for pid, p, n in stats.with_orders(skus)}
        lines = [CartLine(product, 1) for product, _ in anchors.values()]
        complements = {anchors[a][0].sku: f for a, f in lists.complements(anchors).items()}
        cart = {pid: product for pid, (product, _) in anchors.items()}
        per_item = rules.rows_per_item(len(cart))
        rows, candidates, ids = lists.cart_neighbours(cart, per_item, rules.min_together)
        sellers = stats.best_seller_products(rules.best_sellers) if rules.best_sellers else []
        by_sku = {product.sku: orders for product, orders in anchors.values()}
        by_sku.update(candidates)
        by_sku.update({product.sku: orders for _, product, orders in sellers})
        counts = OrderCounts(stats.total_orders(), by_sku, [p for _, p, _ in sellers])
        knn = {}
        if rules.blend.knn and ids:
            votes = cart_votes(session, cart, ids.values(), rules.knn)
            knn = {sku: votes[pid] for sku, pid in ids.items() if pid in votes}
        ranked = rank_by_neighbours(
            lines, rows, complements, set(skus), rules, limit, counts, knn
        )  # fmt: skip
        found = lists.together(list(anchors), [r.product.sku for r in ranked])
        together = {s: {anchors[a][0].sku: n for a, n in b.items()} for s, b in found.items()}
        return explain(ranked, lines, together, counts, rules)


def _carts(shop, size: int, count: int) -> list[tuple[str, ...]]:
    with shop.session_factory.begin() as session:
        skus = [p.sku for _, p, _ in StatisticsRepository(session).best_seller_products(40)]
    return list(itertools.islice(itertools.combinations(skus, size), 0, None, 7))[:count]


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_three_statements_rank_and_explain_like_the_repositories(shop, name) -> None:
    rules = RULES[name]
    carts = [*_carts(shop, 1, 40), *_carts(shop, 2, 40), *_carts(shop, 3, 20), ("NOPE", "X")]
    compared = 0
    for skus in carts:
        new = recommend_for_skus(shop, skus, 5, rules)
        assert new == old_recommend(shop, skus, 5, rules), skus
        compared += bool(new)
    assert compared >= len(carts) // 3  # the carts are not trivially empty


def test_a_cart_is_read_in_three_statements(shop) -> None:
    rules = RULES["best sellers, kNN"]
    recommend_for_skus(shop, ("PH-ARIA-256",), 5, rules)  # the kNN index is built once
    statements: list[str] = []
    # what SQLite itself runs (the reads bypass SQLAlchemy's cursor events)
    event.listen(
        shop.engine, "connect", lambda dbapi, _: dbapi.set_trace_callback(statements.append)
    )
    shop.engine.dispose()

    ranked = recommend_for_skus(shop, ("PH-ARIA-256", "CM-SNAP-ENT"), 5, rules)

    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert ranked and len(reads) == 3, statements


def _plan(shop, sql: str, params: list) -> list[str]:
    with shop.engine.connect() as connection:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(params)).all()
    return [row[-1] for row in rows]


def _assert_indexed(plan: list[str]) -> None:
    scans = [
        line
        for line in plan
        if line.startswith("SCAN")
        and line != "SCAN CONSTANT ROW"
        and "USING COVERING INDEX ix_item_stats_orders" not in line  # the LIMIT-ed best sellers
        and not line.startswith("SCAN sellers")  # that LIMIT-ed subquery's rows
    ]
    assert not scans, plan


def test_every_per_cart_statement_is_served_by_keys_and_indexes(shop) -> None:
    anchors = ANCHORS_SQL.format(skus="?, ?")
    plan = _plan(shop, anchors, ["PH-ARIA-256", "CM-SNAP-ENT"])
    _assert_indexed(plan)
    assert any("products" in line and "sqlite_autoindex_products" in line for line in plan), plan

    listed = NEIGHBOURS_SQL.format(anchors="?, ?", mark="?") + SELLERS_SQL.format(mark="?")
    plan = _plan(shop, listed, [1, 2, 50, 3, 1, 2, 20])
    _assert_indexed(plan)
    assert any("autoindex_item_neighbours_1 (product_id=? AND rank<?)" in ln for ln in plan), plan
    assert any("autoindex_complements_1 (product_id=?)" in line for line in plan), plan

    plan = _plan(shop, TOGETHER_SQL.format(anchors="?, ?", others="?, ?, ?"), [1, 2, 3, 4, 5])
    _assert_indexed(plan)
    # one key lookup per pair, not every partner of a cart item through ix_pair_stats_top
    assert any("pair_stats" in line and "(product_id=? AND other_id=?)" in line for line in plan)


def _plain(answer: list) -> list:
    """An answer without the last bits of its scores: PostgreSQL returns the list rows in
    another order than SQLite when not told (the old read did not), and float sums in
    another order differ in the 15th digit; products, order and reasons must not."""
    return [(s.product, s.kind, s.reason, round(s.score, 9)) for s in answer]


def test_the_statements_run_on_postgresql_with_the_same_answers(shop) -> None:
    from bot.services.seed import seed_demo
    from bot.services.shop import build_shop
    from tests.pg import fresh_database, postgres_missing

    missing = postgres_missing()
    if missing:
        pytest.skip(missing)
    carts = [*_carts(shop, 1, 10), *_carts(shop, 2, 10), ("NOPE",)]
    with fresh_database("ca_cart_reads") as url:
        pg = build_shop(url, secret="t")
        try:
            seed_demo(pg)
            for rules in RULES.values():
                for skus in carts:
                    answer = _plain(recommend_for_skus(pg, skus, 5, rules))
                    assert answer == _plain(old_recommend(pg, skus, 5, rules)), skus
                    # the same demo history on either backend: the same answer as SQLite's
                    assert answer == _plain(recommend_for_skus(shop, skus, 5, rules)), skus
        finally:
            pg.engine.dispose()
