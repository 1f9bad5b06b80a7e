from decimal import Decimal

import pytest

from bot.domain.errors import Forbidden, InvalidToken
from bot.domain.models import OfferKind
from bot.domain.ranking import RankingRules
from bot.money import percent
from bot.services.cart import load_cart, product_by_sku
from bot.services.catalog import list_products
from bot.services.recommend import (
    addon_suggestions,
    cart_recommendations,
    downgrade_for,
    gap_closer,
    upgrade_for,
)


def _view(shop, cart_id):
    with shop.session_factory.begin() as session:
        return load_cart(session, cart_id)[1]


def test_top_addon_for_the_phone_is_a_phone_accessory_with_a_true_reason(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-256", 1)])

    top = cart_recommendations(shop, token, cart_id, limit=3)[0]

    assert top.kind is OfferKind.ADDON
    assert top.product.category == "phone-accessories"
    anchor_orders = probe.orders_with(shop, "PH-ARIA-256")
    together = probe.orders_with(shop, "PH-ARIA-256", top.product.sku)
    share = percent(Decimal(together) / Decimal(anchor_orders))
    assert top.reason == f"bought together in {share} of orders with your Aria Phone 256 GB"


def test_every_addon_reason_matches_an_independent_count(shop, new_cart, probe) -> None:
    cart_id, _ = new_cart(shop, lines=[("PH-ARIA-256", 1), ("CM-SNAP-ENT", 1)])
    view = _view(shop, cart_id)
    with shop.session_factory.begin() as session:
        ranked = addon_suggestions(session, view, limit=10)

    assert len(ranked) >= 3
    for suggestion in ranked:
        anchor = next(line.product for line in view.lines if line.product.name in suggestion.reason)
        together = probe.orders_with(shop, anchor.sku, suggestion.product.sku)
        expected = percent(Decimal(together) / Decimal(probe.orders_with(shop, anchor.sku)))
        assert f"in {expected} of orders" in suggestion.reason


def test_suggestions_skip_cart_items_and_out_of_stock_products(shop, new_cart) -> None:
    cart_id, _ = new_cart(shop, lines=[("CM-SNAP-ENT", 1), ("CA-SD-64", 1)])
    view = _view(shop, cart_id)
    with shop.session_factory.begin() as session:
        ranked = addon_suggestions(session, view, limit=20)
        stocked = addon_suggestions(
            session, view, rules=RankingRules(require_stock=False), limit=20
        )

    skus = [s.product.sku for s in ranked]
    assert "CA-BATT" not in skus  # curated complement, but sold out
    assert "CA-BATT" in [s.product.sku for s in stocked]
    assert not {"CM-SNAP-ENT", "CA-SD-64"} & set(skus)
    assert all(s.product.stock > 0 for s in ranked)


def test_declined_products_are_not_suggested(shop, new_cart) -> None:
    cart_id, _ = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    view = _view(shop, cart_id)
    with shop.session_factory.begin() as session:
        first = addon_suggestions(session, view, limit=1)[0]
        second = addon_suggestions(session, view, declined={first.product.sku}, limit=1)[0]

    assert second.product.sku != first.product.sku


def test_gap_closer_closes_the_gap_with_least_overshoot_among_in_stock_items(
    shop, new_cart
) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-CBL-USBC", 1)])  # $6.00: $44.00 missing
    view = _view(shop, cart_id)
    gap = view.totals.remaining_for_free_shipping
    fitting = [
        p for p in list_products(shop) if p.stock > 0 and p.price >= gap and p.sku != "PA-CBL-USBC"
    ]
    least = min(p.price - gap for p in fitting)

    with shop.session_factory.begin() as session:
        closer = gap_closer(session, view)
    recommended = cart_recommendations(shop, token, cart_id, limit=3)

    assert gap == Decimal("44.00")
    assert closer is not None
    assert closer.kind is OfferKind.GAP_CLOSER
    assert closer.product.stock > 0
    assert closer.product.price - gap == least == Decimal("5.00")  # not the sold-out $44 card
    assert closer.reason == "it closes your free-shipping gap with $5.00 to spare"
    assert recommended[-1] == closer
    assert len(recommended) == 3


def test_no_gap_closer_once_shipping_is_free_or_for_an_empty_cart(shop, new_cart) -> None:
    free_id, _ = new_cart(shop, lines=[("PA-CASE-CLR", 2), ("PA-SCR-GLS", 1)])  # $50.00
    empty_id, _ = new_cart(shop)

    with shop.session_factory.begin() as session:
        assert gap_closer(session, load_cart(session, free_id)[1]) is None
        assert gap_closer(session, load_cart(session, empty_id)[1]) is None


def test_recommendations_need_the_carts_token(shop, new_cart) -> None:
    cart_id, _ = new_cart(shop, lines=[("PH-ARIA-256", 1)])
    _, other_token = new_cart(shop)

    with pytest.raises(Forbidden):
        cart_recommendations(shop, other_token, cart_id, limit=3)
    with pytest.raises(InvalidToken):
        cart_recommendations(shop, None, cart_id, limit=3)


def test_upgrade_and_downgrade_follow_the_family_tiers(shop) -> None:
    with shop.session_factory.begin() as session:
        aria_128 = product_by_sku(session, "PH-ARIA-128")
        aria_512 = product_by_sku(session, "PH-ARIA-512")
        studio = product_by_sku(session, "AU-PULSE-STUDIO")
        up = upgrade_for(session, aria_128)
        down = downgrade_for(session, aria_512)
        top = upgrade_for(session, aria_512)
        sold_out_above = upgrade_for(session, studio)  # Pulse Max has no stock
        untiered = upgrade_for(session, product_by_sku(session, "PH-NOVA-LITE"))

    assert up is not None and up.product.sku == "PH-ARIA-256"
    assert up.kind is OfferKind.UPSELL and up.replaces == aria_128
    assert up.reason == "256 GB instead of 128 GB for $100.00 more"
    assert down is not None and down.product.sku == "PH-ARIA-256"
    assert down.kind is OfferKind.DOWNSELL
    assert down.reason == "$200.00 less"
    assert (top, sold_out_above, untiered) == (None, None, None)
