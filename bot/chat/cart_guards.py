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
from bot.chat.cart_requests import CartRequest, target
from bot.chat.confirm import intent_payload
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import AmbiguousProduct, DomainError, NotInCart, UnknownProduct
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import mixes_add_and_remove, vague_quantity
from bot.domain.language.en_offer_cues import for_several_people, uncounted_plural
from bot.domain.language.en_sweeps import modifier_only
from bot.domain.models import Product
from bot.domain.quantities import Direction, contradicting, main_phrase, phrases, without
from bot.services.cart import CartView
from bot.store.search import ProductSearch


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


def two_counts(
    session: Session, ctx: ChatContext, view: CartView, request: CartRequest, answering: bool
) -> list[Reply] | None:
    """Two counts for one product ("add 3 mugs x2"): "Did you mean 3 × Mug or 2 × Mug?".

    Nothing is added on a guess (issue 12, s25, H5): a typed count ("3") or a button
    answers, kept as the "How many?" question of the add.
    """
    counted = None if answering else two_counts_of(session, ctx, view, request)
    if counted is None:
        return None
    keep_quantity_question(session, ctx.conversation_id, "add_item", counted.name)
    return [counts_question(counted.name, counted.counts)]


def two_counts_of(
    session: Session, ctx: ChatContext, view: CartView, request: CartRequest
) -> TwoCounts | None:
    """Two counts in one request ("3 mugs x2"), its product read without any count.

    Numbers of the product's own name ("2 256 GB SD cards") are no second count.
    """
    said = {p.value for p in phrases(request.text) if p.value is not None and p.kind != "more"}
    if len(said) < 2:
        return None
    words = request.text
    for phrase in phrases(request.text):
        words = without(words, phrase)
    bare = CartRequest(ENGLISH.content(words) or None, None, Direction.ABSOLUTE, words)
    try:
        product, _ = target(session, ctx, view, bare, adding=True)
    except DomainError:
        return None
    counts = contradicting(request.text, product.name)
    return TwoCounts(product.name, counts) if counts else None


class TwoCounts(DomainError):
    """A part of a several-item add says two counts for one product ("3 mugs x2")."""

    def __init__(self, name: str, counts: tuple[int, ...]) -> None:
        super().__init__(f"{name}: {counts}")
        self.name = name
        self.counts = counts


def counts_question(name: str, counts: tuple[int, ...]) -> Reply:
    """The question "Did you mean 3 × Ceramic Mug or 2 × Ceramic Mug?", a button each."""
    titles = [f"{count} × {name}" for count in counts]
    payloads = [
        intent_payload("add_item", {"product": name, "quantity": str(count)}) for count in counts
    ]
    options = ", ".join(titles[:-1]) + " or " + titles[-1]
    buttons = tuple(zip(titles, payloads, strict=True))
    return Reply("utter_did_you_mean", {"options": options}, buttons)


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
def only_cart_lines(view: CartView) -> Iterator[None]:
    """A "Did you mean …?" raised inside keeps only the cart's lines (:func:`cart_lines_only`)."""
    try:
        yield
    except (AmbiguousProduct, UnknownProduct) as error:
        raise cart_lines_only(error, view) from None


def cart_lines_only(error: AmbiguousProduct | UnknownProduct, view: CartView) -> DomainError:
    """A removal's "Did you mean …?" offers only the cart's lines (review s21, S1).

    A product that is not in the cart cannot be removed, so offering it would turn the pick
    into a question with no good answer (or, read the other way, an add). With no cart line
    left among the options, the reply says the product isn't in the cart.
    """
    options = error.options if isinstance(error, AmbiguousProduct) else error.suggestions
    if not error.skus or len(error.skus) != len(options):
        return error  # not products of the store: nothing to pick from
    in_cart = {line.product.sku for line in view.lines}
    kept = [(sku, name) for sku, name in zip(error.skus, options, strict=True) if sku in in_cart]
    if len(kept) == len(options):
        return error
    if not kept:
        return NotInCart(error.query)
    skus, names = (tuple(column) for column in zip(*kept, strict=True))
    return AmbiguousProduct(error.query, names, skus)


def not_by_a_modifier(session: Session, words: str | None, product: Product) -> None:
    """Ask "Did you mean to remove Mouse Pad?" when ``words`` hold only a modifier of its name.

    "remove the mouse" with a Mouse Pad (and no mouse) in the cart, "the camera is too
    expensive" with only a Camera Shoulder Bag: the line is offered, never changed on the
    guess (review s23). Nothing is raised for the line's head noun ("remove the case").

    Raises:
        AmbiguousProduct: The line as the one option (the caller keeps it pending).
    """
    if not words:
        return
    others = [(p.name, p.family) for p in ProductSearch(session, ENGLISH).candidates(words)]
    if modifier_only(words, product.name, product.family, others):
        raise AmbiguousProduct(words, (product.name,), (product.sku,))
