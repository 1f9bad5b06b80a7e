"""Answers to the cart flows' did-you-mean: "the first one", a button, a name, "no".

:func:`choose_option` completes the flow the pending question came from (add, remove,
set, multiply, swap) with the option picked; a part of a several-item add waiting behind
the question is asked next (:mod:`bot.chat.queued_parts`), also after a "no"
(:func:`declined_choice`).
"""

from __future__ import annotations

from bot.chat.cart import add_item, change_quantity, remove_item
from bot.chat.cart_answers import ASK_QUANTITY, SCALE, answer_scale
from bot.chat.common import replies_on_error
from bot.chat.option_questions import stored_unless_said
from bot.chat.products import ASK_PRODUCT, keep_the_others, pending_question, picked_sku
from bot.chat.queued_parts import after_answer
from bot.chat.replies import ChatContext, Reply
from bot.chat.swaps import SWAP_CHOICES, SWAP_QUANTITY, answer_swap
from bot.services.shop import Shop
from bot.store.pending import PendingQuestion


@replies_on_error
def choose_option(
    shop: Shop, ctx: ChatContext, product_text: str | None, message: str | None
) -> list[Reply]:
    """Answer the pending "Did you mean A or B?" ("the first one", a button, a name...).

    With no question pending, a message naming a product ("the tripod, please") is an add;
    a button payload (no ``message``) is not: an old "Did you mean" button may have been
    a removal's, so it changes nothing.
    """
    pending = pending_question(shop, ctx)
    if pending is not None and pending.question in (ASK_QUANTITY, SWAP_QUANTITY, ASK_PRODUCT):
        pending = None  # "How many?" has no options to choose from
    if pending is None and product_text and message:
        return add_item(shop, ctx, product_text, None, message)
    if pending is None:
        return [Reply("utter_nothing_to_choose")]
    answer = product_text or message
    if pending.question in SWAP_CHOICES:  # "the first one" to a swap's "Did you mean …?"
        return answer_swap(shop, ctx, answer, message)
    picked = picked_sku(shop, ctx, pending, answer or "", message)
    if pending.question == SCALE:  # "double it" → "Did you mean …?" → "the mug"
        return answer_scale(shop, ctx, pending, dict(pending.options).get(picked or ""))
    if pending.question == "remove_item":
        quantity = pending.detail or None  # "one less" → "the tripod": one out (F34)
        replies = remove_item(shop, ctx, answer, message, answering=True, quantity_text=quantity)
    elif pending.question == "change_quantity":
        replies = change_quantity(shop, ctx, answer, pending.detail, message, answering=True)
    else:
        replies = add_item(shop, ctx, answer, stored_unless_said(pending, message), message, True)
    if picked is not None:  # out of stock, say: "the other one" next picks among the rest
        keep_the_others(shop, ctx, pending, picked)
    waiting = after_answer(shop, ctx, pending, lambda c, part: add_item(shop, c, None, None, part))
    return replies + waiting  # the next part of a several-item add, asked in turn (H4)


def declined_choice(shop: Shop, ctx: ChatContext, asked: PendingQuestion | None) -> list[Reply]:
    """A "no" to "Did you mean …?": nothing changes; a part waiting behind it is asked next."""
    declined = [Reply("utter_confirm_declined")]
    waiting = after_answer(shop, ctx, asked, lambda c, part: add_item(shop, c, None, None, part))
    return declined + (waiting or [Reply("utter_ask_product")])
