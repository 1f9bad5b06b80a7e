"""Catalog import: markdown characters in names are stored as written; duplicate SKUs in one
file are merged and counted as duplicates (never as "already there")."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.imports import import_products
from bot.store.tables import ProductRow
from tests.integration.test_cli_data import run

NAMES = {
    "M1": "Mug *Pro* Edition",
    "M2": "Snap_Cam 2_0",
    "M3": "Cable [USB-C] `fast`",
    "M4": "~~Deal~~ Lamp \\ 50%",
}


def _stored(shop) -> dict[str, tuple[str, int]]:
    with shop.session_factory.begin() as session:
        return {r.sku: (r.name, r.price_minor) for r in session.scalars(select(ProductRow))}


def test_names_with_markdown_characters_are_kept_exactly(empty_shop) -> None:
    rows = [(n + 2, {"sku": sku, "name": name, "category": "test"})
            for n, (sku, name) in enumerate(NAMES.items())]  # fmt: skip
    report = import_products(empty_shop, rows)
    assert (report.added, report.duplicates, report.problems) == (4, 0, [])
    assert {sku: name for sku, (name, _) in _stored(empty_shop).items()} == NAMES


def test_duplicate_skus_in_one_file_are_counted_as_duplicates_last_row_kept(empty_shop) -> None:
    rows = [
        (2, {"sku": "A", "name": "Apples", "category": "fruit", "price": "1.00"}),
        (3, {"sku": "B", "name": "Bread", "category": "bakery"}),
        (4, {"sku": "A", "name": "Apples", "category": "fruit", "price": "1.20"}),
        (5, {"sku": "A", "name": "Green Apples", "category": "fruit", "price": "1.30"}),
        (6, {"sku": "C", "name": "Cheese", "category": "dairy"}),
        (7, {"sku": "B", "name": "Bread", "category": "bakery"}),
    ]
    for batch_size in (1000, 2):  # duplicates inside one batch and across batches
        shop = empty_shop
        with shop.session_factory.begin() as session:
            session.execute(ProductRow.__table__.delete())
        report = import_products(shop, rows, batch_size=batch_size)
        assert (report.rows, report.added, report.updated, report.unchanged) == (6, 3, 0, 0)
        assert report.duplicates == 3, batch_size
        assert _stored(shop) == {"A": ("Green Apples", 130), "B": ("Bread", 0),
                                 "C": ("Cheese", 0)}  # fmt: skip

    again = import_products(empty_shop, rows)  # the same file again: nothing new
    assert (again.added, again.updated, again.unchanged, again.duplicates) == (0, 0, 3, 3)


def test_the_cli_summary_says_how_many_rows_were_merged(empty_shop, tmp_path, capsys) -> None:
    path = tmp_path / "products.csv"
    path.write_text(
        "sku,name,category\nA,Mug *Pro*,x\nB,Snap_Cam,x\nA,Mug *Pro*,x\nA,Mug *Pro* 2,x\n"
    )
    code, out, _ = run(empty_shop, capsys, "import-products", str(path))
    assert code == 0
    assert out == (
        "2 products added, 0 already there, 0 updated, "
        "2 duplicate rows merged (same SKU; last row kept), 0 rows skipped\n"
    )
    assert _stored(empty_shop)["A"][0] == "Mug *Pro* 2"
