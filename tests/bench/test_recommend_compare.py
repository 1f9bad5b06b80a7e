"""The lockstep comparison bench, tiny: two trees, one store, same answers, both timed."""

from __future__ import annotations

from pathlib import Path

import recommend_compare

ROOT = Path(__file__).resolve().parents[2]


def test_two_trees_answer_every_cart_alike_and_are_timed_in_one_run(tmp_path, capsys) -> None:
    db = tmp_path / "store.db"
    argv = ["--db", str(db), "--orders", "600", "--skus", "300", "--carts", "30", "--warm", "3",
            "--main-tree", str(ROOT)]  # fmt: skip

    result = recommend_compare.main(argv)

    out = capsys.readouterr().out
    assert db.exists() and "store built: 600 orders" in out
    assert result["mismatches"] == []
    for tree in ("main", "this"):
        wall50, wall95, cpu50, cpu95 = result[tree]
        assert 0 < wall50 <= wall95 and 0 < cpu50 <= cpu95
    assert "same answers on 30 of 30 carts" in out and "| this/main |" in out

    again = recommend_compare.main([*argv[:2], "--skus", "300", "--carts", "5", "--warm", "1",
                                    "--main-tree", str(ROOT)])  # fmt: skip
    assert again["mismatches"] == [] and "store built" not in capsys.readouterr().out


def test_the_three_statement_reads_match_the_repositories_on_a_synthetic_store(tmp_path) -> None:
    import recommend_scale
    from synthetic import SyntheticShop

    from bot.services.basket_knn import warm_up
    from bot.services.recommend import recommend_for_skus
    from bot.services.shop import build_shop
    from tests.integration.test_cart_reads import RULES, old_recommend

    synthetic = SyntheticShop(400)
    shop = build_shop(f"sqlite:///{tmp_path / 's.db'}", secret="t")
    recommend_scale.bulk_build(shop, tmp_path, synthetic, 3000)
    warm_up(shop)
    carts = recommend_scale.carts(synthetic, 150)
    try:
        for rules in RULES.values():
            answered = 0
            for cart in carts:
                new = recommend_for_skus(shop, cart, 5, rules)
                assert new == old_recommend(shop, cart, 5, rules), cart
                answered += bool(new)
            assert answered > 100
    finally:
        shop.engine.dispose()


def test_a_writer_phase_times_the_same_carts_under_write_load_and_cleans_up(tmp_path) -> None:
    import sqlite3

    db = tmp_path / "store.db"
    argv = ["--db", str(db), "--orders", "600", "--skus", "300", "--carts", "20", "--warm", "2",
            "--main-tree", str(ROOT), "--writer-hold", "2", "--writer-gap", "1"]  # fmt: skip

    result = recommend_compare.main(argv)

    loaded = result["writer"]
    assert result["mismatches"] == [] and loaded["mismatches"] == []
    assert loaded["written"] > 0 and len(loaded["ratios"]) == 4
    for tree in ("main", "this"):
        assert 0 < loaded[tree][0] <= loaded[tree][1]
    with sqlite3.connect(db) as connection:
        left = "SELECT count(*) FROM idempotency_keys WHERE key LIKE 'bench-writer:%'"
        assert connection.execute(left).fetchone() == (0,)
