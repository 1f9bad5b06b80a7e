"""A question about buying is answered, never carried out as an add (review s21, S11).

"can you give me a discount if I buy 10 mugs" gets the honest discount answer; "would I
get free shipping if I added 2 mugs?" the gap those mugs would leave; "how much would 3
tripods cost?" their price, asked back as "do you want me to add 3 × Travel Tripod ($267.00
in all)?". The cart changes only on the yes, which runs a plain add of what was named.

The English cues are in :mod:`bot.domain.language.en_questions`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.chat import cart_views
from bot.chat.cart_edits import open_cart
from bot.chat.products import find_product
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import DomainError, RefusedQuantity
from bot.domain.language import ENGLISH
from bot.domain.language.en_questions import PurchaseQuestion, Topic, purchase_question
from bot.domain.models import OfferKind, Product
from bot.domain.quantities import main_phrase, parse_quantity, without
from bot.money import format_money
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.message_guards import Ask
    from bot.chat.turns import Turn

_SUBSCRIPTION = re.compile(r"\b(?:subscription|plan|membership|care|renewal)s?\b", re.I)


def purchase_question_reply(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None, ask: Ask
) -> list[Reply] | None:
    """The answer to a question about buying, or ``None`` when the message is no such question.

    Never read for a confirmed turn or a button, nor about a subscription or during a
    retention offer (its own discount option is answered there).
    """
    if turn.confirmed or not turn.text or turn.text.startswith("/"):
        return None
    if _SUBSCRIPTION.search(turn.text) or (offer and OfferKind(offer.kind).is_retention):
        return None
    question = purchase_question(turn.text)
    if question is None:
        return None
    if question.topic is Topic.DISCOUNT:
        return [Reply("utter_ask_discount_code", {"contact": shop.support_contact})]
    if question.about_cart:  # "how much for free shipping?": the gap; "… for everything?": totals
        if question.topic is Topic.SHIPPING:
            return cart_views.free_shipping(shop, ctx)
        return cart_views.show_cart(shop, ctx)
    return _about_a_purchase(shop, ctx, turn, question, ask)


def _about_a_purchase(
    shop: Shop, ctx: ChatContext, turn: Turn, question: PurchaseQuestion, ask: Ask
) -> list[Reply] | None:
    """Price or free-shipping gap of what was named, asked back as an add (the yes adds)."""
    phrase = main_phrase(question.what)
    words = ENGLISH.content(without(question.what, phrase))
    if not words.strip():
        return None  # "how much would it cost?": the open offer or product in focus
    try:
        quantity = parse_quantity(phrase.text if phrase else None)
    except RefusedQuantity:
        quantity = None
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        try:
            product = find_product(session, words, None, turn.text)  # an add: the catalog (T3)
        except DomainError:
            product = None
        summary = _summary(view, product, quantity, question) if product else None
    add = replace(turn, action="action_add_item", intent="add_item", entities={})
    if summary is None:  # unknown product or quantity: asked in the shopper's words
        return [ask(replace(add, text=f"add {question.what}"), f"add {question.what}")]
    return [ask(replace(add, text=f"add {quantity} {words}"), summary)]


def _summary(
    view: CartView, product: Product, quantity: int | None, question: PurchaseQuestion
) -> str | None:
    """What the add would be, with its price or free-shipping gap ("add 2 × Ceramic Mug …")."""
    if quantity is None:
        return None
    cost = product.price * quantity
    said = f"add {quantity} × {product.name} ({format_money(cost, product.currency)}"
    if question.topic is not Topic.SHIPPING:
        return said + (" in all)" if quantity > 1 else ")")
    left = view.totals.free_shipping_threshold - (view.totals.subtotal + cost)
    if left > Decimal("0"):
        short = format_money(left, view.currency)
        return f"{said}; with them you'd still be {short} short of free shipping)"
    return f"{said}; with them your order would ship free)"
