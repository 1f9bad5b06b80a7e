"""The message's intent re-read from its words before anything changes (s19 review, G16–G34).

Called once per turn from :func:`bot.chat.dialogue.handle`, after a pending confirmation
was read and before the open offer or the predicted action. Each guard only ever changes
less than the model's reading would, or asks first:

* "resume / renew / reactivate / unpause / keep my subscription", "I don't want to cancel my
  subscription": never the cancel flow. An open retention offer is closed as kept; else the
  subscription stays as it is (G29, G30). A resume with no retention offer open is read
  before this module (:mod:`bot.chat.first_reading`): asked first, then resumed.
* "stop the recurring payments": asked back as "cancel your subscription?" (G28).
* "I didn't mean to add the mug", "I never wanted 2 filters": nothing is added; a line in
  the cart is offered for removal ("remove Ceramic Mug from your cart?") (G31).
* "remove everything except the mug", "only keep the beans": the other lines are named and
  asked about; the yes removes them, never the kept one (G34).
* "no wait, just 2" right after a cart change: asked back as "change Ceramic Mug to 2?" (G18).
* "swop A for B", "put B in place of A" read as an add: swapped, never added (G23).
* "oops, not mugs, tripods": asked back as "swap Ceramic Mug for tripods?" (G18).

English cues: :mod:`bot.domain.language.en_intents`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import cancel, cart
from bot.chat.cart_edits import claim_message, open_cart
from bot.chat.cart_requests import in_focus
from bot.chat.common import replies_on_error
from bot.chat.replies import ChatContext, Reply, cart_params, echoed
from bot.domain.language import ENGLISH
from bot.domain.language.en_intents import (
    corrected_product,
    extras_in_removal,
    keeps_subscription,
    kept_in_removal,
    negated_add,
    quantity_correction,
    stops_billing,
    swap_wording,
)
from bot.domain.language.en_requests import negated_want
from bot.domain.models import OfferKind, Product
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.cart import CartView, load_cart, remove_line
from bot.services.shop import Shop
from bot.store.repositories import CartRepository, SubscriptionRepository
from bot.store.tables import CartRow, OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", str], Reply]

_CANCELLING = frozenset({"action_cancel_subscription", "action_confirm_cancel"})
_REMOVALS = frozenset({"action_remove_item", "action_remove_too_expensive"})
_CART_EDITS = frozenset(
    {"action_add_item", "action_remove_item", "action_change_quantity", "action_swap_item"}
)
_ADDS = _CART_EDITS - _REMOVALS | {
    "action_choose_option",
    "action_accept_offer",
    "action_unsupported_request",
}
_SUBSCRIPTION = re.compile(
    r"\b(?:subscription|plan|membership|care|renew\w*|resum\w*|re-?activat\w*|un-?paus\w*)",
    re.IGNORECASE,
)
_YES_NO = frozenset({"action_accept_offer", "action_decline_offer"})
_NUMBER_ONLY = re.compile(r"^(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)$", re.I)


def reread(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """The reply for a message whose words overrule its intent, or ``None`` (read as usual).

    Button payloads ("/cancel_anyway") are never re-read: a tapped "Cancel anyway" cancels.
    """
    if not turn.text or turn.text.startswith("/"):
        return None
    if turn.confirmed:  # the shopper said yes to exactly this: only the except-removal is ours
        return _remove_all_but(shop, ctx, turn, ask)
    return (
        _noted(turn, offer)
        or _keep_subscription(shop, ctx, turn, offer)
        or _stop_billing(turn, ask)
        or _remove_all_but(shop, ctx, turn, ask)
        or _negated_add(shop, ctx, turn, ask)
        or _quantity_correction(shop, ctx, turn, offer, ask)
        or _swap_in_other_words(shop, ctx, turn)
        or _product_correction(shop, ctx, turn, ask)
    )


def _noted(turn: Turn, offer: OfferEventRow | None) -> list[Reply] | None:
    """Handle "no more mugs" read as a yes/no with nothing open: noted, never "Okay." (G27)."""
    if offer is not None or turn.action not in _YES_NO:
        return None
    unwanted = negated_want(turn.text)
    if unwanted is None or not unwanted.product:
        return None
    return [Reply("utter_noted_nothing_changed", {"what": echoed(unwanted.product)})]


def _keep_subscription(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """Handle "resume / renew / keep my subscription", "don't cancel it": never a cancel."""
    if keeps_subscription(turn.text) is None:
        return None
    retention = offer is not None and OfferKind(offer.kind).is_retention
    about_plan = retention or _SUBSCRIPTION.search(turn.text) is not None
    if not about_plan and turn.action not in _CANCELLING | {"action_pause_subscription"}:
        return None  # "keep it going" about a cart line: read as usual
    if retention:
        return cancel.keep_as_is(shop, ctx)  # the offer is closed as kept
    return _subscription_stays(shop, ctx)


@replies_on_error
def _subscription_stays(shop: Shop, ctx: ChatContext) -> list[Reply]:
    """Say the subscription stays as it is (active, or paused until its date); change nothing."""
    claims = claims_for_customer(shop.secret, ctx.token)
    with shop.session_factory.begin() as session:
        row = SubscriptionRepository(session).current_for(claims.customer_id)
        if row is None or row.status == "canceled":
            return [Reply("utter_confirm_declined")]
        plan = subscriptions.view_of(session, row).plan
        return [Reply("utter_subscription_kept", {"plan": plan.name})]


def _stop_billing(turn: Turn, ask: Ask) -> list[Reply] | None:
    """Handle "stop the recurring payments" under any other intent: asked as a cancel first."""
    if turn.action in _CANCELLING or not stops_billing(turn.text):
        return None
    asked = replace(turn, action="action_cancel_subscription", intent="cancel_subscription",
                    entities={})  # fmt: skip
    return [ask(asked, "cancel your subscription")]


def _negated_add(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """Handle "I didn't mean to add the mug": never an add; the line is offered for removal."""
    if turn.action not in _ADDS:
        return None
    what = negated_add(turn.text)
    if what is None:
        return None
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
    names = _lines_named(view, what)
    if len(names) != 1:
        return [Reply("utter_confirm_declined")]  # nothing (or nothing single) to take out
    removal = replace(turn, action="action_remove_item", intent="remove_item",
                      entities={"product": names[0]}, text=f"remove the {names[0]}")  # fmt: skip
    return [ask(removal, f"remove {names[0]} from your cart")]


def _remove_all_but(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """Handle "remove everything except the mug": others asked first, the kept one stays."""
    extra = extras_in_removal(turn.text)  # "remove the extra mugs": all but one
    kept = kept_in_removal(turn.text) if extra is None else f"1 {extra}"
    if kept is None or turn.action in _CANCELLING:
        return None
    if _NUMBER_ONLY.match(ENGLISH.content(kept) or kept):
        return _keep_some(turn, kept, ask)  # "remove all the mugs except one"
    count = _NUMBER_ONLY.match(kept.split()[0]) if kept.split() else None
    with shop.session_factory.begin() as session:
        cart_row, view = open_cart(session, shop, ctx)
        keep = _lines_named(view, kept)
        others = [line.product for line in view.lines if line.product.name not in keep]
        if keep and others and turn.confirmed and count is None:
            return _remove_lines(session, ctx, cart_row, view, others)
    if len(keep) == 1 and count is not None:  # "remove all but one mug": 4 → 1, others stay
        return _keep_some(replace(turn, entities={"product": keep[0]}), count.group(0), ask)
    if not keep or not others:
        return [Reply("utter_confirm_declined")]  # the kept item isn't there, or nothing else
    asked = replace(turn, action="action_remove_item", intent="remove_item", entities={})
    listed = ", ".join(p.name for p in others)
    return [ask(asked, f"remove {listed} from your cart and keep {' and '.join(keep)}")]


def _remove_lines(
    session: Session, ctx: ChatContext, cart_row: CartRow, view: CartView, products: list[Product]
) -> list[Reply]:
    """Remove the confirmed lines, one reply each (a retried message changes nothing)."""
    if claim_message(CartRepository(session), ctx, f"except:{cart_row.id}") == "reused":
        return [Reply("utter_message_id_reused")]
    replies = []
    for product in products:
        remove_line(session, cart_row, view, product)
        view = load_cart(session, cart_row.id)[1]
        replies.append(Reply("utter_removed", {"name": product.name, **cart_params(view)}))
    return replies


def _keep_some(turn: Turn, kept: str, ask: Ask) -> list[Reply] | None:
    """Handle "remove all the mugs except one": a quantity change, asked first."""
    product = turn.entities.get("product")
    if not product:
        return [Reply("utter_confirm_declined")]
    quantity = kept.strip()
    changed = replace(turn, action="action_change_quantity", intent="change_quantity",
                      entities={"product": product, "quantity": quantity},
                      text=f"make it {quantity} {product}")  # fmt: skip
    return [ask(changed, f"change {product} to {quantity}")]


def _quantity_correction(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """Handle "no wait, just 2" after a cart change: "change Ceramic Mug to 2?" (never a guess)."""
    if offer is not None and OfferKind(offer.kind).adds_to_cart:
        return None  # a number with an add-on open is read by the offer's answers
    quantity = quantity_correction(turn.text)
    if quantity is None:
        return None
    with shop.session_factory.begin() as session:
        product = in_focus(session, ctx.conversation_id)
        view = open_cart(session, shop, ctx)[1]
    if product is None or view.line_for(product.sku) is None:
        return [Reply("utter_confirm_declined")]
    changed = replace(turn, action="action_change_quantity", intent="change_quantity",
                      entities={"product": product.name, "quantity": str(quantity)},
                      text=f"make it {quantity} {product.name}")  # fmt: skip
    return [ask(changed, f"change {product.name} to {quantity}")]


def _swap_in_other_words(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Handle "swop A for B", "put B in place of A": a swap whatever was read, never an add."""
    if turn.action not in _CART_EDITS | {"action_choose_option"}:
        return None
    said = swap_wording(turn.text)
    if said is None:
        return None
    return cart.swap_item(shop, ctx, said)


def _product_correction(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """Handle "oops, not mugs, tripods" after adding mugs: "swap Ceramic Mug for tripods?"."""
    said = corrected_product(turn.text)
    if said is None or turn.action in _CANCELLING:
        return None
    old, new = said
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
    names = _lines_named(view, old)
    if len(names) != 1:
        return None  # not a line of the cart: read as usual
    swap = replace(turn, action="action_swap_item", intent="swap_item", entities={},
                   text=f"swap the {names[0]} for {new}")  # fmt: skip
    return [ask(swap, f"swap {names[0]} for {new}")]


def _lines_named(view: CartView, words: str) -> list[str]:
    """Names of the cart lines the words name ("the mug" → ["Ceramic Mug"])."""
    wanted = {_singular(w) for w in ENGLISH.content(words).split() if not w.isdigit()}
    wanted -= {"one", "two", "three", "of", "them"}
    if not wanted:
        return []
    return [
        line.product.name
        for line in view.lines
        if wanted <= {_singular(w) for w in re.findall(r"[a-z0-9]+", line.product.name.lower())}
    ]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
