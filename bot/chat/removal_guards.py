"""Removals read from their words before the pending question (review s23, issue 12).

Called from :func:`bot.chat.first_reading.first_reading`, so a new request supersedes a
pending "Did you mean …?" instead of being read as its answer. Whatever intent the model
gave the message, nothing changes on a guess:

* "remove all the usb-c things", "take out the cables" naming several cart lines:
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

from bot.chat import cart
from bot.chat.cancel_reading import catalog_mention
from bot.chat.cart_edits import open_cart
from bot.chat.cart_requests import read_parts
from bot.chat.common import replies_on_error
from bot.chat.confirm import ask_confirmation, intent_payload
from bot.chat.products import FLOW_QUESTIONS, PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import DomainError
from bot.domain.language.en_cues import says_add, says_remove
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


def _cart_view(shop: Shop, ctx: ChatContext) -> CartView | None:
    """The conversation's cart, or None when it has none (a subscription-only token)."""
    try:
        with shop.session_factory.begin() as session:
            return open_cart(session, shop, ctx)[1]
    except DomainError:
        return None


def _drop_pending(shop: Shop, ctx: ChatContext) -> None:
    """Forget a pending did-you-mean or confirmation: this request supersedes it."""
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).clear(ctx.conversation_id)


@replies_on_error
def sweep(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "remove all the usb-c things" / "remove both phone cases" (T6); else None."""
    said = swept_words(turn.text)
    if said is None:
        _supersede_choice(shop, ctx, turn.text)
        return None
    quantifier, words = said
    view = _cart_view(shop, ctx)
    lines = named_lines(view, words) if view is not None else []
    if len(lines) < 2 and quantifier == "plural":
        return None  # "remove the mugs": one line, read as usual
    if len(lines) == 2 or (len(lines) > 2 and quantifier != "both"):
        names = _joined([p.name for p in lines])  # asked first; the yes removes exactly those
        return [_confirm(shop, ctx, {}, f"remove {names}")]
    if len(lines) > 2:  # "both" of three lines: which two?
        _drop_pending(shop, ctx)
        return [Reply("utter_ask_product")]
    if len(lines) == 1:
        _drop_pending(shop, ctx)
        if quantifier == "both":  # two of the one line, never another line
            return cart.remove_item(shop, ctx, lines[0].name, None, quantity_text="2")
        return cart.remove_item(shop, ctx, lines[0].name, None)  # "all the mugs": the line
    return None


def _confirm(shop: Shop, ctx: ChatContext, entities: dict[str, str], removal: str) -> Reply:
    """Ask "remove … from your cart?"; the yes runs the removal ``removal`` words."""
    with shop.session_factory.begin() as session:
        request = (*_REMOVE, entities, removal)
        return ask_confirmation(session, ctx.conversation_id, request, f"{removal} from your cart")


def _supersede_choice(shop: Shop, ctx: ChatContext, text: str) -> None:
    """Forget a pending did-you-mean when a new request names several products.

    "remove the usb-c cables and hubs" while "Did you mean to remove A or B?" waits is a new
    request, not a pick of one option (review s23, T6).
    """
    if not (says_remove(text) or says_add(text)) or not read_parts(text):
        return
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is not None and question.question in FLOW_QUESTIONS:
            pending.clear(ctx.conversation_id)


@replies_on_error
def cancel_item(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "stop the mouse pad order", "cancel the mugs" under any intent (T5); else None."""
    said = cancelled_item(turn.text)
    view = _cart_view(shop, ctx) if said is not None else None
    if said is None or view is None:
        return None  # no cart: the subscription's flows read it
    words, order = said
    lines = named_lines(view, words) if words else []
    if len(lines) == 1:
        name = lines[0].name
        if not order and _has_subscription(shop, ctx):
            return [_remove_or_cancel(name)]  # as "cancel the mugs" (S14)
        return [_confirm(shop, ctx, {"product": name[:80]}, f"remove {name}")]
    if len(lines) > 1:
        return [Reply("utter_ask_product")]
    if order or turn.entities.get("product"):  # a placed order: this chat cannot cancel it
        unsupported = Reply("utter_cancel_order_unsupported", {"contact": shop.support_contact})
        named = catalog_mention(shop, ctx, turn) if words else None  # "Travel Tripod isn't…"
        return (
            [Reply("utter_not_in_cart", {"name": named}), unsupported] if named else [unsupported]
        )
    return None


def _has_subscription(shop: Shop, ctx: ChatContext) -> bool:
    """Whether the conversation's customer has a live subscription (False without access)."""
    try:
        claims = claims_for_customer(shop.secret, ctx.token)
    except DomainError:
        return False
    with shop.session_factory.begin() as session:
        return bool(subscriptions.live_plans(session, claims.customer_id))


def _remove_or_cancel(name: str) -> Reply:
    remove = intent_payload("remove_item", {"product": name})
    buttons = ((f"Remove {name}", remove), ("Cancel my subscription", "/cancel_subscription"))
    return Reply("utter_ask_cancel_what", {"name": name}, buttons)
