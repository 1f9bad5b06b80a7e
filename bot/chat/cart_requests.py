"""Reading a cart request: its parts, quantities, and the product a message names or means.

A message may ask for several products ("add a mug and a tripod", "2 mugs and 3 tripods"):
:func:`read_parts` splits it where the language joins items (" and ", ",") and the model's
product spans allow it (a span across a joint keeps it whole). Each part's quantity comes
from the quantity grammar (:mod:`bot.domain.quantities`), never from a slot, and a part
naming no product means the conversation's product in focus
(:class:`bot.store.focus.FocusRepository`): the one last added, changed or accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.products import MissingProduct, understand
from bot.chat.replies import ChatContext
from bot.domain.errors import AmbiguousProduct
from bot.domain.language import ENGLISH, Language
from bot.domain.language.en_focus import refers_back
from bot.domain.language.en_joints import item_breaks, merged
from bot.domain.language.en_subscription_safety import complains
from bot.domain.language.en_words import REFERENCE_NOUNS, drop_containers
from bot.domain.models import OfferKind, Product
from bot.domain.quantities import Direction, QuantityPhrase, main_phrase, without
from bot.services.cart import CartView
from bot.store.changes import CartChangeRepository
from bot.store.focus import FocusRepository
from bot.store.links import as_utc
from bot.store.mapping import product_of
from bot.store.repositories import CatalogRepository
from bot.store.tables import ConversationFocusRow, OfferEventRow


@dataclass(frozen=True)
class Mention:
    """A product span the NLU found: its text and, when known, its offsets in the message."""

    value: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class CartRequest:
    """What one request (or one part of a request for several products) asks for.

    Attributes:
        product: The product words without the quantity, or None when it names none.
        quantity: The quantity as written ("2x", "a couple of", "1.5"), or None.
        direction: Absolute, or relative ("one more", "one less").
        text: The message (or its part) the request was read from.
    """

    product: str | None
    quantity: str | None
    direction: Direction
    text: str


def _span(mention: Mention, text: str) -> tuple[int, int] | None:
    """Where a mention is in the text: its offsets when they fit, else where it is found."""
    start, end = mention.start, mention.end
    fits = start is not None and end is not None and 0 <= start < end <= len(text)
    if fits and text[start:end].lower() == mention.value.lower():  # type: ignore[index]
        return start, end  # type: ignore[return-value]
    found = text.lower().find(mention.value.lower())
    return (found, found + len(mention.value)) if found >= 0 else None


def read_request(
    product_text: str | None,
    quantity_text: str | None,
    message: str | None,
    language: Language = ENGLISH,
) -> CartRequest:
    """One request's product words and quantity.

    The quantity is read from the message by the grammar; the NLU's quantity is used only
    when there is no message. Quantity words are taken out of the product words ("2x mug"
    → "mug"); a part with nothing else names no product.
    """
    text = message or ""
    phrase: QuantityPhrase | None = main_phrase(text, language) if text else None
    if phrase is None and not text and quantity_text:
        phrase = main_phrase(quantity_text, language)
        quantity = quantity_text
    else:
        quantity = phrase.text if phrase else None
    words = drop_containers(without(product_text, phrase)) if product_text else None
    if words is not None and not language.content(words).strip():
        words = None
    direction = phrase.direction if phrase else Direction.ABSOLUTE
    return CartRequest(words, quantity, direction, text)


def read_parts(
    message: str | None, mentions: Sequence[Mention] = (), language: Language = ENGLISH
) -> list[CartRequest]:
    """The requests of a message asking for several products (one or none: a single request).

    A part counts when it has product words of its own; the model's spans say which words
    those are when they were found in the message. A complaint clause with no span ("this is
    a total rip off") is no part.
    """
    text = message or ""
    spans = [span for span in (_span(m, text) for m in mentions) if span is not None]
    cuts = [
        (start, end)
        for start, end in language.joints(text)
        if not any(s < start and end < e for s, e in spans)
    ]
    edges = [0, *[i for cut in merged(cuts + item_breaks(text)) for i in cut], len(text)]
    parts = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        inside = _inside(text, spans, start, end)
        part = text[start:end]
        if not inside and complains(part):  # "this is a total rip off, remove the camera"
            continue  # a complaint clause names no product
        request = read_request(" ".join(inside) or None, None, part, language)
        content = language.content(without(part, main_phrase(part, language)))
        if inside or content.strip():
            parts.append(request)
    return parts if len(parts) > 1 else []


def _inside(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> list[str]:
    """The model's product words within one part: a span across a slang joint is clipped.

    "mugs n a tripod" is read as "mugs" in "3 mugs" and "a tripod" in "a tripod" (F15).
    """
    clipped = [text[max(s, start) : min(e, end)].strip() for s, e in spans if s < end and start < e]
    return [words for words in clipped if ENGLISH.content(words).strip()]


def queued_text(request: CartRequest) -> str:
    """A part of a several-item add as it waits behind a question: its quantity and words."""
    words = (request.product or request.text).strip()
    said = request.quantity
    if said and not re.search(rf"(?i)(?<!\w){re.escape(said.strip())}(?!\w)", words):
        return f"{said.strip()} {words}"
    return words


def product_words(request: CartRequest, language: Language = ENGLISH) -> str | None:
    """The request's product words: the NLU's, or the message's own words without the quantity.

    Words that only refer to a product ("that item", "the last one") name none: the
    request means the product in focus, as the confirmation named it (review s20, G12).
    """
    said = request.product or language.content(
        without(request.text, main_phrase(request.text, language))
    )
    if said and all(w in REFERENCE_NOUNS for w in language.content(said).split()):
        return None
    return said or None


def request_of(
    product_text: str | None, quantity_text: str | None, message: str | None, answering: bool
) -> CartRequest:
    """The request of a message; an answer to "Did you mean …?" is taken as it is."""
    if answering:
        return CartRequest(product_text, quantity_text, Direction.ABSOLUTE, message or "")
    return read_request(product_text, quantity_text, message)


def target(
    session: Session,
    ctx: ChatContext,
    view: CartView,
    request: CartRequest,
    cart_bonus: float = 0.0,
    answering: bool = False,
    earlier: str | None = None,
    adding: bool = False,
) -> tuple[Product, str | None]:
    """The product and quantity text one request means.

    A request naming no product means ``earlier`` when given, else the conversation's
    product in focus ("remove it", "one more"). An add (``adding``) reads its words
    against the catalog: a cart line never breaks its near tie (review s23, T3), except for
    "one more / another X", which asks for more of what the cart holds.
    """
    if answering:
        asked = (request.product, request.quantity, request.text)
        return understand(session, ctx, view, asked, cart_bonus, answering=True)
    words = product_words(request)
    if words is None and earlier is None and adding and names_nothing(request):
        raise MissingProduct("what to add?")  # "add 🍕", a bare "add": asked (F22)
    if words is None and earlier is None:
        lines = several_changed(session, ctx.conversation_id, view)
        if len(lines) > 1:  # "remove it" after "add a mug and a tripod": which one? (H5)
            names = tuple(product.name for product in lines)
            raise AmbiguousProduct("it", names, tuple(product.sku for product in lines))
        focus = in_focus(session, ctx.conversation_id)
        earlier = focus.name if focus else None
    asked = (words, request.quantity, request.text if words else "")
    more_of_a_line = request.direction is Direction.MORE  # "add one more zephyrine board"
    return understand(
        session, ctx, view, asked, cart_bonus, earlier=earlier,
        prefer_lines=not adding or more_of_a_line,
    )  # fmt: skip


def names_nothing(request: CartRequest) -> bool:
    """Whether a typed request names no product and points back at none ("add 🍕", "add").

    Only "it", "that", "one more", "another"... mean the product in focus; a button's
    payload (no text) keeps its own meaning.
    """
    said = request.text.strip()
    if not said or request.direction is Direction.MORE:
        return False
    return product_words(request) is None and not refers_back(said)


def several_changed(session: Session, conversation_id: str, view: CartView) -> list[Product]:
    """The cart lines the conversation's last change added or changed, when it was several.

    After "add a mug and a tripod", "it" could be either: the flows ask which one (issue 12,
    s25, H5). A swap (one line out, one in) or a change of one line is no such change.
    """
    change = CartChangeRepository(session).get(conversation_id)
    if change is None:
        return []
    lines = [
        line.product
        for line in view.lines
        if change.after.get(line.product.sku, 0) > 0
        and change.after[line.product.sku] != change.before.get(line.product.sku, 0)
    ]
    return lines if len(lines) > 1 else []


def in_focus(session: Session, conversation_id: str) -> Product | None:
    """The product this conversation last added, changed or accepted, if any."""
    focus = session.get(ConversationFocusRow, conversation_id)
    accepted = session.scalar(
        select(OfferEventRow)
        .where(
            OfferEventRow.conversation_id == conversation_id,
            OfferEventRow.event == "accepted",
            OfferEventRow.kind.in_([k.value for k in OfferKind if k.adds_to_cart or k.swaps_line]),
        )
        .order_by(OfferEventRow.id.desc())
        .limit(1)
    )
    sku = focus.sku if focus else None
    if accepted is not None and (
        focus is None or as_utc(accepted.created_at) >= as_utc(focus.updated_at)
    ):
        sku = accepted.sku
    row = CatalogRepository(session).by_sku(sku) if sku else None
    return product_of(row) if row is not None else None


def remember(session: Session, conversation_id: str, product: Product) -> None:
    """Make ``product`` the conversation's product in focus."""
    FocusRepository(session).set(conversation_id, product.sku)
