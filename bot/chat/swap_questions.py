"""The questions a swap asks, kept as the pending question (see :mod:`bot.chat.swaps`).

An unclear side of a swap is raised inside :func:`about`, which marks it with the question
its answer completes (:class:`Ask`); :func:`keeping_questions`, around the swap's
transaction, stores that question once the transaction has rolled back and marks the error
``asked``, so its reply carries a button per option.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.chat.replies import ChatContext
from bot.domain.errors import AmbiguousProduct, DomainError, NothingToSwap, UnknownProduct
from bot.domain.models import Product
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion

SWAP_NEW, SWAP_OLD, SWAP_QUANTITY = "swap_new", "swap_old", "swap_quantity"
SWAP_CHOICES = frozenset({SWAP_NEW, SWAP_OLD})
"""Pending questions whose answer picks one option and completes a swap."""
SEP = "\t"
_DETAIL_MAX = 64  # the store keeps this much of a question's detail
Unclear = AmbiguousProduct | UnknownProduct | NothingToSwap


@dataclass(frozen=True)
class Ask:
    """The question an unclear side of a swap becomes, and what its answer still needs.

    Attributes:
        kind: :data:`SWAP_NEW` or :data:`SWAP_OLD`.
        said: The quantity said for the new product, or None.
        other: For :data:`SWAP_NEW` the named line's SKU ("" when none was named); for
            :data:`SWAP_OLD` the new side's words.
    """

    kind: str
    said: str | None
    other: str

    def detail(self) -> str | None:
        """The question's stored detail, or None when it does not fit (then not kept)."""
        text = f"{self.said or ''}{SEP}{self.other}"
        return text if len(text) <= _DETAIL_MAX else None


class _AskSwap(Exception):  # noqa: N818 - a signal, caught by :func:`keeping_questions`
    """An unclear side, with the question its answer completes."""

    def __init__(self, error: Unclear, ask: Ask) -> None:
        super().__init__(str(error))
        self.error, self.ask = error, ask


@contextmanager
def about(ask: Ask) -> Iterator[None]:
    """Mark an unclear side raised inside with the question its answer completes."""
    try:
        yield
    except (AmbiguousProduct, UnknownProduct, NothingToSwap) as error:
        raise _AskSwap(error, ask) from None


def _options(error: Unclear) -> tuple[tuple[str, str], ...]:
    if isinstance(error, AmbiguousProduct):
        labels = error.options
    elif isinstance(error, UnknownProduct):
        labels = error.suggestions
    else:
        labels = error.options
    skus = error.skus
    return tuple(zip(skus, labels, strict=True)) if skus and len(skus) == len(labels) else ()


@contextmanager
def keeping_questions(shop: Shop, ctx: ChatContext) -> Iterator[None]:
    """Keep an unclear side's options as the pending question; its error becomes the reply.

    The swap's own transaction has rolled back by then: the question is stored in one of
    its own, and the error is marked ``asked`` so that its reply carries the buttons.
    """
    try:
        yield
    except _AskSwap as unclear:
        error, ask = unclear.error, unclear.ask
        options, detail = _options(error), ask.detail()
        if options and detail is not None:
            with shop.session_factory.begin() as session:
                question = PendingQuestion(ask.kind, options, detail)
                PendingChoiceRepository(session).ask(ctx.conversation_id, question)
            error.asked = True
        raise error from None


@contextmanager
def leaving_the_others(
    shop: Shop, ctx: ChatContext, picked: list[tuple[PendingQuestion, Product]]
) -> Iterator[None]:
    """When the option picked fails (out of stock...), keep the other options pending.

    Runs after the swap's transaction rolled back; ``picked`` holds the question and the
    option once the answer picked one.
    """
    try:
        yield
    except DomainError:
        if not picked:
            raise
        question, product = picked[0]
        left = tuple(option for option in question.options if option[0] != product.sku)
        if left:
            with shop.session_factory.begin() as session:
                kept = PendingQuestion(question.question, left, question.detail)
                PendingChoiceRepository(session).ask(ctx.conversation_id, kept)
        raise
