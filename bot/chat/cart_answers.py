"""Cart requests read before the predicted action: multipliers and answers to "How many?".

- "double the mugs", "twice as many filters", "the same again" set the line to its quantity
  times the factor (:mod:`bot.domain.language.en_multipliers`), whatever intent the model
  guessed: a multiplier is never a removal.
- "How many mugs would you like?" is kept as the conversation's pending question
  (:data:`ASK_QUANTITY`, its one option ``(flow, product words)``), so a bare answer ("3",
  "three please") completes the request it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from bot.chat.cart_edits import open_cart
from bot.chat.cart_requests import CartRequest, remember, target
from bot.chat.common import replies_on_error
from bot.chat.products import PENDING_MAX_AGE, asking
from bot.chat.queued_parts import after_answer
from bot.chat.replies import ChatContext, Reply, cart_params
from bot.chat.swaps import SWAP_QUANTITY, answer_swap_quantity
from bot.domain.errors import (
    AmbiguousProduct,
    LineLimitExceeded,
    NotInCart,
    OutOfStock,
    UnknownProduct,
)
from bot.domain.language import ENGLISH
from bot.domain.language.en_multipliers import multiplier
from bot.domain.matching import CART_BONUS, MAX_QUANTITY
from bot.domain.quantities import Direction, main_phrase, without
from bot.services.cart import load_cart, set_line
from bot.services.shop import Shop
from bot.store.focus import FocusRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion

ASK_QUANTITY = "ask_quantity"
"""The pending question "How many … would you like?"."""
SCALE = "scale_line"
"""The pending "Did you mean A or B?" of a multiplier ("double it"); detail: the factor."""

_MONEY = re.compile(r"\b(?:charged?|paid|pay|billed?|price|cost)\b")
_FLOWS = ("add_item", "remove_item", "change_quantity")
_ANSWER_WORDS = {
    "please", "pls", "plz", "thanks", "thank", "you", "ok", "okay", "just", "make", "it",
    "let's", "lets", "go", "with", "i'd", "i'll", "like", "i", "want", "need", "take", "give",
    "me", "of", "them", "those", "these", "x", "then", "say", "um", "hmm", "yes", "yeah",
    "sure", "the", "a", "an", "will", "do", "would", "be", "great", "cool",
}  # fmt: skip


def scale_line(shop: Shop, ctx: ChatContext, text: str | None) -> list[Reply] | None:
    """Multiply a line's quantity ("double the mugs"); None when the message says no multiplier.

    The product is the one named, else the one in focus; it must be in the cart. "I was
    charged double" (money, not a line) is no multiplier.
    """
    said = multiplier(text)
    if said is None or _MONEY.search(said[1]):
        return None
    return _scale(shop, ctx, *said)


def answer_scale(
    shop: Shop, ctx: ChatContext, question: PendingQuestion, name: str | None
) -> list[Reply]:
    """The line picked (``name``) in answer to "double it"'s "Did you mean …?", multiplied.

    No pick: the question stays and nothing changes.
    """
    if name is None:
        return [Reply("utter_nothing_to_choose")]
    with shop.session_factory.begin() as session:
        PendingChoiceRepository(session).clear(ctx.conversation_id)
    return _scale(shop, ctx, int(question.detail or "1"), name)


@replies_on_error
def _scale(shop: Shop, ctx: ChatContext, factor: int, rest: str) -> list[Reply]:
    with asking(shop, ctx, SCALE, str(factor)):  # "double it" after two lines: which? (H5)
        return _scale_line(shop, ctx, factor, rest)


def _scale_line(shop: Shop, ctx: ChatContext, factor: int, rest: str) -> list[Reply]:
    words = ENGLISH.content(rest) or None
    request = CartRequest(words, None, Direction.ABSOLUTE, rest if words else "")
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        product, _ = target(session, ctx, view, request, CART_BONUS)
        line = view.line_for(product.sku)
        if line is None:
            raise NotInCart(product.name)
        if line.quantity * factor > MAX_QUANTITY:
            raise LineLimitExceeded(product.name, line.quantity, MAX_QUANTITY)
        set_line(session, cart, product, line.quantity * factor)
        remember(session, ctx.conversation_id, product)
        view = load_cart(session, cart.id)[1]
        params = {"name": product.name, "quantity": str(line.quantity * factor)}
        return [Reply("utter_quantity_changed", {**params, **cart_params(view)})]


def ask_quantity_back(shop: Shop, ctx: ChatContext, flow: str, replies: list[Reply]) -> list[Reply]:
    """Keep "How many … would you like?" among ``replies`` as the pending question.

    Args:
        shop: The shop.
        ctx: The conversation.
        flow: The flow the answer completes (``"add_item"``, ``"remove_item"``,
            ``"change_quantity"``).
        replies: The flow's replies; returned as they are.
    """
    for reply in replies:
        if reply.response == "utter_ask_quantity":
            with shop.session_factory.begin() as session:
                keep_quantity_question(session, ctx.conversation_id, flow, reply.params["name"])
    return replies


def keep_quantity_question(session: Session, conversation_id: str, flow: str, name: str) -> None:
    """Store "How many ``name`` would you like?" as the pending question (in ``session``).

    A question naming no product ("How many of them?") is not kept: its answer would be a
    guess at the product.
    """
    words = ENGLISH.content(name)
    if words and flow in _FLOWS:
        PendingChoiceRepository(session).ask(
            conversation_id, PendingQuestion(ASK_QUANTITY, ((flow, words),))
        )


def bare_quantity(text: str | None) -> str | None:
    """The quantity a message says and nothing else ("3", "three please", "make it 4")."""
    phrase = main_phrase(text or "")
    if phrase is None or phrase.direction is not Direction.ABSOLUTE:
        return None
    rest = re.findall(r"[a-z][a-z']*", without(text or "", phrase).lower())
    return phrase.text if all(word in _ANSWER_WORDS for word in rest) else None


def answer_quantity(shop: Shop, ctx: ChatContext, text: str | None) -> list[Reply] | None:
    """Complete the request "How many … would you like?" came from; None when it is not that.

    Reads the store only when the message is a bare quantity.
    """
    quantity = bare_quantity(text)
    if quantity is None:
        return None
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question not in (ASK_QUANTITY, SWAP_QUANTITY):
            return None
        pending.clear(ctx.conversation_id)
    if question.question == SWAP_QUANTITY:  # "How many tripods?" asked by a swap
        return answer_swap_quantity(shop, ctx, question, quantity)
    flow, words = question.options[0]
    from bot.chat import cart  # cart imports this module's callers

    if flow == "remove_item":
        return cart.remove_item(shop, ctx, words, None, quantity_text=quantity)
    if flow == "change_quantity":
        return cart.change_quantity(shop, ctx, words, quantity, None)
    added = cart.add_item(shop, ctx, words, quantity, None)
    return added + after_answer(  # a part of a several-item add waiting: asked next (s25)
        shop, ctx, question, lambda c, part: cart.add_item(shop, c, None, None, part)
    )


@contextmanager
def unsettled_on_doubt(shop: Shop, ctx: ChatContext) -> Iterator[None]:
    """Mark the focus unsettled when the add inside names a product it could not add.

    "add 2 of those sd cards" → "Did you mean …?" → "the 256 one" → out of stock: the
    product talked about is the SD card, not the case added before, so "two more" next
    asks which product instead of adding cases (review F10). The flow's transaction has
    rolled back; the mark is written in one of its own.
    """
    try:
        yield
    except (AmbiguousProduct, UnknownProduct, OutOfStock):
        with shop.session_factory.begin() as session:
            FocusRepository(session).unsettle(ctx.conversation_id)
        raise
