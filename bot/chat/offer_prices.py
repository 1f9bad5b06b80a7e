"""An accepted offer at the price it was offered at, or asked again (review s20, R15).

``offer_events`` keeps the price each offer was shown at. When the shop's price changed
between the offer and the "yes" (a catalog import, the end of a promotion), nothing is
added, swapped or switched: the shopper is told the new price and asked again, and the
offer is shown anew at that price (the old one superseded), so the next "yes" takes it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.replies import ChatContext, Reply
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import yes_no
from bot.money import format_money, from_minor, to_minor
from bot.services.cart import product_by_sku
from bot.store.mapping import plan_of
from bot.store.offers import OfferRepository
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow

_YES_TITLE = "Yes, at the new price"


def _current(session: Session, offer: OfferEventRow) -> tuple[str, int, str, str] | None:
    """``(name, price in minor units, price in words, old price in words)``; None: no price."""
    kind = OfferKind(offer.kind)
    if kind is OfferKind.RETENTION_PLAN:
        row = SubscriptionRepository(session).plan_by_code(offer.sku)
        if row is None:
            return None
        plan = plan_of(row)
        per = f"/{plan.interval}"
        old = format_money(from_minor(offer.price_minor)) + per
        return plan.name, to_minor(plan.price), format_money(plan.price) + per, old
    if kind.is_retention:
        return None  # a pause or discount: the shop's own terms, no catalog price
    product = product_by_sku(session, offer.sku)
    old = format_money(from_minor(offer.price_minor), product.currency)
    new = format_money(product.price, product.currency)
    return product.name, to_minor(product.price), new, old


def price_changed(session: Session, ctx: ChatContext, offer: OfferEventRow) -> Reply | None:
    """The "the price has changed" question when ``offer`` no longer has its shown price.

    The open offer is then shown anew at the current price; nothing else changes.
    """
    current = _current(session, offer)
    if current is None or current[1] == offer.price_minor:
        return None
    name, minor, price, old_price = current
    shown = OfferRepository(session).reshow(offer, minor)
    params = {"name": name, "price": price, "old_price": old_price}
    return Reply("utter_offer_price_changed", params, yes_no(shown.id, _YES_TITLE, "No thanks"))
