"""Requests that correct themselves, read as the shopper meant them before any flow runs.

* A corrected number, in any cart change: "make it 3, no 2 mugs" sets 2; "add 3 mugs,
  sorry 2" adds 2; "remove 2, I mean 1" takes one out.
* A corrected swap side: "swap the mug for the tripod, actually the camera bag" swaps to
  the bag (read by :func:`bot.chat.swaps.swap_sides`).
* A corrected add or removal ("add a tripod, actually no, a bag") as before
  (:func:`bot.chat.message_guards.corrected_request`).

The English cues are in :mod:`bot.domain.language.en_corrections`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import cart
from bot.chat.message_guards import corrected_request
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_corrections import quantity_correction
from bot.services.shop import Shop

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_QUANTITY_EDITS = frozenset({"action_add_item", "action_remove_item", "action_change_quantity"})


def corrected(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Carry out a request that corrects itself as meant; None when it corrects nothing.

    The model's spans are left out (their offsets are the first wording's); the product
    named is the model's when the corrected message still says it.
    """
    fixed = None if turn.confirmed else quantity_correction(turn.text)
    if fixed is None or turn.action not in _QUANTITY_EDITS:
        return corrected_request(shop, ctx, turn)
    text, quantity = fixed
    product = turn.entities.get("product")
    if product and product.lower() not in text.lower():
        product = None
    if turn.action == "action_change_quantity":
        return cart.change_quantity(shop, ctx, product, quantity, text)
    if turn.action == "action_remove_item":
        return cart.remove_item(shop, ctx, product, text, quantity_text=quantity)
    return cart.add_item(shop, ctx, product, quantity, text)
