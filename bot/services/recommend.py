"""Recommendation queries: add-ons, free-shipping gap closers and tier changes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from bot.domain.models import OfferKind, Product, Suggestion
from bot.domain.offers import lower_tier, next_tier
from bot.domain.ranking import CoPurchase, RankingRules, pick_gap_closer, rank_addons
from bot.money import format_money
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, load_cart
from bot.services.shop import Shop
from bot.store.history import HistoryRepository
from bot.store.mapping import product_of
from bot.store.repositories import CatalogRepository

RELATED_POOL = 20


def addon_suggestions(
    session: Session,
    view: CartView,
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
    limit: int = 3,
) -> list[Suggestion]:
    """Rank add-ons for a cart from co-purchase statistics and curated complements."""
    catalog = CatalogRepository(session)
    anchors = {line.product.sku: line.product for line in view.lines}
    rows = catalog.by_skus(anchors)
    by_id = {row.id: anchors[row.sku] for row in rows.values()}
    rules = rules or RankingRules()
    counts = HistoryRepository(session).pair_counts(by_id, rules.min_together)
    others = catalog.by_ids({c.other_id for c in counts})
    evidence = [
        CoPurchase(by_id[c.anchor_id], product_of(others[c.other_id]), c.together, c.anchor_orders)
        for c in counts
        if c.other_id in others
    ]
    complements = {
        by_id[pid].sku: [product_of(r) for r in found]
        for pid, found in catalog.complements(by_id).items()
    }
    return rank_addons(view.lines, evidence, complements, declined, rules, limit)


def gap_closer(
    session: Session,
    view: CartView,
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
) -> Suggestion | None:
    """The item that closes the free-shipping gap with the least overshoot, if the gap is open."""
    gap = view.totals.remaining_for_free_shipping
    if gap <= 0 or not view.lines:
        return None
    skip = {line.product.sku for line in view.lines} | set(declined)
    related = [s.product for s in addon_suggestions(session, view, skip, rules, RELATED_POOL)]
    cart_families = {line.product.family for line in view.lines if line.product.family}
    catalog = [
        product_of(row)
        for row in CatalogRepository(session).products()
        if row.family is None or row.family not in cart_families
    ]
    return pick_gap_closer(gap, related, catalog, skip)


def _family(session: Session, product: Product) -> list[Product]:
    if not product.family:
        return []
    return [product_of(row) for row in CatalogRepository(session).family(product.family)]


def upgrade_for(session: Session, product: Product) -> Suggestion | None:
    """The next tier up of a product, with the price difference as the reason."""
    better = next_tier(product, _family(session, product))
    if better is None:
        return None
    extra = format_money(better.price - product.price, better.currency)
    what = (
        f"{better.tier_label} instead of {product.tier_label}"
        if better.tier_label and product.tier_label
        else "the next model up"
    )
    return Suggestion(better, OfferKind.UPSELL, f"{what} for {extra} more", replaces=product)


def downgrade_for(session: Session, product: Product) -> Suggestion | None:
    """The closest cheaper tier of a product, if one is on sale."""
    cheaper = lower_tier(product, _family(session, product))
    if cheaper is None:
        return None
    saving = format_money(product.price - cheaper.price, cheaper.currency)
    return Suggestion(cheaper, OfferKind.DOWNSELL, f"{saving} less", replaces=product)


def cart_recommendations(
    shop: Shop, token: str | None, cart_id: int, limit: int
) -> list[Suggestion]:
    """Ranked add-ons for a cart the token grants, plus a gap closer when shipping is not free."""
    claims_for_cart(shop.secret, token, cart_id)
    with shop.session_factory.begin() as session:
        view = load_cart(session, cart_id)[1]
        items = addon_suggestions(session, view, (), shop.rules, limit)
        closer = gap_closer(session, view, (), shop.rules)
        if closer and all(s.product.sku != closer.product.sku for s in items):
            items = [*items[: max(limit - 1, 0)], closer]
        return items[:limit]
