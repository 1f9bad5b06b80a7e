"""Guards read from the message text and the pending state, before an action's own flow.

They keep a message that does not ask for a change — or asks for a sweeping one — from
changing the cart on a guess, whatever intent the NLU gave it:

* "remove everything", "empty my cart", "clear the cart": asked back first ("Just to be
  sure: do you want me to remove everything from your cart?"); the yes clears the cart.
* "no, but add a tripod" while an add-on is offered: the no is recorded (the offer is never
  made again) and the rest of the message is carried out.
* "yes please, 2 of them" / "yes and also add a mug" while an add-on is offered: the offer
  is taken that many times, or taken and the rest added too (both named).
* "add a tripod, actually no, a bag": only what follows the correction is done.
* "I don't need any more mugs": may mean "stop suggesting mugs" — asked, never acted on;
  "I don't want the mug anymore" is a removal like any other.
* "mugs are nice": a statement, answered without a change (and never a goodbye).

The English cues are in :mod:`bot.domain.language.en_requests`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat import cart, selling
from bot.chat.cart_edits import clear_cart
from bot.chat.replies import ChatContext, Reply, echoed
from bot.chat.summaries import PRODUCT
from bot.domain.dialogue import is_negated_request
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import (
    accepted_then,
    only_quantity_words,
    says_add,
    says_remove,
    self_correction,
)
from bot.domain.language.en_requests import (
    clears_cart,
    declined_then,
    negated_want,
    product_statement,
    says_farewell,
)
from bot.domain.models import OfferKind
from bot.domain.quantities import count_with_yes, main_phrase, without
from bot.services.shop import Shop
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", str], Reply]
"""Stores a turn as the pending confirmation and asks it back (``pending_reads.confirm_turn``)."""

CART_EDITS = frozenset(
    {"action_add_item", "action_remove_item", "action_change_quantity", "action_swap_item"}
)
_REMOVALS = frozenset({"action_remove_item", "action_remove_too_expensive"})
_UNSUPPORTED = "action_unsupported_request"
_NOWHERE = ("out_of_scope", "nlu_fallback")
_NOT_ABOUT_THE_CART = frozenset({"action_link_account", "action_cancel_subscription"})


def bulk_removal(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """Remove everything ("empty my cart"): asked back first; once confirmed, done."""
    if turn.action in _NOT_ABOUT_THE_CART or not clears_cart(turn.text):
        return None
    if is_negated_request(turn.text):
        return [Reply("utter_confirm_declined")]
    if turn.confirmed:
        return clear_cart(shop, ctx)
    asked = replace(turn, action="action_remove_item", intent="remove_item", entities={})
    return [ask(asked, "remove everything from your cart")]


def declined_and_more(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """No to an open add-on offer, and more ("no, but add a tripod"): both are done.

    Only for an offer that adds to the cart: a no to an upgrade, downsell or retention offer
    is read as before (a no there may remove or cancel, so its confidence is checked).

    The rest is the predicted cart change when there is one; under a yes/no intent it is
    an add only when it says so ("add", "I want", "give me"), else the no alone.
    """
    if offer is None or not OfferKind(offer.kind).adds_to_cart:
        return None  # a no to a downsell removes, to a retention offer cancels: read as usual
    rest = declined_then(turn.text)
    if rest is None:
        return None
    replies = selling.decline_offer(shop, ctx)
    if negated_want(rest) is not None or is_negated_request(rest):
        return replies  # "no, I don't need it": the no alone
    product, quantity = turn.entities.get("product"), turn.entities.get("quantity")
    if turn.action == "action_remove_item":
        return replies + cart.remove_item(shop, ctx, product, rest)
    if turn.action == "action_change_quantity":
        return replies + cart.change_quantity(shop, ctx, product, quantity, rest)
    if turn.action == "action_swap_item":
        return replies + cart.swap_item(shop, ctx, rest)
    if turn.action == "action_add_item" or says_add(rest):
        return replies + cart.add_item(shop, ctx, product, quantity, rest)
    return replies


def _named_in(turn: Turn, rest: str) -> str | None:
    """The model's product when it is in the part of the message that counts, else None."""
    product = turn.entities.get("product")
    return product if product and product.lower() in rest.lower() else None


def accepted_and_more(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """Yes to an open add-on offer, and more (F51).

    "yes please, 2 of them" takes the offer twice; "yes and also add a mug" takes the offer
    and adds the mug (both replies name what was added). Anything else ("yes, the case",
    "sure, throw it in": nothing more named) is read as usual.
    """
    if turn.confirmed or offer is None or not OfferKind(offer.kind).adds_to_cart:
        return None
    rest = accepted_then(turn.text)
    if rest is None:
        return None
    phrase = main_phrase(rest)
    if phrase is not None and only_quantity_words(rest, phrase.text):
        return selling.accept_offer(shop, ctx, phrase.text)
    names_more = ENGLISH.content(without(rest, phrase)).strip()  # not "sure, throw it in"
    if not names_more or not says_add(rest) or says_remove(rest):
        return None
    accepted = selling.accept_offer(shop, ctx)
    return accepted + cart.add_item(shop, ctx, _named_in(turn, rest), None, rest)


def accepted_with_count(
    shop: Shop, ctx: ChatContext, turn: Turn, offer: OfferEventRow | None
) -> list[Reply] | None:
    """Yes and a count to an open add-on offer: that many of the offered item (F18 / F19).

    "yes pls, make it two", "yes 2 of those", "yeah add two" accept the offer twice,
    whatever the model read (a quantity change, an add): the "it" is the offered item,
    never the line it goes with. A yes saying more than a count is read as usual.
    """
    if turn.confirmed or offer is None or turn.text.startswith("/"):
        return None
    if offer.replaces_sku or not OfferKind(offer.kind).adds_to_cart:
        return None
    count = count_with_yes(turn.text)
    return None if count is None else selling.accept_offer(shop, ctx, str(count))


def corrected_request(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """A message that corrects itself ("add a tripod, actually no, a bag"): only the rest (F50).

    The rest is added (or removed) as a request of its own; a rest that names no product
    ("a tripod, actually no", "a mug, I mean two") changes nothing, and one that turns an
    add into a removal (or back) asks for one change at a time.
    """
    if turn.confirmed or turn.action not in ("action_add_item", "action_remove_item"):
        return None
    rest = self_correction(turn.text)
    if rest is None:
        return None
    if not ENGLISH.content(without(rest, main_phrase(rest))).strip():
        return [Reply("utter_nothing_added")]
    product = _named_in(turn, rest)
    if turn.action == "action_add_item" and not says_remove(rest):
        return cart.add_item(shop, ctx, product, None, rest)
    if turn.action == "action_remove_item" and not says_add(rest):
        return cart.remove_item(shop, ctx, product, rest)
    return [Reply("utter_one_change_at_a_time")]


def not_a_request(turn: Turn, ask: Ask) -> list[Reply] | None:
    """A negated want or a statement under a cart change: ask, or answer; never change.

    "I don't want the mug anymore" under a removal is a removal; under another intent it
    is asked back as one. "I don't need any more mugs" is asked back under a removal, and
    only acknowledged under an add. "mugs are nice" gets a helpful answer.
    """
    if turn.confirmed or turn.action not in CART_EDITS | _REMOVALS | {_UNSUPPORTED}:
        return None
    placed_nowhere = turn.action == _UNSUPPORTED and turn.intent in _NOWHERE
    if turn.action == _UNSUPPORTED and not placed_nowhere:
        return None  # "I don't want this order anymore, refund it": the honest reply
    unwanted = negated_want(turn.text)
    if unwanted is not None:
        if unwanted.definite and turn.action in _REMOVALS:
            return None  # "I don't want the mug anymore": a plain removal
        what = unwanted.product or "that"
        removal = replace(turn, action="action_remove_item", intent="remove_item")
        if unwanted.definite or turn.action in _REMOVALS:  # the product in focus if none said
            return [ask(removal, f"take {unwanted.product or PRODUCT} out of your cart")]
        return [Reply("utter_noted_nothing_changed", {"what": echoed(what)})]
    about = product_statement(turn.text) if turn.action != "action_remove_too_expensive" else None
    if about is not None:
        return [Reply("utter_product_statement", {"product": about})]
    return None


def goodbye_or_statement(text: str) -> list[Reply]:
    """A goodbye only when the message says one; a statement gets a helpful answer."""
    if not text or text.startswith("/") or says_farewell(text):
        return [Reply("utter_goodbye")]
    about = product_statement(text)
    if about is not None:
        return [Reply("utter_product_statement", {"product": about})]
    return [Reply("utter_anything_else")]
