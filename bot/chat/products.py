"""Which product the shopper means: index search, re-ranking, and "Did you mean A or B?".

A mention (the NLU's ``product`` span, or else the message's own words) is searched in the
store's index, the candidates and the cart's lines are re-ranked by
:func:`bot.domain.matching.resolve_product`, and a near tie becomes a question whose options
are kept in the shop store (:class:`bot.store.pending.PendingChoiceRepository`), so the
next reply — "the first one", "the 65 W one", a button, the full name — answers it on any
replica.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.chat.replies import ChatContext
from bot.domain.errors import AmbiguousProduct, DomainError, UnknownProduct
from bot.domain.language import ENGLISH, Language
from bot.domain.language.en_clauses import asked_text, refused
from bot.domain.language.en_sweeps import names_all
from bot.domain.language.en_words import without_leading_commands
from bot.domain.matching import by_score, decide, rank
from bot.domain.models import Product
from bot.domain.options import Pick, read_pick
from bot.services.cart import CartView
from bot.services.shop import Shop
from bot.store.mapping import product_of
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import CatalogRepository
from bot.store.search import ProductSearch

PENDING_MAX_AGE = timedelta(minutes=30)
ASK_PRODUCT = "ask_product"
"""The pending "Which product do you mean?" of a request naming none; its one option is
``(flow, quantity words)``: the product named next completes that request (issue 12, H6)."""
FLOW_QUESTIONS = frozenset({"add_item", "remove_item", "change_quantity"})
"""Did-you-mean questions an add, removal or quantity change answers (a swap's own are
answered by :func:`bot.chat.swaps.answer_swap`, never by another flow)."""


class MissingProduct(DomainError):
    """The shopper did not say which product."""


def search_product(
    session: Session,
    mention: str,
    view: CartView | None = None,
    cart_bonus: float = 0.0,
    language: Language = ENGLISH,
    broader: bool = True,
) -> Product:
    """Resolve a mention against the index's candidates and the cart's lines.

    The index is asked in passes, cheapest and most precise first
    (:meth:`ProductSearch.passes`); the first pass whose candidates name one product, or
    tie on every word, gives the answer, so a mention the catalog spells right costs one
    bounded query; a misspelt one goes on while the candidates so far tie or match poorly.

    Args:
        session: The flow's session.
        mention: What the shopper typed for the product.
        view: The cart, whose lines are candidates and break ties.
        cart_bonus: Preference for cart lines (remove and change).
        language: The shopper's language.
        broader: Also the last, slowest pass (a caller trying several readings of a
            message asks it only for the mention as given).

    Raises:
        UnknownProduct: Nothing matches well enough (with suggestions).
        AmbiguousProduct: A near tie (with the options' names and SKUs).
    """
    mention = _without_stand_in(session, mention, language)
    lines = [line.product for line in view.lines] if view else []
    prefer = {product.sku for product in lines}
    scored = {s.product.sku: s for s in rank(mention, lines, prefer, cart_bonus, language)}
    searched = False
    for rows in ProductSearch(session, language).passes(mention, broader=broader):
        if searched and not rows:
            continue  # this pass found nothing new: the answer stays the same
        searched = True
        fresh = [row for row in rows if row.sku not in scored]  # each name is ranked once
        ranked = rank(mention, fresh, prefer, cart_bonus, language)
        scored.update((s.product.sku, s) for s in ranked)
        try:
            return decide(mention, by_score(scored.values()), prefer, language)
        except UnknownProduct:
            continue  # nothing good yet: the next, wider pass
        except AmbiguousProduct as tie:
            if tie.settled:
                raise  # every option has every word: a wider pass cannot break the tie
    return decide(mention, by_score(scored.values()), prefer, language)


def _without_stand_in(session: Session, mention: str, language: Language) -> str:
    """The mention without a trailing stand-in noun ("the usb-c thing" → "the usb-c").

    A stand-in word names nothing, yet it can resemble part of a name ("thing" and "7-in-1")
    and tip a near tie to one product (s21 review S37). It is kept when the catalog has a
    name with that word ("Stuff Sack"), so such a product is still found by its name.
    """
    split = language.stand_in_tail(mention)
    if split is None:
        return mention
    rest, noun = split
    if ProductSearch(session, language).known_words(language.terms(noun)):
        return mention
    return rest


def find_product(
    session: Session, text: str | None, view: CartView | None = None, message: str | None = None
) -> Product:
    """Resolve what the shopper typed to a product, preferring the cart's lines on a tie.

    When the mention alone finds no single product and the whole ``message`` is given, the
    mention grown by neighbouring words is tried too (a span the model cut short: "camera"
    in "a better version of the snap camera?").

    Raises:
        MissingProduct: Nothing was typed.
        UnknownProduct: Nothing matches well enough (with suggestions).
        AmbiguousProduct: A near tie.
    """
    if not text or not text.strip():
        raise MissingProduct("which product?")
    for wider in [text, *ENGLISH.widenings(text, message)]:
        try:
            return search_product(session, wider, view, broader=False)
        except (UnknownProduct, AmbiguousProduct):
            continue
    return search_product(session, text, view)  # the last resort, or the span's own error


def _pick_pending(
    session: Session, pending: PendingQuestion, answer: str, language: Language
) -> Pick:
    """The reply read against the pending question's options, as the store has them now."""
    rows = CatalogRepository(session).by_skus(value for value, _ in pending.options)
    options = [product_of(rows[v]) for v, _ in pending.options if v in rows and rows[v].active]
    turned_down = refused(answer)  # "not the mug, the tripod": the mug is never the pick (s27)
    if turned_down:
        options = [
            p for p in options if not any(names_all(p.name, content(t)) for t in turned_down)
        ]
        asked = asked_text(answer)
        answer = asked if asked.strip() else (options[0].name if len(options) == 1 else "")
    return read_pick(answer, options, language)


def content(thing: str) -> str:
    """A refused thing's naming words ("the mug" → "mug")."""
    return ENGLISH.content(thing) or thing


def pick_answer(
    session: Session, pending: PendingQuestion, answer: str, message: str | None = None
) -> Pick:
    """How a reply answers the pending question: read as the mention, else as the whole message.

    ``answer`` is the product mention (or the message); ``message`` the whole text, read
    too when the mention alone answers nothing ("the cheaper one" whole).
    """
    pick = _pick_pending(session, pending, answer, ENGLISH)
    if not pick.answered and message and message != answer:
        pick = _pick_pending(session, pending, message, ENGLISH)
    return pick


def asked_again(pending: PendingQuestion, pick: Pick, answer: str) -> AmbiguousProduct:
    """The question asked again: with the options the reply narrowed it to, else all of them."""
    if pick.narrowed:
        names = tuple(p.name for p in pick.narrowed)
        return AmbiguousProduct(answer, names, tuple(p.sku for p in pick.narrowed))
    values, labels = zip(*pending.options, strict=True)
    return AmbiguousProduct(answer, labels, values)


def picks_pending_option(session: Session, pending: PendingQuestion, answer: str) -> bool:
    """Whether ``answer`` answers a pending did-you-mean ("the laptop one", "the cheaper one").

    True also for a plain answer that picks nothing ("the bigger one" when no name states a
    size): the question is then asked again rather than the reply read as a new request.
    """
    return _pick_pending(session, pending, answer, ENGLISH).answered


def understand(
    session: Session,
    ctx: ChatContext,
    view: CartView | None,
    request: tuple[str | None, str | None, str | None],
    cart_bonus: float = 0.0,
    answering: bool = False,
    earlier: str | None = None,
    prefer_lines: bool = True,
) -> tuple[Product, str | None]:
    """The product and quantity a cart request means.

    A pending "Did you mean …?" is answered first (and forgotten either way). Then the
    mention — the NLU's span, or the message's own words when it found none — is read in
    the ways :meth:`Language.readings` gives (a number after the name belongs to the name),
    and last grown by neighbouring words of the message (a span the model cut short: "camera"
    in "add the snap camera pro"). The first reading naming one product wins (each read
    without the slow last-resort pass); otherwise the span as given is searched with it,
    and its answer or error stands.

    Args:
        session: The flow's session.
        ctx: The conversation.
        view: The cart, whose lines are candidates and break ties.
        request: ``(product span, quantity text, whole message)`` as the NLU saw them.
        cart_bonus: Preference for cart lines (remove and change).
        answering: The message only answers the pending question: if it picks no
            option, the question is asked again instead of searching the catalog.
        earlier: The product last talked about, used when the message names none.
        prefer_lines: False for an add: the catalog alone, no cart line breaks a tie (s23).

    Returns:
        The product and the quantity text to use (None: the flow's default).

    Raises:
        MissingProduct, UnknownProduct, AmbiguousProduct: As :func:`search_product`.
    """
    language = ENGLISH
    product_text, quantity_text, message = request
    pending = PendingChoiceRepository(session).take(ctx.conversation_id, PENDING_MAX_AGE)
    if pending is not None and pending.question in FLOW_QUESTIONS:
        answer = product_text or message or ""
        pick = pick_answer(session, pending, answer, message)  # "the cheaper one" whole too
        if pick.product is not None:
            return pick.product, quantity_text or pending.detail
        if answering or pick.answered:  # ask again (narrowed when it can be), never guess
            raise asked_again(pending, pick, answer)
    mention = without_leading_commands(product_text) or language.content(message or "")
    if earlier and all(language.quantity(word) is not None for word in mention.split()):
        mention = earlier  # "make it 3": no product words, the one talked about
    if not mention.strip():
        raise MissingProduct("which product?")
    view = view if prefer_lines else None  # "also get a mouse" is no second Mouse Pad (T3)
    readings = language.readings(mention, quantity_text, message)
    if product_text:  # the model's span may be too short
        readings += [(wider, quantity_text) for wider in language.widenings(mention, message)]
    for reading, quantity in readings:
        try:
            found = search_product(session, reading, view, cart_bonus, language, broader=False)
        except (UnknownProduct, AmbiguousProduct):
            continue
        return found, quantity
    return search_product(session, mention, view, cart_bonus, language), quantity_text


@contextmanager
def asking(shop: Shop, ctx: ChatContext, question: str, detail: str | None) -> Iterator[None]:
    """Keep the options of a near tie raised inside as the conversation's pending question.

    So are the suggestions of "I couldn't find X. Did you mean Y?": "yes" / "that one"
    takes Y. The flow's own transaction has rolled back by then, so the question is stored
    in a transaction of its own; the error goes on to become "Did you mean A or B?" with a
    button per option ("Did you mean X?": Yes / No).

    Args:
        shop: The shop.
        ctx: The conversation.
        question: The flow an answer completes (``"add_item"``...).
        detail: What else the answer needs (the quantity asked for), or None.
    """
    try:
        yield
    except MissingProduct:  # "remove it" with nothing in focus: the answer names it (H6)
        if question in ("add_item", "remove_item", "change_quantity"):
            with shop.session_factory.begin() as session:
                PendingChoiceRepository(session).ask(
                    ctx.conversation_id,
                    PendingQuestion(ASK_PRODUCT, ((question, detail or ""),)),
                )
        raise
    except (AmbiguousProduct, UnknownProduct) as error:
        labels = error.options if isinstance(error, AmbiguousProduct) else error.suggestions
        if error.skus and len(error.skus) == len(labels):
            options = tuple(zip(error.skus, labels, strict=True))
            with shop.session_factory.begin() as session:
                PendingChoiceRepository(session).ask(
                    ctx.conversation_id, PendingQuestion(question, options, detail)
                )
                if question == "add_item":
                    error.sold_out = CatalogRepository(session).sold_out(options)
            error.asked = True
            error.operation = question  # the question says what the pick will do (S1)
        raise


def picked_sku(
    shop: Shop, ctx: ChatContext, pending: PendingQuestion, answer: str, message: str | None
) -> str | None:
    """The option an answer to the pending question picks, read without changing anything."""
    with shop.session_factory.begin() as session:
        pick = pick_answer(session, pending, answer, message)
        return pick.product.sku if pick.product is not None else None


def keep_the_others(shop: Shop, ctx: ChatContext, asked: PendingQuestion, sku: str) -> None:
    """After the option picked could not be done, leave the others as the pending question.

    The flow rolled back, so ``asked`` is still pending as it was: "the 256 one" was out of
    stock, and "the other one" (or "yes") next picks among the rest. A question answered
    or asked anew in the meantime is left as it is.
    """
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        if pending.peek(ctx.conversation_id, PENDING_MAX_AGE) != asked:
            return
        left = tuple(option for option in asked.options if option[0] != sku)
        if left:
            pending.ask(
                ctx.conversation_id,
                PendingQuestion(asked.question, left, asked.detail, queued=asked.queued),
            )


def pending_question(shop: Shop, ctx: ChatContext) -> PendingQuestion | None:
    """The conversation's pending question, if one is waiting."""
    with shop.session_factory.begin() as session:
        return PendingChoiceRepository(session).peek(ctx.conversation_id, PENDING_MAX_AGE)
