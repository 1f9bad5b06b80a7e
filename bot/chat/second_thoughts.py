"""An answer that corrects itself is read by its last decision (G32).

"yes... actually no", "sure — wait, no", "no, actually yes": while an offer or a "Just to
be sure" question is open, the message is read as the decision it ends on, never its first
word. An answer to an offer that removes an item or ends a subscription (downsell,
retention) is then confirmed once more ("Just to be sure: …?"), since the shopper has
just changed their mind; one that flip-flops and ends undecided changes nothing and the
question is put again. English cues: :mod:`bot.domain.language.en_second_thoughts`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat import selling
from bot.chat.confirm import ask_again
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_retention_answers import says_yes_and_no
from bot.domain.language.en_second_thoughts import Decision, second_thought
from bot.domain.models import OfferKind
from bot.services.shop import Shop
from bot.store.pending import PendingQuestion
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn

_AS_ANSWER = {
    Decision.YES: ("action_accept_offer", "affirm"),
    Decision.NO: ("action_decline_offer", "deny"),
}


def settle(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    offer: OfferEventRow | None,
    confirmation: PendingQuestion | None,
) -> tuple[Turn, list[Reply] | None]:
    """The turn as its last decision, or the reply when it ends undecided.

    Returns:
        ``(turn, None)``: the turn to read on (rewritten to a plain yes/no when the message
        corrected itself); or ``(turn, replies)`` when nothing is decided.
    """
    if turn.confirmed or (offer is None and confirmation is None):
        return turn, None
    mixed = says_yes_and_no(turn.text)  # "no way, that's cheap! ok": nothing decided (s25)
    decision = Decision.UNCLEAR if mixed else second_thought(turn.text)
    if decision is None:
        return turn, None
    if decision is Decision.UNCLEAR:
        if confirmation is not None:  # the same question again, still pending
            with shop.session_factory.begin() as session:
                return turn, [ask_again(session, ctx.conversation_id, confirmation)]
        return turn, selling.offer_detail(shop, replace(ctx, upset=True))  # asked again
    action, intent = _AS_ANSWER[decision]
    kind = OfferKind(offer.kind) if offer is not None else None
    exits = kind is not None and (kind is OfferKind.DOWNSELL or kind.is_retention)
    confidence = 0.0 if exits and confirmation is None else turn.confidence
    said = decision.value  # read on as the plain answer: "no, actually yes" is "yes"
    return replace(turn, action=action, intent=intent, confidence=confidence, text=said), None
