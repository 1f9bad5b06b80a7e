"""Suggestion flow: asked-for add-ons, upgrades, and answers to any open offer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.cancel import carry_out_exit
from bot.chat.cart import open_cart
from bot.chat.common import conversation_state, record_offer, replies_on_error
from bot.chat.products import find_product
from bot.chat.replies import ChatContext, Reply, cart_params, offer_reply, plan_params
from bot.domain.errors import NoActiveSubscription, NotInCart
from bot.domain.models import OfferKind, Product
from bot.services import subscriptions
from bot.services.access import claims_for_cart, claims_for_customer
from bot.services.cart import CartView, add_quantity, load_cart, product_by_sku, remove_line
from bot.services.recommend import addon_suggestions, upgrade_for
from bot.services.shop import Shop
from bot.services.subscriptions import PAUSE_DAYS
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow


@replies_on_error
def suggest_addon(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Answer "what goes with this?" with the single best add-on not yet declined."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        state = conversation_state(session, ctx)
        ranked = addon_suggestions(session, view, state.declined_skus, shop.rules, limit=1)
        if not ranked:
            return [Reply("utter_no_suggestion")]
        record_offer(session, ctx, ranked[0], solicited=True, cart_id=view.cart_id)
        return [offer_reply(ranked[0])]


def _upgrade_target(
    session: Session, view: CartView, product_text: str | None, message: str | None
) -> Product | None:
    if product_text:
        product = find_product(session, product_text, view, message)
        if view.line_for(product.sku) is None:
            raise NotInCart(product.name)
        return product
    tiered = [line.product for line in view.lines if line.product.tier is not None]
    if not tiered:
        return None
    return max(tiered, key=lambda p: p.price)


@replies_on_error
def suggest_upgrade(
    shop: Shop, ctx: ChatContext, product_text: str | None, message: str | None = None
) -> list[Reply]:
    """Answer "is there a bigger one?" with the next tier and the price difference."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        product = _upgrade_target(session, view, product_text, message)
        if product is None:
            return [Reply("utter_no_suggestion")]
        upgrade = upgrade_for(session, product)
        declined = conversation_state(session, ctx).declined_skus
        if upgrade is None:
            return [Reply("utter_no_upgrade", {"name": product.name})]
        if upgrade.product.sku in declined:
            params = {"name": product.name, "upgrade": upgrade.product.name}
            return [Reply("utter_upgrade_declined_before", params)]
        record_offer(session, ctx, upgrade, solicited=True, cart_id=view.cart_id)
        return [offer_reply(upgrade)]


def _accept_cart_offer(
    session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow
) -> Reply:
    cart, view = open_cart(session, shop, ctx)
    product = product_by_sku(session, offer.sku)
    if OfferKind(offer.kind).adds_to_cart:
        add_quantity(session, cart, view, product, 1)
        view = load_cart(session, cart.id)[1]
        return Reply("utter_added", {"name": product.name, "quantity": "1", **cart_params(view)})
    old = product_by_sku(session, offer.replaces_sku or "")
    line = view.line_for(old.sku)
    if line is None:
        raise NotInCart(old.name)
    remove_line(session, cart, view, old)
    add_quantity(session, cart, load_cart(session, cart.id)[1], product, line.quantity)
    view = load_cart(session, cart.id)[1]
    return Reply("utter_swapped", {"old_name": old.name, "name": product.name, **cart_params(view)})


def _accept_retention(
    session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow
) -> Reply:
    row = SubscriptionRepository(session).get(offer.subscription_id or 0, for_update=True)
    claims_for_customer(shop.secret, ctx.token, row.customer_id if row else None)
    if row is None or row.status == "canceled":
        raise NoActiveSubscription()
    if offer.kind == OfferKind.RETENTION_PLAN.value:
        plan = subscriptions.switch_plan(session, row, offer.sku)
        return Reply("utter_subscription_switched", plan_params(plan))
    plan = subscriptions.view_of(session, row).plan
    resume = subscriptions.pause(row, PAUSE_DAYS)
    return Reply("utter_subscription_paused", {"plan": plan.name, "resume_date": f"{resume:%B %d}"})


@replies_on_error
def accept_offer(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "yes": carry out the conversation's open offer (add, swap, switch plan or pause)."""
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = offers.open_offer(ctx.conversation_id)
        if offer is None:
            return [Reply("utter_nothing_pending")]
        if OfferKind(offer.kind).is_retention:
            reply = _accept_retention(session, shop, ctx, offer)
        else:
            reply = _accept_cart_offer(session, shop, ctx, offer)
        offers.resolve(offer, "accepted")
        return [reply]


@replies_on_error
def decline_offer(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "no": never offer it again; for a downsell or retention offer, go ahead at once."""
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = offers.open_offer(ctx.conversation_id)
        if offer is None:
            return [Reply("utter_nothing_pending")]
        offers.resolve(offer, "declined")
        kind = OfferKind(offer.kind)
        if kind is OfferKind.DOWNSELL or kind.is_retention:
            return [carry_out_exit(session, shop, ctx, offer)]
        claims_for_cart(shop.secret, ctx.token, offer.cart_id)
        name = product_by_sku(session, offer.sku).name
        return [Reply("utter_offer_declined", {"name": name})]
