"""A question about an option of a pending "Did you mean A or B?" is answered, never picked.

"how much is the 65 W one?" or "is the 15 inch one in stock?" while "Did you mean to add
Fast Charger 30W or USB-C Laptop Charger 65W?" waits names an option, but asks about it: the
question is asked again with each option's price and stock, and the cart does not change
(trial 12, C3). A plain pick ("the 65 W one", "the second one", a button) still picks.
"""

from __future__ import annotations

import re

from bot.chat.cart_answers import ASK_QUANTITY
from bot.chat.common import choice_buttons, options_text
from bot.chat.confirm import CONFIRM
from bot.chat.products import PENDING_MAX_AGE, pick_answer
from bot.chat.replies import ChatContext, Reply
from bot.chat.swaps import SWAP_QUANTITY
from bot.domain.language.en_cues import says_add
from bot.domain.models import Product
from bot.domain.quantities import Direction, main_phrase
from bot.money import format_money
from bot.services.shop import Shop
from bot.store.mapping import product_of
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import CatalogRepository

_NOT_PICKS = frozenset({CONFIRM, ASK_QUANTITY, SWAP_QUANTITY})
_QUESTION = re.compile(
    r"^\W*(?:how|what|what's|whats|which|is|are|does|do|did|can|could|will|would|has|have|"
    r"any|why|when|where|tell me)\b",
    re.IGNORECASE,
)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|ok|okay|sure)\b\W*", re.IGNORECASE)
_OPTION_NUMBER = re.compile(
    r"\b(?:option|choice|number|no\.?|num|#)\s*(?:\d+|one|two|three|four|five)\b|#\s*\d+",
    re.IGNORECASE,
)
"""An option's number ("option 2", "number two", "#2"): which one, never how many."""
_ABOUT_OPTIONS = re.compile(
    r"\b(?:difference|differ|price|prices|cost|costs|stock|how much|first|second|third|last|"
    r"other|cheaper|cheapest|better|best|bigger|smaller|work|works|fit|fits|compatible)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """Whether the message asks something ("how much is …", "is … in stock", a trailing "?")."""
    return text.rstrip().endswith("?") or _QUESTION.match(text) is not None


def _described(product: Product) -> str:
    stock = "in stock" if product.available else "out of stock"
    return f"{product.name} ({format_money(product.price, product.currency)}, {stock})"


def answer_option_question(shop: Shop, ctx: ChatContext, text: str | None) -> list[Reply] | None:
    """The pick question asked again with prices and stock, when the message asks about it.

    None when no pick question waits, the message is a button, no question, an add ("can I
    get the 65 W one?"), or neither names an option nor asks about price, stock or the
    difference. The pending question stays as it was; nothing else changes.
    """
    if not text or text.startswith("/") or not is_question(text) or says_add(text):
        return None
    with shop.session_factory.begin() as session:
        question = PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question in _NOT_PICKS:
            return None
        rows = CatalogRepository(session).by_skus(value for value, _ in question.options)
        if len(rows) != len(question.options):
            return None  # not a product choice (plans, lines...)
        if not pick_answer(session, question, text).answered and not _ABOUT_OPTIONS.search(text):
            return None
        products = [product_of(rows[value]) for value, _ in question.options]
    return [_asked_with_prices(question, products)]


def _asked_with_prices(question: PendingQuestion, products: list[Product]) -> Reply:
    names = tuple(product.name for product in products)
    described = tuple(_described(product) for product in products)
    options = options_text(question.question, described)
    return Reply("utter_did_you_mean", {"options": options}, choice_buttons(names))


def stored_unless_said(pending: PendingQuestion, message: str | None) -> str | None:
    """The quantity a pick adds: the pick's own ("just one", "one of the mugs") wins.

    Only a pick that says no quantity ("yes", "the 65 W one") keeps the one the question
    stored from the request it came from (trial 12, C4).
    """
    said = _OPTION_NUMBER.sub(" ", _YES.sub("", message or ""))  # "option 2": a pick (H6)
    phrase = main_phrase(said)  # "yes one mug pls": the "one" counts
    if phrase is None or phrase.value is None or phrase.direction is not Direction.ABSOLUTE:
        return pending.detail
    names = " ".join(label for _, label in pending.options)
    if phrase.may_be_name and re.search(rf"(?<!\d){phrase.value}(?!\d)", names):
        return pending.detail  # "the 256" to "Aria Phone 128 GB or Aria Phone 256 GB?"
    return str(phrase.value)
