"""Suggestion flow: asked-for add-ons, upgrades, and answers to any open offer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.cancel import carry_out_exit
from bot.chat.cart import open_cart
from bot.chat.common import conversation_state, offer_shown, record_offer, replies_on_error
from bot.chat.offer_prices import price_changed
from bot.chat.products import find_product
from bot.chat.replies import ChatContext, Reply, cart_params, offer_reply, swap_params
from bot.chat.retention import retention_detail
from bot.chat.retention_accept import accept_retention
from bot.domain.errors import NotInCart
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import says_remove
from bot.domain.language.en_suggestion_words import asks_past_the_shown
from bot.domain.models import OfferKind, Product
from bot.domain.offer_buttons import cart_offer_buttons
from bot.domain.quantities import parse_quantity
from bot.money import format_money, from_minor
from bot.services.access import claims_for_cart
from bot.services.cart import CartView, add_quantity, load_cart, product_by_sku, remove_line
from bot.services.recommend import addon_suggestions, sold_out_upgrade, upgrade_for
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.tables import OfferEventRow


@replies_on_error
def suggest_addon(
    shop: Shop, ctx: ChatContext, message: str | None = None, further: bool = False
) -> list[Reply]:
    """Answer "what goes with this?" with the single best add-on not yet declined.

    "another suggestion?", "anything else you'd suggest?" (``message``, or ``further`` when
    the caller already knows: "what else?" with an add-on shown) ask for the next one:
    every add-on already shown in this conversation is skipped too, so the answer is the
    next-ranked one that fits, with its own reason, or "I don't have an add-on that fits".
    """
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        skip = conversation_state(session, ctx).declined_skus
        if further or asks_past_the_shown(message):
            skip |= OfferRepository(session).shown_skus(ctx.conversation_id)
        ranked = addon_suggestions(session, view, skip, shop.rules, limit=1)
        if not ranked:
            return [Reply("utter_no_suggestion")]
        return [offer_shown(session, ctx, ranked[0], True, view.cart_id)]


def _upgrade_target(
    session: Session, view: CartView, product_text: str | None, message: str | None
) -> Product | None:
    if product_text:
        product = find_product(session, product_text, view, message)
        if view.line_for(product.sku) is None:
            raise NotInCart(product.name)
        return product
    tiered = [line.product for line in view.lines if line.product.tier is not None]
    named = _named_in(tiered, message or "")
    if named is not None:  # "a better version of the snap camera?" with no span found
        return named
    if not tiered:
        return None
    return max(tiered, key=lambda p: p.price)


def _named_in(products: list[Product], message: str) -> Product | None:
    """The one product whose family (or name) words all occur in the message, if exactly one."""
    said = set(ENGLISH.terms(message))
    named = [p for p in products if set(ENGLISH.terms(p.family or p.name)) <= said]
    return named[0] if len(named) == 1 else None


@replies_on_error
def suggest_upgrade(
    shop: Shop, ctx: ChatContext, product_text: str | None, message: str | None = None
) -> list[Reply]:
    """Answer "is there a bigger one?" with the next tier and the price difference."""
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        product = _upgrade_target(session, view, product_text, message)
        if product is None and not view.lines:
            return [Reply("utter_upgrade_cart_empty")]
        if product is None:
            return [Reply("utter_no_upgrade_in_cart")]
        line = view.line_for(product.sku)
        upgrade = upgrade_for(session, product, line.quantity if line else 1)
        declined = conversation_state(session, ctx).declined_skus
        if upgrade is None:
            return [_no_upgrade(session, product, line.quantity if line else 1)]
        if upgrade.product.sku in declined:
            params = {"name": product.name, "upgrade": upgrade.product.name}
            return [Reply("utter_upgrade_declined_before", params)]
        row = record_offer(session, ctx, upgrade, solicited=True, cart_id=view.cart_id)
        return [offer_reply(upgrade, row.id)]


def _no_upgrade(session: Session, product: Product, quantity: int) -> Reply:
    """No better tier on sale: say so, naming one that is listed but sold out (S25)."""
    sold_out = sold_out_upgrade(session, product)
    if sold_out is None:
        return Reply("utter_no_upgrade", {"name": product.name})
    extra = format_money((sold_out.price - product.price) * quantity, sold_out.currency)
    params = {"name": product.name, "upgrade": sold_out.name, "difference": extra}
    return Reply("utter_upgrade_out_of_stock", params)


def _accept_cart_offer(
    session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow, quantity: int = 1
) -> Reply:
    cart, view = open_cart(session, shop, ctx)
    product = product_by_sku(session, offer.sku)
    if OfferKind(offer.kind).adds_to_cart:
        add_quantity(session, cart, view, product, quantity)
        view = load_cart(session, cart.id)[1]
        params = {"name": product.name, "quantity": str(quantity), **cart_params(view)}
        return Reply("utter_added", params)
    old = product_by_sku(session, offer.replaces_sku or "")
    line = view.line_for(old.sku)
    if line is None:
        raise NotInCart(old.name)
    remove_line(session, cart, view, old)
    add_quantity(session, cart, load_cart(session, cart.id)[1], product, line.quantity)
    view = load_cart(session, cart.id)[1]
    return Reply("utter_swapped", {"old_name": old.name, "name": product.name, **cart_params(view)})


@replies_on_error
def accept_offer(shop: Shop, ctx: ChatContext, quantity_text: str | None = None) -> list[Reply]:
    """Handle "yes": carry out the conversation's open offer (add, swap, switch plan or pause).

    ``quantity_text`` is a quantity said with the yes ("yes please, 2 of them"): an add-on
    is added that many times (a refused quantity changes nothing).
    """
    quantity = parse_quantity(quantity_text)
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = offers.open_offer(ctx.conversation_id)
        if offer is None:
            return [Reply("utter_nothing_pending")]
        changed = price_changed(session, ctx, offer)
        if changed is not None:  # offered at another price: asked again, nothing changes
            return [changed]
        if OfferKind(offer.kind).is_retention:
            reply = accept_retention(session, shop, ctx, offer)
        else:
            reply = _accept_cart_offer(session, shop, ctx, offer, quantity)
        offers.resolve(offer, "accepted")
        return [reply]


def keeps_after_remark(removal_asked: bool, text: str | None) -> bool:
    """Whether a "no" to a remark's downsell keeps the line: typed, and no removal word in it."""
    typed = bool(text) and not (text or "").startswith("/")
    return not removal_asked and typed and not says_remove(text)


@replies_on_error
def decline_offer(shop: Shop, ctx: ChatContext, text: str | None = None) -> list[Reply]:
    """Handle "no": never offer it again; for a downsell or retention offer, go ahead at once.

    A downsell shown after a price remark ("the coffee machine is too expensive", no removal
    asked) is different: a typed "no" keeps the cart as it is; only "just remove it" or the
    button removes (review s21, S19).
    """
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = offers.open_offer(ctx.conversation_id)
        if offer is None:
            return [Reply("utter_nothing_pending")]
        kind = OfferKind(offer.kind)
        if kind is OfferKind.DOWNSELL and keeps_after_remark(offer.solicited, text):
            offers.resolve(offer, "kept")
            return [Reply("utter_confirm_declined")]
        offers.resolve(offer, "declined")
        if kind is OfferKind.DOWNSELL or kind.is_retention:
            return [carry_out_exit(session, shop, ctx, offer)]
        claims_for_cart(shop.secret, ctx.token, offer.cart_id)
        name = product_by_sku(session, offer.sku).name
        return [Reply("utter_offer_declined", {"name": name})]


def _cart_offer_detail(session: Session, offer: OfferEventRow) -> Reply:
    product = product_by_sku(session, offer.sku)
    price = from_minor(offer.price_minor)
    params = {"name": product.name, "price": format_money(price, product.currency)}
    params["reason"] = offer.reason or "it fits your cart"
    kind = OfferKind(offer.kind)
    if not offer.replaces_sku:
        return Reply("utter_offer_detail_addon", params, cart_offer_buttons(kind, offer.id, ""))
    old = product_by_sku(session, offer.replaces_sku)
    line = load_cart(session, offer.cart_id)[1].line_for(old.sku) if offer.cart_id else None
    params |= swap_params(product, price, old, line.quantity if line else 1)  # what a yes swaps
    buttons = cart_offer_buttons(kind, offer.id, params["name"])
    if kind is OfferKind.DOWNSELL:  # "no" here removes: the offer's own buttons
        return Reply("utter_offer_detail_downsell", params, buttons)
    return Reply("utter_offer_detail_upgrade", params, buttons)


@replies_on_error
def offer_detail(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Answer "how much is that?", "why that one?", "what's the difference?" from the offer.

    The offer stays open (the same buttons come back); nothing else is offered.
    """
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        if offer is None:
            return [Reply("utter_no_offer_pending")]
        if OfferKind(offer.kind).is_retention:
            return [retention_detail(session, shop, offer)]
        claims_for_cart(shop.secret, ctx.token, offer.cart_id)
        return [_cart_offer_detail(session, offer)]
