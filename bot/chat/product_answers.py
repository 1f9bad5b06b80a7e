"""The answer to "Which product do you mean?": the product named completes the request.

"remove it" with nothing in focus asks "Which product do you mean?" and keeps the request
as the pending question (:data:`bot.chat.products.ASK_PRODUCT`: its flow and quantity
words). The next message naming a product with no request of its own ("the mug", "mugs
please") is that pick: the removal removes the mug, "make it 3" sets the mug to 3, "one
more" adds one more mug (issue 12, s25, H6) — never an add read from the bare name. A
message with its own verb ("add a tripod") is a new request; "no" drops the question.
"""

from __future__ import annotations

from bot.chat.products import ASK_PRODUCT, PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.chat.turns import Turn
from bot.domain.language import ENGLISH
from bot.domain.language.en_clauses import asked_text, kept, refused
from bot.domain.language.en_cues import says_add, says_remove, says_swap
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository


def _named(turn: Turn) -> str | None:
    """The product words of a message that only names a product, else None."""
    text = turn.text
    if not text or text.startswith("/") or "?" in text:
        return None
    if says_add(text) or says_remove(text) or says_swap(text):
        return None  # a request of its own
    asked = asked_text(text)  # "not the mug, the tripod": the tripod (s27)
    entity = turn.entities.get("product")
    if entity and (refused(text) or kept(text)) and entity.lower() not in asked.lower():
        entity = None  # the model's span is the refused thing
    words = entity or ENGLISH.content(asked)
    return words.strip() or None


def answer_product(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Complete the request "Which product do you mean?" came from; None when not that."""
    if turn.confirmed:
        return None
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question != ASK_PRODUCT:
            return None
        if ENGLISH.denies(turn.text):
            pending.clear(ctx.conversation_id)
            return [Reply("utter_confirm_declined")]
        words = _named(turn)
        if words is None:
            return None
        pending.clear(ctx.conversation_id)
    flow, detail = question.options[0]
    from bot.chat import cart  # cart's flows read this module's callers

    quantity = detail or None
    if flow == "remove_item":
        return cart.remove_item(shop, ctx, words, None, quantity_text=quantity)
    if flow == "change_quantity":
        return cart.change_quantity(shop, ctx, words, quantity, None)
    return cart.add_item(shop, ctx, words, quantity, None)
