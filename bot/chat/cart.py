"""Cart flow: add (several), remove or take out, set, answer a did-you-mean, swap.

The request grammar is in :mod:`bot.chat.cart_requests`; swaps in :mod:`bot.chat.cart_edits`;
the answers that change nothing (show, free-shipping gap, checkout) in :mod:`bot.chat.cart_views`,
re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.chat.cart_answers import (
    ask_quantity_back,
    keep_quantity_question,
    unsettled_on_doubt,
)
from bot.chat.cart_edits import (
    accept_open_offer,
    claim_message,
    open_cart,
    take_out,
    unsolicited_offer,
)
from bot.chat.cart_guards import (
    cart_lines_only,
    not_by_a_modifier,
    only_cart_lines,
    two_counts,
    unclear_request,
    uncounted,
)
from bot.chat.cart_requests import (
    CartRequest,
    Mention,
    names_nothing,
    product_words,
    read_parts,
    remember,
    request_of,
    target,
)
from bot.chat.cart_several import add_several, remove_several
from bot.chat.cart_views import added_reply, checkout, free_shipping, show_cart
from bot.chat.common import replies_on_error
from bot.chat.products import asking, pending_question
from bot.chat.replies import ChatContext, Reply, cart_params
from bot.chat.swaps import SWAP_CHOICES, swap_lines
from bot.domain.errors import AmbiguousProduct, NotInCart, UnknownProduct
from bot.domain.language import ENGLISH
from bot.domain.language.en_cues import (
    buys_what_is_there,
    decrease_by,
    one_by_article,
    says_add,
    says_remove,
    says_swap,
)
from bot.domain.matching import CART_BONUS
from bot.domain.offers import Moment, is_offer_moment_after_add
from bot.domain.quantities import Direction, main_phrase, parse_quantity
from bot.services.cart import add_quantity, load_cart, remove_line, set_line
from bot.services.shop import Shop
from bot.store.repositories import CartRepository

_CHOICES = frozenset({"add_item", "remove_item", "change_quantity"})
"""Pending did-you-mean questions of the add, remove and change flows."""

__all__ = ["add_several", "checkout", "free_shipping", "open_cart", "show_cart", "swap_item"]
__all__ += ["unsolicited_offer"]


@replies_on_error
def add_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    quantity_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
    mentions: Sequence[Mention] = (),
) -> list[Reply]:
    """Add one or several named products; a retried message (same key) never adds twice.

    A near tie asks "Did you mean A or B?" and the answer completes the add (``answering``
    is set when the message only answers that question). A message naming no product means
    the product in focus ("one more"), or the open offer ("put that in too"); "one less"
    takes one out. ``mentions`` are the model's product spans, to split several products.
    """
    if not answering and says_remove(message) and not says_add(message):
        # "remove 2 mugs and 1 tripod" read as an add: the shopper's verb wins, never an add
        return remove_item(
            shop, ctx, product_text, message, False, earlier, quantity_text, mentions
        )
    decrease = None if answering else decrease_by(message)
    if decrease is not None:  # "decrease the mugs by 2": take 2 out
        return remove_item(shop, ctx, decrease[0] or None, None, False, earlier, decrease[1])
    unclear = unclear_request(message, answering)
    if unclear is not None:  # "a few mugs": asked, the answer completes it
        return ask_quantity_back(shop, ctx, "add_item", unclear)
    parts = [] if answering else read_parts(message, mentions)
    if parts:
        return add_several(shop, ctx, parts)
    request = request_of(product_text, quantity_text, message, answering)
    if request.direction is Direction.LESS:
        return remove_item(shop, ctx, product_text, message, False, earlier, quantity_text)
    bought = None if answering or request.quantity else buys_what_is_there(message)
    if bought:  # "buy these now": check out, add nothing
        offer = accept_open_offer(shop, ctx) if bought in ("it", "this", "that") else None
        return offer or checkout(shop, ctx)
    if not answering and product_words(request) is None and request.direction is Direction.ABSOLUTE:
        for_offer = request.quantity or not names_nothing(request)  # never "add 🍕" (F22)
        offer = accept_open_offer(shop, ctx) if for_offer else None
        if offer is not None:
            return offer
    with asking(shop, ctx, "add_item", request.quantity), unsettled_on_doubt(shop, ctx):
        return _add_item(shop, ctx, request, answering, earlier)


def _add_item(
    shop: Shop, ctx: ChatContext, request: CartRequest, answering: bool, earlier: str | None
) -> list[Reply]:
    with shop.session_factory.begin() as session:
        cart, view = open_cart(session, shop, ctx)
        asked = two_counts(session, ctx, view, request, answering)  # "3 mugs x2": 3 or 2?
        if asked is not None:
            return asked
        product, quantity_text = target(
            session, ctx, view, request, 0.0, answering, earlier, adding=True
        )
        asked = uncounted(session, ctx.conversation_id, request, product.name, answering)
        if asked is not None:  # "add mugs": how many? "3 mugs x2": 3 or 2?
            return asked
        quantity = parse_quantity(quantity_text)
        claim = claim_message(CartRepository(session), ctx, f"add:{product.sku}:{quantity}")
        if claim == "reused":
            return [Reply("utter_message_id_reused")]  # not a retry: change nothing
        if claim == "retry":
            return [added_reply(view, product, quantity)]  # a retry: the same answer
        add_quantity(session, cart, view, product, quantity)
        remember(session, ctx.conversation_id, product)
        view = load_cart(session, cart.id)[1]
        replies = [added_reply(view, product, quantity)]
        if is_offer_moment_after_add(product):
            replies += unsolicited_offer(
                session, shop, ctx, view, Moment.MAIN_ITEM_ADDED, added=product
            )
        return replies


@replies_on_error
def remove_item(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
    quantity_text: str | None = None,
    mentions: Sequence[Mention] = (),
) -> list[Reply]:
    """Remove a product's line, or take a quantity of it out ("remove one of the mugs").

    A line in the cart is preferred on a close call; a message naming no product means the
    product in focus ("remove it"), and the reply names it. Taking out more than the line
    holds changes nothing and says so. "remove a mug" takes one out ("remove the mugs" the
    line), "reduce the mugs by 2" takes two out, several products are removed all or
    nothing, and a message that also adds changes nothing (see :mod:`bot.chat.cart_guards`).
    """
    decrease = None if answering else decrease_by(message)
    if decrease is not None:  # "reduce the mugs by 2": take 2 out
        product_text, message, quantity_text = decrease[0] or None, None, decrease[1]
    unclear = unclear_request(message, answering)
    if unclear is not None:  # "a few mugs": asked, the answer completes it
        return ask_quantity_back(shop, ctx, "remove_item", unclear)
    parts = [] if answering else read_parts(message, mentions)
    if parts:  # "remove the tripod and the mugs": all or nothing
        return remove_several(shop, ctx, parts)
    request = request_of(product_text, quantity_text, message, answering)
    by_article = not answering and request.quantity is None and one_by_article(message)
    with (
        asking(shop, ctx, "remove_item", "1" if by_article else request.quantity),
        shop.session_factory.begin() as session,
    ):
        cart, view = open_cart(session, shop, ctx)
        try:
            product, quantity = target(session, ctx, view, request, CART_BONUS, answering, earlier)
        except (AmbiguousProduct, UnknownProduct) as error:  # only the cart's lines offered
            raise cart_lines_only(error, view) from None
        not_by_a_modifier(session, None if answering else product_words(request), product)
        remember(session, ctx.conversation_id, product)
        if quantity is None and not answering and one_by_article(message):
            quantity = "1"  # "remove a mug": one of them
        if quantity is not None and (not answering or quantity_text is not None):
            return [take_out(session, cart, view, product, parse_quantity(quantity))]
        remove_line(session, cart, view, product)
        view = load_cart(session, cart.id)[1]
        return [Reply("utter_removed", {"name": product.name, **cart_params(view)})]


@replies_on_error
def change_quantity(
    shop: Shop,
    ctx: ChatContext,
    product_text: str | None,
    quantity_text: str | None,
    message: str | None = None,
    answering: bool = False,
    earlier: str | None = None,
) -> list[Reply]:
    """Set a product's quantity (the product must be in the cart); "two more" adds.

    A message naming no product means the product in focus ("make it 3"); one naming no
    quantity is asked about, never guessed (a removal verb removes: review s23, T2).
    """
    decrease = None if answering else decrease_by(message)
    if decrease is not None:  # "lower the mugs by one": take one out
        return remove_item(shop, ctx, decrease[0] or None, None, False, earlier, decrease[1])
    unclear = unclear_request(message, answering)
    if unclear is not None:  # "a few mugs": asked, the answer completes it
        return ask_quantity_back(shop, ctx, "change_quantity", unclear)
    request = request_of(product_text, quantity_text, message, answering)
    if not answering and request.quantity is None and says_remove(message):
        # "nix the mouse pad" with no number: a removal, never "How many?" whose answer adds
        return remove_item(shop, ctx, product_text, message, False, earlier)
    if request.direction is Direction.MORE:
        return add_item(shop, ctx, product_text, quantity_text, message, earlier=earlier)
    if request.direction is Direction.LESS:
        return remove_item(shop, ctx, product_text, message, False, earlier, quantity_text)
    with (
        asking(shop, ctx, "change_quantity", request.quantity),
        shop.session_factory.begin() as session,
    ):
        cart, view = open_cart(session, shop, ctx)
        with only_cart_lines(view):
            product, quantity_text = target(
                session, ctx, view, request, CART_BONUS, answering, earlier
            )
        if view.line_for(product.sku) is None:
            raise NotInCart(product.name)
        remember(session, ctx.conversation_id, product)
        if quantity_text is None:
            keep_quantity_question(session, ctx.conversation_id, "change_quantity", product.name)
            return [Reply("utter_ask_quantity", {"name": product.name})]
        quantity = parse_quantity(quantity_text)
        set_line(session, cart, product, quantity)
        view = load_cart(session, cart.id)[1]
        params = {"name": product.name, "quantity": str(quantity), **cart_params(view)}
        return [Reply("utter_quantity_changed", params)]


@replies_on_error
def swap_item(
    shop: Shop, ctx: ChatContext, message: str | None, mentions: Sequence[Mention] = ()
) -> list[Reply]:
    """Swap a line for another product (see :func:`bot.chat.swaps.swap_lines`).

    While "Did you mean …?" waits, a message naming one product and no swap ("the wireless
    mouse") answers it instead: a swap needs "instead" or both sides. A message with no swap
    cue ("128gb sd card x2") never replaces a line: a removal when its verb removes (s23,
    T2), an add when it says one (a verb or a quantity), else it asks how many.
    """
    old, new = ENGLISH.swap_sides(message or "", [m.value for m in mentions])
    said_instead = "instead" in (message or "").lower()
    pending = pending_question(shop, ctx)
    if old is None and not said_instead and pending and pending.question in SWAP_CHOICES | _CHOICES:
        return choose_option(shop, ctx, None, message)
    if says_swap(message):
        return swap_lines(shop, ctx, message, mentions)
    spans = " ".join(m.value for m in mentions) or None  # else the message's own words
    if says_remove(message) and not says_add(message):  # "nix the mouse pad": never an add
        return remove_item(shop, ctx, spans, message, mentions=mentions)
    # No swap cue: never replace a line; an add when the message says one, else ask.
    if says_add(message) or main_phrase(message or "") is not None:
        return add_item(shop, ctx, spans, None, message, mentions=mentions)  # read with "x 2"
    asked = [Reply("utter_ask_quantity", {"name": new or "of them"})]
    return ask_quantity_back(shop, ctx, "add_item", asked)


# The answers to a did-you-mean live in their own module, which reads this one's flows.
from bot.chat.cart_choices import choose_option, declined_choice  # noqa: E402

__all__ += ["choose_option", "declined_choice"]
