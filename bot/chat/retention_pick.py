"""Several retention options asked for at once: name them and ask for one (nothing changes).

"switch to basic and give me the discount too" during a retention offer grants neither
silently: the shopper picks one with a button (see :func:`bot.domain.dialogue.retention_choices`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.option_pick import remember
from bot.chat.replies import Reply
from bot.chat.retention import OPTION_WORDS
from bot.domain.language.en_requests import describe_days
from bot.domain.models import OfferKind
from bot.domain.offer_buttons import YES, offer_payload
from bot.domain.retention import CHEAPER_PLAN, DISCOUNT, OPTION_OF, PAUSE
from bot.services.shop import Shop
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import OfferEventRow

_CHOICE_BUTTONS = {PAUSE: "/pause_subscription", DISCOUNT: "/ask_discount_code"}


def pick_one_option(session: Session, shop: Shop, offer: OfferEventRow, wanted: list[str]) -> Reply:
    """Asked for several retention options at once: name them and ask for one; change nothing.

    Each option gets a button that asks for exactly it (the offered option: its Yes,
    ``/affirm{"offer_id": …}``), and
    cancel stays one tap away.
    """
    offered_option = OPTION_OF[OfferKind(offer.kind)]
    offered_plan = SubscriptionRepository(session).plan_by_code(offer.sku)
    words, buttons = [], []
    for option in wanted:
        if option == CHEAPER_PLAN and offered_option == CHEAPER_PLAN and offered_plan:
            word, title = f"switching to {offered_plan.name}", f"Switch to {offered_plan.name}"
        else:
            word = OPTION_WORDS[option]
            title = {
                CHEAPER_PLAN: "A cheaper plan",
                PAUSE: "Pause for " + describe_days(shop.retention.pause_days),
                DISCOUNT: "The discount",
            }[option]
        payload = (
            offer_payload(YES, offer.id)
            if option == offered_option
            else _CHOICE_BUTTONS.get(option, "switch me to the cheaper plan")
        )
        words.append(word)
        buttons.append((title, payload))
    buttons.append(("Cancel anyway", "/cancel_anyway"))
    listing = " or ".join(words)
    remember(session, offer.conversation_id, offer.id, listing, tuple(buttons))  # "yes": which?
    return Reply("utter_retention_pick_one", {"options": listing}, tuple(buttons))
