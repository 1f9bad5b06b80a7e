"""Remove both: the two lines "remove both" means, named in the confirmation (review s21).

"remove both" names no product. It was asked back as "remove both?", which names nothing
the shopper can check, and its "yes" searched the catalog for "both". Now the two lines
are resolved from the store — the two products of this conversation's last cart change
("add a mug and a tripod", then "remove both") when both are still in the cart, else the
cart's lines when it holds exactly two — and asked back naming them ("Just to be sure: do
you want me to remove Ceramic Mug and Travel Tripod from your cart?"). The "yes" removes
exactly those two, all or nothing (:func:`bot.chat.cart_several.remove_several`). When it
cannot tell which two, it asks which product; nothing changes on a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat.cart_edits import open_cart
from bot.chat.common import replies_on_error
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_cues import removes_both
from bot.domain.models import Product
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.changes import CartChangeRepository

if TYPE_CHECKING:
    from bot.chat.turns import Turn

Ask = Callable[["Turn", str], Reply]
_CART_TURNS = frozenset(
    {"action_add_item", "action_remove_item", "action_remove_too_expensive", "action_swap_item",
     "action_change_quantity", "action_choose_option", "action_unsupported_request"}
)  # fmt: skip


def both_in_focus(session: Session, conversation_id: str, view: CartView) -> list[Product]:
    """The two cart lines "both" means, in cart order; empty when it cannot tell.

    The products of the conversation's last cart change when exactly two of them are still
    in the cart; else the cart's lines when it holds exactly two.
    """
    in_cart = [line.product for line in view.lines]
    change = CartChangeRepository(session).get(conversation_id)
    if change is not None and change.cart_id == view.cart_id:
        touched = set(change.before) | set(change.after)
        changed = [product for product in in_cart if product.sku in touched]
        if len(changed) == 2:
            return changed
    return in_cart if len(in_cart) == 2 else []


@replies_on_error
def remove_both(shop: Shop, ctx: ChatContext, turn: Turn, ask: Ask) -> list[Reply] | None:
    """Ask "remove A and B?" for "remove both"; "Which product do you mean?" when unclear."""
    if turn.confirmed or turn.action not in _CART_TURNS or not removes_both(turn.text):
        return None
    with shop.session_factory.begin() as session:
        view = open_cart(session, shop, ctx)[1]
        pair = both_in_focus(session, ctx.conversation_id, view)
    if not pair:
        return [Reply("utter_ask_product")]
    names = f"{pair[0].name} and {pair[1].name}"
    removal = replace(
        turn, action="action_remove_item", intent="remove_item", entities={}, text=f"remove {names}"
    )
    return [ask(removal, f"remove {names} from your cart")]
