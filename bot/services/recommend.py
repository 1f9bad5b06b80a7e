"""Recommendation queries: add-ons, free-shipping gap closers and tier changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.domain.closer import PairEvidence, goes_with_cart, pick_gap_closer
from bot.domain.models import CartLine, OfferKind, Product, Suggestion
from bot.domain.offers import lower_tier, next_tier, sold_out_step_up
from bot.domain.ranking import CoPurchase, OrderCounts, RankingRules, Scoring, rank_addons
from bot.domain.suggest import explain, rank_by_neighbours
from bot.money import format_money
from bot.services.access import claims_for_cart
from bot.services.basket_knn import votes_of_build
from bot.services.cart import CartView, load_cart
from bot.services.shop import Shop
from bot.store.cart_reads import CartAnchors, CartCandidates, CartReads
from bot.store.mapping import product_of
from bot.store.neighbours import NeighbourRepository
from bot.store.repositories import CatalogRepository
from bot.store.statistics import StatisticsRepository

RELATED_POOL = 20
Anchors = dict[int, tuple[Product, int]]  # product id -> (cart product, orders that held it)


def _evidence(
    session: Session, anchors: Anchors, rules: RankingRules
) -> tuple[list[CoPurchase], OrderCounts]:
    """Co-purchase evidence for the cart items and the order counts the scoring needs."""
    stats = StatisticsRepository(session)
    partners = stats.partners(anchors, rules.partners_per_item, rules.min_together)
    basket = rules.scoring is Scoring.BASKET
    sellers = (
        stats.best_seller_products(rules.best_sellers) if basket and rules.best_sellers else []
    )
    evidence = [
        CoPurchase(anchors[p.anchor_id][0], p.product, p.together, anchors[p.anchor_id][1])
        for p in partners
    ]
    by_sku = {product.sku: orders for product, orders in anchors.values()}
    by_sku.update({p.product.sku: p.orders for p in partners})
    by_sku.update({product.sku: orders for _, product, orders in sellers})
    counts = OrderCounts(
        total=stats.total_orders() if basket else 0,
        by_sku=by_sku,
        best_sellers=[product for _, product, _ in sellers],
    )
    return evidence, counts


def _knn_by_sku(
    session: Session,
    start: CartAnchors,
    ids: Mapping[str, int],
    rules: RankingRules,
) -> dict[str, float]:
    """Basket-kNN votes of the list candidates, by SKU (none when its weight is 0)."""
    if not rules.blend.knn or not ids:
        return {}
    votes = votes_of_build(session, start.build, start.anchors, ids.values(), rules.knn)
    return {sku: votes[pid] for sku, pid in ids.items() if pid in votes}


def _by_neighbours(
    session: Session,
    lines: Sequence[CartLine],
    start: CartAnchors,
    reads: CartReads,
    found: CartCandidates,
    declined: Iterable[str],
    rules: RankingRules,
    limit: int,
) -> list[Suggestion]:
    """Rank from the neighbour lists, then read the live counts the reasons quote."""
    anchors = start.anchors
    complements = {anchors[pid][0].sku: products for pid, products in found.complements.items()}
    by_sku = {product.sku: orders for product, orders in anchors.values()}
    by_sku.update(found.orders)
    by_sku.update({product.sku: orders for _, product, orders in found.sellers})
    counts = OrderCounts(start.total, by_sku, [p for _, p, _ in found.sellers])
    listed = {sku: found.ids[sku] for sku in found.orders}
    knn = _knn_by_sku(session, start, listed, rules)
    ranked = rank_by_neighbours(
        lines, found.rows, complements, declined, rules, limit, counts, knn
    )  # fmt: skip
    wanted = {r.product.sku: found.ids[r.product.sku] for r in ranked if r.product.sku in found.ids}
    live = reads.together(anchors, wanted)  # the reasons: counts as of now
    together = {
        sku: {anchors[a][0].sku: n for a, n in by_anchor.items()} for sku, by_anchor in live.items()
    }
    return explain(ranked, lines, together, counts, rules)


def _rank(
    session: Session,
    lines: Sequence[CartLine],
    start: CartAnchors,
    declined: Iterable[str],
    rules: RankingRules,
    limit: int,
) -> list[Suggestion]:
    """Rank add-ons from the neighbour lists, or from the statistics if they were never built.

    The list path reads the store in three statements (:mod:`bot.store.cart_reads`).
    """
    anchors = start.anchors
    if rules.scoring is Scoring.NEIGHBOURS:
        cart = {pid: product for pid, (product, _) in anchors.items()}
        per_item = rules.rows_per_item(len(cart))
        reads = CartReads(session)
        found = reads.candidates(cart, per_item, rules.min_together, rules.best_sellers)
        if found.rows or start.build is not None:
            return _by_neighbours(session, lines, start, reads, found, declined, rules, limit)
        rules = replace(rules, scoring=Scoring.BASKET)
        curated = found.complements
    else:
        curated = NeighbourRepository(session).complements(anchors)
    complements = {anchors[pid][0].sku: products for pid, products in curated.items()}
    evidence, counts = _evidence(session, anchors, rules)
    return rank_addons(lines, evidence, complements, declined, rules, limit, counts)


def _anchors(session: Session, lines: Sequence[CartLine]) -> CartAnchors:
    """The cart lines' products with their order counts (the line's product stands)."""
    by_sku = {line.product.sku: line.product for line in lines}
    start = CartReads(session).anchors(by_sku)
    anchors = {pid: (by_sku[product.sku], n) for pid, (product, n) in start.anchors.items()}
    return replace(start, anchors=anchors)


def rank_for_lines(
    session: Session,
    lines: Sequence[CartLine],
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
    limit: int = 3,
) -> list[Suggestion]:
    """Rank add-ons for cart lines from co-purchase statistics and curated complements."""
    start = _anchors(session, lines)
    return _rank(session, lines, start, declined, rules or RankingRules(), limit)


def recommend_for_skus(
    shop: Shop, skus: Sequence[str], limit: int, rules: RankingRules | None = None
) -> list[Suggestion]:
    """Rank add-ons for a cart given as SKUs (one of each), in one read transaction.

    Unknown SKUs are ignored as evidence; no SKU of the cart is ever suggested.
    """
    with shop.read_factory.begin() as session:
        start = CartReads(session).anchors(skus)
        lines = [CartLine(product, 1) for product, _ in start.anchors.values()]
        return _rank(session, lines, start, set(skus), rules or shop.rules, limit)


def addon_suggestions(
    session: Session,
    view: CartView,
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
    limit: int = 3,
) -> list[Suggestion]:
    """Rank add-ons for a cart from co-purchase statistics and curated complements."""
    return rank_for_lines(session, view.lines, declined, rules, limit)


def _going_with_cart(
    session: Session, anchors: Anchors, related: Sequence[Suggestion], rules: RankingRules
) -> list[Suggestion]:
    """The ranked add-ons that are relevant to the cart.

    Relevant: curated, or a lift above 1 with a cart item backed by at least
    ``reason_min_orders`` orders together (what a true co-purchase reason needs).
    """
    skus = [s.product.sku for s in related]
    pairs = NeighbourRepository(session).together(list(anchors), skus)
    stats = StatisticsRepository(session)
    total = stats.total_orders()
    orders = {product.sku: n for _, product, n in stats.with_orders(skus)}
    curated = {
        p.sku for found in NeighbourRepository(session).complements(anchors).values() for p in found
    }
    return [
        s
        for s in related
        if goes_with_cart(
            [
                PairEvidence(n, anchors[a][1], orders.get(s.product.sku, 0), total)
                for a, n in pairs.get(s.product.sku, {}).items()
            ],
            s.product.sku in curated,
            # The support a co-purchase reason needs: a closer is never "relevant" on a
            # handful of orders and then explained by a popularity fact.
            max(rules.min_together, rules.reason_min_orders),
        )  # fmt: skip
    ]


def gap_closer(
    session: Session,
    view: CartView,
    declined: Iterable[str] = (),
    rules: RankingRules | None = None,
) -> Suggestion | None:
    """The add-on that goes with the cart and closes the free-shipping gap, if one does.

    The best-ranked relevant add-on whose price closes the gap (no price band: the gap sets
    the price); else the shop's gap filler with the least overshoot; else ``None`` (the
    caller says the gap alone).
    """
    gap = view.totals.remaining_for_free_shipping
    if gap <= 0 or not view.lines:
        return None
    rules = rules or RankingRules()
    skip = {line.product.sku for line in view.lines} | set(declined)
    start = _anchors(session, view.lines)
    anchors = start.anchors
    unbanded = replace(rules, max_price_ratio=None, min_price_ratio=None)
    related = _rank(session, view.lines, start, skip, unbanded, RELATED_POOL)
    relevant = _going_with_cart(session, anchors, related, rules)
    families = {line.product.family for line in view.lines if line.product.family}
    fillers = [
        p
        for p in NeighbourRepository(session).gap_fillers()
        if p.family is None or p.family not in families
    ]
    totals = view.totals
    return pick_gap_closer(
        gap, relevant, fillers, skip, rules.max_gap_multiple, totals.shipping,
        totals.subtotal, rules.max_cart_multiple,
    )  # fmt: skip


def _family(session: Session, product: Product) -> list[Product]:
    if not product.family:
        return []
    return [product_of(row) for row in CatalogRepository(session).family(product.family)]


def upgrade_for(session: Session, product: Product, quantity: int = 1) -> Suggestion | None:
    """The next tier up of a product, with the line's price difference as the reason.

    ``quantity`` is the cart line's: the swap changes every unit, so the difference is
    quantity × the unit difference.
    """
    better = next_tier(product, _family(session, product))
    if better is None:
        return None
    extra = format_money((better.price - product.price) * quantity, better.currency)
    what = (
        f"{better.tier_label} instead of {product.tier_label}"
        if better.tier_label and product.tier_label
        else "the next model up"
    )
    reason = f"{what} for {extra} more"
    return Suggestion(better, OfferKind.UPSELL, reason, replaces=product, quantity=quantity)


def sold_out_upgrade(session: Session, product: Product) -> Product | None:
    """The next tier up that is listed but out of stock, when none better is on sale."""
    return sold_out_step_up(product, _family(session, product))


def downgrade_for(session: Session, product: Product, quantity: int = 1) -> Suggestion | None:
    """The closest cheaper tier of a product, if one is on sale (saving for the whole line)."""
    cheaper = lower_tier(product, _family(session, product))
    if cheaper is None:
        return None
    saving = format_money((product.price - cheaper.price) * quantity, cheaper.currency)
    reason = f"{saving} less"
    return Suggestion(cheaper, OfferKind.DOWNSELL, reason, replaces=product, quantity=quantity)


def cart_recommendations(
    shop: Shop, token: str | None, cart_id: int, limit: int
) -> list[Suggestion]:
    """Ranked add-ons for a cart the token grants, plus a gap closer when shipping is not free."""
    claims_for_cart(shop.secret, token, cart_id)
    with shop.read_factory.begin() as session:
        view = load_cart(session, cart_id)[1]
        items = addon_suggestions(session, view, (), shop.rules, limit)
        closer = gap_closer(session, view, (), shop.rules)
        if closer and all(s.product.sku != closer.product.sku for s in items):
            items = [*items[: max(limit - 1, 0)], closer]
        return items[:limit]
