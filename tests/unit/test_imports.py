import pytest

from bot.domain.imports import (
    MissingColumns,
    OrderRowValues,
    ParsedOrder,
    RowProblem,
    check_header,
    group_orders,
    parse_order_row,
    parse_product_row,
)


def test_header_must_hold_the_required_columns() -> None:
    check_header(["sku", "name", "category", "department"], ("sku", "name", "category"))
    with pytest.raises(MissingColumns) as raised:
        check_header(["sku", "title"], ("sku", "name", "category"))
    assert raised.value.missing == ("name", "category")
    assert raised.value.message == "missing column(s): name, category"
    with pytest.raises(MissingColumns):
        check_header(None, ("order_id",))


def test_a_price_less_product_row_stores_no_price_or_stock() -> None:
    row = {"sku": "G011", "name": "frankfurter", "category": "sausage", "department": "meat"}

    # no role either: a new product becomes an accessory, a stored one keeps its role
    assert parse_product_row(2, row) == {
        "sku": "G011",
        "name": "frankfurter",
        "category": "sausage",
    }


def test_price_stock_role_and_currency_are_parsed_exactly() -> None:
    row = {"sku": " A1 ", "name": "Case", "category": "cases", "price": "19.5",
           "stock": "7", "role": "main", "currency": "eur"}  # fmt: skip

    values = parse_product_row(3, row)

    assert values == {"sku": "A1", "name": "Case", "category": "cases", "price_minor": 1950,
                      "stock": 7, "role": "main", "currency": "EUR"}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"sku": "", "name": "x", "category": "c"}, "sku is empty"),
        ({"sku": "A", "name": "x"}, "category is empty"),
        ({"sku": "A", "name": "x", "category": "c", "price": "abc"}, "not an amount: 'abc'"),
        ({"sku": "A", "name": "x", "category": "c", "price": "-1"}, "price must not be negative"),
        ({"sku": "A", "name": "x", "category": "c", "stock": "2.5"}, "stock must be a whole"),
        (
            {"sku": "A", "name": "x", "category": "c", "role": "boss"},
            "role must be one of main, accessory, not 'boss'",
        ),
        (
            {"sku": "A", "name": "x", "category": "c", "price": "12.345"},
            "price 12.345 does not fit USD: it has 2 decimals",
        ),
        (
            {"sku": "A", "name": "x", "category": "c", "price": "1200.5", "currency": "JPY"},
            "price 1200.5 does not fit JPY: it has no decimals",
        ),
        (
            {"sku": "A", "name": "x", "category": "c", "currency": "XXQ"},
            "'XXQ' is not an ISO 4217 currency code",
        ),
        ({"sku": "A" * 65, "name": "x", "category": "c"}, "sku is longer than 64"),
    ],
)
def test_bad_product_rows_become_problems_with_their_line(row, message) -> None:
    problem = parse_product_row(9, row)

    assert isinstance(problem, RowProblem)
    assert problem.line == 9
    assert message in problem.message
    assert str(problem).startswith("line 9: ")


def test_order_rows_default_to_quantity_one_and_reject_bad_quantities() -> None:
    assert parse_order_row(2, {"order_id": "T1", "sku": "G1"}) == OrderRowValues(2, "T1", "G1", 1)
    assert parse_order_row(3, {"order_id": "T1", "sku": "G1", "quantity": "3"}).quantity == 3
    for bad in ("0", "-2", "x", "10001"):
        problem = parse_order_row(4, {"order_id": "T1", "sku": "G1", "quantity": bad})
        assert isinstance(problem, RowProblem) and problem.line == 4
    assert isinstance(parse_order_row(5, {"order_id": "", "sku": "G1"}), RowProblem)


def _row(line: int, order: str, sku: str, quantity: int = 1) -> OrderRowValues:
    return OrderRowValues(line, order, sku, quantity)


def test_consecutive_rows_form_one_order_and_repeated_skus_add_up() -> None:
    problem = RowProblem(4, "sku is empty")
    rows = [_row(2, "T1", "A"), _row(3, "T1", "B"), problem, _row(5, "T1", "A", 2),
            _row(6, "T2", "C")]  # fmt: skip

    grouped = list(group_orders(rows))

    assert grouped == [
        problem,
        ParsedOrder("T1", 2, {"A": 3, "B": 1}, {"A": 2, "B": 3}),
        ParsedOrder("T2", 6, {"C": 1}, {"C": 6}),
    ]


def test_an_order_that_reappears_later_is_reported_not_merged() -> None:
    rows = [_row(2, "T1", "A"), _row(3, "T2", "B"), _row(4, "T1", "C"), _row(5, "T1", "D")]

    grouped = list(group_orders(rows))

    assert [g.order_ref for g in grouped if isinstance(g, ParsedOrder)] == ["T1", "T2"]
    problems = [g for g in grouped if isinstance(g, RowProblem)]
    assert [p.line for p in problems] == [4, 5]
    assert "order T1 was already closed above" in problems[0].message


def test_a_row_in_another_currency_than_the_shops_is_refused_with_its_reason() -> None:
    row = {"sku": "X-EUR", "name": "Euro Teapot", "category": "kitchen", "currency": "eur"}

    refused = parse_product_row(7, row, "USD")

    assert refused == RowProblem(
        7, "currency EUR is not the shop's currency (USD); a shop has one: set it with "
        "`import-products FILE --currency EUR`",
    )  # fmt: skip
    assert parse_product_row(7, {**row, "currency": "usd"}, "USD")["currency"] == "USD"
    # a row without a currency is in the shop's (never the column default's USD)
    assert parse_product_row(7, {**row, "currency": ""}, "JPY")["currency"] == "JPY"
