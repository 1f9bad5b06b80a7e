"""bench/catalog_search.py on a tiny catalog: structure and sanity of its output."""

from __future__ import annotations

import catalog_names
import catalog_search

from bot.domain.language import ENGLISH


def test_the_catalog_generator_is_deterministic_and_distinct() -> None:
    first = catalog_names.catalog(500)
    assert first == catalog_names.catalog(500)
    assert len({tuple(sorted(ENGLISH.terms(name))) for _, name in first}) == 500
    assert catalog_names.catalog(200) == first[:200]


def test_queries_have_known_answers_of_every_kind() -> None:
    products = catalog_names.catalog(400)
    names = dict(products)
    queries = catalog_names.queries(products, 70)
    assert {q.kind for q in queries} == set(catalog_names.QUERY_KINDS)
    for query in queries:
        assert query.sku in names
        if query.kind == "exact":
            assert query.text == names[query.sku]
        else:
            assert query.text != names[query.sku]


def test_the_bench_runs_tiny_and_reports_against_the_difflib_baseline(capsys) -> None:
    argv = ["--sizes", "300", "--queries", "35", "--baseline-queries", "10"]
    runs = catalog_search.main([*argv, "--backends", "sqlite"])

    out = capsys.readouterr().out
    [run] = runs
    assert run["size"] == 300 and run["backend"] == "sqlite"
    assert run["queries"] >= 30 and run["baseline_queries"] == 10
    assert 0.0 <= run["baseline_top1"] <= 1.0
    assert run["top1"] <= run["right_or_asked"] <= 1.0
    assert run["top1"] >= 0.8  # a tiny catalog is easy; the full figures are in the docs
    assert set(run["by_kind"]) == set(catalog_names.QUERY_KINDS)
    assert run["p50_ms"] <= run["p95_ms"]
    assert 0.0 < run["p50_cpu_ms"] <= run["p95_cpu_ms"]
    assert run["baseline_p95_cpu_ms"] > 0.0
    assert "| sqlite | 300 |" in out and "baseline top-1" in out and "p95 CPU ms" in out
    assert "load average at start" in out


def test_the_chat_bench_big_catalog_mode_imports_and_scripts_real_names(tmp_path) -> None:
    from bench.chat_latency import big_catalog
    from bot.services.catalog import list_products
    from bot.services.shop import build_shop

    shop = build_shop(f"sqlite:///{tmp_path / 'shop.db'}", "secret")
    script = big_catalog(shop, 300, tmp_path)
    names = {p.name for p in list_products(shop)}
    shop.engine.dispose()

    assert len(names) == 300 and len(script) == 6
    first = script[1].removeprefix("add the ")
    assert first in names and script[4] == f"remove the {first}"
    assert script[2].removeprefix("please add 2 ") not in names  # misspelt
