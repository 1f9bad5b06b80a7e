"""A shop developer's first runs: --db as a path, no stray stores, shipping and currency at
import, amounts finer than the currency, bad settings as usage errors (exit 2)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from bot.cli import main
from bot.services.cart_lines import shipping_policy

PRODUCTS = "sku,name,category,price,stock\nK1,Kettle,kitchen,{k},5\nT1,Tea,kitchen,{t},9\n"
ORDERS = "order_id,sku\n1,K1\n1,T1\n2,K1\n2,T1\n3,T1\n"


def run(capsys, *argv, stdin: str = "", env: dict[str, str] | None = None):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_plain_path_is_a_sqlite_store(shop, capsys) -> None:
    path = shop.engine.url.database  # the seeded demo shop's file, given as a path

    code, out, err = run(capsys, "recommend", "--db", path, stdin='["PH-ARIA-256"]\n')

    assert (code, err) == (0, "")
    assert len(json.loads(out)) == 3


@pytest.mark.parametrize(
    "command", ["recommend", "gap-fillers list", "shipping", "report --out r.html"]
)
def test_a_read_command_never_creates_a_store(tmp_path, capsys, command) -> None:
    missing = tmp_path / "typo" / "shpo.db"

    for db in (str(missing), f"sqlite:///{missing}"):
        code, out, err = run(capsys, *command.split(), "--db", db, stdin='["A"]\n')
        assert code == 2 and out == ""
        assert err.startswith(f"error: no store at {missing}: check --db")
    assert not missing.exists() and not missing.parent.exists()


def test_a_url_that_is_no_url_is_a_usage_error(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "recommend", "--db", "postgresql+nodriver://x/y", stdin="")
    assert code == 2 and err.startswith("error: --db / SHOP_DB_URL:")
    assert "Traceback" not in err


def test_db_given_twice_must_agree(shop, capsys) -> None:
    path = shop.engine.url.database
    code, out, _ = run(capsys, "--db", path, "recommend", "--db", path, stdin='["PH-ARIA-256"]\n')
    assert code == 0 and json.loads(out)

    with pytest.raises(SystemExit) as stop:
        run(capsys, "--db", path, "recommend", "--db", path + "x")
    assert stop.value.code == 2
    assert "--db given twice" in capsys.readouterr().err


def test_a_price_band_given_as_shares_is_a_usage_error(shop, capsys) -> None:
    env = {"SHOP_ADDON_PRICE_BAND": "0.05-0.40"}

    code, out, err = run(capsys, "recommend", "--db", shop.engine.url.database, env=env)

    assert code == 2 and out == ""
    assert "SHOP_ADDON_PRICE_BAND" in err and "in percent of the main line (5-40)" in err


def test_currency_threshold_and_fee_are_set_at_import(empty_shop, tmp_path, capsys) -> None:
    products, db = tmp_path / "p.csv", empty_shop.engine.url.database
    products.write_text(PRODUCTS.format(k="4800", t="1200"))
    flags = ["--currency", "jpy", "--free-shipping-over", "5000", "--shipping-fee", "500"]

    code, out, err = run(capsys, "import-products", str(products), "--db", db, *flags)

    assert code == 0, err
    assert out.startswith("shipping: free from 5,000 JPY, else 500 JPY (JPY)\n")
    assert "2 products added" in out
    with empty_shop.session_factory.begin() as session:
        policy = shipping_policy(session)
    assert (str(policy.threshold), str(policy.flat_rate), policy.currency) == (
        "5000.00", "500.00", "JPY",
    )  # fmt: skip
    assert run(capsys, "shipping", "--db", db)[1] == out.splitlines()[0] + "\n"


def test_amounts_finer_than_the_currency_are_refused_by_row(empty_shop, tmp_path, capsys) -> None:
    products, db = tmp_path / "p.csv", empty_shop.engine.url.database
    products.write_text(PRODUCTS.format(k="48.00", t="12.345"))

    code, out, err = run(capsys, "import-products", str(products), "--db", db)

    assert code == 0 and "1 products added" in out and "1 rows skipped" in out
    assert "skipped p.csv line 3: price 12.345 does not fit USD: it has 2 decimals" in err

    code, _, err = run(capsys, "shipping", "--db", db, "--shipping-fee", "4.999")
    assert code == 2 and "shipping fee 4.999 does not fit USD" in err
    code, _, err = run(capsys, "shipping", "--db", db, "--currency", "EUR")
    assert code == 2 and "needs the free-shipping threshold and the fee" in err
    code, _, err = run(capsys, "shipping", "--db", db, "--currency", "EUR",
                       "--free-shipping-over", "40", "--shipping-fee", "3")  # fmt: skip
    assert code == 2 and "products priced otherwise (1 in USD)" in err


def test_the_shop_preset_on_a_stockless_store_says_why_it_is_empty(
    empty_shop, tmp_path, capsys
) -> None:
    products, orders = tmp_path / "p.csv", tmp_path / "o.csv"
    products.write_text("sku,name,category,price\nK1,Kettle,kitchen,48\nT1,Tea,kitchen,12\n")
    orders.write_text(ORDERS)
    db = empty_shop.engine.url.database
    assert run(capsys, "import-products", str(products), "--db", db)[0] == 0
    assert run(capsys, "import-orders", str(orders), "--db", db)[0] == 0

    code, out, err = run(capsys, "recommend", "--db", db, "--preset", "shop", stdin='["K1"]\n')

    assert (code, out) == (0, "[]\n")
    assert "no product of this store has stock" in err and "--no-stock" in err
    code, out, err = run(capsys, "recommend", "--db", db, stdin='["K1"]\n')  # auto: no filter
    assert code == 0 and "note" not in err
