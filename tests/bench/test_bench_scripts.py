"""The benchmarks are scripts, not timed tests: these run them tiny and check their output."""

from __future__ import annotations

import re

import pytest
import recommend_quality
import recommend_scale
import screen_blend
import screen_more
import tune_blend
from synthetic import SyntheticShop

KS = (1, 3, 5, 10)


def check_hit_rates(rates: dict[int, float]) -> None:
    assert set(rates) == set(KS)
    assert all(0.0 <= rates[k] <= 1.0 for k in KS)
    assert rates[1] <= rates[3] <= rates[5] <= rates[10]


def check_quality(result, out: str) -> None:
    names = set(result["hit_rates"])
    assert set(recommend_quality.BASELINES) <= names
    assert recommend_quality.PROJECT in names
    for rates in result["hit_rates"].values():
        check_hit_rates(rates)
    best = result["best_baseline"]
    assert best in recommend_quality.BASELINES
    project = result["hit_rates"][recommend_quality.PROJECT][5]
    assert result["ratio"] == pytest.approx(project / result["hit_rates"][best][5])
    printed = re.search(r"project HR@5 / best baseline HR@5 \((.+)\) = ([0-9.]+)", out)
    assert printed and printed.group(1) == best
    assert float(printed.group(2)) == pytest.approx(result["ratio"], abs=0.0005)
    assert "| popularity |" in out and "| mlxtend rules |" in out and "| EASE λ=500 |" in out
    assert re.search(r"targets: HR@5 [0-9.]+ vs 0.285 \([-+][0-9.]+\), HR@10", out)


def test_quality_bench_on_a_tiny_synthetic_shop(tmp_path, capsys) -> None:
    shop = SyntheticShop(120, seed=3)
    shop.write_products(tmp_path / "products.csv")
    shop.write_orders(tmp_path / "orders.csv", 400, seed=5)

    # fpgrowth at the default 0.001 would mine every subset of every basket of 320 orders
    argv = ["--data", str(tmp_path), "--max-queries", "80", "--min-support", "0.03"]
    result = recommend_quality.main(argv)

    out = capsys.readouterr().out
    assert result is not None and result["queries"] == 80
    check_quality(result, out)
    # popularity is a real signal on Zipf data: it finds something
    assert result["hit_rates"]["popularity"][10] > 0


def test_quality_bench_project_only_skips_the_baselines(tmp_path, capsys) -> None:
    shop = SyntheticShop(120, seed=3)
    shop.write_products(tmp_path / "products.csv")
    shop.write_orders(tmp_path / "orders.csv", 400, seed=5)

    result = recommend_quality.main(
        ["--data", str(tmp_path), "--max-queries", "40", "--project-only"]
    )

    out = capsys.readouterr().out
    assert result is not None and set(result["hit_rates"]) == {recommend_quality.PROJECT}
    check_hit_rates(result["hit_rates"][recommend_quality.PROJECT])
    assert "baselines built" not in out
    assert re.search(r"targets: HR@5 [0-9.]+ vs 0.285 \([-+][0-9.]+\), HR@10", out)


@pytest.mark.skipif(
    not (recommend_quality.DATA / "orders.csv").exists(), reason="groceries data not present"
)
def test_quality_bench_on_a_subset_of_the_groceries_data(capsys) -> None:
    result = recommend_quality.main(["--max-queries", "60"])

    out = capsys.readouterr().out
    assert result is not None and result["queries"] == 60
    assert "7868 history orders, 1967 test baskets, 60 queries" in out
    check_quality(result, out)


def test_scale_bench_at_two_tiny_sizes(capsys) -> None:
    argv = ["--sizes", "300", "600", "--skus", "500", "--carts", "20", "--naive-carts", "5",
            "--updates", "5"]  # fmt: skip

    results = recommend_scale.main(argv)

    out = capsys.readouterr().out
    assert [r["orders"] for r in results] == [300, 600]
    for r in results:
        assert r["order_rows"] >= r["orders"]
        assert 0 < r["p50_ms"] <= r["p95_ms"]
        assert 0 < r["cpu_p50_ms"] <= r["cpu_p95_ms"]
        assert r["knn_cpu_p95_ms"] > 0 and r["knn_index_s"] > 0
        assert 0 < r["knn_baskets"] <= r["orders"]
        assert r["load"] >= 0
        assert 0 < r["naive_p50_ms"] <= r["naive_p95_ms"]
        assert 0 < r["update_p50_ms"] <= r["update_p95_ms"]
        assert 0 < r["stats_build_s"] <= r["import_s"]
        assert r["empty_results"] < 20
    assert "| orders | order rows |" in out and "| kNN CPU p95 ms |" in out
    assert re.search(r"p95 growth 300 -> 600 orders: [0-9.]+x", out)
    assert re.search(r"\| 600 \| [0-9,]+ \|", out)


def test_the_bulk_build_stores_the_same_history_as_the_importers(capsys) -> None:
    argv = ["--sizes", "300", "--skus", "500", "--carts", "5", "--naive-carts", "2",
            "--updates", "1"]  # fmt: skip

    (bulk,) = recommend_scale.main(argv)
    (imported,) = recommend_scale.main([*argv, "--build", "import"])

    out = capsys.readouterr().out
    assert (bulk["build"], imported["build"]) == ("bulk", "import")
    assert bulk["order_rows"] == imported["order_rows"] > 300
    assert 0 < bulk["stats_build_s"] <= bulk["import_s"]
    assert "bulk build: catalog and 300 orders inserted in" in out
    assert "bulk build: statistics" in out and "| store build |" in out


def test_scale_bench_keeps_and_reuses_a_store(tmp_path, capsys) -> None:
    db = tmp_path / "kept.db"
    argv = ["--sizes", "300", "--skus", "500", "--carts", "10", "--naive-carts", "3",
            "--updates", "2", "--keep-db", str(db)]  # fmt: skip

    (built,) = recommend_scale.main(argv)
    assert db.exists()
    (reused,) = recommend_scale.main(argv)

    capsys.readouterr()
    assert built["import_s"] > 0
    assert reused["import_s"] != reused["import_s"]  # NaN: nothing was imported this time
    # the first run recorded 2 checkouts: the kept store has their lines too
    assert reused["order_rows"] > built["order_rows"]
    assert 0 < reused["p50_ms"] <= reused["p95_ms"]


@pytest.mark.skipif(
    not (recommend_quality.DATA / "orders.csv").exists(), reason="groceries data not present"
)
def test_the_knn_tuning_grid_reads_only_training_orders(capsys) -> None:
    tune_blend.main(["--max-queries", "30"])

    out = capsys.readouterr().out
    # 7,868 training orders split again: 6,295 fit orders; the 1,967 test baskets are unread
    assert "6295 fit orders, 30 validation queries (training orders only)" in out
    header = "| knn | k | q | idf | per_item | walk | pop | compress | sellers | HR@1 |"
    assert header in out
    rows = re.findall(r"^\| ([0-9.]+) \| (\d+) \| ([0-9.]+) \| ([0-9.]+) \| (\d+) \| "
                      r"([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| (\d+) \| (.+) \|$",
                      out, re.M)  # fmt: skip
    assert len(rows) == len(tune_blend.GRID)
    for row in rows:
        rates = [float(x) for x in row[9].split(" | ")]
        assert rates == sorted(rates) and all(0 <= r <= 1 for r in rates)


@pytest.mark.skipif(
    not (recommend_quality.DATA / "orders.csv").exists(), reason="groceries data not present"
)
def test_the_blend_search_moves_a_knob_only_when_validation_improves(capsys) -> None:
    tune_blend.main(["--max-queries", "20", "--search"])

    out = capsys.readouterr().out
    assert "20 validation queries (training orders only)" in out
    assert re.search(r"^best on validation: \(", out, re.M)


@pytest.mark.skipif(
    not (recommend_quality.DATA / "orders.csv").exists(), reason="groceries data not present"
)
def test_the_screen_pairs_each_variant_with_the_base_on_the_same_queries(capsys) -> None:
    rows = screen_blend.main(["--folds", "1", "--max-queries", "40",
                              "--variants", "base", "compress=1/3", "list norm max"])  # fmt: skip

    out = capsys.readouterr().out
    assert "fold 1: 40 validation queries" in out
    assert [row[0] for row in rows] == ["base", "compress=1/3", "list norm max"]
    assert rows[0][3:5] == ("+0.0000 ± 0.0000", "+0.0000 ± 0.0000")  # base against itself
    for _, hr5, hr10, *_ in rows:
        assert 0 <= float(hr5) <= float(hr10) <= 1


@pytest.mark.skipif(
    not (recommend_quality.DATA / "orders.csv").exists(), reason="groceries data not present"
)
def test_the_seventh_screen_saves_folds_and_reports_them_again(capsys, tmp_path) -> None:
    names = ["base", "walk 0.75", "rows 40", "tie popularity"]
    ranked = screen_more.main(["--folds", "1", "--max-queries", "40", "--variants", *names,
                               "--save", str(tmp_path)])  # fmt: skip
    loaded = screen_more.main(["--folds", "1", "--variants", *names, "--load", str(tmp_path)])

    assert "fold 1: 40 validation queries" in capsys.readouterr().out
    assert [row[0] for row in ranked] == names
    assert loaded == ranked  # the saved per-query hits give the same table
    assert ranked[0][3:5] == ("+0.0000 ± 0.0000", "+0.0000 ± 0.0000")
    # its base is the sixth session's chosen point: the same hits as screen_blend's
    older = screen_blend.main(["--folds", "1", "--max-queries", "40",
                               "--variants", "base", "compress=1/3"])  # fmt: skip
    assert ranked[0][1:3] == older[1][1:3]
