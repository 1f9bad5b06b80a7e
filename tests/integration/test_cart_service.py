from decimal import Decimal

import pytest
from sqlalchemy import update

from bot.domain.errors import (
    Forbidden,
    IdempotencyMismatch,
    InvalidQuantity,
    InvalidToken,
    NotFound,
    NotInCart,
    OutOfStock,
    UnknownProduct,
)
from bot.services.cart import (
    IdempotencyKey,
    Replay,
    add_to_cart,
    create_cart,
    get_cart,
    remove_from_cart,
)
from bot.store.tables import ProductRow
from bot.tokens import issue_token, verify_token

SECRET = "test-secret"


def idem(key: str, fingerprint: str = "same-body") -> IdempotencyKey:
    """An idempotency key whose stored answer is the cart's lines."""
    return IdempotencyKey(key, fingerprint, lambda view: repr(sorted(
        (line.product.sku, line.quantity) for line in view.lines)))  # fmt: skip


def test_create_cart_returns_a_token_for_that_cart_and_its_customer(shop) -> None:
    cart_id, token = create_cart(shop)

    claims = verify_token(SECRET, token)
    view = get_cart(shop, token, cart_id)
    assert claims.cart_id == cart_id
    assert view.cart_id == cart_id
    assert view.customer_id == claims.customer_id
    assert view.currency == "USD"
    assert view.lines == ()
    assert view.totals.subtotal == Decimal("0.00")
    assert view.totals.shipping == Decimal("0.00")
    assert view.totals.remaining_for_free_shipping == Decimal("50.00")


def test_guest_carts_get_new_customers_and_named_customers_are_reused(shop) -> None:
    guest_a = verify_token(SECRET, create_cart(shop)[1]).customer_id
    guest_b = verify_token(SECRET, create_cart(shop)[1]).customer_id
    named_a = verify_token(SECRET, create_cart(shop, "C0001")[1]).customer_id
    named_b = verify_token(SECRET, create_cart(shop, "C0001")[1]).customer_id

    assert guest_a != guest_b
    assert named_a == named_b


def test_add_get_and_remove_lines_with_prices(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)

    add_to_cart(shop, token, cart_id, "PA-CASE-CLR", 2)
    view = add_to_cart(shop, token, cart_id, "PA-SCR-GLS", 1)

    assert [(line.product.sku, line.quantity) for line in view.lines] == [
        ("PA-CASE-CLR", 2),
        ("PA-SCR-GLS", 1),
    ]
    assert view.totals.subtotal == Decimal("50.00")  # exactly the threshold: free shipping
    assert view.totals.shipping == Decimal("0.00")
    assert view.totals.total == Decimal("50.00")
    assert get_cart(shop, token, cart_id) == view

    view = remove_from_cart(shop, token, cart_id, "PA-CASE-CLR")

    assert probe.lines(shop, cart_id) == {"PA-SCR-GLS": 1}
    assert view.totals.subtotal == Decimal("12.00")
    assert view.totals.shipping == Decimal("4.99")
    assert view.totals.total == Decimal("16.99")
    assert view.totals.remaining_for_free_shipping == Decimal("38.00")


def test_adding_the_same_sku_again_adds_to_its_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2)])

    view = add_to_cart(shop, token, cart_id, "CF-MUG", 3)

    assert probe.lines(shop, cart_id) == {"CF-MUG": 5}
    assert view.line_for("CF-MUG").line_total == Decimal("45.00")


def test_same_idempotency_key_twice_adds_once(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)

    first = add_to_cart(shop, token, cart_id, "CF-MUG", 1, key=idem("req-1"))
    retry = add_to_cart(shop, token, cart_id, "CF-MUG", 1, key=idem("req-1"))
    other = add_to_cart(shop, token, cart_id, "CF-MUG", 1, key=idem("req-2"))

    assert first.line_for("CF-MUG").quantity == 1
    assert retry == Replay(200, "[('CF-MUG', 1)]")
    assert other.line_for("CF-MUG").quantity == 2
    assert probe.lines(shop, cart_id) == {"CF-MUG": 2}


def test_idempotency_keys_are_scoped_to_the_cart(shop, new_cart, probe) -> None:
    cart_a, token_a = new_cart(shop)
    cart_b, token_b = new_cart(shop)

    add_to_cart(shop, token_a, cart_a, "CF-MUG", 1, key=idem("same"))
    add_to_cart(shop, token_b, cart_b, "CF-MUG", 1, key=idem("same"))

    assert probe.lines(shop, cart_a) == {"CF-MUG": 1}
    assert probe.lines(shop, cart_b) == {"CF-MUG": 1}


def test_another_carts_token_is_forbidden(shop, new_cart, store_state, probe) -> None:
    cart_a, _ = new_cart(shop, lines=[("CF-MUG", 1)])
    _, token_b = new_cart(shop)
    before = store_state(shop)

    with pytest.raises(Forbidden):
        get_cart(shop, token_b, cart_a)
    with pytest.raises(Forbidden):
        add_to_cart(shop, token_b, cart_a, "CF-MUG", 1)
    with pytest.raises(Forbidden):
        remove_from_cart(shop, token_b, cart_a, "CF-MUG")

    assert store_state(shop) == before
    assert probe.lines(shop, cart_a) == {"CF-MUG": 1}


def test_customer_only_token_grants_no_cart(shop, new_cart) -> None:
    cart_id, token = new_cart(shop)
    customer_only = issue_token(SECRET, verify_token(SECRET, token).customer_id)

    with pytest.raises(Forbidden):
        get_cart(shop, customer_only, cart_id)


@pytest.mark.parametrize("kind", ["forged", "other-secret", "missing", "garbage", "expired"])
def test_bad_tokens_are_invalid(shop, new_cart, store_state, kind: str) -> None:
    cart_id, token = new_cart(shop)
    customer_id = verify_token(SECRET, token).customer_id
    bad = {
        "forged": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "other-secret": issue_token("not-the-secret", customer_id, cart_id),
        "missing": None,
        "garbage": "not a token",
        "expired": issue_token(SECRET, customer_id, cart_id, ttl_seconds=60, now=1_000_000),
    }[kind]
    before = store_state(shop)

    with pytest.raises(InvalidToken):
        add_to_cart(shop, bad, cart_id, "CF-MUG", 1)
    with pytest.raises(InvalidToken):
        get_cart(shop, bad, cart_id)

    assert store_state(shop) == before


def test_out_of_stock_raises_and_leaves_the_cart_unchanged(
    shop, new_cart, store_state, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("LA-HUB", 1), ("CF-MUG", 1)])  # LA-HUB: 1 in stock
    before = store_state(shop)

    with pytest.raises(OutOfStock) as more_than_stock:
        add_to_cart(shop, token, cart_id, "LA-HUB", 1, key=idem("k-1"))
    with pytest.raises(OutOfStock) as sold_out:
        add_to_cart(shop, token, cart_id, "PA-PAD-WRL", 1)

    assert more_than_stock.value.available == 1
    assert sold_out.value.available == 0
    assert store_state(shop) == before  # no line, no claimed idempotency key
    assert probe.lines(shop, cart_id) == {"LA-HUB": 1, "CF-MUG": 1}


def test_first_add_beyond_stock_is_refused(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)

    with pytest.raises(OutOfStock) as caught:
        add_to_cart(shop, token, cart_id, "PH-ARIA-512", 3)

    assert caught.value.available == 2
    assert probe.lines(shop, cart_id) == {}
    assert add_to_cart(shop, token, cart_id, "PH-ARIA-512", 2).line_for("PH-ARIA-512")


def test_unknown_and_inactive_skus_are_unknown_products(shop, new_cart, store_state) -> None:
    cart_id, token = new_cart(shop)
    with shop.session_factory.begin() as session:
        session.execute(update(ProductRow).where(ProductRow.sku == "CF-MUG").values(active=False))
    before = store_state(shop)

    with pytest.raises(UnknownProduct) as unknown:
        add_to_cart(shop, token, cart_id, "NO-SUCH-SKU", 1)
    with pytest.raises(UnknownProduct):
        add_to_cart(shop, token, cart_id, "CF-MUG", 1)

    assert unknown.value.query == "NO-SUCH-SKU"
    assert store_state(shop) == before


@pytest.mark.parametrize("quantity", [0, -1, 21])
def test_quantity_out_of_range_is_refused(shop, new_cart, probe, quantity: int) -> None:
    cart_id, token = new_cart(shop)

    with pytest.raises(InvalidQuantity):
        add_to_cart(shop, token, cart_id, "CF-MUG", quantity)

    assert probe.lines(shop, cart_id) == {}


def test_total_quantity_is_capped_too(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 15)])

    with pytest.raises(InvalidQuantity):
        add_to_cart(shop, token, cart_id, "CF-MUG", 6)

    assert probe.lines(shop, cart_id) == {"CF-MUG": 15}


def test_removing_a_product_not_in_the_cart(shop, new_cart) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])

    with pytest.raises(NotInCart) as caught:
        remove_from_cart(shop, token, cart_id, "CF-FILTER")

    assert caught.value.name == "Paper Coffee Filters"


def test_token_for_a_cart_that_does_not_exist(shop) -> None:
    token = issue_token(SECRET, customer_id=1, cart_id=999_999)

    with pytest.raises(NotFound):
        get_cart(shop, token, 999_999)


def test_same_idempotency_key_for_another_request_is_refused(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    add_to_cart(shop, token, cart_id, "CF-MUG", 1, key=idem("req-1", "mug-1"))

    with pytest.raises(IdempotencyMismatch):
        add_to_cart(shop, token, cart_id, "CF-MUG", 2, key=idem("req-1", "mug-2"))

    assert probe.lines(shop, cart_id) == {"CF-MUG": 1}
