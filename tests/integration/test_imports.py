import pytest
from sqlalchemy import func, select

from bot.services.imports import import_orders, import_products
from bot.store.history import HistoryRepository
from bot.store.statistics import StatisticsRepository
from bot.store.tables import HistoryTotalsRow, ItemStatRow, OrderRow, PairStatRow, ProductRow

PRODUCTS = [
    {"sku": "A", "name": "Apples", "category": "fruit"},
    {"sku": "B", "name": "Bread", "category": "bakery", "price": "2.50", "stock": "9"},
    {"sku": "C", "name": "Cheese", "category": "dairy"},
    {"sku": "D", "name": "Dates", "category": "fruit"},
]
ORDERS = [("T1", "A"), ("T1", "B"), ("T2", "A"), ("T2", "B"), ("T2", "C"),
          ("T3", "C"), ("T4", "A"), ("T4", "D"), ("T5", "B"), ("T5", "C")]  # fmt: skip


def rows(dicts):
    return [(number + 2, row) for number, row in enumerate(dicts)]


def order_rows(pairs=ORDERS):
    return rows({"order_id": order, "sku": sku} for order, sku in pairs)


def stats(shop):
    with shop.session_factory.begin() as session:
        items = set(session.execute(select(ItemStatRow.product_id, ItemStatRow.orders)))
        pairs = set(session.execute(select(PairStatRow.product_id, PairStatRow.other_id,
                                           PairStatRow.together)))  # fmt: skip
        total = session.scalar(select(HistoryTotalsRow.orders))
    return items, pairs, total


def rebuilt_stats(shop):
    with shop.session_factory.begin() as session:
        HistoryRepository(session).rebuild_statistics()
    return stats(shop)


def test_products_import_stores_prices_in_cents_and_price_less_rows_as_zero(empty_shop) -> None:
    report = import_products(empty_shop, rows(PRODUCTS))

    assert (report.added, report.updated, report.unchanged, report.problems) == (4, 0, 0, [])
    with empty_shop.session_factory.begin() as session:
        stored = {
            r.sku: (r.price_minor, r.stock, r.role) for r in session.scalars(select(ProductRow))
        }
    assert stored == {"A": (0, 0, "accessory"), "B": (250, 9, "accessory"),
                      "C": (0, 0, "accessory"), "D": (0, 0, "accessory")}  # fmt: skip


def test_reimporting_products_changes_nothing_and_changed_rows_update(empty_shop, store_state):
    import_products(empty_shop, rows(PRODUCTS))
    before = store_state(empty_shop)

    again = import_products(empty_shop, rows(PRODUCTS))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert store_state(empty_shop) == before

    changed = [dict(PRODUCTS[1], price="3.00")]
    report = import_products(empty_shop, rows(changed))
    assert (report.added, report.updated) == (0, 1)
    with empty_shop.session_factory.begin() as session:
        assert session.scalar(select(ProductRow.price_minor).where(ProductRow.sku == "B")) == 300


def test_a_file_without_a_role_column_keeps_each_stored_role(empty_shop) -> None:
    # Trial 13, F3: re-importing prices without a role column turned main products into
    # accessories, which moved the price band and the add-on moments without a word.
    import_products(empty_shop, rows([dict(PRODUCTS[1], role="main"), PRODUCTS[0]]))

    report = import_products(
        empty_shop,
        rows([{"sku": "B", "name": "Bread", "category": "bakery", "price": "3.00"},
              {"sku": "N", "name": "new", "category": "c"}]),
    )  # fmt: skip

    assert (report.added, report.problems) == (1, [])
    with empty_shop.session_factory.begin() as session:
        roles = {
            sku: role for sku, role in session.execute(select(ProductRow.sku, ProductRow.role))
        }
    assert roles == {"A": "accessory", "B": "main", "N": "accessory"}
    reset = import_products(empty_shop, rows([dict(PRODUCTS[1], role="accessory")]))
    assert reset.updated == 1  # a role given in the file still changes it


def test_bad_product_rows_are_reported_by_line_and_skipped(empty_shop) -> None:
    bad = [PRODUCTS[0], {"sku": "X", "name": "", "category": "c"}, PRODUCTS[1],
           {"sku": "Y", "name": "y", "category": "c", "price": "ten"}]  # fmt: skip

    report = import_products(empty_shop, rows(bad))

    assert report.added == 2
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "name is empty"), (5, "price is not an amount: 'ten'")
    ]  # fmt: skip


def test_orders_bulk_import_rebuilds_exact_statistics(empty_shop) -> None:
    import_products(empty_shop, rows(PRODUCTS))

    report = import_orders(empty_shop, order_rows(), batch_size=2)

    assert (report.added, report.unchanged, report.rows, report.statistics) == (5, 0, 10, "rebuilt")
    imported = stats(empty_shop)
    assert imported[2] == 5
    assert imported == rebuilt_stats(empty_shop)


def test_reimporting_orders_changes_nothing(empty_shop, store_state) -> None:
    import_products(empty_shop, rows(PRODUCTS))
    import_orders(empty_shop, order_rows(), batch_size=2)
    before = store_state(empty_shop)

    again = import_orders(empty_shop, order_rows(), batch_size=3)

    assert (again.added, again.unchanged, again.statistics) == (0, 5, "unchanged")
    assert store_state(empty_shop) == before


def test_orders_into_a_counted_history_update_statistics_per_batch(empty_shop) -> None:
    import_products(empty_shop, rows(PRODUCTS))
    import_orders(empty_shop, order_rows(ORDERS[:5]))  # T1, T2: bulk load

    report = import_orders(empty_shop, order_rows(ORDERS), batch_size=2)

    assert (report.added, report.unchanged, report.statistics) == (3, 2, "updated")
    incremental = stats(empty_shop)
    assert incremental[2] == 5
    assert incremental == rebuilt_stats(empty_shop)


def test_unknown_skus_and_bad_rows_are_skipped_with_their_line(empty_shop) -> None:
    import_products(empty_shop, rows(PRODUCTS))
    pairs = [("T1", "A"), ("T1", "ZZZ"), ("T2", "B"), ("T2", ""), ("T3", "NOPE")]

    report = import_orders(empty_shop, order_rows(pairs))

    assert report.added == 2  # T3 has no known item left and is not recorded
    assert sorted((p.line, p.message) for p in report.problems) == [
        (3, "unknown sku ZZZ"), (5, "sku is empty"), (6, "unknown sku NOPE"),
    ]  # fmt: skip
    with empty_shop.session_factory.begin() as session:
        assert set(session.scalars(select(OrderRow.order_ref))) == {"T1", "T2"}


def test_an_interrupted_import_keeps_whole_batches_and_a_rerun_completes_it(empty_shop) -> None:
    import_products(empty_shop, rows(PRODUCTS))
    calls = []

    def crash_after_first_batch(report) -> None:
        calls.append(report.added)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_orders(empty_shop, order_rows(), batch_size=2, progress=crash_after_first_batch)

    with empty_shop.session_factory.begin() as session:
        refs = set(session.scalars(select(OrderRow.order_ref)))
        lines = session.scalar(select(func.count()).select_from(OrderRow))
        assert StatisticsRepository(session).is_stale()
    assert calls == [2] and refs == {"T1", "T2"} and lines == 2

    report = import_orders(empty_shop, order_rows(), batch_size=2)

    assert (report.added, report.unchanged, report.statistics) == (3, 2, "rebuilt")
    assert stats(empty_shop)[2] == 5
    assert stats(empty_shop) == rebuilt_stats(empty_shop)


def test_a_product_in_another_currency_is_refused_by_line(empty_shop) -> None:
    euro = {"sku": "X-EUR", "name": "Euro Teapot", "category": "kitchen", "price": "20.00",
            "currency": "EUR"}  # fmt: skip

    report = import_products(empty_shop, rows([*PRODUCTS, euro]))

    assert report.added == 4
    assert [str(p) for p in report.problems] == [
        "line 6: currency EUR is not the shop's currency (USD); a shop has one: set it with "
        "`import-products FILE --currency EUR`"
    ]
    with empty_shop.session_factory.begin() as session:
        assert session.scalar(select(ProductRow).where(ProductRow.sku == "X-EUR")) is None
