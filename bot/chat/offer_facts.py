"""Questions about the open offer's product, answered from what the offer holds (issue 12, s25).

"does it fit my phone?" while Clear Phone Case is offered: yes when the shop's curated
complements say the case is made to go with a line of the cart, else the honest "I don't
know that". "is it dishwasher safe?": the shop holds no such fact, so "I don't know that",
with what is known (price, the offer's true reason). Either way the offer stays open with
its own buttons (its replies are ``utter_offer_*``, which keep it open), nothing changes,
and nothing else is offered.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.chat.replies import ChatContext, Reply
from bot.chat.turns import Turn
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.domain.language.en_offer_facts import fit_target, offer_fact_question
from bot.domain.language.en_suggestion_words import asks_a_different_one
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import cart_offer_buttons
from bot.money import format_money, from_minor
from bot.services.cart import load_cart, product_by_sku
from bot.services.shop import Shop
from bot.store.repositories import CatalogRepository
from bot.store.tables import OfferEventRow


def answer_fact(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """The answer to a question about the open cart offer's product, or None (not one).

    Args:
        shop: The shop.
        ctx: The conversation.
        turn: The message.
        offer: The offer open when the message came in.
    """
    if offer is None or turn.confirmed or OfferKind(offer.kind).is_retention:
        return None
    asked = offer_fact_question(turn.text)
    if (
        asked is None
        or asks_a_different_one(turn.text)
        or says_add(turn.text)
        or says_remove(turn.text)
        or says_swap(turn.text)
    ):
        return None
    with shop.session_factory.begin() as session:
        product = product_by_sku(session, offer.sku)
        price = format_money(from_minor(offer.price_minor), product.currency)
        params = {"name": product.name, "price": price}
        params["reason"] = offer.reason or "it fits your cart"
        buttons = cart_offer_buttons(OfferKind(offer.kind), offer.id, product.name)
        goes_with = _made_for(session, offer, fit_target(turn.text)) if asked == "fits" else None
    if goes_with is not None:
        return [Reply("utter_offer_fact_fits", {**params, "main": goes_with}, buttons)]
    return [Reply("utter_offer_fact_unknown", params, buttons)]


def _made_for(session: Session, offer: OfferEventRow, target: list[str]) -> str | None:
    """The cart line the offered product is a curated complement of, if any.

    When the question names what it should fit ("my laptop"), only a line that is that
    thing counts (its name or category holds the word); otherwise the answer is unknown.
    """
    if not offer.cart_id:
        return None
    catalog = CatalogRepository(session)
    lines = catalog.by_skus(line.product.sku for line in load_cart(session, offer.cart_id)[1].lines)
    complements = catalog.complements(row.id for row in lines.values())
    for row in lines.values():
        if not any(extra.sku == offer.sku for extra in complements.get(row.id, [])):
            continue
        words = set(re.findall(r"[a-z0-9][a-z0-9-]*", f"{row.name} {row.category}".lower()))
        words |= {w[:-1] for w in words if w.endswith("s")}
        if not target or any(word in words for word in target):
            return row.name
    return None
