"""Guards before a cart change: what the flows ask about instead of guessing.

A message that mixes adding and removing changes nothing and asks for one change at a
time; a vague or ranged quantity ("a few", "some", "2-3", "one or two") is asked about.
A removal's or quantity change's "Did you mean …?" offers only lines of the cart
(:func:`cart_lines_only`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from bot.chat.cart_answers import keep_quantity_question
from bot.chat.cart_requests import CartRequest
from bot.chat.replies import Reply
from bot.domain.errors import AmbiguousProduct, NotInCart, UnknownProduct
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import mixes_add_and_remove, vague_quantity
from bot.domain.language.en_offer_cues import for_several_people, uncounted_plural
from bot.domain.quantities import main_phrase
from bot.services.cart import CartView


def unclear_request(message: str | None, answering: bool = False) -> list[Reply] | None:
    """The question to ask instead of changing the cart, or None when the request is clear.

    Args:
        message: The shopper's message.
        answering: The message answers "Did you mean …?" (taken as it is).
    """
    if answering or not message:
        return None
    if mixes_add_and_remove(message):
        return [Reply("utter_one_change_at_a_time")]
    vague = vague_quantity(message)
    people = for_several_people(message)
    if vague is None and people is not None and main_phrase(people) is None:
        # "mugs for me and my 3 roommates": a count left to guess (never 1)
        return [Reply("utter_ask_quantity", {"name": ENGLISH.content(people) or "of them"})]
    if vague is None:
        return None
    rest = " ".join(message.lower().replace(vague, " ").split())
    name = ENGLISH.content(rest) or "of them"
    return [Reply("utter_ask_quantity", {"name": name})]


def uncounted(
    session: Session, conversation_id: str, request: CartRequest, name: str, answering: bool
) -> list[Reply] | None:
    """A plural with no count ("add mugs"): "How many Ceramic Mug would you like?", kept pending.

    The product's own plural name ("headphones", "espresso beans") is not asked about.
    """
    if answering or request.quantity is not None or not uncounted_plural(request.text, name):
        return None
    keep_quantity_question(session, conversation_id, "add_item", name)
    return [Reply("utter_ask_quantity", {"name": name})]


@contextmanager
def cart_lines_only(view: CartView) -> Iterator[None]:
    """Keep only cart lines among the options of a "Did you mean …?" raised inside.

    A removal (or a quantity change) can only mean a line of the cart: "remove the mugz"
    with no mug in the cart must not ask "Did you mean Ceramic Mug?", whose "yes" would
    find nothing to remove. Options outside the cart are dropped; one left is asked as
    "Did you mean …?" (yes / no), none left becomes "… isn't in your cart". Raised before
    :func:`bot.chat.products.asking` stores the question, so the stored options match.
    """
    lines = {line.product.sku: line.product.name for line in view.lines}
    names = set(lines.values())
    try:
        yield
    except (AmbiguousProduct, UnknownProduct) as error:
        ambiguous = isinstance(error, AmbiguousProduct)
        labels = error.options if ambiguous else error.suggestions
        skus = error.skus if len(error.skus) == len(labels) else ("",) * len(labels)
        kept = [(sku, label) for sku, label in zip(skus, labels, strict=True)
                if sku in lines or label in names]  # fmt: skip
        if len(kept) == len(labels):
            raise
        if not kept:
            raise NotInCart(error.query) from error
        kept_skus = tuple(sku for sku, _ in kept) if all(sku for sku, _ in kept) else ()
        kept_labels = tuple(label for _, label in kept)
        if ambiguous and len(kept) > 1:
            raise AmbiguousProduct(error.query, kept_labels, kept_skus) from error
        raise UnknownProduct(error.query, kept_labels, kept_skus) from error
