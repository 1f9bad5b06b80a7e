"""Taking back the request being asked about: "never mind", "cancel that" (issue 12, s25).

To an open question — "Just to be sure: do you want me to …?", "Which subscription …?",
"Which one do you mean …?" — the whole message "cancel that", "never mind", "forget it",
"I don't want that", "changed my mind" or "scratch that" is a No to it: the question is
dropped, nothing changes, and the reply says so. It is never a new request ("cancel that"
during "empty my cart?" never starts a subscription cancel).

Only "cancel that" to a question that itself asks to cancel ("… cancel your Care Plus
subscription?") is unclear — it could be either answer — so that question is asked again.
With no question open, "never mind" / "actually nevermind" right after an add (the
conversation's last change added to the cart) offers to undo that add — asked, never done
on the guess (review s27, F24; an add-on offer shown with the add is declined first); after
anything else it is read as before.
Read first on every turn (:func:`bot.chat.dialogue.handle`). English cues:
:mod:`bot.domain.language.en_retention_answers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.chat import selling
from bot.chat.confirm import CONFIRM, ask_again, ask_confirmation
from bot.chat.option_pick import PICK_OPTION
from bot.chat.products import PENDING_MAX_AGE
from bot.chat.replies import ChatContext, Reply, line_name
from bot.chat.subscription_choice import CANCEL_WHAT, WHICH_SUBSCRIPTION
from bot.domain.language.en_retention_answers import cancels_by_name, withdraws
from bot.domain.models import OfferKind
from bot.services.cart import product_by_sku
from bot.services.shop import Shop
from bot.store.changes import CartChangeRepository
from bot.store.offers import OfferRepository
from bot.store.pending import PendingChoiceRepository, PendingQuestion

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_TAKEN_BACK = frozenset({CONFIRM, WHICH_SUBSCRIPTION, CANCEL_WHAT, PICK_OPTION})
"""Questions a withdrawal answers No to."""
_CANCELLING = ("action_cancel_subscription", "action_confirm_cancel")


def withdrawn(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """The reply when the message takes back the request asked about, else ``None``."""
    if turn.confirmed or not withdraws(turn.text):
        return None
    with shop.session_factory.begin() as session:
        pending = PendingChoiceRepository(session)
        question = pending.peek(ctx.conversation_id, PENDING_MAX_AGE)
        after_change = question is None and not cancels_by_name(turn.text)
        if question is None or question.question not in _TAKEN_BACK:
            question = None
        elif cancels_by_name(turn.text) and _asks_to_cancel(question):
            if question.question != CONFIRM:
                return None  # "cancel that" to "Which subscription should I cancel?": read on
            return [ask_again(session, ctx.conversation_id, question)]
        else:
            pending.clear(ctx.conversation_id)
    if after_change:  # "never mind" with no question open: right after an add? (s27, F24)
        return _offer_undo(shop, ctx, turn)
    return None if question is None else [Reply("utter_confirm_declined")]


def _offer_undo(shop: Shop, ctx: ChatContext, turn: Turn) -> list[Reply] | None:
    """Ask "undo adding 2 × Ceramic Mug?" when the last change of this chat was an add.

    An add-on offer shown with that add is declined first ("No problem — I won't suggest
    …"); any other open offer (a retention offer, an upgrade) reads the message itself.
    """
    if turn.action in _CANCELLING:
        return None  # a cancel's own reading
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).open_offer(ctx.conversation_id)
        kind = None if offer is None else OfferKind(offer.kind)
        if kind is not None and (kind.is_retention or not kind.adds_to_cart):
            return None
        summary = _added(session, ctx)
    if summary is None:
        return None
    declined = selling.decline_offer(shop, ctx) if offer is not None else []
    request = ("action_undo", "undo_change", {}, "undo that")
    with shop.session_factory.begin() as session:
        return declined + [ask_confirmation(session, ctx.conversation_id, request, summary)]


def _added(session: Session, ctx: ChatContext) -> str | None:
    """The undo's words ("undo adding 2 × Ceramic Mug") when the last change was an add."""
    change = CartChangeRepository(session).get(ctx.conversation_id)
    if change is None or not change.before:
        return None
    added = {sku: change.after.get(sku, 0) - was for sku, was in change.before.items()}
    if any(count <= 0 for count in added.values()):
        return None  # a removal, a swap or a quantity cut: not an add to take back
    names = [line_name(product_by_sku(session, sku).name, n) for sku, n in sorted(added.items())]
    return "undo adding " + " and ".join(names)


def _asks_to_cancel(question: PendingQuestion) -> bool:
    """Whether the question itself asks about cancelling ("… cancel your subscription?")."""
    if question.question == CONFIRM:
        action = question.options[0][0]
        summary = dict(question.options[1:]).get("summary", "")
        return action in _CANCELLING or summary.lower().startswith("cancel")
    return question.question == CANCEL_WHAT or question.detail in ("cancel", "cancel_now")
