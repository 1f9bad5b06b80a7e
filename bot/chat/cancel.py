"""Cancel flow: one honest cheaper option, and the way out always one turn away."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.cart import open_cart
from bot.chat.cart_edits import part_of_line, take_out
from bot.chat.cart_guards import not_by_a_modifier, only_cart_lines
from bot.chat.cart_requests import in_focus
from bot.chat.common import conversation_state, record_offer, replies_on_error
from bot.chat.confirm import CONFIRM as CONFIRM
from bot.chat.confirm import ask_confirmation, intent_payload
from bot.chat.handoff import withdraw_selling_offer
from bot.chat.products import asking, find_product
from bot.chat.replies import ChatContext, Reply, cart_params, offer_reply
from bot.chat.retention import offer_retention
from bot.chat.retention_accept import (
    ask_for_option,
    offered_subscription,
)
from bot.chat.subscription_choice import CANCEL, CANCEL_NOW, ask_which, target
from bot.domain.errors import NotInCart
from bot.domain.language.en_clauses import asked_text
from bot.domain.language.en_cues import says_remove
from bot.domain.models import OfferKind, Product
from bot.domain.offers import may_offer_on_exit
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.cart import load_cart, product_by_sku, remove_line
from bot.services.recommend import downgrade_for
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow, SubscriptionRow

_SELLING = (OfferKind.ADDON, OfferKind.GAP_CLOSER, OfferKind.UPSELL)


def carry_out_exit(session: Session, shop: Shop, ctx: ChatContext, offer: OfferEventRow) -> Reply:
    """Do what the shopper asked before the downsell or retention offer: remove or cancel."""
    if offer.kind == OfferKind.DOWNSELL.value:
        cart, view = open_cart(session, shop, ctx)
        product = product_by_sku(session, offer.replaces_sku or "")
        remove_line(session, cart, view, product)
        view = load_cart(session, cart.id)[1]
        return Reply("utter_removed", {"name": product.name, **cart_params(view)})
    return _cancel_now(session, offered_subscription(session, shop, ctx, offer))


def _cancel_now(session: Session, row: SubscriptionRow) -> Reply:
    """Cancel ``row``; the reply names any other subscription that still bills.

    "You won't be charged again" is only true when nothing else is live.
    """
    plan = subscriptions.view_of(session, row).plan
    subscriptions.cancel(row)
    others = SubscriptionRepository(session).live_for(row.customer_id)
    if not others:
        return Reply("utter_subscription_canceled", {"plan": plan.name})
    names = ", ".join(subscriptions.view_of(session, other).plan.name for other in others)
    return Reply("utter_subscription_canceled_others", {"plan": plan.name, "others": names})


def open_exit_offer(session: Session, ctx: ChatContext) -> OfferEventRow | None:
    """The conversation's open downsell or retention offer, if any."""
    offer = OfferRepository(session).open_offer(ctx.conversation_id)
    if offer is None:
        return None
    kind = OfferKind(offer.kind)
    return offer if kind is OfferKind.DOWNSELL or kind.is_retention else None


@replies_on_error
def remove_too_expensive(
    shop: Shop, ctx: ChatContext, product_text: str | None, message: str | None = None
) -> list[Reply]:
    """Offer the cheaper tier once; saying it again, or "no", removes the item at once.

    A message naming no product ("too pricey, take it out") means the product in focus, and
    an open add-on or upgrade offer is closed by it (a "yes" next answers this, not that).
    A remark or question with no removal word ("the headphones are too expensive", the
    cart page's "Too pricey?" link) never removes: with no cheaper tier to offer (none,
    declined before, upset shopper) it asks first; asked again, the open offer is repeated.
    Only the cart's lines are considered: a product not in the cart is "not in your cart",
    and a near tie asks "Did you mean to remove A or B?" over lines only, its answer a
    removal, never an add (review s23, T4).
    """
    with asking(shop, ctx, "remove_item", None), shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        if not product_text:  # "take it out": the product talked about
            focus = in_focus(session, ctx.conversation_id)
            product_text = focus.name if focus else None
        said = None if message and message.startswith("/") else message  # a payload: no words
        with only_cart_lines(view):  # "Did you mean …?" offers lines only; its answer removes
            product = find_product(session, product_text, view, said)
            not_by_a_modifier(
                session, product_text, product
            )  # "camera": never the Camera Shoulder Bag
        line = view.line_for(product.sku)
        if line is None:
            raise NotInCart(product.name)
        _supersede_selling_offer(session, ctx)
        part = part_of_line(message, line.quantity)
        if part is not None:  # "one of the cameras is too expensive": only that many
            if _says_remove(message):
                return [take_out(session, cart, view, product, part)]
            return [_ask_to_remove(session, ctx, product, part)]
        pending = open_exit_offer(session, ctx)
        state = conversation_state(session, ctx)
        cheaper = (
            downgrade_for(session, product, line.quantity) if may_offer_on_exit(state) else None
        )
        if pending is not None and pending.replaces_sku == product.sku:
            if cheaper is not None and not _says_remove(message):  # asked again: same offer
                return [offer_reply(cheaper, pending.id)]
            OfferRepository(session).resolve(pending, "declined")
            return [carry_out_exit(session, shop, ctx, pending)]
        declined = cheaper is not None and cheaper.product.sku in state.declined_skus
        if (cheaper is None or declined) and not _says_remove(message):
            return [_ask_to_remove(session, ctx, product)]  # a question or remark: ask (F54)
        if cheaper is None or declined:
            remove_line(session, cart, view, product)
            view = load_cart(session, cart.id)[1]
            response = (
                "utter_no_downsell" if cheaper is None and not state.upset else "utter_removed"
            )
            return [Reply(response, {"name": product.name, **cart_params(view)})]
        # solicited: the shopper asked for the removal; after a remark a "no" keeps (S19)
        asked = _says_remove(message)
        row = record_offer(session, ctx, cheaper, solicited=asked, cart_id=view.cart_id)
        return [offer_reply(cheaper, row.id)]


_PAGE_QUESTION = "/remove_too_expensive"
"""The cart page's "Too pricey?" link sends this payload with the text "… Is there a cheaper
one?" (bot/web/static/cart.js): a question, never a removal (F54)."""


def _says_remove(message: str | None) -> bool:
    """A removal said in words or by a button, rather than a remark on the price.

    No text (a flow called without the message) counts as the removal itself; the cart
    page's "Too pricey?" payload is a question.
    """
    if not message:
        return True
    if message.startswith("/"):
        return not message.startswith(_PAGE_QUESTION)
    return says_remove(message)


def _supersede_selling_offer(session: Session, ctx: ChatContext) -> None:
    """Close an open add-on, gap-closer or upgrade offer: this request comes after it."""
    offers = OfferRepository(session)
    offer = offers.open_offer(ctx.conversation_id)
    if offer is not None and OfferKind(offer.kind) in _SELLING:
        offers.resolve(offer, "superseded")


def _ask_to_remove(
    session: Session, ctx: ChatContext, product: Product, part: int | None = None
) -> Reply:
    """Ask before removing on a remark; "yes" (or the button) removes the line (or the part)."""
    entities = {"product": product.name[:80]}
    if part is None:
        request = ("action_remove_item", "remove_item", entities, f"remove the {product.name}")
        return ask_confirmation(session, ctx.conversation_id, request, f"remove {product.name}")
    entities["quantity"] = str(part)
    text = f"remove {part} of the {product.name}"
    request = ("action_remove_item", "remove_item", entities, text)
    summary = f"take {part} × {product.name} out"
    return ask_confirmation(session, ctx.conversation_id, request, summary)


@replies_on_error
def cancel_subscription(
    shop: Shop, ctx: ChatContext, text: str | None = None, subscription_id: int | None = None
) -> list[Reply]:
    """Offer one retention option once; asking again cancels at once.

    With several live subscriptions the one meant is the open offer's, the one the words
    name, or the one picked (``subscription_id``); else "Which subscription should I
    cancel?" is asked and nothing changes.
    """
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        chosen = subscription_id or (pending.subscription_id if pending is not None else None)
        said = asked_text(text or "")  # "no care basic, cancel care premium": the one asked
        row = target(session, claims.customer_id, said, chosen, held_only=True)
        if isinstance(row, list):  # two or more live, none named: ask (never a guess)
            request = (CANCEL, text or "cancel my subscription")
            return [ask_which(session, ctx.conversation_id, row, request, "cancel")]
        if pending is not None and pending.subscription_id == row.id:
            OfferRepository(session).resolve(pending, "declined")
            return [_cancel_now(session, row)]
        offer = offer_retention(session, shop, ctx, row, text or "")  # never a refused option
        return [offer] if offer else [_cancel_now(session, row)]


def ask_what_to_cancel(shop: Shop, ctx: ChatContext) -> list[Reply] | None:
    """Ask, after "cancel that" following a cart change, whether it means the product or plan.

    Returns ``None`` when this conversation has no product in focus (nothing to undo): the
    message is then a plain cancel request.
    """
    with shop.session_factory.begin() as session:
        product = in_focus(session, ctx.conversation_id)
    if product is None:
        return None
    remove = intent_payload("remove_item", {"product": product.name})
    plan = ("Cancel my subscription", "/cancel_subscription")
    buttons = ((f"Remove {product.name}", remove), plan)
    return [Reply("utter_ask_cancel_what", {"name": product.name}, buttons)]


@replies_on_error
def cancel_confirmed(
    shop: Shop, ctx: ChatContext, text: str | None = None, subscription_id: int | None = None
) -> list[Reply]:
    """A cancel the shopper confirmed ("Just to be sure: cancel?" → yes): cancel at once.

    The confirmation was the one extra turn a cancel may take, so no retention offer
    follows it (a second "yes" would otherwise take the offer, not the cancel). Which
    subscription: as in :func:`cancel_subscription` (asked when it is not clear).
    """
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        chosen = subscription_id or (pending.subscription_id if pending is not None else None)
        row = target(session, claims.customer_id, text or "", chosen, held_only=True)
        if isinstance(row, list):
            request = (CANCEL_NOW, text or "cancel my subscription")
            return [ask_which(session, ctx.conversation_id, row, request, "cancel")]
        if pending is not None:
            OfferRepository(session).resolve(pending, "declined")
        return [_cancel_now(session, row)]


@replies_on_error
def confirm_cancel(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Handle "cancel anyway": carry out the pending removal or cancellation at once.

    With nothing offered yet ("cancel it" as a first message), it is a first cancel request:
    the one retention offer comes first, with the way out one tap away.
    """
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        if pending is not None:
            OfferRepository(session).resolve(pending, "declined")
            return [carry_out_exit(session, shop, ctx, pending)]
    return cancel_subscription(shop, ctx)


@replies_on_error
def choose_retention_option(
    shop: Shop, ctx: ChatContext, wanted: str, message: str | None = None
) -> list[Reply]:
    """The shopper asks for another retention option than offered ("pause it instead")."""
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        if pending is None or not OfferKind(pending.kind).is_retention:
            return [Reply("utter_nothing_pending")]
        return [ask_for_option(session, shop, ctx, pending, wanted, message)]


@replies_on_error
def keep_as_is(shop: Shop, ctx: ChatContext, event: str = "kept") -> list[Reply]:
    """Handle "no, I'll keep it" to a downsell or retention offer: close it, change nothing.

    The offer is recorded as ``kept`` (``event``): the shopper stays as they were without
    the option (for a retention offer, a saved cancellation); "maybe later" as ``later``.
    """
    with shop.session_factory.begin() as session:
        pending = open_exit_offer(session, ctx)
        if pending is None:
            return [Reply("utter_confirm_declined")]
        if pending.kind == OfferKind.DOWNSELL.value:
            OfferRepository(session).resolve(pending, "kept")
            product = product_by_sku(session, pending.replaces_sku or "")
            return [Reply("utter_item_kept", {"name": product.name})]
        row = offered_subscription(session, shop, ctx, pending)
        OfferRepository(session).resolve(pending, event)
        plan = subscriptions.view_of(session, row).plan
        return [Reply("utter_subscription_kept", {"plan": plan.name})]


@replies_on_error
def complaint(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Acknowledge, and withdraw any open selling offer: no selling to an upset customer."""
    with shop.session_factory.begin() as session:
        withdraw_selling_offer(session, ctx.conversation_id)
        return [Reply("utter_complaint_ack")]
