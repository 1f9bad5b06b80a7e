"""A pressed offer button, read by the offer it names (issue 12, review T11/S8).

Every offer's Yes / No button carries the offer's id (``/affirm{"offer_id":"17"}``, see
:mod:`bot.domain.offer_buttons`). A bare ``/affirm`` pressed on an old card used to answer
whatever offer was open by then: the newer product was added, or the newer offer declined.
Now, before anything else reads the message:

* the button of the **open** offer answers it, exactly as a typed "yes" / "no" would;
* the button of an **older** offer (superseded, answered, or re-shown since) changes
  nothing. The reply says so, names that offer, and puts the open one (if any) before the
  shopper again, which stays open: "That button was for an earlier suggestion (Clear Phone
  Case), so I haven't changed anything. The current suggestion is Glass Screen Protector
  ($12.00) — want it?". Its "Yes" on an add-on that can still be added (in stock, not in
  the cart, nothing being cancelled) is asked back instead: that add-on is shown again as
  the open offer ("Just to be sure: shall I add …?"), so only a second yes adds it;
* an id of no offer of this conversation (a crafted or foreign payload) gets the expired
  button reply.

Typed "yes" / "no" carry no id and answer the open offer as before.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from bot.chat import selling
from bot.chat.offer_reply import answer_offer
from bot.chat.replies import ChatContext, Reply
from bot.chat.retention import OPTION_WORDS, retention_detail
from bot.chat.turns import Turn
from bot.domain.dialogue import Answer
from bot.domain.errors import Forbidden, InvalidToken
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import NO, YES, cart_offer_buttons, named_offer, offer_id_of
from bot.domain.retention import OPTION_OF
from bot.money import format_money, from_minor, to_minor
from bot.services.access import claims_for_cart
from bot.services.cart import load_cart, product_by_sku
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository
from bot.store.repositories import CatalogRepository, SubscriptionRepository
from bot.store.tables import OfferEventRow


def pressed_offer(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, words: list[str]
) -> list[Reply] | None:
    """The reply to an offer's own Yes / No button, or ``None`` when the message is not one.

    Args:
        shop: The shop.
        ctx: The conversation.
        turn: The message: ``/affirm`` or ``/deny`` with an ``offer_id`` entity.
        offer: The offer open when the message came in (detached), if any.
        words: The words naming what the open offer offers.
    """
    named = named_offer(turn.entities)
    if named is None or turn.confirmed or turn.intent not in (YES, NO):
        return None
    with shop.session_factory.begin() as session:  # a question asked before is moved on from
        PendingChoiceRepository(session).clear(ctx.conversation_id)
    offer_id = offer_id_of(named)
    if offer is not None and offer_id == offer.id:
        answer = Answer.ACCEPT if turn.intent == YES else Answer.DECLINE
        return answer_offer(shop, ctx, turn, offer, answer, words)
    with shop.session_factory.begin() as session:
        replies = _earlier(session, shop, ctx, turn.intent == YES, offer_id, offer)
    if replies is not None:
        return replies
    expired = [Reply("utter_button_expired")]  # no offer of this conversation: the open one
    return expired + (selling.offer_detail(shop, replace(ctx, upset=True)) if offer else [])


def _earlier(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    accept: bool,
    offer_id: int | None,
    current: OfferEventRow | None,
) -> list[Reply] | None:
    """An older offer's button: nothing changes; the open offer (if any) is asked again.

    ``None`` when ``offer_id`` names no offer shown in this conversation.
    """
    pressed = _shown(session, ctx.conversation_id, offer_id)
    if pressed is None:
        return None
    if accept and _may_ask_again(session, shop, ctx, pressed, current):
        return [_ask_again(session, pressed)]
    return _restated(session, shop, _offered_name(session, pressed), current)


def _shown(session: Session, conversation_id: str, offer_id: int | None) -> OfferEventRow | None:
    """The ``shown`` event ``offer_id`` of this conversation, if it is one."""
    row = session.get(OfferEventRow, offer_id) if offer_id is not None else None
    if row is None or row.conversation_id != conversation_id or row.event != "shown":
        return None
    return row


def _restated(
    session: Session, shop: Shop, name: str, current: OfferEventRow | None
) -> list[Reply]:
    """The "earlier suggestion (X)" reply, then the open offer (if any) asked again."""
    earlier = Reply("utter_offer_button_earlier", {"name": name})
    if current is None:
        return [earlier]
    if OfferKind(current.kind).is_retention:  # nothing else is offered during a cancel
        return [earlier, retention_detail(session, shop, current)]
    product = product_by_sku(session, current.sku)
    buttons = cart_offer_buttons(OfferKind(current.kind), current.id, product.name)
    price = format_money(from_minor(current.price_minor), product.currency)
    params = {"name": name, "current": product.name, "price": price}
    return [Reply("utter_offer_button_earlier_current", params, buttons)]


def _may_ask_again(
    session: Session,
    shop: Shop,
    ctx: ChatContext,
    pressed: OfferEventRow,
    current: OfferEventRow | None,
) -> bool:
    """Whether an old add-on's "Yes" is asked back: it could still be added to this cart."""
    if not OfferKind(pressed.kind).adds_to_cart or ctx.upset or pressed.cart_id is None:
        return False
    if current is not None and OfferKind(current.kind).is_retention:
        return False
    row = CatalogRepository(session).by_sku(pressed.sku)
    if row is None or not row.active or row.stock <= 0:
        return False
    try:
        claims_for_cart(shop.secret, ctx.token, pressed.cart_id)
    except (InvalidToken, Forbidden):  # not this turn's cart: say so plainly, ask nothing
        return False
    view = load_cart(session, pressed.cart_id)[1]
    return view.line_for(pressed.sku) is None


def _ask_again(session: Session, pressed: OfferEventRow) -> Reply:
    """Show the old add-on again as the open offer, at today's price; only its yes adds it."""
    product = product_by_sku(session, pressed.sku)
    shown = OfferRepository(session).reshow(pressed, to_minor(product.price))
    params = {"name": product.name, "price": format_money(product.price, product.currency)}
    buttons = cart_offer_buttons(OfferKind(pressed.kind), shown.id, product.name)
    return Reply("utter_offer_button_ask_again", params, buttons)


def _offered_name(session: Session, offer: OfferEventRow) -> str:
    """What an offer offered, in words: a product's or plan's name, "a pause"."""
    kind = OfferKind(offer.kind)
    if kind is OfferKind.RETENTION_PLAN:
        plan = SubscriptionRepository(session).plan_by_code(offer.sku)
        return f"switching to {plan.name}" if plan else OPTION_WORDS[OPTION_OF[kind]]
    if kind.is_retention:
        return OPTION_WORDS[OPTION_OF[kind]]
    row = CatalogRepository(session).by_sku(offer.sku)
    return row.name if row is not None else "an item no longer sold"
