"""Guards for requests whose confirmation would name the wrong action (review s19 G12, G13).

* "oops, put the beans back" after removing them: asked as an add ("add Espresso Beans 1 kg
  back to your cart?"), never a removal.
* "I don't want to be charged every month anymore": the subscription, asked as a cancel
  ("cancel your subscription?"), never "take be charged every month out of your cart".
* "yes please, and a charger" while an add-on is offered: the offer is taken and the
  charger is asked about (or added) as its own request, never silently dropped.
* "and another suggestion?", "anything else you'd suggest?" (whatever the intent, an add-on
  shown or not): the next-ranked add-on that fits, never one declined, shown or in the
  cart, and never a cart change (review s21, R4).
* "please add 2 Zephyrine Bambo Cuting Boards" that the NLU could not place (``nlu_fallback``,
  typically a new brand misspelt): asked back as an add of what it names, never dropped as
  "I didn't get that" and never added on the guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import cart, selling
from bot.chat.cart_requests import in_focus
from bot.chat.pending_reads import supersede
from bot.chat.products import search_product
from bot.chat.replies import ChatContext, Reply, echoed
from bot.chat.stale_offers import cancel_undecided
from bot.domain.errors import DomainError, UnknownProduct
from bot.domain.language import ENGLISH, Language
from bot.domain.language.en_cues import accepted_then, says_remove
from bot.domain.language.en_offer_cues import puts_back
from bot.domain.language.en_requests import negated_want
from bot.domain.language.en_suggestion_words import (
    asks_a_different_one,
    asks_something_else,
    declines_the_shown_one,
    wants_another_suggestion,
)
from bot.domain.matching import rank
from bot.domain.models import OfferKind, Product
from bot.services.cart import product_by_sku
from bot.services.shop import Shop
from bot.store.search import ProductSearch
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", str], Reply]
_CART_TURNS = frozenset(
    {"action_add_item", "action_remove_item", "action_remove_too_expensive", "action_swap_item",
     "action_change_quantity", "action_unsupported_request"}
)  # fmt: skip
_CHARGED = re.compile(
    r"\b(?:charg\w*|bill\w*|every month|monthly|each month|subscri\w*|membership|renewals?)\b",
    re.IGNORECASE,
)
_POLITE = r"^\W*(?:(?:please|pls|plz|can you|could you|would you)\s+)*"
_LEADING_ADD = re.compile(_POLITE + r"(?:add|put|throw|toss)\s+\S", re.IGNORECASE)
_LEADING_SLANG_ADD = re.compile(
    _POLITE + r"(?:gimme|gimmie|give\s+me|grab\s+me|lemme\s+(?:get|have))\s+\S", re.IGNORECASE
)
"""Slang that opens an add only when a product follows ("gimme trypod"); "give me the
discount" or "give me a minute" is no add and is never asked back as one (s25)."""
_AND = re.compile(r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay)\b(?:\W+please)?\W*(?:and|plus)\b", re.I)


def wrong_action(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """A put-back or a charge complaint under a cart intent: asked back as what it is."""
    if turn.confirmed or turn.action not in _CART_TURNS:
        return None
    if puts_back(turn.text):
        product = turn.entities.get("product")
        if not product:
            with shop.session_factory.begin() as session:
                focused = in_focus(session, ctx.conversation_id)
            product = focused.name if focused is not None else None
        if not product:
            return [Reply("utter_ask_product")]
        add = replace(turn, action="action_add_item", intent="add_item", text=f"add {product}")
        add = replace(add, entities={"product": product})
        return [ask(add, f"add {product} back to your cart")]
    if negated_want(turn.text) is not None and _CHARGED.search(turn.text):
        cancel = replace(turn, action="action_cancel_subscription", intent="cancel_subscription")
        return [ask(replace(cancel, entities={}), "cancel your subscription")]
    return None


def accepted_and_named(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """Yes to an add-on and more ("yes please, and a charger"): both are carried out or asked.

    The rest goes to the add flow, which adds it, asks "Did you mean …?" or says it could not
    find it: it is never dropped. A rest naming the offered item ("yes, and the case") is
    left to the usual reading.
    """
    if turn.confirmed or offer is None or not OfferKind(offer.kind).adds_to_cart:
        return None
    rest = accepted_then(turn.text)
    if rest is None or not _AND.match(turn.text) or says_remove(rest):
        return None
    with shop.session_factory.begin() as session:
        offered = product_by_sku(session, offer.sku).name.lower().split()
    if any(word in rest.lower().split() for word in offered):
        return None
    return selling.accept_offer(shop, ctx) + cart.add_item(shop, ctx, None, None, f"add {rest}")


def unplaced_add(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """An add the NLU could not place: asked back ("add 2 zephyrine bambo cuting boards?").

    Only a message that opens with an add verb ("add …", "please put …") and names
    something; the "yes" runs the add flow on the message's own words (the catalog search
    reads the product and quantity from them). When the rest of the message is exactly one
    product's name ("add the brew coffee machine plus"), nothing is left to guess: it is
    added at once, one of it.
    """
    plain = _LEADING_ADD.match(turn.text) is not None
    if (
        turn.intent not in ("nlu_fallback", "out_of_scope")
        or turn.confirmed
        or not (plain or _LEADING_SLANG_ADD.match(turn.text))
    ):
        return None
    named = ENGLISH.content(turn.text)
    if not named:
        return None
    with shop.session_factory.begin() as session:
        product = named_exactly(session, named)
        name = product.name if product is not None else None
    if name is not None or _asks_which(shop, named):  # "gimme trypod": "Did you mean …?"
        return cart.add_item(shop, ctx, name, None, turn.text)
    if not plain:  # "give me the discount instead": not a product, so not an add
        return None
    add = replace(turn, action="action_add_item", intent="add_item", entities={})
    return [ask(add, f"add {echoed(named)}")]


def _asks_which(shop: Shop, named: str) -> bool:
    """Whether the add flow would ask "I couldn't find X. Did you mean Y?" (a misspelt name).

    Read only: the flow then asks it itself, and changes nothing until it is answered.
    """
    with shop.session_factory.begin() as session:
        try:
            search_product(session, named)
        except UnknownProduct as error:  # a misspelt name; a near tie is asked back as before
            return bool(error.skus)
        except DomainError:
            return False
    return False


def another_suggestion(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """A request for a further suggestion under any intent: the next add-on, never a change.

    "and another suggestion?" read as an add ("another" = one more) would add to the cart.
    Here it closes the open add-on offer as superseded (not declined: the shopper may still
    take it) and asks the suggestion flow for the next-ranked add-on not yet shown. While a
    cancellation is open or undecided nothing is sold, as for any suggestion request.
    """
    addon_open = offer is not None and not OfferKind(offer.kind).is_retention
    different = asks_something_else(turn.text) or asks_a_different_one(turn.text)
    if addon_open and different:  # "what else?", "a different one?" with an add-on shown
        if declines_the_shown_one(turn.text):  # "not that, something else": declined (s27)
            return selling.decline_offer(shop, ctx) + selling.suggest_addon(
                shop, ctx, turn.text, further=True
            )
        supersede(shop, offer.id)
        return selling.suggest_addon(shop, ctx, turn.text, further=True)
    if turn.action == "action_suggest_addon" or not wants_another_suggestion(turn.text):
        return None  # the suggestion flow reads "another" itself
    if offer is not None and OfferKind(offer.kind).is_retention:
        return [Reply("utter_no_selling_while_cancelling")]
    if cancel_undecided(shop, ctx):
        return [Reply("utter_no_selling_cancel_undecided")]
    if offer is not None:
        supersede(shop, offer.id)
    return selling.suggest_addon(shop, ctx, turn.text)


def named_exactly(session: Session, mention: str, language: Language = ENGLISH) -> Product | None:
    """The one active product whose name is exactly ``mention`` (normalised, any word order).

    Used where a request's intent was unsure but its words name a product beyond doubt ("add
    the brew coffee machine plus"); ``None`` when no name, or more than one, is that exact.
    """
    if not mention.strip():
        return None
    candidates = ProductSearch(session, language).candidates(mention)
    exact = [s.product for s in rank(mention, candidates, language=language) if s.exact]
    return exact[0] if len(exact) == 1 else None
