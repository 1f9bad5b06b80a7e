"""Open offers the shopper has moved on from are closed: a late yes/no answers nothing (G24).

The rule (s19): an offer — add-on, upgrade, downsell or retention — is open for the very
next message only. That message either answers it (yes, no, one of its options, a question
about it, or hesitation the answer reader keeps it open for) or it is something else; then
the offer is closed as ``superseded`` once that other request has been handled. So
"cancel my subscription" → offer → "what's in my cart?" → … → "no" answers nothing: the
"no" gets the nothing-pending reply, never a cancellation. Cancelling stays one message
away: the conversation's one retention offer was made, so the next cancel request (or the
"Cancel anyway" button, which carries its own intent) cancels at once.

A message the NLU could not place (``nlu_fallback``) is not moving on: the offer stays open
for the next message ("why do you suggest it?" → "Sorry, I didn't get that" → "ok, add it").

A message answered by a plain Rasa response ("thanks" → "You're welcome!") also counts as
moving on; the action server sees it in the tracker (``actions.common.answered_elsewhere``)
and closes what was open before the next flow runs.

Selling stays muted after a retention offer closed this way (:func:`cancel_undecided`):
the shopper asked to cancel and never settled it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.chat.replies import ChatContext, Reply
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.offers import OfferRepository
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

KEEPS_OPEN = frozenset(
    {
        "action_accept_offer",
        "action_decline_offer",
        "action_choose_option",
        "action_offer_detail",
    }
)
"""Actions that answer an offer by their nature: they resolve it themselves, or keep it."""
NOT_UNDERSTOOD = "nlu_fallback"
"""A message the NLU could not place: the shopper has not moved on, they said something about
the offer the bot did not get ("why do you suggest it"), so the offer stays open (s21 S2)."""
RESTATES = frozenset({"utter_no_selling_while_cancelling"})
"""Replies that put the open offer before the shopper again ("take the offer above, or cancel
right away"): the offer is still what they are looking at, so it stays open."""


def close_if_moved_on(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    before: OfferEventRow | None,
    answered: bool,
    replies: Sequence[Reply] = (),
) -> bool:
    """Close ``before`` when this turn did not answer it and it is still the open offer.

    Args:
        shop: The shop.
        ctx: The conversation.
        turn: The message just handled.
        before: The offer open when the message came in (``None``: nothing to do).
        answered: Whether the message was read as an answer to it.
        replies: The turn's replies: one that re-states the offer keeps it open.

    Returns:
        Whether an offer was closed. An offer made by this very turn is never touched.
    """
    if before is None or answered or turn.confirmed or turn.action in KEEPS_OPEN:
        return False
    if turn.intent == NOT_UNDERSTOOD:
        return False
    if any(_about_the_offer(reply) for reply in replies):
        return False
    with shop.session_factory.begin() as session:
        offers = OfferRepository(session)
        offer = offers.open_offer(ctx.conversation_id)
        if offer is None or offer.id != before.id:
            return False
        offers.resolve(offer, "superseded")
        return True


def _about_the_offer(reply: Reply) -> bool:
    """Whether a reply puts the open offer before the shopper again.

    It re-states the offer, or asks about it with a button that takes it ("2 × Clear Phone
    Case" to "make it 2" while the case is offered): the offer must stay open for that button.
    """
    if reply.response in RESTATES or reply.response.startswith("utter_offer"):
        return True
    return any(payload.startswith("/affirm") for _, payload in reply.buttons)


def cancel_undecided(shop: Shop, ctx: ChatContext) -> bool:
    """Whether this conversation's retention offer was left undecided (closed as moved on).

    The shopper asked to cancel and has not settled it: nothing is pitched to them in this
    conversation (the turn runs as for an upset shopper), as while the offer was open.
    """
    with shop.session_factory.begin() as session:
        events = OfferRepository(session).events(ctx.conversation_id)
        retention = [e for e in events if OfferKind(e.kind).is_retention]
        return bool(retention) and retention[-1].event == "superseded"
