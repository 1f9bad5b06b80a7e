"""Use case: set the shop's currency, free-shipping threshold and flat shipping fee."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.errors import InvalidInput
from bot.domain.models import ShippingPolicy
from bot.money import check_precision, currency_digits, to_minor
from bot.services.cart_lines import shipping_policy
from bot.services.shop import Shop
from bot.store.repositories import CatalogRepository


def _amount(text: str | None, currency: str, what: str, current: Decimal) -> Decimal:
    if text is None:
        return current
    try:
        amount = check_precision(text, currency, what)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    if amount < 0:
        raise InvalidInput(f"{what} must not be negative, not {text!r}")
    return amount


def configure_shipping(
    shop: Shop,
    currency: str | None = None,
    threshold: str | None = None,
    fee: str | None = None,
) -> ShippingPolicy:
    """Change what is given of the shipping policy, in one transaction; returns the policy.

    Args:
        shop: The store.
        currency: ISO 4217 code (``JPY``); ``None`` keeps the current one.
        threshold: Free shipping from this subtotal (inclusive), in that currency.
        fee: The flat shipping fee below the threshold.

    Raises:
        InvalidInput: An unknown code, an amount finer than the currency ("4.99" in JPY) or
            negative; a new currency without both amounts (the old ones mean nothing in
            it); or products already priced in another currency (a shop has one).
    """
    with shop.session_factory.begin() as session:
        current = shipping_policy(session)
        code = (currency or current.currency).strip().upper()
        try:
            currency_digits(code)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        if code != current.currency:
            if threshold is None or fee is None:
                raise InvalidInput(
                    f"a new currency ({code}) needs the free-shipping threshold and the fee "
                    f"in it too: the current ones are in {current.currency}"
                )
            other = {c: n for c, n in CatalogRepository(session).currencies().items() if c != code}
            if other:
                listed = ", ".join(f"{n} in {c}" for c, n in sorted(other.items()))
                raise InvalidInput(
                    f"the catalog already holds products priced otherwise ({listed}): a shop "
                    f"has one currency; import a {code} catalog into a new store"
                )
        policy = ShippingPolicy(
            threshold=_amount(threshold, code, "free-shipping threshold", current.threshold),
            flat_rate=_amount(fee, code, "shipping fee", current.flat_rate),
            currency=code,
        )
        CatalogRepository(session).set_shipping_policy(
            code, to_minor(policy.threshold), to_minor(policy.flat_rate)
        )
    return policy
