"""Undo: "undo that" / "put it back" reverses exactly this conversation's last cart change.

A turn that changed one subscription instead (a plan switch, a pause, a cancel) is kept as
the last change too; "undo" then asks before reversing it (:mod:`bot.chat.subscription_undo`).

Every action turn runs through :func:`recorded`: when the turn changed the conversation's
cart (an add, a removal, a quantity, a swap, an accepted offer — whatever flow did it), the
lines it touched are kept, before and after, as the conversation's last change
(:class:`bot.store.changes.CartChangeRepository`). :func:`undo_last` puts those lines back
as they were, in one transaction, and names what it reversed. Only that one change can be
undone, never twice, and only while the cart still looks as the change left it (otherwise
nothing changes and the bot says so). A restart or a new session forgets it (small talk
such as "thanks", "hi" or "are you a bot?" does not: "undo" right after it still works)
(``close_open_questions``), so nothing older than the conversation is ever undone.

The before/after reads are separate short transactions around the turn: a change made by
another process (the shop API) in the same instant would be counted into the turn's change.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from bot.chat.common import replies_on_error
from bot.chat.replies import ChatContext, Reply, cart_params, line_name
from bot.chat.subscription_undo import undo_subscription
from bot.domain.errors import DomainError
from bot.domain.subscription_undo import changed
from bot.services.access import claims_for_cart
from bot.services.cart import load_cart, product_by_sku, remove_line, set_line
from bot.services.shop import Shop
from bot.store.changes import CartChange, CartChangeRepository, Quantities
from bot.store.repositories import CartRepository
from bot.store.subscription_changes import SubscriptionChangeRepository, snapshot
from bot.tokens import Claims, verify_token


def _claims_of(shop: Shop, ctx: ChatContext) -> Claims | None:
    """The claims of the turn's token, or None (no token: no cart to watch)."""
    if not ctx.token:
        return None
    try:
        return verify_token(shop.secret, ctx.token)
    except DomainError:
        return None


def _quantities(session: Session, cart_id: int) -> Quantities:
    return {product.sku: line.quantity for line, product in CartRepository(session).lines(cart_id)}


def recorded(shop: Shop, ctx: ChatContext, flow: Callable[[], list[Reply]]) -> list[Reply]:
    """Run a turn's flow; when it changed the cart, keep that change for "undo that".

    A turn that undid the last change (the record is gone afterwards) records nothing, so
    a second "undo" has nothing to undo.
    """
    claims = _claims_of(shop, ctx)
    if claims is None or claims.cart_id is None:
        return flow()
    cart_id = claims.cart_id
    with shop.session_factory.begin() as session:
        before = _quantities(session, cart_id)
        plans_before = snapshot(session, claims.customer_id)
        had = CartChangeRepository(session).exists(ctx.conversation_id)
    replies = flow()
    with shop.session_factory.begin() as session:
        changes = CartChangeRepository(session)
        if had and not changes.exists(ctx.conversation_id):
            return replies  # this turn was the undo
        after = _quantities(session, cart_id)
        touched = sorted(s for s in before.keys() | after.keys() if before.get(s) != after.get(s))
        if touched:
            old = {sku: before.get(sku, 0) for sku in touched}
            new = {sku: after.get(sku, 0) for sku in touched}
            changes.record(ctx.conversation_id, cart_id, old, new)
            return replies
        subscription = changed(plans_before, snapshot(session, claims.customer_id))
        if subscription is not None:
            subscriptions = SubscriptionChangeRepository(session)
            subscriptions.record(ctx.conversation_id, cart_id, *subscription)
    return replies


def describe(change: CartChange, names: dict[str, str]) -> str:
    """What undoing ``change`` does, in words: "put 2 × Mug back and took Tripod back out"."""
    back, out, reset = [], [], []
    for sku in sorted(change.before):
        was, now, name = change.before[sku], change.after.get(sku, 0), names.get(sku, sku)
        if now == 0:
            back.append(f"put {line_name(name, was)} back")
        elif was == 0:
            out.append(f"took {line_name(name, now)} back out")
        else:
            reset.append(f"set {name} back to {was}")
    parts = back + out + reset
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def is_swap(change: CartChange) -> bool:
    """Whether a change swapped one line for another: one product out (or fewer), one in."""
    if len(change.before) != 2:
        return False
    out = [s for s in change.before if change.after.get(s, 0) < change.before[s]]
    came = [s for s in change.before if change.before[s] == 0 and change.after.get(s, 0) > 0]
    return len(out) == 1 and len(came) == 1 and out != came


@replies_on_error
def undo_last(
    shop: Shop,
    ctx: ChatContext,
    text: str = "",
    confirmed: bool = False,
    swaps_only: bool = False,
) -> list[Reply]:
    """Reverse the conversation's last cart change in one transaction, and say what it was.

    Nothing to undo (none made in this conversation, or undone already): says so. The cart
    changed since (another device, the cart page): changes nothing and says so. When the
    last change was a subscription's, it is asked about first and reversed only once
    ``confirmed`` (:mod:`bot.chat.subscription_undo`). With ``swaps_only`` ("swap it back")
    only a cart swap is reversed: any other last cart change stays as it is (issue 12, s25).
    """
    claims = claims_for_cart(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        subscription = SubscriptionChangeRepository(session).get(ctx.conversation_id)
    if subscription is not None:
        return undo_subscription(shop, ctx, subscription, text, confirmed)
    with shop.session_factory.begin() as session:
        changes = CartChangeRepository(session)
        change = changes.get(ctx.conversation_id, for_update=True)
        if change is None or change.cart_id != claims.cart_id:
            return [Reply("utter_nothing_to_undo")]
        if swaps_only and not is_swap(change):
            return [Reply("utter_no_swap_to_undo")]
        cart, view = load_cart(session, change.cart_id, lock=True)
        now = {line.product.sku: line.quantity for line in view.lines}
        if any(now.get(sku, 0) != quantity for sku, quantity in change.after.items()):
            changes.forget(ctx.conversation_id)
            return [Reply("utter_undo_stale")]
        products = {sku: product_by_sku(session, sku) for sku in change.before}
        for sku in sorted(change.before, key=lambda s: change.before[s] > 0):  # room first
            if change.before[sku] == 0:
                remove_line(session, cart, view, products[sku])
            else:
                set_line(session, cart, products[sku], change.before[sku])
        changes.forget(ctx.conversation_id)
        names = {sku: product.name for sku, product in products.items()}
        params = {"change": describe(change, names), **cart_params(load_cart(session, cart.id)[1])}
        return [Reply("utter_undone", params)]
