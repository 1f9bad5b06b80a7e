"""Swaps: a cart line replaced by another product as one change, and the questions they ask.

"swap the mug for the tripod", "I want the 128 GB one instead". When a side is unclear
the swap asks, and the question is kept as the conversation's pending question with a
button per option, so that its answer ("the first one", "B", a button, "yes", "the other
one") completes the same swap, in one transaction:

* :data:`SWAP_NEW` — "Did you mean A or B?" about the product to swap in (a near tie or a
  misspelling); its detail keeps the line named to replace (if any) and the quantity said.
* :data:`SWAP_OLD` — which line to replace ("swap the case for …" with two cases, or "the
  256 GB one instead" with an SD card and a phone); its detail keeps the new side's words.
* :data:`SWAP_QUANTITY` — "How many tripods would you like?" when the line holds several
  of another family; a bare number ("3") completes the swap.

Nothing changes until both sides and the quantity are clear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.chat.cart_edits import claim_message, open_cart
from bot.chat.cart_requests import Mention, in_focus, remember
from bot.chat.common import replies_on_error
from bot.chat.products import PENDING_MAX_AGE, asked_again, pick_answer, search_product
from bot.chat.replies import ChatContext, Reply, cart_params
from bot.chat.swap_questions import (
    SEP,
    SWAP_CHOICES,
    SWAP_NEW,
    SWAP_OLD,
    SWAP_QUANTITY,
    Ask,
    about,
    keeping_questions,
    leaving_the_others,
)
from bot.domain.errors import (
    AmbiguousProduct,
    NotEnoughInCart,
    NothingToSwap,
    UnknownProduct,
)
from bot.domain.language import ENGLISH
from bot.domain.language.en_corrections import quantity_correction, swap_correction
from bot.domain.models import CartLine, Product
from bot.domain.quantities import parse_quantity
from bot.services.cart import CartView, load_cart, product_by_sku, swap_line, swap_part
from bot.services.shop import Shop
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import CartRepository
from bot.store.tables import CartRow


def _search(session: Session, words: str, view: CartView) -> Product | None:
    try:
        return search_product(session, words, view)
    except (UnknownProduct, AmbiguousProduct):
        return None


def _variants(session: Session, view: CartView, words: str, old: Product | None) -> list:
    """Lines of a family whose other variant the words name ("the 128 GB one")."""
    hits = []
    for line in view.lines:
        family = line.product.family
        if not family or (old is not None and line.product.sku != old.sku):
            continue
        found = _search(session, f"{family} {words}", view)
        if found is not None and found.family == family and found.sku != line.product.sku:
            hits.append((line, found))
    return hits


def _old_line(view: CartView, new: Product, old: Product | None) -> CartLine:
    """The line ``new`` replaces: the one named, else the one line of its family (no guess)."""
    if old is not None:
        line = view.line_for(old.sku)
    else:  # not named: the one line of the new product's family
        family = [li for li in view.lines if new.family and li.product.family == new.family]
        line = family[0] if len(family) == 1 else None
    if line is None:
        raise NothingToSwap(new.name)
    return line


def _target(
    session: Session, view: CartView, old: Product | None, new_words: str, said: str | None
) -> tuple[CartLine, Product]:
    """The line to replace and the product to put in, once the old side is known (or not)."""
    hits = _variants(session, view, new_words, old)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:  # "the 256 GB one" with an SD card and a phone: which line?
        lines = [line.product for line, _ in hits]
        with about(Ask(SWAP_OLD, said, new_words)):
            names, skus = tuple(p.name for p in lines), tuple(p.sku for p in lines)
            raise NothingToSwap(new_words, names, skus)
    with about(Ask(SWAP_NEW, said, old.sku if old else "")):
        new = search_product(session, new_words)  # the catalog's: no cart line breaks a tie
    return _old_line(view, new, old), new


def _swap_quantity(said: str | None, line: CartLine, new: Product) -> int | None:
    """How many of ``new`` a swap puts in: the number said, else the line's when that is safe.

    A variant of the line's own family ("the 128 GB one instead") keeps the line's quantity,
    and so does a line of one; another family with several in the line is asked about.

    Raises:
        RefusedQuantity: The quantity said is not a whole number in range.
    """
    if said is not None:  # what the shopper said (ENGLISH.swap_quantity)
        return parse_quantity(said)
    if line.quantity == 1 or (new.family and new.family == line.product.family):
        return line.quantity
    return None


def _swap(
    session: Session,
    ctx: ChatContext,
    cart: CartRow,
    view: CartView,
    target: tuple[CartLine, Product],
    said: str | None,
) -> list[Reply]:
    """Replace the line by the new product (or ask how many, or say why not)."""
    said, taken = _unpack(said)
    line, new = target
    if view.line_for(new.sku) is not None:
        return [Reply("utter_swap_already_in_cart", {"name": new.name})]
    count = None if taken is None else parse_quantity(taken)
    if count is not None and count > line.quantity:  # "swap 3 of the mugs" with 2: nothing
        raise NotEnoughInCart(line.product.name, line.quantity, count)
    if count is not None and count < line.quantity:  # "one of the mugs": only that many go
        return _swap_some(session, ctx, cart, view, target, (count, said))
    quantity = _swap_quantity(said, line, new)
    if quantity is None:  # another family, several in the line, no number said: ask
        question = PendingQuestion(SWAP_QUANTITY, ((new.sku, new.name),), line.product.sku)
        PendingChoiceRepository(session).ask(ctx.conversation_id, question)
        return [Reply("utter_ask_quantity", {"name": new.name})]
    request = f"swap:{line.product.sku}:{new.sku}:{quantity}"
    if claim_message(CartRepository(session), ctx, request) != "new":
        return [Reply("utter_message_id_reused")]
    quantity = swap_line(session, cart, view, line.product, new, quantity)
    remember(session, ctx.conversation_id, new)
    view = load_cart(session, cart.id)[1]
    params = {"old_name": line.product.name, "name": new.name, "quantity": str(quantity)}
    return [Reply("utter_item_swapped", {**params, **cart_params(view)})]


_PART_SEP = "@"


def _pack(said: str | None, taken: str | None) -> str | None:
    """The quantity said for the new side, with the number of the old line named (if any).

    Kept as one string so that a question asked on the way ("Did you mean …?") keeps both.
    """
    return said if taken is None else f"{said or ''}{_PART_SEP}{taken}"


def _unpack(said: str | None) -> tuple[str | None, str | None]:
    """``(quantity said for the new side, number of the old line named)`` of :func:`_pack`."""
    if said is None or _PART_SEP not in said:
        return said, None
    new, _, taken = said.partition(_PART_SEP)
    return new or None, taken or None


def _swap_some(
    session: Session,
    ctx: ChatContext,
    cart: CartRow,
    view: CartView,
    target: tuple[CartLine, Product],
    part: tuple[int, str | None],
) -> list[Reply]:
    """Take ``count`` of the line out and put the new product in ("one of the mugs").

    The new product comes in at the quantity said, else one for each taken out.
    """
    (line, new), (count, said) = target, part
    quantity = count if said is None else parse_quantity(said)
    request = f"swap:{line.product.sku}:{count}:{new.sku}:{quantity}"
    if claim_message(CartRepository(session), ctx, request) != "new":
        return [Reply("utter_message_id_reused")]
    left = swap_part(session, cart, view, line.product, new, (count, quantity))
    remember(session, ctx.conversation_id, new)
    view = load_cart(session, cart.id)[1]
    old_name = f"{count} × {line.product.name} — {left} left —"  # no markup to escape
    params = {"old_name": old_name, "name": new.name, "quantity": str(quantity)}
    return [Reply("utter_item_swapped", {**params, **cart_params(view)})]


def swap_sides(message: str, mentions: Sequence[Mention]) -> tuple[str | None, str, str | None]:
    """``(old words, new words, quantities said)`` of a swap request, read as corrected.

    The quantities said are the new side's and, packed with it (:func:`_pack`), the number
    of the old line named ("one of the mugs").

    "swap the mug for the tripod, actually the bag" swaps to the bag; "swap the mugs for 2
    tripods, no wait, 3" for 3 (:mod:`bot.domain.language.en_corrections`).
    """
    fixed = quantity_correction(message)
    message = fixed[0] if fixed else message
    message = swap_correction(message) or message
    old_words, new_words = ENGLISH.swap_sides(message, [m.value for m in mentions])
    said = ENGLISH.swap_quantity(message)
    if said and re.search(rf"(?i)\b{re.escape(said)}\s+ones?\b", message):
        if said not in new_words.split():  # "the 256 one": a name, never a count (s25)
            new_words = f"{said} {new_words}".strip()
        said = None
    if said:  # "3 tripods": the product words are "tripods"
        new_words = " ".join(w for w in new_words.split() if w not in said.split())
    taken = ENGLISH.swap_old_quantity(message)
    if taken and old_words:  # "2 of the mugs": the product words are "mugs"
        old_words = " ".join(w for w in old_words.split() if w != taken) or old_words
    return old_words, new_words, _pack(said, taken)


@replies_on_error
def swap_lines(
    shop: Shop, ctx: ChatContext, message: str | None, mentions: Sequence[Mention] = ()
) -> list[Reply]:
    """Replace a line by another product, as one change of the cart.

    "I want the 128gb sd card instead" and "the 128 GB one instead" replace the line of the
    same family at the line's quantity; "swap the mug for the tripod" names both. A quantity
    said for the new product wins ("for 3 tripods", "for a tripod"); none said for another
    family is asked about when the line holds several (see :func:`_swap_quantity`). Nothing
    changes when the line or the new product is unclear (the shopper is asked, and the
    answer completes the swap) or out of stock.
    """
    old_words, new_words, said = swap_sides(message or "", mentions)
    if not new_words:
        return [Reply("utter_ask_product")]
    with shop.session_factory.begin() as session:  # a new swap supersedes what was asked
        PendingChoiceRepository(session).clear(ctx.conversation_id)
    with keeping_questions(shop, ctx), shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        old = None
        if old_words:
            with about(Ask(SWAP_OLD, said, new_words)):
                old = search_product(session, old_words, view, cart_bonus=0.06)
        elif old_words is not None:  # "swap it for ...": the product in focus
            old = in_focus(session, ctx.conversation_id)
        return _swap(session, ctx, cart, view, _target(session, view, old, new_words, said), said)


@replies_on_error
def answer_swap(
    shop: Shop, ctx: ChatContext, answer: str | None, message: str | None
) -> list[Reply]:
    """Complete the swap the pending "Did you mean …?" came from with the option picked.

    An answer that picks nothing asks again (narrowed when it narrows the options), kept
    pending; "neither" was read before (it drops the question). An option that cannot go in
    (out of stock) leaves the others pending, so "the other one" then picks among them.
    """
    picked: list[tuple[PendingQuestion, Product]] = []
    with (
        keeping_questions(shop, ctx),
        leaving_the_others(shop, ctx, picked),
        shop.session_factory.begin() as session,
    ):
        question = PendingChoiceRepository(session).take(ctx.conversation_id, PENDING_MAX_AGE)
        if question is None or question.question not in SWAP_CHOICES:
            return [Reply("utter_nothing_to_choose")]
        said, _, other = (question.detail or "").partition(SEP)
        text = answer or message or ""
        pick = pick_answer(session, question, text, message)
        if pick.product is None:
            with about(Ask(question.question, said or None, other)):
                raise asked_again(question, pick, text)
        picked.append((question, pick.product))
        cart, view = open_cart(session, shop, ctx)
        if question.question == SWAP_OLD:
            target = _target(session, view, pick.product, other, said or None)
        else:
            old = product_by_sku(session, other) if other else None
            target = _old_line(view, pick.product, old), pick.product
        return _swap(session, ctx, cart, view, target, said or None)


@replies_on_error
def answer_swap_quantity(
    shop: Shop, ctx: ChatContext, question: PendingQuestion, quantity: str
) -> list[Reply]:
    """Complete a swap "How many … would you like?" asked, with the number answered."""
    new_sku, _ = question.options[0]
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        new = product_by_sku(session, new_sku)
        old = product_by_sku(session, question.detail or "")
        return _swap(session, ctx, cart, view, (_old_line(view, new, old), new), quantity)
