from sqlalchemy import delete, select

from bot.services.orders import place_order
from bot.store.history import HistoryRepository
from bot.store.repositories import CatalogRepository
from bot.store.tables import ItemStatRow, OrderLineRow, OrderRow, PairStatRow, ProductRow

TINY_ORDERS = [
    ["A", "B"],
    ["A", "B", "C"],
    ["C"],
    ["A", "D"],
    ["B", "C", "D"],
    ["A", "B"],
]


def _stats(session) -> tuple[set, set]:
    items = set(session.execute(select(ItemStatRow.product_id, ItemStatRow.orders)))
    pairs = set(
        session.execute(select(PairStatRow.product_id, PairStatRow.other_id, PairStatRow.together))
    )
    return items, pairs


def _tiny_catalog(session) -> dict[str, int]:
    catalog = CatalogRepository(session)
    for sku in "ABCD":
        catalog.upsert_product(
            {"sku": sku, "name": f"Item {sku}", "category": "misc", "price_minor": 500, "stock": 9}
        )
    return {row.sku: row.id for row in catalog.products()}


def test_incremental_counts_equal_a_full_rebuild(empty_shop) -> None:
    with empty_shop.session_factory.begin() as session:
        ids = _tiny_catalog(session)
        history = HistoryRepository(session)
        for number, skus in enumerate(TINY_ORDERS):
            lines = [(ids[sku], 1, 500) for sku in skus]
            history.add_order(f"T{number}", None, lines)
            history.count_order(pid for pid, _, _ in lines)
        incremental = _stats(session)
        history.rebuild_statistics()
        rebuilt = _stats(session)

    assert incremental == rebuilt
    items, pairs = rebuilt
    by_id = {v: k for k, v in ids.items()}
    assert {(by_id[p], n) for p, n in items} == {("A", 4), ("B", 4), ("C", 3), ("D", 2)}
    named = {(by_id[a], by_id[b]): n for a, b, n in pairs}
    assert named[("A", "B")] == named[("B", "A")] == 3
    assert named[("B", "C")] == named[("C", "B")] == 2
    assert named[("A", "D")] == 1
    assert ("A", "A") not in named
    assert len(named) == 12  # AB AC AD BC BD CD, each in both directions


def test_incremental_counts_equal_rebuild_over_demo_orders(shop) -> None:
    with shop.session_factory.begin() as session:
        # keep the first 300 demo orders (replaying all 2400 one by one takes seconds)
        session.execute(delete(OrderLineRow).where(OrderLineRow.order_id > 300))
        session.execute(delete(OrderRow).where(OrderRow.id > 300))
        history = HistoryRepository(session)
        history.rebuild_statistics()
        rebuilt = _stats(session)
        session.execute(delete(PairStatRow))
        session.execute(delete(ItemStatRow))
        baskets: dict[int, list[int]] = {}
        for order_id, product_id in session.execute(
            select(OrderLineRow.order_id, OrderLineRow.product_id)
        ):
            baskets.setdefault(order_id, []).append(product_id)
        for products in baskets.values():
            history.count_order(products)
        replayed = _stats(session)

    assert len(baskets) == 300
    assert len(rebuilt[1]) > 100
    assert replayed == rebuilt


def test_counting_an_empty_or_single_item_order(empty_shop) -> None:
    with empty_shop.session_factory.begin() as session:
        ids = _tiny_catalog(session)
        history = HistoryRepository(session)
        history.count_order([])
        history.count_order([ids["A"], ids["A"]])  # duplicates count once
        items, pairs = _stats(session)

    assert items == {(ids["A"], 1)}
    assert pairs == set()


def test_recording_an_order_updates_pair_counts(shop, probe) -> None:
    skus = ("PH-ARIA-256", "PA-CASE-CLR", "CA-TRIPOD")
    phone, case, tripod = (probe.product_id(shop, sku) for sku in skus)
    with shop.session_factory.begin() as session:
        history = HistoryRepository(session)
        before = {c.other_id: c for c in history.pair_counts([phone])}
        orders_before = history.item_orders([phone, case, tripod])
        lines = [(phone, 1, 79900), (case, 1, 1900), (tripod, 1, 5900)]
        history.add_order("NEW-1", None, lines)
        history.count_order([phone, case, tripod])
    with shop.session_factory.begin() as session:
        history = HistoryRepository(session)
        after = {c.other_id: c for c in history.pair_counts([phone])}
        orders_after = history.item_orders([phone, case, tripod])
        reverse = {c.other_id: c.together for c in history.pair_counts([tripod])}

    assert after[case].together == before[case].together + 1
    assert after[tripod].together == (before[tripod].together if tripod in before else 0) + 1
    assert after[case].anchor_orders == before[case].anchor_orders + 1
    assert orders_after == {pid: n + 1 for pid, n in orders_before.items()}
    assert reverse[phone] == after[tripod].together
    unchanged = set(before) - {case, tripod}
    assert all(after[pid].together == before[pid].together for pid in unchanged)


def test_placing_an_order_keeps_statistics_current(shop, new_cart, probe) -> None:
    cart_id, _ = new_cart(shop, lines=[("PH-NOVA-LITE", 1), ("CA-CLEAN", 2)])
    nova, clean = probe.product_id(shop, "PH-NOVA-LITE"), probe.product_id(shop, "CA-CLEAN")
    together_before = probe.orders_with(shop, "PH-NOVA-LITE", "CA-CLEAN")

    place_order(shop, cart_id)

    with shop.session_factory.begin() as session:
        counts = {c.other_id: c for c in HistoryRepository(session).pair_counts([nova])}
        stock = session.scalar(select(ProductRow.stock).where(ProductRow.sku == "CA-CLEAN"))
    assert counts[clean].together == together_before + 1
    assert counts[clean].anchor_orders == probe.orders_with(shop, "PH-NOVA-LITE")
    assert stock == 70 - 2
    assert probe.lines(shop, cart_id) == {}
