from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.demo.catalog import GAP_FILLERS, PRODUCTS
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
from bot.store.neighbours import NeighbourRepository
from bot.store.tables import OrderRow


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


def _closer_for(shop, new_cart, skus, declined=()):
    cart_id, _ = new_cart(shop, lines=[(sku, 1) for sku in skus])
    with shop.session_factory.begin() as session:
        view = load_cart(session, cart_id)[1]
        return view, gap_closer(session, view, declined)


def test_espresso_beans_alone_get_the_exact_gap_and_no_irrelevant_closer(shop, new_cart) -> None:
    view, closer = _closer_for(shop, new_cart, ["CF-BEANS-ESP"])

    assert view.totals.remaining_for_free_shipping == Decimal("32.00")
    # Before: the Aluminium Laptop Stand "closes your free-shipping gap with $2.00 to spare".
    # Nothing that goes with beans costs $32-$64 and no listed filler closes $32: no offer.
    assert closer is None


def test_a_handful_of_orders_together_is_not_relevance(shop, new_cart) -> None:
    # Beans + filters: the laptop stand shares 5 of 2,400 orders with the filters (lift > 1
    # on noise); it used to close the gap "in 3% of all orders". A closer needs the support
    # of a true co-purchase reason (20 orders together) or a curated pairing.
    view, closer = _closer_for(shop, new_cart, ["CF-BEANS-ESP", "CF-FILTER"])

    assert view.totals.remaining_for_free_shipping == Decimal("28.00")
    assert closer is None or closer.product.sku != "LA-STAND"
    assert closer is None or "of all orders" not in closer.reason


def test_every_gap_closer_goes_with_the_cart_by_independent_counts(shop, new_cart, probe) -> None:
    with shop.session_factory.begin() as session:
        total = session.scalar(select(func.count()).select_from(OrderRow))
    complements = {d.sku: set(d.complements) for d in PRODUCTS}
    offered = 0
    for product in list_products(shop):
        if product.price >= Decimal("50.00") or not product.available:
            continue
        view, closer = _closer_for(shop, new_cart, [product.sku])
        if closer is None:
            continue
        offered += 1
        gap = view.totals.remaining_for_free_shipping
        chosen = closer.product
        assert closer.kind is OfferKind.GAP_CLOSER and chosen.available
        # at most 2 × the gap, or the shipping fee it saves ($1 short: a $4 filter pack)
        assert gap <= chosen.price <= max(2 * gap, view.totals.shipping)
        spare = "exactly" if chosen.price == gap else f"with ${chosen.price - gap:.2f} to spare"
        if chosen.sku in GAP_FILLERS:  # the shop's listed fallback: no relevance asked
            assert closer.reason == f"it closes your free-shipping gap {spare}"
            continue
        together = probe.orders_with(shop, product.sku, chosen.sku)
        lift = together * total / (probe.orders_with(shop, product.sku) * probe.orders_with(
            shop, chosen.sku))  # fmt: skip
        curated = chosen.sku in complements.get(product.sku, set())
        assert curated or (together >= 20 and lift > 1), (product.sku, chosen.sku, lift)
        assert "of all orders" not in closer.reason  # relevant means a co-purchase reason
        assert closer.reason.endswith(f"it closes your free-shipping gap {spare}")
    assert offered >= 3


def test_a_listed_gap_filler_is_the_fallback_and_else_nothing(shop, new_cart) -> None:
    everything = {p.sku for p in list_products(shop)}
    with shop.session_factory.begin() as session:
        NeighbourRepository(session).set_gap_fillers(["LA-STAND", "LA-MOUSE"])  # 34.00, 25.00
    others = everything - {"LA-STAND", "LA-MOUSE", "CF-BEANS-ESP"}

    view, closer = _closer_for(shop, new_cart, ["CF-BEANS-ESP"], declined=others)
    _, too_small = _closer_for(shop, new_cart, ["CF-BEANS-ESP"], declined=others | {"LA-STAND"})

    assert view.totals.remaining_for_free_shipping == Decimal("32.00")
    assert closer is not None and closer.product.sku == "LA-STAND"
    assert closer.reason == "it closes your free-shipping gap with $2.00 to spare"
    assert too_small is None  # the mouse ($25.00) does not close $32.00


def test_a_small_gap_gets_a_filler_costing_less_than_the_shipping(shop, new_cart) -> None:
    # Camera Shoulder Bag ($49.00): $1.00 short, $4.99 shipping. Before, the 2 × gap cap
    # ($2.00) left every listed filler out and the shopper heard the gap alone.
    view, closer = _closer_for(shop, new_cart, ["CA-BAG"])

    assert view.totals.remaining_for_free_shipping == Decimal("1.00")
    assert view.totals.shipping == Decimal("4.99")
    assert closer is not None and closer.product.price <= Decimal("4.99")
    if closer.product.sku in GAP_FILLERS:  # the least overshoot among the listed fillers
        assert closer.product.sku == "CF-FILTER"  # $4.00; the others cost $5.00 and more
        assert closer.reason == "it closes your free-shipping gap with $3.00 to spare"


def test_cart_recommendations_end_with_the_gap_closer(shop, new_cart) -> None:
    cart_id, token = new_cart(shop, lines=[("CA-SD-64", 1)])  # $14.00: $36.00 missing
    with shop.session_factory.begin() as session:
        closer = gap_closer(session, load_cart(session, cart_id)[1])

    recommended = cart_recommendations(shop, token, cart_id, limit=3)

    assert closer is not None and recommended[-1] == closer


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
