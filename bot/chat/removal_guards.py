"""Removals read from their words before the pending question (review s23, issue 12).

Called from :func:`bot.chat.first_reading.first_reading`, so a new request supersedes a
pending "Did you mean …?" instead of being read as its answer. Whatever intent the model
gave the message, nothing changes on a guess:

* "remove all the usb-c things", "take out all the cables" naming several cart lines:
  "Just to be sure: do you want me to remove USB-C Cable 1m and USB-C Hub 7-in-1 from your
  cart?"; the yes removes exactly those, all or nothing. One line named: that line goes.
* "remove both phone cases" with one line of them: two taken out (never another line);
  with two lines of them: both named and asked first.
* "stop the mouse pad order", "cancel the mugs": a product in the cart is asked about
  ("remove Mouse Pad from your cart?"; with a subscription, "remove it, or cancel your
  subscription?" as S14 does); one not in the cart gets the honest "I can't cancel a placed
  order here". Never an add.

English cues: :mod:`bot.domain.language.en_sweeps`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import cart
from bot.chat.cart_edits import open_cart
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation, intent_payload
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import DomainError
from bot.domain.language.en_sweeps import cancelled_item, names_all, swept_words
from bot.domain.models import Product
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_REMOVE = ("action_remove_item", "remove_item")


def named_lines(view: CartView, words: str) -> list[Product]:
    """The cart's lines whose names hold every one of ``words``, in cart order."""
    return [line.product for line in view.lines if names_all(line.product.name, words)]


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _drop_pending(shop: Shop, ctx: ChatContext) -> None:
    """Forget a pending did-you-mean or confirmation: this request supersedes it."""
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).clear(ctx.conversation_id)


@replies_on_error
def sweep(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "remove all the usb-c things" / "remove both phone cases" (T6); else None."""
    said = swept_words(turn.text)
    if said is None:
        return None
    quantifier, words = said
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        lines = named_lines(view, words)
        several = len(lines) == 2 or (len(lines) > 2 and quantifier != "both")
        if several:  # asked first, naming each line; the yes removes exactly those
            names = _joined([p.name for p in lines])
            request = (*_REMOVE, {}, f"remove {names}")
            return [
                ask_confirmation(
                    session, ctx.conversation_id, request, f"remove {names} from your cart"
                )
            ]
    if len(lines) > 2:  # "both" of three lines: which two?
        _drop_pending(shop, ctx)
        return [Reply("utter_ask_product")]
    if len(lines) == 1:
        _drop_pending(shop, ctx)
        if quantifier == "both":  # two of the one line, never another line
            return cart.remove_item(shop, ctx, lines[0].name, None, quantity_text="2")
        return cart.remove_item(shop, ctx, lines[0].name, None)  # "all the mugs": the line
    return None


@replies_on_error
def cancel_item(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "stop the mouse pad order", "cancel the mugs" under any intent (T5); else None."""
    said = cancelled_item(turn.text)
    if said is None:
        return None
    words, order = said
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        lines = named_lines(view, words) if words else []
        if len(lines) == 1:
            name = lines[0].name
            if not order and _has_subscription(session, shop, ctx):
                return [_remove_or_cancel(name)]  # as "cancel the mugs" (S14)
            request = (*_REMOVE, {"product": name[:80]}, f"remove the {name}")
            return [
                ask_confirmation(
                    session, ctx.conversation_id, request, f"remove {name} from your cart"
                )
            ]
    if len(lines) > 1:
        return [Reply("utter_ask_product")]
    if order or turn.entities.get("product"):  # a placed order: this chat cannot cancel it
        return [Reply("utter_cancel_order_unsupported", {"contact": shop.support_contact})]
    return None


def _has_subscription(session: Session, shop: Shop, ctx: ChatContext) -> bool:
    """Whether the conversation's customer has a live subscription (False without access)."""
    try:
        claims = claims_for_customer(shop.secret, ctx.token)
    except DomainError:
        return False
    return bool(subscriptions.live_plans(session, claims.customer_id))


def _remove_or_cancel(name: str) -> Reply:
    remove = intent_payload("remove_item", {"product": name})
    buttons = ((f"Remove {name}", remove), ("Cancel my subscription", "/cancel_subscription"))
    return Reply("utter_ask_cancel_what", {"name": name}, buttons)
