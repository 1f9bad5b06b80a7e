"""A "How many …?" or "Did you mean …?" question closes once the shopper moves on (review s21, S35).

Offers are closed when another request is handled (:mod:`bot.chat.stale_offers`); so is a
pending "How many mugs would you like?": a bare "3" two turns later (after a cart view, a
question, another change) could mean anything, so it asks "which product?" and changes
nothing.
"""

from __future__ import annotations

import re

from bot.chat.cart_answers import ASK_QUANTITY
from bot.chat.products import ASK_PRODUCT, PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply
from bot.chat.swaps import SWAP_QUANTITY
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion

_QUANTITY_QUESTIONS = frozenset({ASK_QUANTITY, SWAP_QUANTITY})
_CLOSED_ON_MOVE = _QUANTITY_QUESTIONS | {"add_item", "remove_item", "change_quantity", ASK_PRODUCT}
"""The questions a later, different request closes: "How many?" and product did-you-means."""
_ASKED = frozenset(
    {
        "utter_ask_quantity",
        "utter_did_you_mean",
        "utter_unknown_product_suggest",
        "utter_ask_product",
    }
)
"""Replies that ask (again) a question the next message answers."""
_BARE_NUMBER = re.compile(
    r"^\W*(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+(?:please|pls|plz))?\W*$",
    re.IGNORECASE,
)


def quantity_question(shop: Shop, ctx: ChatContext) -> PendingQuestion | None:
    """The pending "How many …?" question of the conversation, if one waits."""
    with shop.session_factory.begin() as session:
        question = PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
    return question if question and question.question in _QUANTITY_QUESTIONS else None


def waiting_question(shop: Shop, ctx: ChatContext) -> PendingQuestion | None:
    """The pending "How many …?" or "Did you mean …?" question, if one waits (trial 12, C4).

    A confirmation is not one (it answers only the next message and is taken by it), nor a
    question about lines or plans, which keeps its own rules.
    """
    with shop.session_factory.begin() as session:
        question = PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
    return question if question and question.question in _CLOSED_ON_MOVE else None


def close_if_moved_on(
    shop: Shop, ctx: ChatContext, before: PendingQuestion | None, replies: list[Reply]
) -> None:
    """Drop the "How many …?" question that waited before this turn, unless it is asked again.

    A turn that answered it has already taken it; a turn that asked it (again) keeps it.
    """
    if before is None or any(reply.response in _ASKED for reply in replies):
        return
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        if pending.peek(ctx.conversation_id, PENDING_MAX_AGE) == before:
            pending.clear(ctx.conversation_id)


def bare_number_without_question(shop: Shop, ctx: ChatContext, text: str | None) -> bool:
    """Whether the message is only a number ("3") while no question of any kind waits."""
    if not _BARE_NUMBER.match(text or ""):
        return False
    with shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE) is None
