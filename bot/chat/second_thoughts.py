"""An answer that says both yes and no decides nothing and is asked again (G32, s25).

"yes... actually no", "no, actually yes", "sure — wait, no", "no way, that's cheap! ok":
while an offer or a "Just to be sure" question is open, such a message is neither answer
(issue 12, s25: the shopper has not decided). The offer's buttons, or the same confirmation,
are put again and nothing changes. A message that corrects itself to the same decision
("yes, actually yes please") is that decision, read as usual. English cues:
:mod:`bot.domain.language.en_second_thoughts`, :mod:`bot.domain.language.en_retention_answers`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat import selling
from bot.chat.confirm import ask_again
from bot.chat.replies import ChatContext, Reply
from bot.domain.language.en_retention_answers import says_yes_and_no
from bot.domain.language.en_second_thoughts import second_thought
from bot.services.shop import Shop
from bot.store.pending import PendingQuestion
from bot.store.tables import OfferEventRow

if TYPE_CHECKING:
    from bot.chat.turns import Turn


def settle(
    shop: Shop,
    ctx: ChatContext,
    turn: Turn,
    offer: OfferEventRow | None,
    confirmation: PendingQuestion | None,
) -> tuple[Turn, list[Reply] | None]:
    """The turn to read on, or the reply asking again when it says both yes and no.

    Returns:
        ``(turn, None)``: read the turn as usual; or ``(turn, replies)`` when it decides
        nothing (the offer or the confirmation, put again; the confirmation stays pending).
    """
    if turn.confirmed or (offer is None and confirmation is None):
        return turn, None
    if not says_yes_and_no(turn.text) and second_thought(turn.text) is None:
        return turn, None  # one decision, or none: read as usual
    if confirmation is not None:  # the same question again, still pending
        with shop.session_factory.begin() as session:
            return turn, [ask_again(session, ctx.conversation_id, confirmation)]
    return turn, selling.offer_detail(shop, replace(ctx, upset=True))  # asked again
