"""What a cancel message names: a product, a plan, or the subscription itself (review s23).

Read by :func:`bot.chat.subscription_safety.guard` before a cancel may run. Each reading
only ever changes less than the model's would, or runs the cancel flow the words ask for
(which makes its retention offer first, a question itself):

* "cancel the mugs" with mugs in the cart: "remove Ceramic Mug, or cancel your
  subscription?" — never a cancel (S14).
* "cancel the tripod" naming any catalog product not in the cart: "Travel Tripod isn't in
  your cart" and a placed order can't be cancelled here. Nothing changes, and the message
  never counts as the "second ask" that cancels at once (T1).
* "cancel care basic" while holding Care Premium: "You don't have a Care Basic subscription
  — you have Care Premium ($14.99/month)". Nothing changes (T10). A plan the shopper holds
  is that subscription's cancel.
* A cancel of the subscription in words the model read as something else: "cancel my
  subscription, it's too expensive" read as a too-expensive removal, "cancel care premium"
  not placed at all, "hi i need to cancel my care premium" read as a plan change to the
  plan held. It runs as the cancel request it is (T9, T10, F10).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat.cart_edits import open_cart
from bot.chat.confirm import intent_payload
from bot.chat.products import search_product
from bot.chat.replies import ChatContext, Reply, echoed
from bot.chat.subscription_choice import refuse_unheld
from bot.domain.dialogue import is_about_an_order, is_negated_request
from bot.domain.errors import AmbiguousProduct, DomainError, PlanNotHeld, UnknownProduct
from bot.domain.language import ENGLISH
from bot.domain.language.en_offer_cues import is_marketing_unsubscribe
from bot.domain.language.en_subscription_safety import names_subscription, says_cancel
from bot.domain.language.en_support import mentions_change
from bot.domain.models import Product
from bot.domain.plan_change import plans_said
from bot.services import subscriptions
from bot.services.access import claims_for_customer
from bot.services.shop import Shop
from bot.store.mapping import plan_of
from bot.store.repositories import SubscriptionRepository

if TYPE_CHECKING:
    from bot.chat.turns import Turn

MISREAD = frozenset(
    {
        "action_remove_too_expensive",
        "action_remove_item",
        "action_unsupported_request",
        "action_handle_complaint",
        "action_default_fallback",
        "action_change_plan",
    }
)
"""Actions a subscription cancel in plain words may be misread as (T9, T10)."""

_NOT_A_PRODUCT = frozenset(
    {"cancel", "stop", "end", "terminate", "please", "now", "subscription", "plan", "care",
     "membership", "it", "that", "this", "just", "again", "order", "change", "last"}
)  # fmt: skip


def product_reply(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """The reply when a cancel names a product rather than the subscription, else ``None``.

    A cart line: "remove it from your cart, or cancel your subscription?". Any other
    catalog product: not in the cart, and a placed order can't be cancelled here.
    Words that name the subscription ("my Care Plus plan") are never read as a product.
    """
    if names_subscription(turn.text):
        return None
    line = cart_product(shop, ctx, turn)
    if line is not None:
        return ask_remove_or_cancel(line)
    named = catalog_mention(shop, ctx, turn)
    if named is None:
        return None
    contact = {"contact": shop.support_contact}
    return [Reply("utter_not_in_cart", {"name": named}),
            Reply("utter_cancel_order_unsupported", contact)]  # fmt: skip


def unheld_plan_reply(shop: Shop, ctx: ChatContext, text: str) -> list[Reply] | None:
    """Say "You don't have a Care Basic subscription …" when the words name only plans not held."""
    try:
        claims = claims_for_customer(shop.secret, ctx.token)
    except DomainError:
        return None
    with shop.session_factory.begin() as session:
        live = subscriptions.live_plans(session, claims.customer_id)
        try:
            if live:
                refuse_unheld(session, text, live)
        except PlanNotHeld as refused:
            held = " and ".join(refused.held)
            return [Reply("utter_plan_not_held", {"plan": refused.plan, "held": held})]
    return None


def cancel_meant(shop: Shop, turn: Turn) -> Turn | None:
    """The turn as the cancel request its words make, when the model read it as another.

    Only for :data:`MISREAD` actions whose words say cancel / stop and name the
    subscription or one of the shop's plans ("cancel my plan, too pricey", "cancel care
    premium"), and nothing else: no order, no newsletter, no "don't".
    """
    text = turn.text
    if turn.action not in MISREAD or turn.confirmed or not says_cancel(text):
        return None
    if is_about_an_order(text) or is_marketing_unsubscribe(text) or is_negated_request(text):
        return None
    if turn.action == "action_change_plan" and mentions_change(text):
        return None  # "cancel, or move me to something cheaper?": the plan change asks
    if not names_subscription(text) and not _names_a_plan(shop, text):
        return None
    return replace(
        turn, action="action_cancel_subscription", intent="cancel_subscription", entities={}
    )


def _names_a_plan(shop: Shop, text: str) -> bool:
    with shop.session_factory.begin() as session:
        plans = [plan_of(row) for row in SubscriptionRepository(session).plans()]
    return bool(plans_said(text, plans))


def cart_product(shop: Shop, ctx: ChatContext, turn: Turn) -> Product | None:
    """The one cart line the message names ("cancel the mugs"), if any."""
    said = _said_words(turn)
    if not said:
        return None
    try:
        with shop.session_factory.begin() as session:
            view = open_cart(session, shop, ctx)[1]
    except DomainError:
        return None
    lines = [line.product for line in view.lines if said & _words(line.product.name)]
    return lines[0] if len(lines) == 1 else None


def catalog_mention(shop: Shop, ctx: ChatContext, turn: Turn) -> str | None:
    """The name of the catalog product(s) the message names, or ``None`` for none.

    The words are searched without cancel and plan words ("cancel the plus" is the plan,
    not "Brew Coffee Machine Plus"); a near tie ("cancel the charger") still names a
    product, echoed as said.
    """
    with shop.session_factory.begin() as session:
        plans = SubscriptionRepository(session).plans()
        plan_words = set().union(*(re.findall(r"[a-z0-9]+", p.name.lower()) for p in plans))
        mention = " ".join(
            w for w in re.findall(r"[a-z0-9-]+", ENGLISH.content(_mention(turn)).lower())
            if w not in _NOT_A_PRODUCT and w not in plan_words
        )  # fmt: skip
        if not ENGLISH.content(mention).strip():
            return None
        try:
            return search_product(session, mention).name
        except AmbiguousProduct:
            return echoed(mention)
        except UnknownProduct:
            return None


def _mention(turn: Turn) -> str:
    """The product the model found in the message, else the message itself."""
    return turn.entities.get("product") or turn.text


def _said_words(turn: Turn) -> set[str]:
    said = _words(ENGLISH.content(turn.text))
    named = turn.entities.get("product")
    if named:
        said |= _words(named)
    return {w for w in said - _NOT_A_PRODUCT if len(w) > 2 and not w.isdigit()}


def _words(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower())}


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def ask_remove_or_cancel(product: Product) -> list[Reply]:
    """Ask whether "cancel the mugs" means removing them or cancelling the subscription."""
    remove = intent_payload("remove_item", {"product": product.name})
    plan = ("Cancel my subscription", "/cancel_subscription")
    buttons = ((f"Remove {product.name}", remove), plan)
    return [Reply("utter_ask_cancel_what", {"name": product.name}, buttons)]
